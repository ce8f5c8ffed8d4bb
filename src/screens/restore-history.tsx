// Velero Restores, newest first, with their results.
import { Box, Text } from 'ink';
import { VirtualList } from '../components/virtual-list.js';
import { restorePhaseView } from '../format/phase.js';
import { formatAge, formatDuration } from '../format/units.js';
import type { Restore } from '../services/model.js';
import { restoreKindOf } from '../state/restore-view.js';
import { cell, TONE_COLOR, useSize } from './restore-parts.js';

export function RestoreHistory({ restores, selected, height, now }: { restores: Restore[]; selected: number; height: number; now: Date }) {
  const { columns } = useSize();
  const wide = columns >= 110;
  const nameW = Math.max(24, Math.min(40, columns - (wide ? 80 : 50)));
  if (!restores.length) {
    return (
      <Box flexDirection="column">
        <Text bold>Restore history</Text>
        <Text dimColor>No restores in this cluster yet.</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text bold>Restore history (newest first)</Text>
      <Text dimColor>
        {'  '}
        {cell('NAME', nameW)} {wide ? `${cell('FROM SNAPSHOT', 28)} ` : ''}
        {cell('KIND', 7)} {cell('STARTED', 8)} {cell('TOOK', 7)} RESULT
      </Text>
      <VirtualList
        items={restores}
        cursor={selected}
        height={height}
        rowKey={(r) => r.metadata.name ?? ''}
        renderRow={(r, _i, on) => <Row restore={r} on={on} now={now} nameW={nameW} wide={wide} />}
      />
      {restores.length > height && (
        <Text dimColor>
          {'  '}
          {selected + 1} of {restores.length}
        </Text>
      )}
    </Box>
  );
}

function Row({ restore: r, on, now, nameW, wide }: { restore: Restore; on: boolean; now: Date; nameW: number; wide: boolean }) {
  const view = restorePhaseView(r);
  const st = r.status ?? {};
  const began = Date.parse(st.startTimestamp ?? r.metadata.creationTimestamp ?? '');
  const ended = Date.parse(st.completionTimestamp ?? '');
  const took = Number.isNaN(began) ? undefined : (Number.isNaN(ended) ? now.getTime() : ended) - began;
  const counts = [st.errors ? `${st.errors}E` : '', st.warnings ? `${st.warnings}W` : ''].filter(Boolean).join(' ');
  return (
    <Text inverse={on} wrap="truncate-end">
      {on ? '> ' : '  '}
      {cell(r.metadata.name ?? '', nameW)} {wide ? `${cell(r.spec.backupName ?? r.spec.scheduleName ?? '', 28)} ` : ''}
      {cell(restoreKindOf(r), 7)} {cell(formatAge(st.startTimestamp ?? r.metadata.creationTimestamp, now), 8)} {cell(formatDuration(took), 7)}{' '}
      <Text color={TONE_COLOR[view.tone]}>{view.running ? view.label : shortResult(r)}</Text>
      {counts ? ` ${counts}` : ''}
    </Text>
  );
}

function shortResult(r: Restore): string {
  switch (r.status?.phase) {
    case 'PartiallyFailed':
      return 'Partially failed';
    case 'FailedValidation':
      return 'Refused';
    default:
      return r.status?.phase ?? 'New';
  }
}

// A finished restore: the outcome in plain words, what to do next, and the
// warnings and errors grouped by namespace (read from the bucket), in the
// shared log viewer so long results can be searched and stepped through.
import { Box, Text } from 'ink';
import { useCallback, useEffect, useState } from 'react';
import { useAppState, useEffectContext } from '../components/app-context.js';
import { LogViewer, type ViewerLine } from '../components/log-viewer.js';
import { safeLine } from '../format/safe-text.js';
import { formatDuration, formatTimestamp } from '../format/units.js';
import type { Restore } from '../services/model.js';
import { loadRestoreReport, type RestoreReport } from '../state/restore-report.js';
import { groupResults, nextSteps, restoreKindOf, resultHeadline } from '../state/restore-view.js';
import { locationHasKeys } from '../state/snapshots-plan.js';
import { TONE_COLOR } from './restore-parts.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function resultLines(restore: Restore, steps: string[], report: RestoreReport | undefined): ViewerLine[] {
  const lines: ViewerLine[] = [];
  if (steps.length) {
    lines.push({ text: 'What to do next', tone: 'heading' });
    for (const s of steps) lines.push({ text: `  • ${safeLine(s)}` });
  }
  const counted = (restore.status?.errors ?? 0) + (restore.status?.warnings ?? 0);
  if (!report) return [...lines, { text: 'Reading warnings and errors from the bucket…', tone: 'muted' }];
  if (report.problem) {
    return [...lines, { text: `Warnings and errors: could not read them (${safeLine(report.problem)}). ctrl-r tries again.`, tone: counted ? 'warn' : 'muted' }];
  }
  const groups = groupResults(report.results ?? { errors: {}, warnings: {} });
  if (!groups.length) return [...lines, { text: 'No warnings or errors.', tone: 'ok' }];
  lines.push({ text: 'Warnings and errors by namespace', tone: 'heading' });
  for (const g of groups) {
    const counts = [g.errors.length ? plural(g.errors.length, 'error') : '', g.warnings.length ? plural(g.warnings.length, 'warning') : ''];
    lines.push({ text: `  ${safeLine(g.scope)} — ${counts.filter(Boolean).join(', ')}`, tone: g.errors.length ? 'error' : 'warn' });
    for (const e of g.errors) lines.push({ text: `    ✗ ${safeLine(e)}`, tone: 'error' });
    for (const w of g.warnings) lines.push({ text: `    ! ${safeLine(w)}`, tone: 'warn' });
  }
  return lines;
}

export function RestoreResult({ restore, back, showLog }: { restore: Restore; back: () => void; showLog: () => void }) {
  const ctx = useEffectContext();
  const profile = useAppState((s) => s.profile);
  const snapshot = useAppState((s) => s.objects.Backup[restore.spec.backupName ?? '']);
  const hasKeys = useAppState((s) => locationHasKeys(s, snapshot?.spec.storageLocation));
  const name = restore.metadata.name ?? '';
  const [report, setReport] = useState<RestoreReport>();
  const load = useCallback(() => {
    setReport(undefined);
    let live = true;
    void loadRestoreReport(ctx, name).then((r) => live && setReport(r));
    return () => {
      live = false;
    };
  }, [ctx, name]);
  useEffect(load, [load, restore.status?.phase]);

  const head = resultHeadline(restore);
  const st = restore.status ?? {};
  const began = Date.parse(st.startTimestamp ?? '');
  const ended = Date.parse(st.completionTimestamp ?? '');
  const what = `Restore ${name} (${restoreKindOf(restore)}) from ${restore.spec.backupName ?? '?'}`;
  const how =
    `${st.progress?.itemsRestored ?? '?'} of ${st.progress?.totalItems ?? '?'} items` +
    `${Number.isNaN(began) || Number.isNaN(ended) ? '' : ` · took ${formatDuration(ended - began)}`} · finished ${formatTimestamp(st.completionTimestamp)}`;
  return (
    <LogViewer
      title={
        <Text color={TONE_COLOR[head.tone]}>
          {head.tone === 'ok' ? '✓' : head.tone === 'warn' ? '!' : '✗'} {safeLine(head.text)}
        </Text>
      }
      status={
        <Box flexDirection="column">
          <Text dimColor wrap="truncate-end">
            {safeLine(what)}
          </Text>
          <Text dimColor wrap="truncate-end">
            {how}
          </Text>
        </Box>
      }
      lines={resultLines(restore, nextSteps(restore, profile, snapshot?.spec.includedNamespaces, hasKeys), report)}
      onBack={back}
      bindings={[
        { key: 'l', label: 'restore log', run: showLog },
        { key: 'ctrl-r', label: 'reload results', run: () => void load(), helpOnly: true },
      ]}
    />
  );
}

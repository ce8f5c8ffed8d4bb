// A finished restore: the outcome in plain words, what to do next, and the
// warnings and errors grouped by namespace (read from the bucket). Scrolls.
import { Box, Text } from 'ink';
import { useCallback, useEffect, useState } from 'react';
import { useAppState, useEffectContext } from '../components/app-context.js';
import { useScreenKeys } from '../components/screen-keys.js';
import { safeLine } from '../format/safe-text.js';
import { formatDuration, formatTimestamp } from '../format/units.js';
import type { Restore } from '../services/model.js';
import { loadRestoreReport, type RestoreReport } from '../state/restore-report.js';
import { groupResults, nextSteps, restoreKindOf, resultHeadline } from '../state/restore-view.js';
import { TONE_COLOR, useSize } from './restore-parts.js';

interface Line {
  text: string;
  color?: string;
  bold?: boolean;
}

function bodyLines(restore: Restore, steps: string[], report: RestoreReport | undefined): Line[] {
  const lines: Line[] = [];
  if (steps.length) {
    lines.push({ text: 'What to do next', bold: true });
    for (const s of steps) lines.push({ text: `  • ${s}` });
  }
  const counted = (restore.status?.errors ?? 0) + (restore.status?.warnings ?? 0);
  if (!report) return [...lines, { text: 'Reading warnings and errors from the bucket…', color: 'gray' }];
  if (report.problem) {
    return [...lines, { text: `Warnings and errors: could not read them (${report.problem}). ctrl-r tries again.`, color: counted ? 'yellow' : 'gray' }];
  }
  const groups = groupResults(report.results ?? { errors: {}, warnings: {} });
  if (!groups.length) return [...lines, { text: 'No warnings or errors.', color: 'green' }];
  lines.push({ text: 'Warnings and errors by namespace', bold: true });
  for (const g of groups) {
    const n = (k: 'errors' | 'warnings') => (g[k].length ? `${g[k].length} ${k.slice(0, -1)}${g[k].length === 1 ? '' : 's'}` : '');
    lines.push({ text: `  ${g.scope} — ${[n('errors'), n('warnings')].filter(Boolean).join(', ')}`, bold: true, color: g.errors.length ? 'red' : 'yellow' });
    for (const e of g.errors) lines.push({ text: `    ✗ ${e}`, color: 'red' });
    for (const w of g.warnings) lines.push({ text: `    ! ${w}`, color: 'yellow' });
  }
  return lines;
}

export function RestoreResult({ restore, back, showLog }: { restore: Restore; back: () => void; showLog: () => void }) {
  const ctx = useEffectContext();
  const profile = useAppState((s) => s.profile);
  const name = restore.metadata.name ?? '';
  const [report, setReport] = useState<RestoreReport>();
  const [top, setTop] = useState(0);
  const { rows } = useSize();
  const load = useCallback(() => {
    setReport(undefined);
    let live = true;
    void loadRestoreReport(ctx, name).then((r) => live && setReport(r));
    return () => {
      live = false;
    };
  }, [ctx, name]);
  useEffect(load, [load, restore.status?.phase]);

  const lines = bodyLines(restore, nextSteps(restore, profile), report);
  const height = Math.max(3, rows - 12);
  const maxTop = Math.max(0, lines.length - height);
  const scroll = (d: number) => setTop((t) => Math.max(0, Math.min(maxTop, t + d)));
  useScreenKeys([
    { key: 'l', label: 'log', run: showLog },
    { key: 'esc', label: 'back', run: back },
    { key: 'ctrl-r', label: 'reload results', run: () => void load(), helpOnly: true },
    { key: 'up', aliases: ['k'], label: 'scroll up', run: () => scroll(-1), helpOnly: true },
    { key: 'down', aliases: ['j'], label: 'scroll down', run: () => scroll(1), helpOnly: true },
    { key: 'pgup', label: 'page up', run: () => scroll(-height), helpOnly: true },
    { key: 'pgdn', label: 'page down', run: () => scroll(height), helpOnly: true },
  ]);

  const head = resultHeadline(restore);
  const st = restore.status ?? {};
  const began = Date.parse(st.startTimestamp ?? '');
  const ended = Date.parse(st.completionTimestamp ?? '');
  const start = Math.min(top, maxTop);
  return (
    <Box flexDirection="column">
      <Text bold color={TONE_COLOR[head.tone]} wrap="wrap">
        {head.tone === 'ok' ? '✓' : head.tone === 'warn' ? '!' : '✗'} {safeLine(head.text)}
      </Text>
      <Text dimColor wrap="truncate-end">
        {safeLine(name)} · {restoreKindOf(restore)} from {safeLine(restore.spec.backupName)} · {st.progress?.itemsRestored ?? '?'} of {st.progress?.totalItems ?? '?'} items
        {Number.isNaN(began) || Number.isNaN(ended) ? '' : ` · took ${formatDuration(ended - began)}`} · finished {formatTimestamp(st.completionTimestamp)}
      </Text>
      <Box flexDirection="column" marginTop={1}>
        {lines.slice(start, start + height).map((l, i) => (
          <Text key={start + i} color={l.color} bold={l.bold} wrap="truncate-end">
            {safeLine(l.text)}
          </Text>
        ))}
        {lines.length > height && (
          <Text dimColor>
            lines {start + 1}–{Math.min(lines.length, start + height)} of {lines.length} (↑↓ pgup pgdn)
          </Text>
        )}
      </Box>
    </Box>
  );
}

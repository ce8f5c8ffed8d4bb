// The restore log Velero wrote to the bucket.
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { useEffectContext } from '../components/app-context.js';
import { useScreenKeys } from '../components/screen-keys.js';
import { safeLine, safeText } from '../format/safe-text.js';
import { errorText } from '../state/operations.js';
import { loadRestoreLog } from '../state/restore-report.js';
import { useSize } from './restore-parts.js';

export function RestoreLog({ name, back }: { name: string; back: () => void }) {
  const ctx = useEffectContext();
  const [log, setLog] = useState<{ lines?: string[]; error?: string }>();
  const [top, setTop] = useState(0);
  const { rows } = useSize();
  useEffect(() => {
    let live = true;
    loadRestoreLog(ctx, name).then(
      (text) => live && setLog({ lines: safeText(text).split('\n') }),
      (err: unknown) => live && setLog({ error: errorText(err) }),
    );
    return () => {
      live = false;
    };
  }, [ctx, name]);
  const lines = log?.lines ?? [];
  const height = Math.max(3, rows - 9);
  const maxTop = Math.max(0, lines.length - height);
  const scroll = (d: number) => setTop((t) => Math.max(0, Math.min(maxTop, t + d)));
  useScreenKeys([
    { key: 'esc', label: 'back', run: back },
    { key: 'up', aliases: ['k'], label: 'scroll up', run: () => scroll(-1), helpOnly: true },
    { key: 'down', aliases: ['j'], label: 'scroll down', run: () => scroll(1), helpOnly: true },
    { key: 'pgup', label: 'page up', run: () => scroll(-height), helpOnly: true },
    { key: 'pgdn', label: 'page down', run: () => scroll(height), helpOnly: true },
  ]);
  const start = Math.min(top, maxTop);
  return (
    <Box flexDirection="column">
      <Text bold>Log of restore {safeLine(name)}</Text>
      {!log && <Text dimColor>Reading the log from the bucket…</Text>}
      {log?.error && <Text color="red">Could not read the log: {safeLine(log.error)}</Text>}
      {lines.slice(start, start + height).map((l, i) => (
        <Text key={start + i} wrap="truncate-end" color={/level=error/.test(l) ? 'red' : /level=warn/.test(l) ? 'yellow' : undefined}>
          {l}
        </Text>
      ))}
      {lines.length > height && (
        <Text dimColor>
          lines {start + 1}–{Math.min(lines.length, start + height)} of {lines.length}
        </Text>
      )}
    </Box>
  );
}

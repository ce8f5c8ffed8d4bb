import { Text } from 'ink';

/** `[█████░░░░░] 52%` — width in cells; unknown totals show an empty bar with "?". */
export function ProgressBar({ done, total, width = 30 }: { done: number; total: number | undefined; width?: number }) {
  if (!total || total <= 0) {
    return <Text dimColor>[{'░'.repeat(width)}] ?</Text>;
  }
  const ratio = Math.max(0, Math.min(1, done / total));
  const filled = Math.round(ratio * width);
  return (
    <Text>
      [<Text color="green">{'█'.repeat(filled)}</Text>
      <Text dimColor>{'░'.repeat(width - filled)}</Text>] {Math.floor(ratio * 100)}%
    </Text>
  );
}

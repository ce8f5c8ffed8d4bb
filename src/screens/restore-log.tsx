// The restore log Velero wrote to the bucket, in the shared log viewer,
// opened at the first error line.
import { Text } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import { useEffectContext } from '../components/app-context.js';
import { LogViewer, logLines } from '../components/log-viewer.js';
import { safeLine } from '../format/safe-text.js';
import { errorText } from '../state/operations.js';
import { loadRestoreLog } from '../state/restore-report.js';

export function RestoreLog({ name, back }: { name: string; back: () => void }) {
  const ctx = useEffectContext();
  const [log, setLog] = useState<{ text?: string; error?: string }>();
  useEffect(() => {
    let live = true;
    loadRestoreLog(ctx, name).then(
      (text) => live && setLog({ text }),
      (err: unknown) => live && setLog({ error: errorText(err) }),
    );
    return () => {
      live = false;
    };
  }, [ctx, name]);
  const lines = useMemo(() => logLines(log?.text ?? ''), [log]);
  const firstError = lines.findIndex((l) => l.tone === 'error');
  // Remount once loaded so the viewer opens at the first error.
  return (
    <LogViewer
      key={log ? 'loaded' : 'loading'}
      title={`Log of restore ${safeLine(name)}`}
      lines={lines}
      onBack={back}
      initialLine={firstError >= 0 ? firstError : undefined}
      status={
        !log ? (
          <Text dimColor>Reading the log from the bucket…</Text>
        ) : log.error ? (
          <Text color="red">Could not read the log: {safeLine(log.error)}</Text>
        ) : undefined
      }
    />
  );
}

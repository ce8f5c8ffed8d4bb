// `l`: the backup log Velero wrote to the bucket, in the log viewer. A failed
// snapshot opens at its first error line.
import { Text } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import { useAppState, useEffectContext } from '../components/app-context.js';
import type { KeyBinding } from '../components/keys.js';
import { LogViewer, logLines } from '../components/log-viewer.js';
import { safeLine } from '../format/safe-text.js';
import { errorText } from '../state/operations.js';
import { loadSnapshotLog } from '../state/snapshots-storage.js';

type Loaded = { text: string } | { error: string } | undefined;

export function SnapshotLogs({ name, onBack, actions = [] }: { name: string; onBack: () => void; actions?: KeyBinding[] }) {
  const ctx = useEffectContext();
  const phase = useAppState((s) => s.objects.Backup[name]?.status?.phase);
  const [loaded, setLoaded] = useState<Loaded>();
  const [reloads, setReloads] = useState(0);
  const [raw, setRaw] = useState(false);

  useEffect(() => {
    let live = true;
    setLoaded(undefined);
    loadSnapshotLog(ctx, name).then(
      (text) => live && setLoaded({ text }),
      (err: unknown) => live && setLoaded({ error: errorText(err) }),
    );
    return () => {
      live = false;
    };
  }, [ctx, name, reloads]);

  // Compact by default: time, level and message first; the backup name and Go source file repeat on every line.
  const lines = useMemo(
    () => (loaded && 'text' in loaded ? logLines(loaded.text, { compact: !raw, drop: ['backup', 'logSource'] }) : []),
    [loaded, raw],
  );
  const failed = phase === 'Failed' || phase === 'PartiallyFailed';
  const firstError = failed ? lines.findIndex((l) => l.tone === 'error') : -1;
  const bindings: KeyBinding[] = [
    ...actions,
    { key: 'r', label: raw ? 'compact lines' : 'raw lines', run: () => setRaw(!raw), helpOnly: true },
    { key: 'ctrl-r', label: 'reload', run: () => setReloads((n) => n + 1), helpOnly: true },
  ];

  const status = !loaded ? (
    <Text color="yellow">Reading the log from the bucket…</Text>
  ) : 'error' in loaded ? (
    <Text color="red" wrap="wrap">
      Could not read the log: {safeLine(loaded.error)}
    </Text>
  ) : lines.length === 0 ? (
    <Text dimColor>The log is empty.</Text>
  ) : undefined;

  return (
    <LogViewer
      // Remount when the text arrives so the pane opens at the first error.
      key={loaded ? 'loaded' : 'loading'}
      title={`Log of ${safeLine(name)}`}
      lines={lines}
      onBack={onBack}
      bindings={bindings}
      status={status}
      initialLine={firstError >= 0 ? firstError : undefined}
    />
  );
}

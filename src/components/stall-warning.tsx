// "Velero is not processing": the stall warnings of state/stall.ts, for the
// header (every stall) and the progress views (the one being watched). The
// "no progress for N s" counter ticks while shown.
import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { useAppState, useEffectContext } from './app-context.js';
import { stallOf, stallSummary, stallText } from '../state/stall.js';
import type { Stall } from '../state/types.js';

function useTick(active: boolean): Date {
  const ctx = useEffectContext();
  const [now, setNow] = useState(() => ctx.now());
  useEffect(() => {
    if (!active) return;
    setNow(ctx.now());
    const timer = setInterval(() => setNow(ctx.now()), 1000);
    return () => clearInterval(timer);
  }, [ctx, active]);
  return now;
}

function Line({ stall, now, short }: { stall: Stall; now: Date; short?: boolean }) {
  const down = stall.server?.answering === false;
  return (
    <Text color={down ? 'red' : 'yellow'} wrap={short ? 'truncate-end' : 'wrap'}>
      ⚠ {short ? stallSummary(stall, now) : stallText(stall, now)}
    </Text>
  );
}

/** Every stalled snapshot or restore (header). */
export function StallLines() {
  const stalls = useAppState((s) => s.stalls);
  const list = Object.values(stalls ?? {});
  const now = useTick(list.length > 0);
  return (
    <>
      {list.map((s) => (
        <Line key={`${s.kind}/${s.name}`} stall={s} now={now} short />
      ))}
    </>
  );
}

/** The stall of one snapshot or restore, if it has one (progress views). */
export function StallWarning({ kind, name }: { kind: 'Backup' | 'Restore'; name: string }) {
  const stall = useAppState((s) => stallOf(s, kind, name));
  const now = useTick(Boolean(stall));
  return stall ? <Line stall={stall} now={now} /> : null;
}

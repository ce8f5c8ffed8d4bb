// Small helpers shared by the snapshot views: the display clock and tone colours.
import { useEffect, useState } from 'react';
import { useEffectContext } from '../components/app-context.js';
import type { Tone } from '../format/phase.js';

/**
 * The effect context's clock, re-read every `intervalMs` while `active` (ages,
 * elapsed time). The same Date object is returned between ticks so that
 * memoized work keyed on it is not redone on every render.
 */
export function useNow(intervalMs: number, active = true): Date {
  const ctx = useEffectContext();
  const [now, setNow] = useState(() => ctx.now());
  useEffect(() => {
    if (!active) return;
    setNow(ctx.now());
    const timer = setInterval(() => setNow(ctx.now()), intervalMs);
    return () => clearInterval(timer);
  }, [ctx, intervalMs, active]);
  return now;
}

export const TONE_COLOR: Record<Tone, string | undefined> = {
  ok: 'green',
  warn: 'yellow',
  error: 'red',
  busy: 'cyan',
  muted: 'gray',
};

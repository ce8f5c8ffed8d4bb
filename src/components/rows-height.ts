// A list box's height, kept right while the lines around it change.
import { measureElement, type DOMElement } from 'ink';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useEffectContext } from './app-context.js';

/**
 * Height of the rows box, for the window of rows and page moves: measured
 * after every render of the list, and after every store change, because the
 * lines above and below (header warnings, running snapshot, notices) grow and
 * shrink with the state without the list re-rendering. Measured after React
 * committed (Ink lays out on commit); a changed height re-renders the list.
 */
export function useRowsHeight(fallback: number): [RefObject<DOMElement | null>, number] {
  const ctx = useEffectContext();
  const ref = useRef<DOMElement | null>(null);
  const [height, setHeight] = useState(fallback);
  const measure = useRef(() => undefined as void);
  measure.current = () => {
    if (!ref.current) return;
    const measured = measureElement(ref.current).height;
    if (measured > 0 && measured !== height) setHeight(measured);
  };
  useEffect(() => measure.current());
  useEffect(() => {
    let queued: NodeJS.Immediate | undefined;
    const unsubscribe = ctx.store.subscribe(() => {
      // The store notifies before React renders the change: measure once the commit is done.
      queued ??= setImmediate(() => {
        queued = undefined;
        measure.current();
      });
    });
    return () => {
      unsubscribe();
      if (queued) clearImmediate(queued);
    };
  }, [ctx]);
  return [ref, height];
}

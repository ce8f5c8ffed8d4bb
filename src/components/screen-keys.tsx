// Screens publish their key bindings to the shell through this context; the
// shell owns the single input handler, the key bar and the help overlay.
import { createContext, useContext, useLayoutEffect, useRef } from 'react';
import type { KeyBinding } from './keys.js';

export interface ScreenKeys {
  bindings: KeyBinding[];
  /** A text field has focus: plain letters go to it, not to global keys. */
  typing: boolean;
}

export interface KeyRegistry {
  set(owner: symbol, keys: ScreenKeys | undefined): void;
}

export const KeyRegistryContext = createContext<KeyRegistry>({ set: () => undefined });

/** Register this screen's bindings while it is mounted. */
export function useScreenKeys(bindings: KeyBinding[], opts: { typing?: boolean } = {}): void {
  const registry = useContext(KeyRegistryContext);
  const owner = useRef(Symbol('screen')).current;
  useLayoutEffect(() => {
    registry.set(owner, { bindings, typing: opts.typing ?? false });
  });
  useLayoutEffect(() => () => registry.set(owner, undefined), [registry, owner]);
}

// The shell: header, the current screen, the key bar, and overlays. It owns
// the one input handler; screens publish their key bindings to it.
import { Box, Text, useApp, useInput } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useAppState, useEffectContext } from './components/app-context.js';
import { Header } from './components/header.js';
import { useTerminalSize } from './components/terminal-size.js';
import { KeyBar } from './components/key-bar.js';
import { keyNames, matches, visibleBindings, type KeyBinding } from './components/keys.js';
import { KeyRegistryContext, type KeyRegistry, type ScreenKeys } from './components/screen-keys.js';
import { HelpOverlay } from './screens/help.js';
import { QuitConfirm } from './screens/quit-confirm.js';
import { StatusScreen } from './screens/status.js';
import { SCREEN_TITLES, ScreenView } from './screens/index.js';
import { selectRunningBackups, selectRunningOperations, selectRunningRestore } from './state/selectors.js';
import { noteUserActivity } from './state/heartbeat.js';
import { SCREENS } from './state/types.js';
import { clipText, safeLine } from './format/safe-text.js';

/** How long a notice stays on screen. */
export const NOTICE_MS = 15_000;

export function App({ onQuit }: { onQuit?: () => void }) {
  const ctx = useEffectContext();
  const { exit } = useApp();
  // Re-renders the shell, and with it the screen, when the terminal is resized.
  const size = useTerminalSize();
  const route = useAppState((s) => s.route);
  const status = useAppState((s) => s.connection.status);
  const readonly = useAppState((s) => s.readonly);
  const notice = useAppState((s) => s.notice);

  // Screens register bindings on every render; the newest registrant is active.
  const owners = useRef(new Map<symbol, ScreenKeys>());
  const [active, setActive] = useState<ScreenKeys>({ bindings: [], typing: false });
  const registry = useMemo<KeyRegistry>(
    () => ({
      set(owner, keys) {
        if (keys) owners.current.set(owner, keys);
        else owners.current.delete(owner);
        const top = [...owners.current.values()].at(-1) ?? { bindings: [], typing: false };
        setActive((prev) => (sameKeys(prev, top) ? prev : top));
        activeRef.current = top;
        // An enter or esc that came in the same read as text for a field: now the field's keys are registered.
        const key = afterText.current;
        if (key && top.typing) {
          afterText.current = undefined;
          setImmediate(() => handleKeyRef.current(key, []));
        }
      },
    }),
    [],
  );
  const activeRef = useRef(active);
  /** See handleKey: the key that ended a run of text read together with a text-taking key. */
  const afterText = useRef<string | undefined>(undefined);

  const quit = useCallback(() => {
    onQuit?.();
    exit();
  }, [exit, onQuit]);
  const dispatch = ctx.store.dispatch;
  // Read when q is pressed rather than subscribed: subscribing re-rendered the
  // whole shell on every progress event of a running snapshot.
  const busy = () => {
    const s = ctx.store.getState();
    return selectRunningOperations(s).length > 0 || Boolean(selectRunningRestore(s)) || selectRunningBackups(s).length > 0;
  };

  const global: KeyBinding[] = [
    ...SCREENS.map((screen, i) => ({
      key: String(i + 1),
      label: SCREEN_TITLES[screen],
      run: () => dispatch({ type: 'route/screen', screen }),
    })),
    { key: '?', label: 'help', run: () => dispatch({ type: 'route/overlay', overlay: 'help' }) },
    { key: 'q', label: 'quit', run: () => (busy() ? dispatch({ type: 'route/overlay', overlay: 'quit' }) : quit()) },
  ];

  useInput((input, key) => {
    afterText.current = undefined; // a new read: an enter/esc still waiting from the last one is stale
    // Someone is reading the screen: make sure it is not stale (pings only after a quiet spell).
    noteUserActivity(ctx);
    const names = keyNames(input, key);
    for (let i = 0; i < names.length; i++) {
      if (handleKey(names[i]!, names.slice(i + 1)) === 'took-the-rest') return;
    }
  });

  /** Runs the key's binding; 'took-the-rest' when it opened a text field that took the keys after it. */
  function handleKey(name: string, following: string[]): 'took-the-rest' | void {
    if (name === 'ctrl-c') return quit();
    if (route.overlay === 'help') {
      if (name === 'esc' || name === '?' || name === 'q') dispatch({ type: 'route/overlay' });
      return;
    }
    if (route.overlay === 'quit') return; // QuitConfirm handles its own keys
    const current = visibleBindings(activeRef.current.bindings, readonly);
    const binding = current.find((b) => matches(b, name));
    if (binding) {
      const reason = binding.disabledReason?.();
      if (reason) dispatch({ type: 'notice', notice: { level: 'warn', text: `${binding.label}: ${reason}`, at: Date.now() } });
      else if (binding.takesText && following.length) {
        // Printable keys are one character long: they are the field's text. The
        // field's own keys are not registered yet, so an enter or esc right after
        // (a paste ending in a newline) waits for them; anything later is dropped
        // rather than run as screen keys.
        const end = following.findIndex((k) => [...k].length !== 1);
        binding.run((end === -1 ? following : following.slice(0, end)).join(''));
        const next = end === -1 ? undefined : following[end];
        afterText.current = next === 'enter' || next === 'esc' ? next : undefined;
        return 'took-the-rest';
      } else binding.run();
      return;
    }
    if (activeRef.current.typing) return;
    const g = global.find((b) => matches(b, name));
    if (g) g.run();
  }

  const handleKeyRef = useRef(handleKey);
  handleKeyRef.current = handleKey;

  // Notices fade after a while so an old one is never read as news.
  useEffect(() => {
    if (!notice) return;
    // A newer notice re-runs this effect, which clears the older timer.
    const timer = setTimeout(() => dispatch({ type: 'notice' }), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, dispatch]);

  const screenBindings = visibleBindings(active.bindings, readonly);
  const title = status === 'ready' ? SCREEN_TITLES[route.screen] : 'Connection';
  // One row short of the terminal: at full height Ink clears the whole screen
  // and redraws it on every render, even an unchanged one; below it, unchanged
  // frames are skipped and (incremental rendering) only changed lines are sent.
  const rows = Math.max(1, size.rows - 1);

  return (
    <KeyRegistryContext.Provider value={registry}>
      <Box flexDirection="column" height={rows} width="100%">
        <Header />
        <Box>
          {SCREENS.map((screen, i) => (
            <Text key={screen} inverse={status === 'ready' && route.screen === screen} color={status === 'ready' ? undefined : 'gray'}>
              {` ${i + 1} ${SCREEN_TITLES[screen]} `}
            </Text>
          ))}
        </Box>
        {/* Basis 0: a tall screen or help is clipped here instead of squeezing the header and key bar.
            Vertically only: Text already fits the width, and Ink clipping a side cuts every line with slice-ansi on every frame. */}
        <Box flexDirection="column" flexGrow={1} flexBasis={0} overflowY="hidden">
          {/* Overlays hide the screen instead of unmounting it, so its unsaved
              edits survive and its bindings stay registered for the help. */}
          <Box display={route.overlay ? 'none' : 'flex'} flexDirection="column" flexGrow={1}>
            {status === 'ready' ? <ScreenView screen={route.screen} /> : <StatusScreen />}
          </Box>
          {route.overlay && (
            <Box flexDirection="column" flexShrink={0}>
              {route.overlay === 'help' && <HelpOverlay title={title} bindings={screenBindings} global={global} />}
              {route.overlay === 'quit' && <QuitConfirm onQuit={quit} onCancel={() => dispatch({ type: 'route/overlay' })} />}
            </Box>
          )}
        </Box>
        {notice && (
          // Wraps (up to 3 lines): a refusal's reason is what the admin needs to read.
          <Text color={notice.level === 'error' ? 'red' : notice.level === 'warn' ? 'yellow' : 'green'} wrap="wrap">
            {clipText(safeLine(notice.text), size.columns * 3 - 2)}
          </Text>
        )}
        <KeyBar bindings={[...screenBindings, ...(active.typing ? [] : barGlobals(global))]} />
      </Box>
    </KeyRegistryContext.Provider>
  );
}

/** The key bar shows the four screen keys as one "1-4 screens" entry to save a line. */
function barGlobals(global: KeyBinding[]): KeyBinding[] {
  const numbered = global.filter((b) => /^[0-9]$/.test(b.key));
  const rest = global.filter((b) => !/^[0-9]$/.test(b.key));
  if (numbered.length < 2) return global;
  const range: KeyBinding = { key: `${numbered[0]!.key}-${numbered.at(-1)!.key}`, label: 'screens', run: () => undefined };
  return [range, ...rest];
}

function sameKeys(a: ScreenKeys, b: ScreenKeys): boolean {
  if (a.typing !== b.typing || a.bindings.length !== b.bindings.length) return false;
  return a.bindings.every((x, i) => {
    const y = b.bindings[i]!;
    return x.key === y.key && x.label === y.label && x.disabledReason?.() === y.disabledReason?.();
  });
}

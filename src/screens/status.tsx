// Shown while connecting and when connecting failed: what went wrong in plain
// words and what can be done (retry, another context, demo mode).
import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { useState } from 'react';
import { useAppState, useEffectContext } from '../components/app-context.js';
import { useScreenKeys } from '../components/screen-keys.js';
import type { KeyBinding } from '../components/keys.js';
import { reconnect, switchToDemo, switchContext } from '../state/session.js';
import { safeLine } from '../format/safe-text.js';

export function StatusScreen() {
  const ctx = useEffectContext();
  const conn = useAppState((s) => s.connection);
  const [picking, setPicking] = useState(false);
  const contexts = conn.cluster?.contexts ?? [];

  const bindings: KeyBinding[] = picking
    ? [{ key: 'esc', label: 'cancel', run: () => setPicking(false) }]
    : [
        { key: 'r', label: 'retry', run: () => void reconnect(ctx) },
        {
          key: 'c',
          label: 'pick context',
          run: () => setPicking(true),
          disabledReason: () => (contexts.length > 1 ? undefined : 'the kubeconfig has no other context'),
        },
        { key: 'm', label: 'demo mode', run: () => void switchToDemo(ctx) },
      ];
  useScreenKeys(bindings);

  if (conn.status === 'connecting') {
    return (
      <Box flexDirection="column" paddingY={1}>
        <Text color="yellow">⟳ {conn.step ?? 'Connecting'}…</Text>
      </Box>
    );
  }
  const problem = conn.problem;
  return (
    <Box flexDirection="column" paddingY={1}>
      <Text color="red" bold>
        ✖ {safeLine(problem?.message ?? 'Not connected')}
      </Text>
      {problem?.hint && <Text>{safeLine(problem.hint)}</Text>}
      {conn.cluster && (
        <Text dimColor>
          kubeconfig: {safeLine(conn.cluster.source)} · context: {safeLine(conn.cluster.context)} · server: {safeLine(conn.cluster.server)}
        </Text>
      )}
      <Box marginTop={1} flexDirection="column">
        {picking ? (
          <>
            <Text>Pick a context:</Text>
            <SelectInput
              items={contexts.map((c) => ({ label: safeLine(c), value: c }))}
              onSelect={(item) => {
                setPicking(false);
                void switchContext(ctx, item.value);
              }}
            />
          </>
        ) : (
          <Text>
            Press <Text bold>r</Text> to retry{contexts.length > 1 ? ', ' : ' or '}
            {contexts.length > 1 && (
              <>
                <Text bold>c</Text> to pick another context, or{' '}
              </>
            )}
            <Text bold>m</Text> to explore the demo (simulated cluster).
          </Text>
        )}
      </Box>
    </Box>
  );
}

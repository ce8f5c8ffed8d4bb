// The terminal's size, followed live: an admin resizes the window (or tmux a
// pane) while a screen is open. The shell subscribes once; its re-render
// re-renders the screens, which read the new size from stdout.
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  columns: number;
  rows: number;
}

function sizeOf(stdout: NodeJS.WriteStream): TerminalSize {
  return { columns: stdout.columns || 80, rows: stdout.rows || 24 };
}

export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => sizeOf(stdout));
  useEffect(() => {
    const onResize = () => {
      const next = sizeOf(stdout);
      setSize((prev) => (prev.columns === next.columns && prev.rows === next.rows ? prev : next));
    };
    stdout.on('resize', onResize);
    onResize(); // a resize between the first render and this subscription
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

// Another session's restore, from the marker Lease (state/restore-marker.ts):
// one being prepared right now (everything that conflicts is refused until
// its Restore exists), or one whose session died halfway (the app may be
// partly removed). Read when the Restore screen opens, and again every 5 s
// only while another session is preparing one.
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { useAppState, useEffectContext } from '../components/app-context.js';
import { safeLine } from '../format/safe-text.js';
import { formatAge } from '../format/units.js';
import { readRestoreMarker, type RestoreMarker } from '../state/restore-marker.js';
import { selectPreparingRestore } from '../state/restore.js';

const REREAD_MS = 5000;

/** The marker of another session's restore, if any (this session's own preparation shows as its operation). */
export function useForeignRestoreMarker(): RestoreMarker | undefined {
  const ctx = useEffectContext();
  const preparing = useAppState(selectPreparingRestore);
  const connected = useAppState((s) => s.connection.status === 'ready');
  const [marker, setMarker] = useState<RestoreMarker | undefined>();
  useEffect(() => {
    if (preparing || !connected) return setMarker(undefined);
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      const m = await readRestoreMarker(ctx).catch(() => undefined);
      if (!alive) return;
      setMarker(m);
      if (m && !m.stale) timer = setTimeout(() => void read(), REREAD_MS);
    };
    void read();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [ctx, preparing, connected]);
  return marker;
}

/** Lines the banner takes (for the list height below it). */
export const MARKER_BANNER_LINES = 4;

export function RestoreMarkerBanner({ marker, now }: { marker: RestoreMarker; now: Date }) {
  const what = `${safeLine(marker.restore)} from ${safeLine(marker.backup)} (${safeLine(marker.mode)})`;
  const who = safeLine(marker.holder);
  if (marker.stale) {
    return (
      <Box flexDirection="column" borderStyle="round" borderColor="red" paddingX={1}>
        <Text bold color="red" wrap="truncate-end">
          ⚠ Restore {what} was interrupted at “{safeLine(marker.step)}”
        </Text>
        <Text wrap="truncate-end">
          Its session ({who}) was last seen {formatAge(marker.renewedAt, now)}. The app may be partly removed: restore again to finish.
        </Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1}>
      <Text bold color="yellow" wrap="truncate-end">
        ● Another session ({who}) is preparing restore {what}: {safeLine(marker.step)}
      </Text>
      <Text dimColor wrap="truncate-end">
        Started {formatAge(marker.since, now)}. Restores and snapshots are refused until its Restore is created.
      </Text>
    </Box>
  );
}

// Short warnings the Storage screen repeats where they matter.
import { Box, Text } from 'ink';

/** From the product doc: internal storage is inside the cluster it protects. */
export function InternalWarning() {
  return (
    <Box flexDirection="column">
      <Text color="yellow">⚠ Internal storage lives in this cluster: if the cluster is lost, so are its snapshots.</Text>
      <Text color="yellow">  Amazon S3 or S3-compatible storage is recommended, also for large snapshots.</Text>
    </Box>
  );
}

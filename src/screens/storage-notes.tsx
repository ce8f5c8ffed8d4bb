// Short warnings the Storage screen repeats where they matter.
import { Box, Text } from 'ink';

/** From the product doc: internal storage is inside the cluster it protects. */
export function InternalWarning() {
  return (
    <Box flexDirection="column">
      <Text color="yellow">⚠ Internal storage is lost with the cluster: it cannot restore a lost cluster.</Text>
      <Text color="yellow">  S3 or S3-compatible storage is recommended, also for large snapshots.</Text>
    </Box>
  );
}

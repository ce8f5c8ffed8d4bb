// The `harness` app profile most unit tests use; override what a test varies.
import type { AppProfile } from '../../src/services/profile.js';

export function testProfile(overrides: Partial<AppProfile> = {}): AppProfile {
  return {
    slug: 'harness',
    appNamespaces: ['harness'],
    adminNamespace: 'kotsadm',
    extraNamespaces: [],
    storageLocation: 'default',
    defaultVolumesToFsBackup: false,
    source: 'demo',
    ...overrides,
  };
}

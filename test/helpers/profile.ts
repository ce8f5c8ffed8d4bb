// The `harness` app profile most unit tests use (the demo's); override what a test varies.
import { DEMO_PROFILE } from '../../src/services/demo/index.js';
import type { AppProfile } from '../../src/services/profile.js';

export function testProfile(overrides: Partial<AppProfile> = {}): AppProfile {
  return { ...DEMO_PROFILE, ...overrides };
}

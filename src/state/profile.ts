// Which app the snapshots are for: the demo's fixed profile, or resolved from
// flags, a profile file and what the cluster shows.
import type { AppProfile } from '../services/profile.js';
import { requireSession, type EffectContext } from './context.js';

export async function resolveSessionProfile(ctx: EffectContext): Promise<AppProfile | { problem: string }> {
  const { backend } = requireSession(ctx);
  if (backend.mode === 'demo') {
    const { DEMO_PROFILE } = await import('../services/demo/index.js');
    return DEMO_PROFILE;
  }
  const { resolveProfile } = await import('../services/profile-detect.js');
  return resolveProfile(ctx.options, backend.cluster);
}

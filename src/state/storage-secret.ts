// The credentials Secret side of saving storage settings: write the keys the
// new location reads (or, for the instance role, remove old ones from the
// Secret Velero mounts), and put the previous data back if the location write
// that follows fails.
import { CREDENTIALS_KEY, CREDENTIALS_SECRET, KEYLESS_CREDENTIALS, LOCATION_NAME, parseCredentialsIni, type ComposedLocation } from '../services/storage-location.js';
import { requireSession, type EffectContext } from './context.js';
import { errorText } from './operations.js';
import { patchRun, setWrite } from './storage-run.js';

/** What writeCredentials changed, for restoreSecret. */
export interface SecretChange {
  name: string;
  previous: Record<string, string> | undefined;
  written: boolean;
}

/**
 * Writes the Secret the composed location needs. With the instance role (AWS,
 * no keys) the old keys leave the Secret Velero mounts as its default
 * credentials (KEYLESS_CREDENTIALS says why), unless it holds none or another
 * location still reads them. Throws, with the run marked failed and nothing
 * changed, when the Secret cannot be read or written.
 */
export async function writeCredentials(
  ctx: EffectContext,
  id: number,
  composed: ComposedLocation,
  report: (detail: string) => void,
): Promise<SecretChange | undefined> {
  const { backend, velero } = requireSession(ctx);
  const ns = velero.namespace;
  const instanceRole = !composed.secret && !composed.location.spec.config?.s3Url && !composed.location.spec.credential;
  if (!composed.secret && !instanceRole) return undefined;
  const name = composed.secret?.name ?? CREDENTIALS_SECRET;
  const label = composed.secret ? `Secret ${ns}/${name}` : `Secret ${ns}/${name}: old keys removed (the instance role is used)`;
  const fail = (err: unknown): never => {
    setWrite(ctx, id, { id: 'secret', label, status: 'failed', error: errorText(err) });
    patchRun(ctx, id, { stage: 'write-failed', writeError: `Nothing was changed: ${errorText(err)}`, endedAt: ctx.now().getTime() });
    throw err;
  };
  const previous = await backend.cluster.getSecret(ns, name).catch(fail);
  const wanted = composed.secret?.data ?? keylessData(ctx, id, previous);
  if (!wanted) return undefined;
  setWrite(ctx, id, { id: 'secret', label, status: 'running' });
  report(`Writing ${label}`);
  const data = { ...previous, ...wanted };
  // Kept keys: the Secret already says this; do not rewrite it.
  const written = !sameData(previous, data);
  if (written) await backend.cluster.putSecret(ns, name, data).catch(fail);
  setWrite(ctx, id, { id: 'secret', label: written ? label : `${label} (unchanged)`, status: 'ok' });
  return { name, previous, written };
}

/** The instance role's Secret data, or undefined when there are no keys to remove (or another location reads them). */
function keylessData(ctx: EffectContext, id: number, current: Record<string, string> | undefined): { cloud: string } | undefined {
  if (!current?.[CREDENTIALS_KEY] || !parseCredentialsIni(current[CREDENTIALS_KEY])) return undefined;
  const others = Object.values(ctx.store.getState().objects.BackupStorageLocation).filter(
    (b) => b.metadata.name !== LOCATION_NAME && b.spec.credential?.name === CREDENTIALS_SECRET,
  );
  if (!others.length) return { cloud: KEYLESS_CREDENTIALS };
  const names = others.map((b) => b.metadata.name).join(', ');
  const ns = requireSession(ctx).velero.namespace;
  setWrite(ctx, id, { id: 'secret', label: `Secret ${ns}/${CREDENTIALS_SECRET} keeps its keys: location ${names} reads them (Velero may use them instead of the instance role)`, status: 'skipped' });
  return undefined;
}

function sameData(a: Record<string, string> | undefined, b: Record<string, string>): boolean {
  if (!a) return false;
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}

/** After a failed location write: the Secret as it was before, and what the run should say. */
export async function restoreSecret(ctx: EffectContext, id: number, change: SecretChange | undefined): Promise<string> {
  if (!change?.written) return 'Nothing was changed.';
  const { backend, velero } = requireSession(ctx);
  const { name, previous } = change;
  const label = `Restore Secret ${velero.namespace}/${name}`;
  if (!previous) {
    setWrite(ctx, id, { id: 'rollback', label, status: 'skipped' });
    return `The new Secret ${name} was left in place; no location uses it, the previous location is unchanged.`;
  }
  try {
    await backend.cluster.putSecret(velero.namespace, name, previous);
    setWrite(ctx, id, { id: 'rollback', label, status: 'ok' });
    return `The previous credentials in Secret ${name} were restored; the location is unchanged.`;
  } catch (err) {
    setWrite(ctx, id, { id: 'rollback', label, status: 'failed', error: errorText(err) });
    return `Restoring the previous credentials in Secret ${name} FAILED (${errorText(err)}): the old location now has the new keys. Save the settings again.`;
  }
}

// `snapshots storage show [--json]`: the location this program manages (BSL
// `default`), Velero's verdict on it, how it authenticates (masked) and the
// space its snapshots use — what the Storage screen shows.
import type { CliArgs } from '../cli-args.js';
import type { BackupStorageLocation } from '../services/model.js';
import { destinationTypeOf, LOCATION_NAME } from '../services/storage-location.js';
import { formatAge, formatBytes } from '../format/units.js';
import { errorText } from '../state/operations.js';
import { currentLocation, loadStorageInfo } from '../state/storage.js';
import { backupsOfLocation } from '../state/storage-run.js';
import type { StorageInfo } from '../state/storage-types.js';
import type { AppState } from '../state/types.js';
import { onlyFlags, positionals } from './args.js';
import { EXIT, printJson, printLines } from './output.js';
import { withSession, type CommandDeps } from './session.js';

export function storageJson(bsl: BackupStorageLocation, info: StorageInfo | undefined, infoError: string | undefined, state: AppState) {
  const config = bsl.spec.config ?? {};
  const c = info?.credentials;
  return {
    name: bsl.metadata.name ?? '',
    type: destinationTypeOf(bsl),
    provider: bsl.spec.provider,
    bucket: bsl.spec.objectStorage.bucket,
    prefix: bsl.spec.objectStorage.prefix ?? '',
    region: config.region ?? null,
    endpoint: config.s3Url ?? null,
    publicUrl: config.publicUrl ?? null,
    caCert: Boolean(bsl.spec.objectStorage.caCert),
    insecureSkipTLSVerify: config.insecureSkipTLSVerify === 'true',
    accessMode: bsl.spec.accessMode ?? 'ReadWrite',
    default: Boolean(bsl.spec.default),
    phase: bsl.status?.phase ?? null,
    message: bsl.status?.message ?? null,
    lastValidationTime: bsl.status?.lastValidationTime ?? null,
    lastSyncedTime: bsl.status?.lastSyncedTime ?? null,
    snapshotsListed: backupsOfLocation(Object.values(state.objects.Backup), bsl.metadata.name ?? LOCATION_NAME),
    credentials: c
      ? {
          source: c.source,
          secret: c.source === 'instance-role' ? null : c.name,
          key: c.source === 'instance-role' ? null : c.key,
          maskedKeyId: c.source === 'secret' ? c.maskedKeyId : null,
          problem: c.source === 'problem' ? c.problem : (infoError ?? null),
        }
      : { source: 'problem', secret: null, key: null, maskedKeyId: null, problem: infoError ?? null },
    usage: info?.usage ?? null,
    usageError: info?.usageError ?? null,
    otherLocations: Object.keys(state.objects.BackupStorageLocation).filter((n) => n !== bsl.metadata.name),
  };
}

function lines(s: ReturnType<typeof storageJson>, now: Date): string[] {
  const c = s.credentials;
  const auth = c.source === 'instance-role' ? 'instance role (no keys stored)' : c.source === 'secret' ? `key ${c.maskedKeyId} in Secret ${c.secret} (${c.key})` : `problem: ${c.problem}`;
  const out = [
    `Location:     ${s.name} (${s.type}, ${s.accessMode === 'ReadOnly' ? 'read-only' : 'read-write'})`,
    `Status:       ${s.phase ?? 'not validated yet'}${s.message ? ` — ${s.message}` : ''}${s.lastValidationTime ? ` (checked ${formatAge(s.lastValidationTime, now)})` : ''}`,
    `Bucket:       ${s.bucket}${s.prefix ? `/${s.prefix}` : ''}${s.region ? ` in ${s.region}` : ''}`,
  ];
  if (s.endpoint) out.push(`Endpoint:     ${s.endpoint}${s.publicUrl ? ` (node URL ${s.publicUrl})` : ''}${s.caCert ? ', custom CA' : ''}`);
  out.push(`Credentials:  ${auth}`);
  out.push(`Last sync:    ${s.lastSyncedTime ? `${formatAge(s.lastSyncedTime, now)} · ${s.snapshotsListed} snapshots listed` : 'not synced yet'}`);
  out.push(`Space used:   ${s.usage ? `${formatBytes(s.usage.bytes)} in ${s.usage.objects} objects, ${s.usage.backups} snapshots` : s.usageError ? `unreadable: ${s.usageError}` : '—'}`);
  if (s.otherLocations.length) out.push(`Other BSLs:    ${s.otherLocations.join(', ')} (not managed here)`);
  return out;
}

export async function storageShowCommand(args: CliArgs, deps?: CommandDeps): Promise<number> {
  positionals(args, 2, []);
  onlyFlags(args, 'storage show', []);
  return withSession(args, ['BackupStorageLocation', 'Backup'], { deps }, async (ctx) => {
    const bsl = await currentLocation(ctx);
    if (!bsl) {
      if (args.rest.json) printJson(null);
      else printLines(['No storage location is set up. Set one with: snapshots storage set --provider ... --bucket ...']);
      return EXIT.ok;
    }
    let info: StorageInfo | undefined;
    let infoError: string | undefined;
    try {
      info = await loadStorageInfo(ctx, bsl);
    } catch (err) {
      infoError = errorText(err);
    }
    const json = storageJson(bsl, info, infoError, ctx.store.getState());
    if (args.rest.json) printJson(json);
    else printLines(lines(json, ctx.now()));
    return EXIT.ok;
  });
}

// `snapshots describe NAME [--json]`: what the details pane shows — the
// cluster's view of the snapshot plus errors, warnings, resources and size
// read from the bucket.
import type { CliArgs } from '../cli-args.js';
import type { EffectContext } from '../state/context.js';
import { snapshotDetailLines } from '../state/snapshots-details.js';
import { deletionIndex } from '../state/snapshots-list.js';
import { loadSnapshotBucketInfo } from '../state/snapshots-storage.js';
import { makeSelectBackupVolumes, volumeView } from '../state/snapshots-volumes.js';
import { onlyFlags, positionals, usage } from './args.js';
import { EXIT, printJson } from './output.js';
import { withSession, type CommandDeps } from './session.js';
import { snapshotDetailJson } from './snapshot-json.js';
import { quote } from '../format/quote.js';

const KINDS = ['Backup', 'PodVolumeBackup', 'DataUpload', 'DeleteBackupRequest', 'BackupStorageLocation'] as const;

/** The snapshot by name, or exit 2 naming it. */
export function requireBackup(ctx: EffectContext, name: string) {
  const backup = ctx.store.getState().objects.Backup[name];
  if (!backup) throw usage(`No snapshot named ${quote(name)}. List them with: snapshots list`);
  return backup;
}

export async function describeCommand(args: CliArgs, deps?: CommandDeps): Promise<number> {
  const [name = ''] = positionals(args, 1, ['NAME']);
  onlyFlags(args, 'describe', []);
  return withSession(args, [...KINDS], { deps }, async (ctx) => {
    const backup = requireBackup(ctx, name);
    const now = ctx.now();
    const state = ctx.store.getState();
    const volumes = makeSelectBackupVolumes(name)(state).map((op) => volumeView(op, now));
    const deletion = deletionIndex(state.objects.DeleteBackupRequest).get(name);
    const bucket = await loadSnapshotBucketInfo(ctx, name);
    if (args.rest.json) printJson(snapshotDetailJson(backup, { volumes, bucket, deletion, now }));
    else process.stdout.write(snapshotDetailLines({ backup, volumes, bucket, deletion, now }).map((l) => l.text).join('\n') + '\n');
    return EXIT.ok;
  });
}

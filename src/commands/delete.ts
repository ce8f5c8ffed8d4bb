// `snapshots delete NAME --yes [--wait [--timeout D]]`: the screen's deleteSnapshot (a
// DeleteBackupRequest, so the bucket data goes too); --wait until it is gone.
import type { CliArgs } from '../cli-args.js';
import { backupPhaseView } from '../format/phase.js';
import { errorText } from '../state/operations.js';
import { deleteRefusal, deleteSnapshot } from '../state/snapshots.js';
import { flag, has, onlyFlags, positionals, refuseReadonly, waitTimeout } from './args.js';
import { confirmTyped, requireYesOrTerminal } from './confirm.js';
import { requireBackup } from './describe.js';
import { CommandError, EXIT, note, printJson } from './output.js';
import { withSession, type CommandDeps } from './session.js';
import { follow } from './wait.js';

const KINDS = ['Backup', 'DeleteBackupRequest', 'Restore', 'BackupStorageLocation'] as const;

export async function deleteCommand(args: CliArgs, deps?: CommandDeps): Promise<number> {
  const [name = ''] = positionals(args, 1, ['NAME']);
  onlyFlags(args, 'delete', ['yes', 'wait', 'timeout']);
  const timeout = waitTimeout(args);
  refuseReadonly(args, 'delete a snapshot');
  const action = `Deleting snapshot ${name}`;
  requireYesOrTerminal(has(args, 'yes'), action);
  return withSession(args, [...KINDS], { deps }, async (ctx) => {
    const backup = requireBackup(ctx, name);
    const refusal = deleteRefusal(ctx, name);
    if (refusal) throw new CommandError(EXIT.failed, `Cannot delete: ${refusal}.`);
    const where = ctx.store.getState().objects.BackupStorageLocation[backup.spec.storageLocation ?? ''];
    await confirmTyped({
      yes: has(args, 'yes'),
      expected: name,
      what: 'the snapshot name',
      action,
      warning: [
        `Delete snapshot ${name} (${backupPhaseView(backup, ctx.now()).label.toLowerCase()})?`,
        `Velero removes it and its data${where ? ` in bucket ${where.spec.objectStorage.bucket}` : ''}. This cannot be undone.`,
      ],
    });
    let request: string;
    try {
      request = (await deleteSnapshot(ctx, name)).metadata.name ?? '';
    } catch (err) {
      throw new CommandError(EXIT.failed, errorText(err));
    }
    note(`Asked Velero to delete ${name} and its data (DeleteBackupRequest ${request}).`);
    if (!has(args, 'wait')) {
      if (args.rest.json) printJson({ snapshot: name, request, status: 'requested', errors: [] });
      return EXIT.ok;
    }
    const limit = timeout === undefined ? undefined : { ms: timeout, message: `Snapshot ${name} was not deleted within --timeout ${flag(args, 'timeout')}; Velero goes on with the request. Check with: snapshots describe ${name}` };
    const outcome = await follow(
      ctx,
      (s) => {
        if (!s.objects.Backup[name]) return { gone: true, errors: [] as string[] };
        const r = s.objects.DeleteBackupRequest[request];
        return r?.status?.phase === 'Processed' && r.status.errors?.length ? { gone: false, errors: r.status.errors } : undefined;
      },
      undefined,
      limit,
    );
    if (args.rest.json) printJson({ snapshot: name, request, status: outcome.gone ? 'deleted' : 'failed', errors: outcome.errors });
    if (outcome.gone) {
      note(`Snapshot ${name} is deleted.`);
      return EXIT.ok;
    }
    note(`Velero could not delete ${name}; it is still there:`);
    for (const e of outcome.errors) note(`  ${e}`);
    return EXIT.failed;
  });
}

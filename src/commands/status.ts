// `snapshots status [--json]`: connection, Velero, storage health, app.
import type { CliArgs } from '../cli-args.js';
import { checkServer } from '../state/connection.js';
import { selectDefaultLocation } from '../state/selectors.js';
import { shutdown } from '../state/session.js';
import { safeLine } from '../format/safe-text.js';
import { EXIT, printJson } from './output.js';
import { onlyFlags, positionals } from './args.js';
import { openSession, type CommandDeps } from './session.js';

export async function statusCommand(args: CliArgs, deps?: CommandDeps): Promise<number> {
  positionals(args, 1, []);
  onlyFlags(args, 'status', []);
  const ctx = await openSession(args, ['BackupStorageLocation'], { deps });
  try {
    await checkServer(ctx);
    const s = ctx.store.getState();
    const location = selectDefaultLocation(s);
    const status = {
      mode: s.mode,
      context: s.connection.cluster?.context ?? null,
      server: s.connection.cluster?.server ?? null,
      veleroNamespace: s.connection.veleroNamespace ?? null,
      veleroVersion: s.connection.server?.serverVersion ?? null,
      // One plugin binary registers several kinds under one name; list each name once.
      plugins: [...new Set(s.connection.server?.plugins.map((p) => p.name) ?? [])],
      warning: s.connection.versionWarning ?? null,
      storage: location
        ? {
            name: location.metadata.name ?? '',
            provider: location.spec.provider,
            bucket: location.spec.objectStorage.bucket,
            prefix: location.spec.objectStorage.prefix ?? '',
            phase: location.status?.phase ?? null,
            message: location.status?.message ?? null,
            lastValidationTime: location.status?.lastValidationTime ?? null,
            accessMode: location.spec.accessMode ?? 'ReadWrite',
          }
        : null,
      app: s.profile
        ? { slug: s.profile.slug, namespaces: s.profile.appNamespaces, adminNamespace: s.profile.adminNamespace }
        : null,
    };
    if (args.rest.json) printJson(status);
    else {
      const lines = [
        `Cluster:   ${status.context} (${status.server})${status.mode === 'demo' ? '  [DEMO — simulated cluster]' : ''}`,
        `Velero:    ${status.veleroVersion ?? 'not answering'} in namespace ${status.veleroNamespace}`,
        `Plugins:   ${status.plugins.join(', ') || '—'}`,
        status.storage
          ? `Storage:   ${status.storage.phase ?? 'unknown'} — ${status.storage.provider} bucket ${status.storage.bucket}${status.storage.prefix ? `/${status.storage.prefix}` : ''}${status.storage.message ? ` (${status.storage.message})` : ''}`
          : 'Storage:   not set up',
        status.app ? `App:       ${status.app.slug} (namespaces ${status.app.namespaces.join(', ')}; admin ${status.app.adminNamespace})` : 'App:       unknown',
      ];
      if (status.warning) lines.push(`Warning:   ${status.warning}`);
      process.stdout.write(lines.map(safeLine).join('\n') + '\n');
    }
    return status.storage?.phase === 'Available' && status.veleroVersion ? EXIT.ok : EXIT.failed;
  } finally {
    shutdown(ctx);
  }
}

// Command-line flags shared by the TUI and command mode.
import { parseArgs } from 'node:util';
import type { ConnectOptions } from './services/options.js';

export const USAGE = `Usage: snapshots [command] [flags]

Back up and restore a Kubernetes application with Velero. With no command,
opens the terminal UI.

Connection flags:
  --kubeconfig FILE         kubeconfig to use (default: $KUBECONFIG, ~/.kube/config,
                            /etc/kubernetes/admin.conf, in-cluster)
  --context NAME            kubeconfig context
  --velero-namespace NS     Velero's namespace (default: where Deployment "velero" runs)
  --app SLUG                the app's slug (default: detected from kots.io/app-slug labels)
  --app-namespace NS        the app's namespace (repeatable)
  --admin-namespace NS      the admin console's namespace (part of full snapshots)
  --profile FILE            JSON app profile for anything else
  --demo                    simulated cluster: try everything without touching one
  --readonly                hide and refuse every action that changes something
  -h, --help                this help
  -v, --version             print the version
`;

/** Flags only command mode reads; declared so values parse as values (e.g. --cron "0 * * * *"). */
export const COMMAND_FLAGS = {
  json: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  full: { type: 'boolean' },
  partial: { type: 'boolean' },
  wait: { type: 'boolean' },
  timeout: { type: 'string' },
  yes: { type: 'boolean' },
  'in-place': { type: 'boolean' },
  cron: { type: 'string' },
  retention: { type: 'string' },
  disable: { type: 'boolean' },
  enable: { type: 'boolean' },
  'apply-to-existing': { type: 'boolean' },
  provider: { type: 'string' },
  bucket: { type: 'string' },
  prefix: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  'public-url': { type: 'string' },
  'ca-cert': { type: 'string' },
  'credentials-file': { type: 'string' },
  'instance-role': { type: 'boolean' },
  'read-only': { type: 'boolean' },
  'insecure-skip-tls-verify': { type: 'boolean' },
  search: { type: 'string' },
} as const;

export interface CliArgs {
  command: string[];
  demo: boolean;
  readonly: boolean;
  help: boolean;
  version: boolean;
  connect: ConnectOptions;
  /** Flags only command mode understands, passed through untouched. */
  rest: Record<string, string | boolean | string[] | undefined>;
}

export class UsageError extends Error {}

export function parseCli(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...COMMAND_FLAGS,
        kubeconfig: { type: 'string' },
        context: { type: 'string' },
        'velero-namespace': { type: 'string' },
        app: { type: 'string' },
        'app-namespace': { type: 'string', multiple: true },
        'admin-namespace': { type: 'string' },
        profile: { type: 'string' },
        demo: { type: 'boolean' },
        readonly: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const str = (k: string) => {
    const x = v[k];
    if (x === true) throw new UsageError(`--${k} needs a value`);
    return typeof x === 'string' ? x : undefined;
  };
  const known = new Set(['kubeconfig', 'context', 'velero-namespace', 'app', 'app-namespace', 'admin-namespace', 'profile', 'demo', 'readonly', 'help', 'version']);
  const rest = Object.fromEntries(Object.entries(v).filter(([k]) => !known.has(k)));
  return {
    command: parsed.positionals,
    demo: v.demo === true,
    readonly: v.readonly === true,
    help: v.help === true,
    version: v.version === true,
    connect: {
      kubeconfig: str('kubeconfig'),
      context: str('context'),
      veleroNamespace: str('velero-namespace'),
      app: str('app'),
      appNamespaces: Array.isArray(v['app-namespace']) ? (v['app-namespace'] as string[]) : undefined,
      adminNamespace: str('admin-namespace'),
      profileFile: str('profile'),
    },
    rest,
  };
}

// Which app the snapshots are for. Flags win; a --profile JSON file fills in
// the rest; whatever is still missing is detected from `kots.io/app-slug`
// labels on namespaces or, failing that, on the app's Deployments,
// StatefulSets and ConfigMaps.
import { readFile } from 'node:fs/promises';
import type { ClusterService } from './interfaces.js';
import { isConnectionLevel } from './kube-errors.js';
import type { ConnectOptions } from './options.js';
import { APP_SLUG_LABEL, SLUG_PATTERN, type AppProfile } from './profile.js';

export interface ProfileFile {
  slug?: string;
  appNamespaces?: string[];
  adminNamespace?: string;
  extraNamespaces?: string[];
  storageLocation?: string;
  defaultVolumesToFsBackup?: boolean;
}

type Problem = { problem: string };

const DEFAULT_ADMIN_NAMESPACE = 'kotsadm';
const NAMESPACE_PATTERN = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const FIELDS: Record<keyof ProfileFile, 'string' | 'strings' | 'boolean'> = {
  slug: 'string',
  appNamespaces: 'strings',
  adminNamespace: 'string',
  extraNamespaces: 'strings',
  storageLocation: 'string',
  defaultVolumesToFsBackup: 'boolean',
};

export async function resolveProfile(opts: ConnectOptions, cluster: ClusterService): Promise<AppProfile | Problem> {
  let file: ProfileFile | undefined;
  if (opts.profileFile) {
    const read = await readProfileFile(opts.profileFile);
    if ('problem' in read) return read;
    file = read;
  }
  let detected = false;
  let slug = opts.app ?? file?.slug;
  let appNamespaces = opts.appNamespaces?.length ? opts.appNamespaces : file?.appNamespaces;
  if (slug !== undefined && !SLUG_PATTERN.test(slug)) return badSlug(slug);
  // Asked alongside the app's detection: one round trip less on the way to the list.
  const givenAdmin = opts.adminNamespace ?? file?.adminNamespace;
  const detectingAdmin = givenAdmin ? undefined : detectAdminNamespace(cluster);
  detectingAdmin?.catch(() => undefined); // awaited below, unless an app problem is returned first

  if (!slug || !appNamespaces?.length) {
    const found = await detectApps(cluster, slug);
    if ('problem' in found) return found;
    detected = true;
    if (!slug) {
      const slugs = [...found.keys()].sort();
      if (slugs.length === 0) {
        return { problem: `No app found: no namespace, Deployment, StatefulSet or ConfigMap is labelled ${APP_SLUG_LABEL}. Pass --app SLUG and --app-namespace NS (or --profile FILE).` };
      }
      if (slugs.length > 1) {
        const list = slugs.map((s) => `${s} (${[...(found.get(s) ?? [])].sort().join(', ')})`).join('; ');
        return { problem: `Found several apps: ${list}. Pass --app SLUG to choose one.` };
      }
      slug = slugs[0] as string;
      if (!SLUG_PATTERN.test(slug)) return badSlug(slug);
    }
    if (!appNamespaces?.length) {
      appNamespaces = [...(found.get(slug) ?? [])].sort();
      if (appNamespaces.length === 0) {
        return { problem: `Found no namespace for app "${slug}": nothing is labelled ${APP_SLUG_LABEL}=${slug}. Pass --app-namespace NS.` };
      }
    }
  }

  const adminNamespace = givenAdmin ?? (await detectingAdmin!);
  if (!givenAdmin) detected = true;
  const extraNamespaces = file?.extraNamespaces ?? [];
  for (const ns of [...appNamespaces, adminNamespace, ...extraNamespaces]) {
    if (!NAMESPACE_PATTERN.test(ns)) return { problem: `"${ns}" is not a valid namespace name.` };
  }
  return {
    slug,
    appNamespaces: [...appNamespaces],
    adminNamespace,
    extraNamespaces: [...extraNamespaces],
    storageLocation: file?.storageLocation ?? 'default',
    defaultVolumesToFsBackup: file?.defaultVolumesToFsBackup ?? false,
    source: detected ? 'detected' : file ? 'file' : 'flags',
  };
}

export async function readProfileFile(path: string): Promise<ProfileFile | Problem> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { problem: `Cannot read profile file ${path}: ${code === 'ENOENT' ? 'no such file' : code ?? 'unreadable'}` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { problem: `Profile file ${path} is not valid JSON: ${(err as Error).message}` };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { problem: `Profile file ${path} must hold a JSON object` };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const type = FIELDS[key as keyof ProfileFile];
    // Reject unknown keys: a typo ("appNamespace") would otherwise be silently ignored.
    if (!type) return { problem: `Profile file ${path}: unknown field "${key}" (known: ${Object.keys(FIELDS).join(', ')})` };
    const ok =
      type === 'string' ? typeof value === 'string' && value.length > 0
      : type === 'boolean' ? typeof value === 'boolean'
      : Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length > 0);
    if (!ok) return { problem: `Profile file ${path}: "${key}" must be ${type === 'strings' ? 'a list of names' : type === 'string' ? 'a non-empty string' : 'true or false'}` };
    out[key] = value;
  }
  return out as ProfileFile;
}

/** slug → namespaces it was found in. */
async function detectApps(cluster: ClusterService, slug: string | undefined): Promise<Map<string, Set<string>> | Problem> {
  const selector = slug ? `${APP_SLUG_LABEL}=${slug}` : APP_SLUG_LABEL;
  const found = new Map<string, Set<string>>();
  const add = (s: string | undefined, ns: string | undefined) => {
    if (!s || !ns) return;
    found.set(s, (found.get(s) ?? new Set()).add(ns));
  };
  let failure: unknown;
  try {
    for (const ns of await cluster.listNamespaces(selector)) add(ns.labels[APP_SLUG_LABEL], ns.name);
  } catch (err) {
    if (isConnectionLevel(err)) throw err;
    failure = err;
  }
  // The label usually sits on the app's objects rather than its namespaces.
  if (found.size === 0 && cluster.findLabelled) {
    try {
      for (const ref of await cluster.findLabelled(selector)) add(ref.labels?.[APP_SLUG_LABEL], ref.namespace);
      failure = undefined;
    } catch (err) {
      if (isConnectionLevel(err)) throw err;
      failure ??= err;
    }
  }
  if (found.size === 0 && failure) {
    return { problem: `Cannot detect the app: ${(failure as Error).message ?? String(failure)}. Pass --app SLUG and --app-namespace NS.` };
  }
  return found;
}

async function detectAdminNamespace(cluster: ClusterService): Promise<string> {
  try {
    const namespaces = await cluster.findDeployments('kotsadm');
    return namespaces.includes(DEFAULT_ADMIN_NAMESPACE) ? DEFAULT_ADMIN_NAMESPACE : (namespaces[0] ?? DEFAULT_ADMIN_NAMESPACE);
  } catch (err) {
    if (isConnectionLevel(err)) throw err;
    return DEFAULT_ADMIN_NAMESPACE; // best effort: the conventional name
  }
}

function badSlug(slug: string): Problem {
  return { problem: `"${slug}" is not a valid app slug (lowercase letters, digits and dashes). Pass --app SLUG.` };
}

// Velero's object keys under a location's prefix (pkg/persistence/object_store_layout.go).

/** The only top-level folders Velero accepts; any other folder makes the location invalid. */
export const VELERO_TOP_DIRS: readonly string[] = ['backups', 'restores', 'restic', 'kopia', 'metadata', 'plugins'];

export interface StorageLayout {
  /** `""` or `"<prefix>/"`. */
  root: string;
  backupsDir: string;
  backupDir(backup: string): string;
  backupMetadata(backup: string): string;
  backupLog(backup: string): string;
  backupResults(backup: string): string;
  backupResourceList(backup: string): string;
  restoreLog(restore: string): string;
  restoreResults(restore: string): string;
  /** Under metadata/, an allowed folder, so a probe left behind never invalidates the location. */
  probeKey(token: string): string;
}

export function storageLayout(prefix: string | undefined): StorageLayout {
  const trimmed = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  const root = trimmed ? `${trimmed}/` : '';
  const backupDir = (b: string) => `${root}backups/${b}/`;
  const restoreDir = (r: string) => `${root}restores/${r}/`;
  return {
    root,
    backupsDir: `${root}backups/`,
    backupDir,
    backupMetadata: (b) => `${backupDir(b)}velero-backup.json`,
    backupLog: (b) => `${backupDir(b)}${b}-logs.gz`,
    backupResults: (b) => `${backupDir(b)}${b}-results.gz`,
    backupResourceList: (b) => `${backupDir(b)}${b}-resource-list.json.gz`,
    restoreLog: (r) => `${restoreDir(r)}restore-${r}-logs.gz`,
    restoreResults: (r) => `${restoreDir(r)}restore-${r}-results.gz`,
    probeKey: (token) => `${root}metadata/.snapshots-tui-probe-${token}`,
  };
}

/** Top-level folder names (from a delimited listing's common prefixes) that Velero does not allow. */
export function foreignDirs(commonPrefixes: string[], root: string): string[] {
  const names = commonPrefixes
    .filter((p) => p.startsWith(root))
    .map((p) => p.slice(root.length).replace(/\/$/, ''));
  return [...new Set(names)].filter((name) => !VELERO_TOP_DIRS.includes(name)).sort();
}

/** Child folder names of `dir` from a delimited listing (e.g. backup names under backups/). */
export function childNames(commonPrefixes: string[], dir: string): string[] {
  return commonPrefixes
    .filter((p) => p.startsWith(dir))
    .map((p) => p.slice(dir.length).replace(/\/$/, ''))
    .filter(Boolean);
}

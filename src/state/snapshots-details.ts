// Everything `velero backup describe --details` tells, as lines for a
// scrollable pane (and for command mode). Pure; all cluster text is made safe.
import type { Backup, BackupStorageLocation, OperationResults, ResultEntries } from '../services/model.js';
import { selectorString, snapshotKindOf, triggerOf } from '../services/profile.js';
import { backupPhaseView, type Tone } from '../format/phase.js';
import { describeTtl } from '../format/retention.js';
import { safeLine } from '../format/safe-text.js';
import { noCredentialsHint } from '../format/velero-cause.js';
import type { DeletionState } from '../format/snapshot-row.js';
import { formatAge, formatBytes, formatDuration, formatTimestamp } from '../format/units.js';
import type { SnapshotBucketInfo } from './snapshots-storage.js';
import { firstError } from './snapshots-storage.js';
import type { VolumeView } from './snapshots-volumes.js';

export interface DetailLine {
  text: string;
  tone?: Tone | 'heading';
}

export interface DetailInput {
  backup: Backup;
  /** The snapshot's storage location, to say which bucket it is in. */
  location?: BackupStorageLocation;
  volumes: readonly VolumeView[];
  /** Undefined while the bucket is being read. */
  bucket?: SnapshotBucketInfo;
  deletion?: DeletionState;
  now: Date;
}

const field = (label: string, value: string, tone?: DetailLine['tone']): DetailLine => ({ text: `  ${label.padEnd(16)}${value}`, tone });
const heading = (text: string): DetailLine => ({ text, tone: 'heading' });
const list = (items: string[] | undefined, empty = '—') => (items?.length ? items.map(safeLine).join(', ') : empty);
const when = (iso: string | undefined, now: Date) => (iso ? `${formatTimestamp(iso)} (${formatAge(iso, now)})` : '—');

function where(b: Backup, location: BackupStorageLocation | undefined): string {
  const name = safeLine(b.spec.storageLocation ?? 'default location');
  if (!location) return name;
  const os = location.spec.objectStorage;
  return `${name} (bucket ${safeLine(os.bucket)}${os.prefix ? `, prefix ${safeLine(os.prefix)}` : ''})`;
}

function overview(b: Backup, now: Date, bucket: SnapshotBucketInfo | undefined, location: BackupStorageLocation | undefined): DetailLine[] {
  const s = b.status ?? {};
  const view = backupPhaseView(b, now);
  const start = s.startTimestamp;
  const took = start && s.completionTimestamp ? ` — took ${formatDuration(Date.parse(s.completionTimestamp) - Date.parse(start))}` : '';
  const items = s.progress?.totalItems !== undefined ? `${s.progress.itemsBackedUp ?? 0} of ${s.progress.totalItems} backed up` : '—';
  const size = bucket === undefined ? 'reading the bucket…' : bucket.size === undefined ? 'unknown' : formatBytes(bucket.size);
  return [
    { text: `Snapshot ${safeLine(b.metadata.name)}  ${view.label}`, tone: view.tone },
    field('Type', `${snapshotKindOf(b) === 'full' ? 'full (instance)' : 'partial (application)'}, ${triggerOf(b)}`),
    ...(b.metadata.labels?.['velero.io/schedule-name'] ? [field('Schedule', safeLine(b.metadata.labels['velero.io/schedule-name']))] : []),
    field('Started', when(start ?? b.metadata.creationTimestamp, now)),
    field('Completed', `${when(s.completionTimestamp, now)}${took}`),
    field('Expires', `${when(s.expiration, now)} — kept ${describeTtl(b.spec.ttl)}${b.spec.ttl ? ` (ttl ${safeLine(b.spec.ttl)})` : ''}`),
    field('Storage', where(b, location)),
    field('Size', size),
    field('Items', items),
    field('Errors', String(s.errors ?? 0), s.errors ? 'error' : undefined),
    field('Warnings', String(s.warnings ?? 0), s.warnings ? 'warn' : undefined),
    ...(s.version !== undefined || s.formatVersion ? [field('Format', `${s.formatVersion ?? '?'}`)] : []),
  ];
}

function problem(b: Backup, bucket: SnapshotBucketInfo | undefined, deletion: DeletionState | undefined, location: BackupStorageLocation | undefined): DetailLine[] {
  const s = b.status ?? {};
  const out: DetailLine[] = [];
  if (deletion?.pending) out.push({ text: 'Velero is deleting this snapshot and its data in the bucket.', tone: 'muted' });
  if (deletion?.errors.length) {
    out.push({ text: 'The last delete request failed; the snapshot is still there:', tone: 'error' });
    for (const e of deletion.errors) out.push({ text: `  ${safeLine(e)}`, tone: 'error' });
  }
  if (s.phase === 'FailedValidation') {
    out.push({ text: 'Velero refused this snapshot:', tone: 'error' });
    for (const e of s.validationErrors ?? []) out.push({ text: `  ${safeLine(e)}`, tone: 'error' });
  }
  if (s.phase === 'Failed' || s.phase === 'PartiallyFailed' || s.failureReason || s.errors) {
    if (s.failureReason) out.push({ text: `Failure reason: ${safeLine(s.failureReason)}`, tone: 'error' });
    const hint = noCredentialsHint(s.failureReason, Boolean(location?.spec.credential));
    if (hint) out.push({ text: hint, tone: 'warn' });
    const first = firstError(bucket?.results);
    if (first) out.push({ text: `First error — ${safeLine(first)}`, tone: 'error' });
    const log = 'the backup log (press l; e jumps to error lines)';
    out.push({ text: `Where to look: ${first ? `the errors below, then ${log}` : log}.`, tone: 'muted' });
  }
  return out.length ? [{ text: '' }, ...out] : [];
}

function contents(b: Backup): DetailLine[] {
  const sp = b.spec;
  const cluster = sp.includeClusterResources === true ? 'included' : sp.includeClusterResources === false ? 'excluded' : 'auto (only those the namespaced items need)';
  const fsb = sp.defaultVolumesToFsBackup ? 'every pod volume (file-system backup)' : 'only volumes pods opt in with backup.velero.io/backup-volumes';
  const out: DetailLine[] = [
    { text: '' },
    heading('What it includes'),
    field('Namespaces', list(sp.includedNamespaces, 'all')),
    field('Excluded ns', list(sp.excludedNamespaces)),
    field('Resources', list(sp.includedResources, 'all')),
    field('Excluded', list(sp.excludedResources)),
    field('Cluster-scoped', cluster),
  ];
  if (sp.labelSelector) out.push(field('Label selector', safeLine(selectorString(sp.labelSelector))));
  if (sp.orLabelSelectors?.length) out.push(field('Any of labels', sp.orLabelSelectors.map((s) => safeLine(selectorString(s))).join(' or ')));
  if (!sp.labelSelector && !sp.orLabelSelectors?.length) out.push(field('Label selector', 'none (everything)'));
  out.push(field('Volumes', fsb));
  out.push(field('Snapshots', sp.snapshotVolumes === false ? 'volume snapshots off' : 'volume snapshots where a snapshotter is configured'));
  const hooks = b.status?.hookStatus;
  out.push(field('Hooks', `${sp.hooks ? 'configured' : 'none in spec'}; attempted ${hooks?.hooksAttempted ?? 0}, failed ${hooks?.hooksFailed ?? 0}`, hooks?.hooksFailed ? 'error' : undefined));
  return out;
}

function volumeLines(volumes: readonly VolumeView[]): DetailLine[] {
  const out: DetailLine[] = [{ text: '' }, heading(`Volumes (${volumes.length})`)];
  if (!volumes.length) out.push({ text: '  No pod volume backups or data uploads for this snapshot.', tone: 'muted' });
  for (const v of volumes) {
    const size = v.totalBytes !== undefined ? `${formatBytes(v.bytesDone)} of ${formatBytes(v.totalBytes)}` : formatBytes(v.bytesDone);
    const tone: Tone = v.state === 'failed' ? 'error' : v.state === 'done' ? 'ok' : 'busy';
    out.push({ text: `  ${safeLine(v.target)}  ${v.kind}  ${safeLine(v.phase)}  ${size}`, tone });
    if (v.message) out.push({ text: `      ${safeLine(v.message)}`, tone: v.state === 'failed' ? 'error' : 'muted' });
  }
  return out;
}

function entryCount(e: ResultEntries | undefined): number {
  if (!e) return 0;
  return (e.velero?.length ?? 0) + (e.cluster?.length ?? 0) + Object.values(e.namespaces ?? {}).reduce((n, l) => n + l.length, 0);
}

function resultLines(title: string, e: ResultEntries | undefined, tone: Tone): DetailLine[] {
  const out: DetailLine[] = [{ text: '' }, heading(`${title} (${entryCount(e)})`)];
  if (!entryCount(e)) return [...out, { text: '  none', tone: 'muted' }];
  const group = (name: string, items: string[] | undefined) => {
    if (!items?.length) return;
    out.push({ text: `  ${name}:` });
    for (const item of items) out.push({ text: `    ${safeLine(item)}`, tone });
  };
  group('Velero', e?.velero);
  group('Cluster', e?.cluster);
  for (const [ns, items] of Object.entries(e?.namespaces ?? {}).sort(([a], [b]) => a.localeCompare(b))) group(`Namespace ${safeLine(ns)}`, items);
  return out;
}

function bucketLines(bucket: SnapshotBucketInfo | undefined): DetailLine[] {
  if (!bucket) return [{ text: '' }, { text: 'Reading errors, warnings and the resource list from the bucket…', tone: 'muted' }];
  const out: DetailLine[] = [];
  for (const p of bucket.problems) out.push({ text: `Could not read from the bucket — ${safeLine(p)}`, tone: 'warn' });
  const r: OperationResults | undefined = bucket.results;
  if (r) out.push(...resultLines('Errors', r.errors, 'error'), ...resultLines('Warnings', r.warnings, 'warn'));
  else if (!bucket.problems.some((p) => p.startsWith('results'))) out.push({ text: '' }, { text: 'No results file in the bucket (yet).', tone: 'muted' });
  const resources = bucket.resourceList;
  if (resources) {
    const total = Object.values(resources).reduce((n, l) => n + l.length, 0);
    out.push({ text: '' }, heading(`Resources (${total})`));
    for (const [kind, names] of Object.entries(resources).sort(([a], [b]) => a.localeCompare(b))) {
      out.push({ text: `  ${safeLine(kind)} (${names.length})` });
      for (const n of names) out.push({ text: `    ${safeLine(n)}` });
    }
  }
  return out;
}

export function snapshotDetailLines({ backup, location, volumes, bucket, deletion, now }: DetailInput): DetailLine[] {
  return [
    ...overview(backup, now, bucket, location),
    ...problem(backup, bucket, deletion, location),
    ...contents(backup),
    ...volumeLines(volumes),
    ...bucketLines(bucket),
  ];
}

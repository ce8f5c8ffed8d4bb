// Velero-style logs (logrus text format, fields sorted by key) rendered from
// bucket records on demand, so the demo's logs read like the real thing.
import type { ResultEntries } from '../model.js';
import type { BackupRecord, RestoreRecord } from './bucket.js';
import type { SimItem } from './cluster-state.js';
import { kubeTime } from './time.js';

type Level = 'info' | 'warning' | 'error';
type Fields = Record<string, string | number | undefined>;

function quote(value: string | number): string {
  const text = String(value);
  return text === '' || /^[A-Za-z0-9_./:-]+$/.test(text) ? text : `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function line(time: Date, level: Level, msg: string, fields: Fields): string {
  const keys = Object.keys(fields).filter((k) => fields[k] !== undefined).sort();
  const rest = keys.map((k) => `${k}=${quote(fields[k]!)}`).join(' ');
  return `time="${kubeTime(time)}" level=${level} msg=${quote(msg)}${rest ? ` ${rest}` : ''}`;
}

/** Spreads `count` lines evenly between two instants. */
function clockBetween(start: string | undefined, end: string | undefined, count: number): (i: number) => Date {
  const a = new Date(start ?? 0).getTime();
  const b = Math.max(a, new Date(end ?? start ?? 0).getTime());
  return (i) => new Date(a + Math.floor(((b - a) * i) / Math.max(1, count - 1)));
}

function entries(r: ResultEntries): { where: string; text: string; namespace?: string }[] {
  const out: { where: string; text: string; namespace?: string }[] = [];
  for (const text of r.velero ?? []) out.push({ where: 'velero', text });
  for (const text of r.cluster ?? []) out.push({ where: 'cluster', text });
  for (const [ns, list] of Object.entries(r.namespaces ?? {})) for (const text of list) out.push({ where: ns, text, namespace: ns });
  return out;
}

function itemFields(item: SimItem): Fields {
  return { name: item.name, namespace: item.namespace ?? '', resource: item.resource };
}

export function renderBackupLog(record: BackupRecord, veleroNamespace: string): string {
  const b = record.backup;
  const ref = `${veleroNamespace}/${b.metadata.name}`;
  const spec = b.spec;
  const lines: [Level, string, Fields][] = [];
  const push = (level: Level, msg: string, src: string, extra: Fields = {}) => lines.push([level, msg, { backup: ref, logSource: src, ...extra }]);
  push('info', 'Setting up backup temp file', 'pkg/controller/backup_controller.go:621');
  push('info', 'Setting up plugin manager', 'pkg/controller/backup_controller.go:628');
  push('info', 'Getting backup item actions', 'pkg/controller/backup_controller.go:632');
  push('info', 'Setting up backup store to check for backup existence', 'pkg/controller/backup_controller.go:637');
  push('info', 'Writing backup version file', 'pkg/backup/backup.go:276');
  push('info', `Including namespaces: ${spec.includedNamespaces?.join(',') || '*'}`, 'pkg/backup/backup.go:282');
  push('info', `Excluding namespaces: ${spec.excludedNamespaces?.join(',') || '<none>'}`, 'pkg/backup/backup.go:283');
  push('info', `Including resources: ${spec.includedResources?.join(',') || '*'}`, 'pkg/util/collections/includes_excludes.go:506');
  push('info', `Excluding resources: ${spec.excludedResources?.join(',') || '<none>'}`, 'pkg/util/collections/includes_excludes.go:507');
  push('info', `Backing up all volumes using pod volume backup: ${spec.defaultVolumesToFsBackup === true}`, 'pkg/backup/backup.go:299');
  const failed = b.status?.phase === 'Failed';
  // A failed backup stops part-way; its log ends where it stopped.
  const shown = failed ? record.items.slice(0, b.status?.progress?.itemsBackedUp ?? 0) : record.items;
  const total = record.items.length;
  shown.forEach((item, i) => {
    push('info', 'Processing item', 'pkg/backup/backup.go:461', { ...itemFields(item), progress: '' });
    push('info', 'Backing up item', 'pkg/backup/item_backupper.go:184', itemFields(item));
    for (const v of record.volumes.filter((v) => v.pod === item.name && v.namespace === item.namespace && item.kind === 'Pod')) {
      push('info', `Initializing pod volume backup of volume ${v.volume} in pod ${v.namespace}/${v.pod} (uploader: kopia)`, 'pkg/podvolume/backupper.go:212', itemFields(item));
    }
    push('info', `Backed up ${i + 1} items out of an estimated total of ${total} (estimate will change throughout the backup)`, 'pkg/backup/backup.go:501', { ...itemFields(item), progress: '' });
  });
  for (const w of entries(record.results.warnings)) push('warning', w.text, 'pkg/backup/backup.go:518', w.namespace ? { namespace: w.namespace } : {});
  for (const e of entries(record.results.errors)) push('error', e.text, 'pkg/backup/backup.go:522', e.namespace ? { namespace: e.namespace } : {});
  if (failed) {
    push('error', 'backup failed', 'pkg/controller/backup_controller.go:332', { error: b.status?.failureReason ?? 'unknown error' });
  } else {
    push('info', `Backed up a total of ${total} items`, 'pkg/backup/backup.go:538', { progress: '' });
    push('info', 'Backup completed', 'pkg/controller/backup_controller.go:746');
  }
  const at = clockBetween(b.status?.startTimestamp, b.status?.completionTimestamp, lines.length);
  return lines.map(([level, msg, fields], i) => line(at(i), level, msg, fields)).join('\n') + '\n';
}

export function renderRestoreLog(record: RestoreRecord, veleroNamespace: string): string {
  const r = record.restore;
  const ref = `${veleroNamespace}/${r.metadata.name}`;
  const lines: [Level, string, Fields][] = [];
  const push = (level: Level, msg: string, src: string, extra: Fields = {}) => lines.push([level, msg, { logSource: src, restore: ref, ...extra }]);
  push('info', 'starting restore', 'pkg/controller/restore_controller.go:528');
  push('info', `Starting restore of backup ${veleroNamespace}/${r.spec.backupName}`, 'pkg/restore/restore.go:425');
  let lastResource = '';
  record.outcomes.forEach((o, i) => {
    if (o.item.resource !== lastResource) {
      lastResource = o.item.resource;
      const into = o.item.namespace ? ` into namespace '${o.item.namespace}'` : '';
      push('info', `Restoring resource '${o.item.resource}'${into}`, 'pkg/restore/restore.go:1011');
    }
    push('info', `Attempting to restore ${o.item.kind}: ${o.item.name}`, 'pkg/restore/restore.go:1595', itemFields(o.item));
    if (o.result === 'skipped') push('warning', o.message ?? 'already exists', 'pkg/restore/restore.go:1704', itemFields(o.item));
    if (o.result === 'failed') push('error', o.message ?? 'error restoring', 'pkg/restore/restore.go:1742', itemFields(o.item));
    push('info', `Restored ${i + 1} items out of an estimated total of ${record.outcomes.length} (estimate will change throughout the restore)`, 'pkg/restore/restore.go:828', { ...itemFields(o.item), progress: '' });
  });
  for (const v of record.volumes) {
    push('info', `Restoring pod volume ${v.volume} of pod ${v.namespace}/${v.pod} from the kopia repository`, 'pkg/podvolume/restorer.go:171');
  }
  if (record.volumes.length > 0) push('info', 'Waiting for all pod volume restores to complete', 'pkg/restore/restore.go:675');
  if (r.status?.phase === 'Failed') {
    push('error', 'restore failed', 'pkg/controller/restore_controller.go:571', { error: r.status.failureReason ?? 'unknown error' });
  } else {
    push('info', 'restore completed', 'pkg/controller/restore_controller.go:608');
  }
  const at = clockBetween(r.status?.startTimestamp, r.status?.completionTimestamp, lines.length);
  return lines.map(([level, msg, fields], i) => line(at(i), level, msg, fields)).join('\n') + '\n';
}

// A demo backend whose cluster, Velero objects and bucket answer with hostile
// text: every free-text field the program might show (annotations, failure
// reasons, validation errors, BSL messages, log lines, results entries,
// namespaces, context names, plugin names...) carries terminal escape
// sequences after a visible tag. Tests look for the tag (the field really was
// shown) and for any raw control character (it was not neutralised).
import type { DemoBackend } from '../../src/services/demo/index.js';
import { ServiceError, type ClusterService, type StorageService, type VeleroService, type WatchHandlers } from '../../src/services/interfaces.js';
import type { OperationResults, VeleroKind, VeleroKinds } from '../../src/services/model.js';

/**
 * Clear screen, cursor home, window title, OSC 8 hyperlink, C1 CSI, a
 * right-to-left override, backspaces over the text, a carriage return, a
 * cursor-up, OSC 52 clipboard write and BEL.
 */
export const PAYLOAD =
  '\u001b[2J\u001b[H\u001b]0;pwned\u0007\u001b]8;;https://evil.example/\u0007link\u001b]8;;\u0007\u009b31m\u202eevil\u202c\b\b\rX\u001b[1A\u001b]52;c;ZXZpbA==\u0007\u0007';

export const mark = (tag: string) => `${tag}${PAYLOAD}`;

/** Anything a terminal acts on, or that reorders text. Newlines are how frames are made, so they are allowed. */
// eslint-disable-next-line no-control-regex
export const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Characters of `text` a terminal would act on, described (empty when safe). */
export function unsafeIn(text: string): string[] {
  // eslint-disable-next-line no-control-regex
  return [...text.matchAll(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g)].map(
    (m) => `U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${m.index}: …${JSON.stringify(text.slice(Math.max(0, m.index - 30), m.index + 10))}…`,
  );
}

export interface HostileOptions {
  /** The BSL reports Unavailable with a hostile message. */
  bslUnavailable?: boolean;
  /** Schedules report FailedValidation with hostile validation errors. */
  scheduleInvalid?: boolean;
  /** The storage check fails with a hostile message and hint. */
  validateFails?: boolean;
  /** listLabelled returns an extra hostile resource (only for screens that do not delete it). */
  hostileResources?: boolean;
  /** Connecting fails: the apiserver answers with a hostile error and hint. */
  pingFails?: boolean;
}

const hostileResults = (prefix: string): OperationResults => ({
  errors: { velero: [mark(`${prefix}ERRVELERO`)], cluster: [mark(`${prefix}ERRCLUSTER`)], namespaces: { [mark(`${prefix}NSKEY`)]: [mark(`${prefix}ERRNS`)], harness: [mark(`${prefix}ERRHARNESS`)] } },
  warnings: { velero: [mark(`${prefix}WARNVELERO`)], namespaces: { harness: [mark(`${prefix}WARNHARNESS`)] } },
});

function merge(base: OperationResults | undefined, extra: OperationResults): OperationResults {
  const out: OperationResults = structuredClone(base ?? { errors: {}, warnings: {} });
  for (const which of ['errors', 'warnings'] as const) {
    const t = out[which];
    const e = extra[which];
    t.velero = [...(t.velero ?? []), ...(e.velero ?? [])];
    t.cluster = [...(t.cluster ?? []), ...(e.cluster ?? [])];
    const ns = (t.namespaces ??= {});
    for (const [k, v] of Object.entries(e.namespaces ?? {})) ns[k] = [...(ns[k] ?? []), ...v];
  }
  return out;
}

const logLines = (tag: string) =>
  [
    `time="2025-06-12T09:00:00Z" level=error msg="${mark(`${tag}LOGMSG`)}" logSource="pkg/x.go:1" name=${mark(`${tag}LOGFIELD`)}`,
    `time="2025-06-12T09:00:01Z" level=warning msg="plain" error="${mark(`${tag}LOGERR`)}"`,
    mark(`${tag}LOGRAW`),
  ].join('\n');

/** The object as a hostile cluster would return it (names are left alone: they are looked up again). */
function decorate<K extends VeleroKind>(kind: K, input: VeleroKinds[K], opts: HostileOptions): VeleroKinds[K] {
  const obj = structuredClone(input) as VeleroKinds[VeleroKind];
  obj.metadata.annotations = { ...obj.metadata.annotations, 'hostile.example/note': mark('ANNOT') };
  switch (kind as VeleroKind) {
    case 'Backup': {
      const b = obj as VeleroKinds['Backup'];
      b.spec = { ...b.spec, excludedNamespaces: [mark('EXCLNS')] };
      if (b.status?.phase === 'Failed') b.status.failureReason = mark('FAILREASON');
      if (b.status?.phase === 'FailedValidation') b.status.validationErrors = [mark('BVALERR')];
      break;
    }
    case 'Restore': {
      const r = obj as VeleroKinds['Restore'];
      if (r.status?.phase === 'Failed' || r.status?.phase === 'PartiallyFailed') r.status.failureReason = mark('RFAILREASON');
      if (r.status?.phase === 'FailedValidation') r.status.validationErrors = [mark('RVALERR')];
      break;
    }
    case 'Schedule': {
      const s = obj as VeleroKinds['Schedule'];
      if (opts.scheduleInvalid) s.status = { ...s.status, phase: 'FailedValidation', validationErrors: [mark('SCHEDERR')] };
      break;
    }
    case 'BackupStorageLocation': {
      const l = obj as VeleroKinds['BackupStorageLocation'];
      if (opts.bslUnavailable) l.status = { ...l.status, phase: 'Unavailable', message: mark('BSLMSG') };
      break;
    }
    case 'DeleteBackupRequest': {
      const d = obj as VeleroKinds['DeleteBackupRequest'];
      if (d.status?.phase === 'Processed') d.status.errors = [mark('DBRERR')];
      break;
    }
    default: {
      const v = obj as VeleroKinds['PodVolumeBackup'];
      if (v.status) v.status.message = mark('VOLMSG');
    }
  }
  return obj as VeleroKinds[K];
}

function hostileVelero(base: VeleroService, opts: HostileOptions): VeleroService {
  return {
    ...base,
    namespace: base.namespace,
    async list(kind, labelSelector) {
      return (await base.list(kind, labelSelector)).map((o) => decorate(kind, o, opts));
    },
    async get(kind, name) {
      const o = await base.get(kind, name);
      return o && decorate(kind, o, opts);
    },
    watch<K extends VeleroKind>(kind: K, handlers: WatchHandlers<VeleroKinds[K]>, labelSelector?: string) {
      return base.watch(
        kind,
        {
          onReset: (items) => handlers.onReset(items.map((o) => decorate(kind, o, opts))),
          onEvent: (type, o) => handlers.onEvent(type, decorate(kind, o, opts)),
          onState: handlers.onState && ((state, error) => handlers.onState!(state, error)),
        },
        labelSelector,
      );
    },
    async serverStatus(timeoutMs) {
      const s = await base.serverStatus(timeoutMs);
      return { serverVersion: `${s.serverVersion}${mark('VERSION')}`, plugins: [...s.plugins, { name: mark('PLUGIN'), kind: 'ObjectStore' }] };
    },
  };
}

function hostileStorage(base: StorageService, opts: HostileOptions): StorageService {
  return {
    ...base,
    async validate(dest, onStep) {
      const r = await base.validate(dest, onStep);
      if (!opts.validateFails) return r;
      return { ok: false, failedStep: 'bucket', kind: 'unknown', message: mark('VALMSG'), hint: mark('VALHINT') };
    },
    async readBackupLog(dest, backup) {
      return `${await base.readBackupLog(dest, backup)}\n${logLines('B')}\n`;
    },
    async readRestoreLog(dest, restore) {
      return `${await base.readRestoreLog(dest, restore)}\n${logLines('R')}\n`;
    },
    async readBackupResults(dest, backup) {
      return merge(await base.readBackupResults(dest, backup), hostileResults('B'));
    },
    async readRestoreResults(dest, restore) {
      return merge(await base.readRestoreResults(dest, restore), hostileResults('R'));
    },
    async readBackupResourceList(dest, backup) {
      const list = await base.readBackupResourceList(dest, backup);
      return list && { ...list, [mark('RESKIND')]: [`harness/${mark('RESITEM')}`] };
    },
  };
}

function hostileCluster(base: ClusterService, opts: HostileOptions): ClusterService {
  return {
    ...base,
    info: () => {
      const i = base.info();
      return { ...i, context: mark('CTX'), user: mark('USER'), contexts: [mark('CTX'), ...i.contexts] };
    },
    async ping() {
      if (opts.pingFails) throw new ServiceError('unauthorized', mark('PINGERR'), mark('PINGHINT'));
      return base.ping();
    },
    async listNamespaces(labelSelector) {
      const list = await base.listNamespaces(labelSelector);
      return list.map((ns) => ({ ...ns, labels: { ...ns.labels, 'hostile.example/label': mark('NSLABEL') } }));
    },
    async listLabelled(namespaces, labelSelector) {
      const refs = await base.listLabelled(namespaces, labelSelector);
      if (!opts.hostileResources) return refs;
      return [...refs, { apiVersion: 'v1', kind: 'ConfigMap', resource: 'configmaps', namespace: 'harness', name: mark('RESREF') }];
    },
  };
}

/** The demo backend, answering with hostile text everywhere; `calls` and demo controls are the base's. */
export function hostileBackend(base: DemoBackend, opts: HostileOptions = {}): DemoBackend {
  const velero = new Map<string, VeleroService>();
  return {
    ...base,
    cluster: hostileCluster(base.cluster, opts),
    storage: hostileStorage(base.storage, opts),
    velero(namespace) {
      let v = velero.get(namespace);
      if (!v) velero.set(namespace, (v = hostileVelero(base.velero(namespace), opts)));
      return v;
    },
    close: () => base.close(),
  };
}

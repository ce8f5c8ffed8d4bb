// The Storage screen's resting view: where Velero keeps snapshots now, whether
// Velero can use it, the (masked) credentials, and the space used.
import { Box, Text } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { useAppState, useEffectContext } from '../components/app-context.js';
import type { KeyBinding } from '../components/keys.js';
import { useScreenKeys } from '../components/screen-keys.js';
import { safeLine } from '../format/safe-text.js';
import { formatAge, formatBytes, formatTimestamp } from '../format/units.js';
import type { BackupStorageLocation } from '../services/model.js';
import { destinationTypeOf, LOCATION_NAME } from '../services/storage-location.js';
import { errorText } from '../state/operations.js';
import { loadStorageInfo } from '../state/storage.js';
import { backupsOfLocation } from '../state/storage-run.js';
import { TYPE_OPTIONS } from '../state/storage-form.js';
import type { StorageInfo } from '../state/storage-types.js';
import { InternalWarning } from './storage-notes.js';
import { accessRefusal } from '../state/access.js';

export interface CurrentProps {
  onEdit: () => void;
  onAttach: () => void;
  onCheck: () => void;
  /** Why checking cannot start now (another run is busy). */
  busyReason?: string;
}

const LABEL = 13;

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box>
      <Box width={LABEL} flexShrink={0}>
        <Text dimColor>{label}</Text>
      </Box>
      <Box flexGrow={1}>
        <Text wrap="truncate-end">{children}</Text>
      </Box>
    </Box>
  );
}

export function StorageCurrent({ onEdit, onAttach, onCheck, busyReason }: CurrentProps) {
  const ctx = useEffectContext();
  const location = useAppState((s) => s.objects.BackupStorageLocation[LOCATION_NAME]);
  const loaded = useAppState((s) => Boolean(s.loaded.BackupStorageLocation));
  const others = useAppState((s) => s.objects.BackupStorageLocation);
  const backups = useAppState((s) => s.objects.Backup);
  const [info, setInfo] = useState<StorageInfo>();
  const [infoError, setInfoError] = useState<string>();
  const [reload, setReload] = useState(0);
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);

  // Reload the credentials and usage when the location's settings (not its status) change.
  const specKey = location ? JSON.stringify(location.spec) : '';
  useEffect(() => {
    if (!location) return;
    setInfoError(undefined);
    loadStorageInfo(ctx, location).then(
      (i) => alive.current && setInfo(i),
      (err: unknown) => alive.current && setInfoError(errorText(err)),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [specKey, reload]);

  const bindings: KeyBinding[] = [
    { key: 'e', label: location ? 'edit' : 'set up', run: onEdit, dangerous: true, disabledReason: () => accessRefusal(ctx.store.getState(), 'storage-write') },
    { key: 'a', label: 'attach bucket read-only', run: onAttach, dangerous: true, disabledReason: () => accessRefusal(ctx.store.getState(), 'storage-write') },
    {
      key: 'v',
      label: 'check',
      run: onCheck,
      disabledReason: () => busyReason ?? (location ? undefined : 'no storage is set up yet'),
    },
    { key: 'ctrl-r', label: 'refresh', run: () => setReload((n) => n + 1) },
  ];
  useScreenKeys(bindings);

  if (!loaded) return <Text color="yellow">⟳ Reading the storage location…</Text>;
  const otherNames = Object.keys(others).filter((n) => n !== LOCATION_NAME);
  if (!location) return <NoLocation others={otherNames} />;
  return <LocationView location={location} info={info} infoError={infoError} listed={backupsOfLocation(Object.values(backups))} others={otherNames} />;
}

function NoLocation({ others }: { others: string[] }) {
  return (
    <Box flexDirection="column">
      <Text bold color="yellow">
        No storage destination is set up: Velero cannot take snapshots.
      </Text>
      <Box marginTop={1} flexDirection="column">
        <Text>
          <Text bold color="cyan">e</Text> set up storage: Amazon S3, S3-compatible, or internal storage
        </Text>
        <Text>
          <Text bold color="cyan">a</Text> attach an existing bucket read-only, to restore after losing a cluster
        </Text>
      </Box>
      {others.length > 0 && <Text dimColor>Other locations (not managed here): {safeLine(others.join(', '))}</Text>}
      <Box marginTop={1}>
        <Text dimColor>Amazon S3 or S3-compatible storage is recommended: it survives the cluster and holds large snapshots.</Text>
      </Box>
    </Box>
  );
}

interface ViewProps {
  location: BackupStorageLocation;
  info?: StorageInfo;
  infoError?: string;
  listed: number;
  others: string[];
}

function LocationView({ location, info, infoError, listed, others }: ViewProps) {
  // Ages ("checked 20s ago") stay true while nothing else changes.
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 5000);
    return () => clearInterval(timer);
  }, []);
  const { spec, status } = location;
  const config = spec.config ?? {};
  const type = destinationTypeOf(location);
  const readOnly = spec.accessMode === 'ReadOnly';
  const phase = status?.phase;
  return (
    <Box flexDirection="column">
      <Row label="Type">{TYPE_OPTIONS.find((o) => o.value === type)?.label}</Row>
      <Row label="Bucket">
        <Text bold>{safeLine(spec.objectStorage.bucket)}</Text>
        {spec.objectStorage.prefix ? `  prefix ${safeLine(spec.objectStorage.prefix)}` : '  (no prefix)'}
      </Row>
      <Row label="Region">{safeLine(config.region || '—')}</Row>
      {config.s3Url && <Row label="Endpoint">{safeLine(config.s3Url)}</Row>}
      {config.publicUrl && <Row label="Node URL">{safeLine(config.publicUrl)}</Row>}
      {type !== 'aws' && <Row label="CA cert">{spec.objectStorage.caCert ? 'set' : 'not set'}</Row>}
      <Row label="Access">
        {readOnly ? <Text color="magenta">Read-only</Text> : 'Read-write'}
        {readOnly && <Text dimColor> — restores only; no new snapshots go here</Text>}
      </Row>
      <Row label="Credentials">
        <Credentials info={info} infoError={infoError} />
      </Row>
      <Row label="Status">
        <Text color={phase === 'Available' ? 'green' : phase ? 'red' : 'yellow'}>● {phase ?? 'not checked by Velero yet'}</Text>
        {status?.lastValidationTime && <Text dimColor>{`  checked ${formatAge(status.lastValidationTime, now)} (${formatTimestamp(status.lastValidationTime)})`}</Text>}
      </Row>
      {status?.message && (
        <Box paddingLeft={LABEL}>
          <Text color="red">{safeLine(plainMessage(status.message))}</Text>
        </Box>
      )}
      <Row label="Last sync">
        {status?.lastSyncedTime ? `${formatAge(status.lastSyncedTime, now)} · ${listed} snapshot${listed === 1 ? '' : 's'} listed` : 'not synced yet'}
      </Row>
      <Row label="Space used">
        <Usage info={info} />
      </Row>
      {others.length > 0 && <Row label="Other BSLs">{safeLine(others.join(', '))} (not managed here)</Row>}
      {type === 'internal' && <InternalWarning />}
    </Box>
  );
}

/** Velero's message without gRPC framing and empty SDK fields, which only take room. */
export function plainMessage(message: string): string {
  return message.replace(/rpc error: code = \w+ desc = /g, '').replace(/\b(RequestID|HostID): ,\s*/g, '');
}

function Credentials({ info, infoError }: { info?: StorageInfo; infoError?: string }) {
  if (infoError) return <Text color="red">{safeLine(infoError)}</Text>;
  if (!info) return <Text dimColor>reading…</Text>;
  const c = info.credentials;
  if (c.source === 'instance-role') return <Text>instance role (no keys stored)</Text>;
  if (c.source === 'problem') return <Text color="red">{safeLine(c.problem)}</Text>;
  return (
    <Text>
      key {c.maskedKeyId} <Text dimColor>in Secret {safeLine(c.name)} ({safeLine(c.key)})</Text>
    </Text>
  );
}

function Usage({ info }: { info?: StorageInfo }) {
  if (!info) return <Text dimColor>reading…</Text>;
  if (info.usageError) return <Text color="yellow">unreadable: {safeLine(info.usageError)}</Text>;
  if (!info.usage) return <Text dimColor>—</Text>;
  const u = info.usage;
  return (
    <Text>
      {formatBytes(u.bytes)} in {u.objects} objects · {u.backups} snapshot{u.backups === 1 ? '' : 's'} in the bucket
    </Text>
  );
}

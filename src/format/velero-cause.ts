// The part of a Velero / AWS plugin error an admin acts on. Velero's BSL
// messages wrap the cause in gRPC and SDK layers ("rpc error: … exceeded
// maximum number of attempts, 3, … request send failed, GET "…": dial tcp
// 10.0.0.5:9000: connect: connection refused"); one-line refusals show the cause.
import { clipText } from './safe-text.js';

/** "dial tcp 10.0.0.5:9000: connect: connection refused", "NoSuchBucket: The specified bucket does not exist", or the message, de-noised and clipped. */
export function veleroCause(message: string, max = 160): string {
  const dial = /\b(dial tcp [^\s,"]+: .*)$/.exec(message);
  if (dial) return clipText(dial[1]!.trim(), max);
  const api = /\bapi error (\w+): (.*)$/.exec(message);
  if (api) return clipText(`${api[1]}: ${api[2]}`.trim(), max);
  const plain = message.replace(/rpc error: code = \w+ desc = /g, '').replace(/\b(RequestID|HostID): [^,]*,\s*/g, '');
  return clipText(plain.trim(), max);
}

/** The AWS plugin's words when its credential chain came up empty (it then falls back to the instance role). */
const NO_CREDENTIALS = /IMDS|get credentials|no valid providers|NoCredentialProviders/i;
const NO_KEYS_TODO = 'give the instance an IAM role that may use the bucket (pods reach the role only with an IMDS hop limit of 2), or save access keys';

/** What to look at when Velero calls a just-saved location Unavailable, from its message. */
export function unavailableHint(message: string | undefined): string {
  if (NO_CREDENTIALS.test(message ?? '')) return `The settings are saved. Velero found no credentials: ${NO_KEYS_TODO}.`;
  return 'The settings are saved. Velero runs inside the cluster: check that the endpoint is reachable from its pod.';
}

/**
 * For a snapshot or restore that failed because Velero found no credentials;
 * undefined for any other failure. With access keys on the location
 * (`spec.credential`) the cause is Velero's own: it rewrites its file copy of
 * the keys (truncate, then write) each time it opens the location, and a
 * backup opening it while the periodic validation does can read it empty
 * (velero-io/velero#8524) — trying again works.
 */
export function noCredentialsHint(reason: string | undefined, locationHasKeys: boolean): string | undefined {
  if (!reason || !NO_CREDENTIALS.test(reason)) return undefined;
  if (locationHasKeys) {
    return 'The location has access keys, but Velero read none: it rewrites its copy of them each time it opens the location, and two at once can read it empty (a Velero race, velero-io/velero#8524). Start it again.';
  }
  return `Velero found no credentials: ${NO_KEYS_TODO} (Storage screen, or snapshots storage set).`;
}

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

/** What to look at when Velero calls a just-saved location Unavailable, from its message. */
export function unavailableHint(message: string | undefined): string {
  if (/IMDS|get credentials|no valid providers|NoCredentialProviders/i.test(message ?? '')) {
    return 'The settings are saved. Velero found no credentials: give the instance an IAM role that may use the bucket (pods reach the role only with an IMDS hop limit of 2), or save access keys.';
  }
  return 'The settings are saved. Velero runs inside the cluster: check that the endpoint is reachable from its pod.';
}

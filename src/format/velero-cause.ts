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

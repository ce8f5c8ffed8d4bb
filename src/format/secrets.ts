// The credentials this process holds (kubeconfig tokens, storage keys), so
// that no text it shows can carry them, even when a server or a proxy quotes
// them back in an error message. safeText and the JSON writer hide them.
const held = new Set<string>();

/** Values shorter than this are too common to hide (and too short to be real credentials). */
const MIN_LENGTH = 8;

export function rememberSecret(value: string | undefined): void {
  const v = value?.trim();
  if (v && v.length >= MIN_LENGTH) held.add(v);
}

/** The text with every remembered credential replaced by [redacted]. */
export function hideSecrets(text: string): string {
  let out = text;
  for (const secret of held) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  return out;
}

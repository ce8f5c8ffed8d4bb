// Credentials the process holds are hidden from every text it shows: safeText
// (all screens and command lines) and the command JSON writer replace them,
// even inside a server's error message.
import { describe, expect, it } from 'vitest';
import { toJson } from '../../src/commands/output.js';
import { safeLine, safeText } from '../../src/format/safe-text.js';
import { hideSecrets, rememberSecret } from '../../src/format/secrets.js';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.c2VydmljZWFjY291bnQ.sig-Zq81vXk3';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCY';

describe('hideSecrets', () => {
  it('replaces every remembered value, however often it occurs', () => {
    rememberSecret(TOKEN);
    rememberSecret(`  ${SECRET}\n`);
    expect(hideSecrets(`forbidden: token ${TOKEN} (again: ${TOKEN}), key ${SECRET}`)).toBe('forbidden: token [redacted] (again: [redacted]), key [redacted]');
  });

  it('ignores values too short to be credentials, and undefined', () => {
    rememberSecret('abc');
    rememberSecret(undefined);
    rememberSecret('');
    expect(hideSecrets('abc and the cabbage')).toBe('abc and the cabbage');
  });

  it('treats secrets as plain text, not patterns', () => {
    rememberSecret('a.b*c+d?e(f)');
    expect(hideSecrets('x a.b*c+d?e(f) y aXbbc')).toBe('x [redacted] y aXbbc');
  });

  it('is applied by safeText, safeLine and the JSON writer', () => {
    expect(safeText(`Unauthorized: \u001b[31m${TOKEN}\u001b[0m`)).toBe('Unauthorized: [redacted]');
    expect(safeLine(`a\n${SECRET}`)).toBe('a [redacted]');
    expect(JSON.parse(toJson({ message: `bad ${SECRET}`, list: [TOKEN] }))).toEqual({ message: 'bad [redacted]', list: ['[redacted]'] });
  });
});

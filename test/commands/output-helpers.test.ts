// Pieces of command mode that need a terminal or a file: typed confirmation,
// progress lines, colour, retention and key parsing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli-args.js';
import { confirmTyped, requireYesOrTerminal } from '../../src/commands/confirm.js';
import { bar, colorEnabled, CommandError, paint, progressWriter } from '../../src/commands/output.js';
import { parseRetentionArg } from '../../src/commands/schedule-set.js';
import { readKeys } from '../../src/commands/storage-args.js';

function terminal(typed?: string) {
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const output = new PassThrough();
  let shown = '';
  output.on('data', (d) => (shown += String(d)));
  if (typed === undefined) input.end();
  else input.write(`${typed}\n`);
  return { io: { input, output }, shown: () => shown };
}

const opts = { yes: false, expected: 'instance-6pz4k', what: 'the snapshot name', action: 'Deleting snapshot instance-6pz4k', warning: ['This cannot be undone.'] };

describe('typed confirmation', () => {
  it('goes ahead when the exact text is typed, after showing what happens', async () => {
    const t = terminal('instance-6pz4k');
    await confirmTyped(opts, t.io);
    expect(t.shown()).toContain('This cannot be undone.');
    expect(t.shown()).toContain('Type the snapshot name (instance-6pz4k) to continue: ');
  });

  it('cancels with exit 1 on other text or end of input', async () => {
    await expect(confirmTyped(opts, terminal('instance-6pz4').io)).rejects.toMatchObject({ code: 1, message: expect.stringContaining('Nothing was changed') });
    await expect(confirmTyped(opts, terminal().io)).rejects.toMatchObject({ code: 1 });
  });

  it('without a terminal, exit 2 asking for --yes; --yes skips the question', async () => {
    const piped = { input: new PassThrough(), output: new PassThrough() };
    await expect(confirmTyped(opts, piped)).rejects.toMatchObject({ code: 2, message: expect.stringContaining('needs --yes') });
    await expect(confirmTyped({ ...opts, yes: true }, piped)).resolves.toBeUndefined();
    expect(() => requireYesOrTerminal(false, 'Restoring', { isTTY: false })).toThrow(CommandError);
    expect(() => requireYesOrTerminal(false, 'Restoring', { isTTY: true })).not.toThrow();
  });
});

describe('progress lines', () => {
  const sink = (isTTY: boolean) => {
    const chunks: string[] = [];
    return { stream: { isTTY, write: (c: string) => (chunks.push(c), true) } as never, chunks };
  };

  it('redraws one line on a terminal and ends it with a newline', () => {
    const s = sink(true);
    const p = progressWriter(s.stream);
    p('Snapshot a: In progress · 1/4 items');
    p('Snapshot a: In progress · 1/4 items');
    p('Snapshot a: In progress · 2/4 items');
    p.end();
    expect(s.chunks).toEqual(['\r\u001b[2KSnapshot a: In progress · 1/4 items', '\r\u001b[2KSnapshot a: In progress · 2/4 items', '\n']);
  });

  it('writes plain lines otherwise: phase changes at once, other changes at most every interval', () => {
    const s = sink(false);
    let now = 0;
    const p = progressWriter(s.stream, 10_000, () => now);
    p('Snapshot a: In progress · 1/4 items');
    now = 1000;
    p('Snapshot a: In progress · 2/4 items');
    p('Snapshot a: Finalizing · 4/4 items');
    now = 20_000;
    p('Snapshot a: Finalizing · 4/4 items · 20s');
    p.end();
    expect(s.chunks).toEqual(['Snapshot a: In progress · 1/4 items\n', 'Snapshot a: Finalizing · 4/4 items\n', 'Snapshot a: Finalizing · 4/4 items · 20s\n']);
  });

  it('draws a bar', () => {
    expect(bar(1, 4, 8)).toBe('[##------] 25%');
    expect(bar(0, 0, 4)).toBe('[----] 0%');
  });
});

describe('colour', () => {
  it('only on a terminal, never with NO_COLOR or --no-color', () => {
    expect(colorEnabled({ isTTY: true }, {}, {})).toBe(true);
    expect(colorEnabled({ isTTY: false }, {}, {})).toBe(false);
    expect(colorEnabled({ isTTY: true }, {}, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ isTTY: true }, parseCli(['list', '--no-color']).rest, {})).toBe(false);
    expect(paint('ok', 'ok', false)).toBe('ok');
    expect(paint('ok', 'ok', true)).toBe('\u001b[32mok\u001b[0m');
  });
});

describe('retention argument', () => {
  it('reads d, w, m, y and the long unit names', () => {
    expect(parseRetentionArg('30d')).toEqual({ value: '30', unit: 'days' });
    expect(parseRetentionArg('4w')).toEqual({ value: '4', unit: 'weeks' });
    expect(parseRetentionArg('1m')).toEqual({ value: '1', unit: 'months' });
    expect(parseRetentionArg('2 years')).toEqual({ value: '2', unit: 'years' });
  });

  it('names the bad value and what is allowed', () => {
    for (const bad of ['30', '1h', 'week', '']) {
      expect(() => parseRetentionArg(bad)).toThrow(`--retention "${bad}" is not a retention: use a number and a unit d, w, m or y`);
    }
  });
});

describe('storage keys', () => {
  const file = (text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'snapshots-keys-')), 'credentials');
    writeFileSync(path, text);
    return path;
  };

  it('a credentials file wins over the environment; the environment over the stored keys', async () => {
    const env = { AWS_ACCESS_KEY_ID: 'ENVKEY', AWS_SECRET_ACCESS_KEY: 'env-secret' };
    const path = file('[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = file-secret\n');
    expect(await readKeys(parseCli(['storage', 'set', '--credentials-file', path]), env)).toEqual({ accessKeyId: 'FILEKEY', secretAccessKey: 'file-secret' });
    expect(await readKeys(parseCli(['storage', 'set']), env)).toEqual({ accessKeyId: 'ENVKEY', secretAccessKey: 'env-secret' });
    expect(await readKeys(parseCli(['storage', 'set']), {})).toBeUndefined();
    expect(await readKeys(parseCli(['storage', 'set', '--instance-role']), env)).toBeUndefined();
  });

  it('a missing file exits 2 naming the path, not any key', async () => {
    await expect(readKeys(parseCli(['storage', 'set', '--credentials-file', '/nonexistent/creds']), {})).rejects.toMatchObject({
      code: 2,
      message: '--credentials-file /nonexistent/creds: no such file.',
    });
  });
});

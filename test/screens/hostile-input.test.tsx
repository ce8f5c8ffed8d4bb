// Bad input typed (or pasted) into every field of the TUI: the field says
// what is wrong naming the value and what is allowed, submitting is refused,
// and nothing reaches the cluster (the demo's calls log stays empty).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { renderApp, type AppHarness } from '../helpers/render-app.js';
import { SEEDED_BACKUPS as B } from '../../src/services/demo/index.js';
import { makeTestTls } from '../helpers/tls.js';
import { CTRL_S, CTRL_U, choose, focus, focusedLine, openForm, openStorage } from './storage-helpers.js';
import { selectRow } from './restore-helpers.js';
import { createdDeleteRequests, selectSnapshot } from './snapshots-helpers.js';

let h: AppHarness | undefined;
afterEach(() => h?.unmount());

const LONG = 'x'.repeat(10_000);
const CYR_A = '\u0430';

const dir = mkdtempSync(join(tmpdir(), 'hostile-tui-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const tls = makeTestTls();

/** The frame with box borders, line breaks and indentation collapsed, so wrapped messages read as one line. */
const flat = (frame: string) => frame.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
/** A quoted 10,000-character value of x: wrapping may cut the run of x with a line break. */
const LONG_SHOWN = '"x[x ]{59,70}…" \\(10000 characters\\)';

async function waitFlat(app: AppHarness, pattern: RegExp): Promise<void> {
  await app.waitFor((f) => pattern.test(flat(f)));
}

/** Replaces the focused text field's value in one write, the way a paste arrives. */
async function paste(app: AppHarness, text: string): Promise<void> {
  await app.press(CTRL_U);
  if (text) await app.press(text);
}

type Case = [name: string, value: string, message: RegExp];

describe('Storage form', () => {
  const fieldCases: [field: string, ...Case][] = [
    ['Bucket', 'uppercase', 'MyBucket', /✖ Bucket "MyBucket" contains "M"; use lowercase letters, digits, dots and hyphens only/],
    ['Bucket', 'too short', 'ab', /✖ Bucket "ab" is 2 characters long; names have 3 to 63 characters/],
    ['Bucket', 'too long', 'a'.repeat(64), /✖ Bucket "a{60}…" \(64 characters\) is 64 characters long; names have 3 to 63/],
    ['Bucket', 'IP-like', '10.0.0.1', /✖ Bucket "10\.0\.0\.1" looks like an IP address, which is not allowed/],
    ['Bucket', 'two dots', 'my..bucket', /✖ Bucket "my\.\.bucket" has two dots in a row/],
    ['Bucket', 'Unicode', 'bückét', /✖ Bucket "bückét" contains "ü" \(U\+00FC\); use lowercase/],
    ['Bucket', 'lookalike', `b${CYR_A}cket`, /✖ Bucket "bаcket" contains "а" \(U\+0430\)/],
    ['Bucket', 'empty', '', /✖ Bucket is required/],
    ['Bucket', '10,000 characters', LONG, new RegExp(`✖ Bucket ${LONG_SHOWN} is 10000 characters long`)],
    ['Endpoint URL', 'ftp', 'ftp://files.example.com', /✖ Endpoint "ftp:\/\/files\.example\.com" uses "ftp"; only http and https are allowed/],
    ['Endpoint URL', 'no scheme', 's3.example.com', /✖ Endpoint "s3\.example\.com" is not a URL; write it as http:\/\/host:port or https:\/\/host:port/],
    ['Endpoint URL', 'spaces', 'http://my host:9000', /✖ Endpoint "http:\/\/my host:9000" is not a URL/],
    ['Endpoint URL', 'javascript:', 'javascript:alert(1)', /✖ Endpoint "javascript:alert\(1\)" uses "javascript"; only http and https/],
    ['Endpoint URL', 'very long', `http://${'a.'.repeat(3000)}x`, /✖ Endpoint "http:\/\/a\.a.*…" \(6008 characters\) is 6008 characters long; a URL has at most 2048/],
    ['Endpoint URL', 'lookalike host', `http://minio.${CYR_A}rchive.example`, /✖ Endpoint "http:\/\/minio\.аrchive\.example" contains "а" \(U\+0430\); write the host in plain ASCII/],
    ['Endpoint URL', 'empty', '', /✖ Endpoint is required, e\.g\. https:\/\/s3\.example\.com:9000/],
    ['Region', 'a space', 'my region', /✖ Region "my region" may contain only letters, digits, "-" and "_"/],
    ['Region', 'empty', '', /✖ Region is required \(us-east-1 if unsure\)/],
    ['Region', '10,000 characters', LONG, new RegExp(`✖ Region ${LONG_SHOWN} may contain only letters`)],
    ['Prefix', 'absolute', '/velero', /✖ Prefix "\/velero" starts with "\/"/],
    ['Prefix', 'dot-dot', '../other', /✖ Prefix "\.\.\/other" contains "\." or "\.\." as a folder/],
    ['Prefix', 'Unicode', 'sauvegardés', /✖ Prefix "sauvegardés" contains "é" \(U\+00E9\)/],
    ['Access key ID', 'a space', 'AKIA EXAMPLE', /✖ Access key ID ••••MPLE contains a space or line break/],
    ['Access key ID', 'too short', 'ab', /✖ Access key ID ••••b is 2 characters long; use 3 to 128/],
    ['Access key ID', 'lookalike', `KEY${CYR_A}ID1234`, /✖ Access key ID ••••1234 contains characters other than printable ASCII/],
    ['Secret key', 'a space', 'sec ret', /✖ Secret access key contains a space or line break/],
    ['CA certificate', 'missing file', join(dir, 'nope.pem'), /✖ No file at .*nope\.pem/],
    ['CA certificate', 'not PEM', file('notes.txt', 'just notes'), /✖ .*notes\.txt: CA certificate must be PEM text starting with -----BEGIN CERTIFICATE-----/],
    ['CA certificate', 'a private key', file('key.pem', tls.serverKey), /✖ .*key\.pem: .*holds a private key \(a private key is not a certificate/],
    ['CA certificate', 'empty file', file('empty.pem', ''), /✖ .*empty\.pem is empty/],
  ];

  it(`refuses ${fieldCases.length} bad values field by field; submitting writes nothing`, async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    for (const [field, name, value, message] of fieldCases) {
      await focus(h, field);
      await paste(h, value);
      await h.press(CTRL_S);
      await h.waitFor(focusedLine(field)).catch(() => {
        throw new Error(`${field} (${name}): the form did not stay on the field`);
      });
      await waitFlat(h, message).catch(() => {
        throw new Error(`${field} (${name}): expected ${message}; frame:\n${h!.frame()}`);
      });
      // Put the field back to a value that is accepted (keys: empty keeps the stored ones).
      await focus(h, field);
      await paste(h, { Bucket: 'ok-bucket', 'Endpoint URL': 'http://minio.velero.svc:9000', Region: 'us-east-1', Prefix: 'cluster-a' }[field] ?? '');
    }
    expect(h.backend.demo.calls).toEqual([]);
    expect(h.ctx.store.getState().storageRun).toBeUndefined();
    // Nothing typed was ever shown raw: no key, no secret, no control character.
    for (const f of h.frames()) {
      expect(f).not.toContain('AKIA EXAMPLE');
      expect(f).not.toContain('sec ret');
      // eslint-disable-next-line no-control-regex
      expect(f).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    }
  });

  it('AWS: a region in capitals, and a lookalike region', async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    await h.press('left');
    await h.waitFor('(•) Amazon S3');
    await choose(h, 'Credentials', 'Instance role (no keys stored)');
    for (const [value, message] of [
      ['US-EAST-1', /✖ Region "US-EAST-1" is not an AWS region; use the form us-east-1 or eu-west-3/],
      [`us-e${CYR_A}st-1`, /✖ Region "us-eаst-1" is not an AWS region/],
    ] as const) {
      await focus(h, 'Region');
      await paste(h, value);
      await h.press(CTRL_S);
      await waitFlat(h, message);
    }
    expect(h.backend.demo.calls).toEqual([]);
  });

  it('control characters pasted into a field are dropped, not stored or shown', async () => {
    h = await renderApp();
    await openStorage(h);
    await openForm(h);
    await focus(h, 'Bucket');
    await paste(h, 'new\u0007-bucket\u009b2J');
    await h.waitFor(/Bucket\s+new-bucket2J/);
    await waitFlat(h, /✖ Bucket "new-bucket2J" contains "J"/);
    expect(h.backend.demo.calls).toEqual([]);
  });
});

describe('Schedule form', () => {
  async function openSchedule(): Promise<AppHarness> {
    const app = await renderApp();
    await app.waitFor('app harness');
    await app.goto('schedule');
    await app.waitFor('In the cluster snapshots-full ● enabled');
    return app;
  }

  const cronCases: Case[] = [
    ['out of range', '61 * * * *', /✖ minute field '61' is out of range 0-59/],
    ['6 fields', '0 0 * * * *', /✖ 6 fields: Velero does not accept a seconds field; use 5: minute hour day-of-month month day-of-week/],
    ['empty', '', /✖ Enter a schedule: 5 fields \(minute hour day-of-month month day-of-week\) or @yearly/],
    ['500 characters', 'x'.repeat(500), /✖ Schedule "x{40}…" \(500 characters\) is 500 characters long; a cron line is 5 short fields/],
    ['full-width letters', '0 0 * * ＭＯＮ', /✖ day-of-week field 'ＭＯＮ' is not a number 0-6 or a name SUN-SAT/],
    ['@reboot', '@reboot', /✖ '@reboot' is not a schedule Velero knows; use @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or @every <duration>/],
    ['Cyrillic month', `0 0 * ${CYR_A}pr *`, /✖ month field 'аpr' is not a number 1-12 or a name JAN-DEC/],
    ['never runs', '0 0 30 2 *', /✖ day-of-month 30 never occurs in month FEB/],
  ];

  it(`refuses ${cronCases.length} bad crons: named, not saved`, async () => {
    h = await openSchedule();
    await h.press('down', 'down', 'down');
    await h.waitFor(/› Cron/);
    for (const [name, value, message] of cronCases) {
      await paste(h, value);
      await waitFlat(h, message).catch(() => {
        throw new Error(`cron (${name}): expected ${message}; frame:\n${h!.frame()}`);
      });
      await h.press('enter');
      await waitFlat(h, /Nothing saved: /);
      await h.waitFor(/› Cron/);
    }
    expect(h.backend.demo.calls).toEqual([]);
  });

  const retentionCases: [name: string, value: string, unitSteps: number, message: RegExp][] = [
    ['zero', '0', 0, /✖ Retention must be more than 0: Velero would use its 30-day default instead\./],
    ['negative', '-1', 0, /✖ "-1" is negative; enter a positive number such as 2\./],
    ['letters', 'abc', 0, /✖ "abc" is not a number; enter a positive number such as 2\./],
    ['empty', '', 0, /✖ Enter how many months to keep snapshots\./],
    ['99999 years', '99999', 1, /✖ Retention longer than 100 years is not supported\./],
    ['10,000 characters', LONG, 0, new RegExp(`✖ ${LONG_SHOWN} is not a number`)],
    ['Arabic-Indic digit', '٢', 0, /✖ "٢" is not a number/],
  ];

  it(`refuses ${retentionCases.length} bad retentions: named, not saved; 1.5 is accepted`, async () => {
    h = await openSchedule();
    await h.press('down', 'down', 'down', 'down');
    await h.waitFor(/› Retention/);
    for (const [name, value, unitSteps, message] of retentionCases) {
      if (unitSteps) {
        await h.press('down', ...Array<string>(unitSteps).fill('right'), 'up');
        await h.waitFor(/› Retention/);
      }
      await paste(h, value);
      await waitFlat(h, message).catch(() => {
        throw new Error(`retention (${name}): expected ${message}; frame:\n${h!.frame()}`);
      });
      await h.press('enter');
      await waitFlat(h, /Nothing saved: /);
      if (unitSteps) {
        await h.press('down', ...Array<string>(unitSteps).fill('left'), 'up');
        await h.waitFor(/› Retention/);
      }
    }
    expect(h.backend.demo.calls).toEqual([]);
    await paste(h, '1.5');
    await h.waitFor('ttl 1080h0m0s');
    expect(flat(h.frame())).not.toContain('✖');
  });
});

describe('typed confirmations', () => {
  const deleteCases: Case[] = [
    ['a wrong name', 'instance-t9x6', /"instance-t9x6" is not the snapshot name\. Type instance-t9x6l exactly/],
    ['a lookalike (Cyrillic а)', `inst${CYR_A}nce-t9x6l`, /"instаnce-t9x6l" is not the snapshot name/],
    ['a zero-width space', 'instance-t9x6l\u200b', /"instance-t9x6l\\u200b" is not the snapshot name/],
    ['empty', '', /"" is not the snapshot name/],
    ['10,000 characters', LONG, new RegExp(`${LONG_SHOWN} is not the snapshot name`)],
    ['another snapshot’s name', B.latestFull, /"instance-6pz4k" is not the snapshot name/],
  ];

  it(`delete refuses ${deleteCases.length} wrong names, naming them; a trailing space is forgiven`, async () => {
    h = await renderApp();
    h.backend.demo.pause();
    await h.goto('snapshots');
    await selectSnapshot(h, B.olderFull);
    await h.press('ctrl-d');
    await h.waitFor(`Type the snapshot name (${B.olderFull}) to confirm`);
    for (const [name, value, message] of deleteCases) {
      await paste(h, value);
      await h.press('enter');
      await waitFlat(h, message).catch(() => {
        throw new Error(`delete (${name}): expected ${message}; frame:\n${h!.frame()}`);
      });
    }
    expect(h.backend.demo.calls).toEqual([]);
    await paste(h, `${B.olderFull}  `);
    await h.press('enter');
    await h.waitFor(() => createdDeleteRequests(h!).length === 1);
    expect(createdDeleteRequests(h).map((d) => d.spec.backupName)).toEqual([B.olderFull]);
  });

  const slugCases: Case[] = [
    ['a wrong slug', 'harnes', /"harnes" is not the app slug\. Type harness exactly/],
    ['a lookalike (Cyrillic а)', `h${CYR_A}rness`, /"hаrness" is not the app slug/],
    ['a zero-width space', 'har\u200bness', /"har\\u200bness" is not the app slug/],
    ['a non-breaking space inside', 'harn\u00a0ess', /"harn\\u00a0ess" is not the app slug/],
    ['empty', '', /"" is not the app slug/],
    ['upper case', 'HARNESS', /"HARNESS" is not the app slug/],
    ['10,000 characters', LONG, new RegExp(`${LONG_SHOWN} is not the app slug`)],
  ];

  it(`partial restore refuses ${slugCases.length} wrong slugs, naming them, and removes nothing`, async () => {
    h = await renderApp();
    h.backend.demo.pause();
    await h.goto('restore');
    await selectRow(h, B.partial);
    await h.press('enter');
    await h.waitFor('How to restore');
    await h.press('enter');
    await h.waitFor(/Remove the app's current resources/);
    await h.press('enter');
    await h.waitFor('Type the app slug (harness) to confirm');
    const before = h.backend.demo.resources('harness').length;
    for (const [name, value, message] of slugCases) {
      await paste(h, value);
      await h.press('enter');
      await waitFlat(h, message).catch(() => {
        throw new Error(`slug (${name}): expected ${message}; frame:\n${h!.frame()}`);
      });
    }
    expect(h.backend.demo.calls).toEqual([]);
    expect(h.backend.demo.resources('harness')).toHaveLength(before);
  });
});

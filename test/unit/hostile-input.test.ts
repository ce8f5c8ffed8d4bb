// Bad input to every checker the form fields and command flags share: each
// bad value is refused with a message that names it (quoted, shortened when
// long, invisible or lookalike characters made visible) and says what is
// allowed. Values Velero and S3 do accept are accepted.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCron } from '../../src/format/cron.js';
import { quote, quoteChar } from '../../src/format/quote.js';
import { parseRetentionValue } from '../../src/format/retention.js';
import { parseRetentionArg } from '../../src/commands/schedule-set.js';
import {
  validateAccessKeyId,
  validateBucketName,
  validateCaCertificate,
  validateEndpoint,
  validatePrefix,
  validateRegion,
  validateSecretAccessKey,
} from '../../src/services/validate-input.js';
import { readCaFile } from '../../src/state/storage.js';
import { makeTestTls } from '../helpers/tls.js';

const LONG = 'x'.repeat(10_000);
const CYRILLIC_A = '\u0430';

/** A message names a long value by its start and its length, never in full. */
function namesLong(message: string | undefined, length: number): void {
  expect(message).toBeDefined();
  expect(message!.length).toBeLessThan(400);
  expect(message).toContain(`(${length} characters)`);
}

describe('quote and quoteChar', () => {
  it.each([
    ['short ASCII', 'bucket-one', '"bucket-one"'],
    ['empty', '', '""'],
    ['long, by its start and length', 'y'.repeat(100), `"${'y'.repeat(60)}…" (100 characters)`],
    ['escape sequence made visible', 'a\u001b[2Jb', '"a\\u001b[2Jb"'],
    ['zero-width space made visible', 'a\u200bb', '"a\\u200bb"'],
    ['bidi override made visible', 'a\u202eb', '"a\\u202eb"'],
    ['non-breaking space made visible', 'a\u00a0b', '"a\\u00a0b"'],
    ['Unicode letters kept', 'bückét', '"bückét"'],
    ['astral characters counted once', '🙂'.repeat(61), `"${'🙂'.repeat(60)}…" (61 characters)`],
  ])('quote: %s', (_name, input, expected) => {
    expect(quote(input)).toBe(expected);
  });

  it.each([
    ['ASCII', 'B', '"B"'],
    ['space', ' ', 'a space'],
    ['Cyrillic lookalike', CYRILLIC_A, '"а" (U+0430)'],
    ['accented', 'ü', '"ü" (U+00FC)'],
    ['ESC', '\u001b', 'U+001B'],
    ['zero-width space', '\u200b', 'U+200B'],
    ['emoji', '🙂', '"🙂" (U+1F642)'],
  ])('quoteChar: %s', (_name, input, expected) => {
    expect(quoteChar(input)).toBe(expected);
  });
});

describe('cron (Velero’s parser: 5 fields or a descriptor)', () => {
  it.each([
    ['61 * * * *', /^minute field '61' is out of range 0-59$/],
    ['0 0 * * * *', /^6 fields: Velero does not accept a seconds field; use 5: minute hour day-of-month month day-of-week$/],
    ['0 0 0 * * * 2030', /^7 fields: .*seconds or year field; use 5/],
    ['', /^Enter a schedule: 5 fields \(minute hour day-of-month month day-of-week\) or @yearly/],
    ['   ', /^Enter a schedule: 5 fields/],
    ['@reboot', /^'@reboot' is not a schedule Velero knows; use @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or @every <duration>$/],
    ['@every 10s', /^@every 10s is shorter than a minute/],
    ['@every soon', /^'soon' is not a duration: use h, m and s/],
    ['0 0 * * ＭＯＮ', /^day-of-week field 'ＭＯＮ' is not a number 0-6 or a name SUN-SAT$/],
    ['0 0 * * 月', /^day-of-week field '月' is not a number 0-6/],
    [`0 0 * ${CYRILLIC_A}pr *`, /^month field 'аpr' is not a number 1-12 or a name JAN-DEC$/],
    ['0 0 * * 7', /^day-of-week field '7' is out of range 0-6: Velero counts Sunday as 0/],
    ['0 0 31 2 *', /^day-of-month 31 never occurs in month FEB/],
    ['0 0 L * *', /L, W, # and H are not supported/],
    ['*/0 * * * *', /step must be 1 or more/],
    ['5-1 * * * *', /range start 5 is after its end 1/],
    ['CRON_TZ=Mars/Olympus 0 3 * * *', /^'Mars\/Olympus' is not a time zone name/],
    ['CRON_TZ=UTC', /^A schedule must follow the time zone/],
    ['0 0 * *', /^Expected 5 fields .*, found 4$/],
  ])('refuses %j', (input, message) => {
    const r = checkCron(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(message);
  });

  it.each([
    ['500 characters', 'x'.repeat(500), /^Schedule "x{40}…" \(500 characters\) is 500 characters long; a cron line is 5 short fields .* e\.g\. 0 3 \* \* \*$/],
    ['a 309-character list', `0 0 * * ${'1,'.repeat(150)}1`, /^Schedule "0 0 \* \* 1,1.*…" \(309 characters\) is 309 characters long/],
  ])('refuses %s, named by its start and length', (_name, input, message) => {
    const r = checkCron(input);
    expect(!r.ok && r.error).toMatch(message);
  });

  it.each(['0 3 * * *', '  0   3 * *   MON ', '@daily', '@every 6h', 'CRON_TZ=Europe/Paris 0 3 * * 1-5', '0 0 * * SUN'])('accepts %j', (input) => {
    expect(checkCron(input).ok).toBe(true);
  });
});

describe('retention (a positive number of days, weeks, months or years, at most 100 years)', () => {
  it.each([
    ['0', 'days', /^Retention must be more than 0: Velero would use its 30-day default instead\.$/],
    ['-1', 'days', /^"-1" is negative; enter a positive number such as 2\.$/],
    ['-0.5', 'weeks', /^"-0\.5" is negative/],
    ['abc', 'weeks', /^"abc" is not a number; enter a positive number such as 2\.$/],
    ['', 'months', /^Enter how many months to keep snapshots\.$/],
    ['   ', 'months', /^Enter how many months/],
    ['99999', 'years', /^Retention longer than 100 years is not supported\.$/],
    ['101', 'years', /longer than 100 years/],
    ['1300', 'months', /longer than 100 years/],
    ['0.01', 'days', /^Retention must be at least 1 hour\.$/],
    ['1e3', 'days', /^"1e3" is not a number/],
    ['0x10', 'days', /^"0x10" is not a number/],
    ['١', 'days', /^"١" is not a number/],
    ['½', 'days', /^"½" is not a number/],
    ['2.', 'days', /^"2\." is not a number/],
    ['NaN', 'days', /^"NaN" is not a number/],
    ['Infinity', 'days', /^"Infinity" is not a number/],
  ] as const)('refuses %j %s', (value, unit, message) => {
    const r = parseRetentionValue(value, unit);
    expect('error' in r && r.error).toMatch(message);
  });

  it('names a 10,000-character value by its start and length', () => {
    const r = parseRetentionValue(LONG, 'days');
    expect('error' in r && r.error).toMatch(/^"x{60}…" \(10000 characters\) is not a number/);
    namesLong('error' in r ? r.error : undefined, 10_000);
  });

  it.each([
    ['1.5', 'days', 1.5],
    [' 2 ', 'weeks', 2],
    ['100', 'years', 100],
    ['1', 'hours', 1],
  ] as const)('accepts %j %s', (value, unit, expected) => {
    expect(parseRetentionValue(value, unit)).toEqual({ value: expected });
  });

  it.each([
    ['abc', 'abc'],
    ['empty', ''],
    ['no unit', '2'],
    ['no number', 'd'],
    ['unknown unit', '3q'],
    ['words', '30 days please'],
    ['10,000 characters', LONG],
  ])('--retention %s is refused naming it and the units', (_name, text) => {
    expect(() => parseRetentionArg(text)).toThrow(/^--retention ".*"( \(\d+ characters\))? is not a retention: use a number and a unit d, w, m or y/);
    try {
      parseRetentionArg(text);
    } catch (err) {
      expect((err as Error).message.length).toBeLessThan(300);
    }
  });
});

describe('bucket names (S3 rules: 3-63 lowercase letters, digits, dots, hyphens)', () => {
  it.each([
    ['MyBucket', /^Bucket "MyBucket" contains "M"; use lowercase letters, digits, dots and hyphens only$/],
    ['ab', /^Bucket "ab" is 2 characters long; names have 3 to 63 characters$/],
    ['a'.repeat(64), /^Bucket "a{60}…" \(64 characters\) is 64 characters long; names have 3 to 63/],
    ['192.168.1.1', /^Bucket "192\.168\.1\.1" looks like an IP address, which is not allowed$/],
    ['my..bucket', /^Bucket "my\.\.bucket" has two dots in a row/],
    ['bückét', /^Bucket "bückét" contains "ü" \(U\+00FC\); use lowercase letters/],
    [`b${CYRILLIC_A}cket`, /^Bucket "bаcket" contains "а" \(U\+0430\); use lowercase/],
    ['bucket\u200b', /^Bucket "bucket\\u200b" contains U\+200B;/],
    ['bucket\u001b[2J', /^Bucket "bucket\\u001b\[2J" contains U\+001B;/],
    ['', /^Bucket is required$/],
    ['   ', /^Bucket is required$/],
    ['-bucket', /must start and end with a lowercase letter or a digit/],
    ['bucket.', /must start and end/],
    ['a/b', /^Bucket "a\/b" contains "\/": put only the bucket name here and the folder in Prefix$/],
    ['my bucket', /contains a space;/],
    ['xn--bucket', /starts with the reserved prefix "xn--"/],
    ['bucket-s3alias', /ends with the reserved suffix "-s3alias"/],
  ])('refuses %j', (input, message) => {
    expect(validateBucketName(input)).toMatch(message);
  });

  it('names a 10,000-character bucket by its start and length', () => {
    namesLong(validateBucketName(LONG), 10_000);
  });

  it.each(['bucket-one', 'my.bucket.2', 'abc', 'a'.repeat(63), ' padded-bucket '])('accepts %j', (input) => {
    expect(validateBucketName(input)).toBeUndefined();
  });
});

describe('endpoint URLs (http or https, a host, no credentials, query or fragment)', () => {
  it.each([
    ['ftp://files.example.com', /^Endpoint "ftp:\/\/files\.example\.com" uses "ftp"; only http and https are allowed$/],
    ['minio.example.com:9000', /uses "minio\.example\.com"; only http and https/],
    ['s3.example.com', /^Endpoint "s3\.example\.com" is not a URL; write it as http:\/\/host:port or https:\/\/host:port$/],
    ['http://my host:9000', /^Endpoint "http:\/\/my host:9000" is not a URL/],
    ['javascript:alert(1)', /uses "javascript"; only http and https/],
    ['file:///etc/passwd', /uses "file"; only http and https/],
    ['', /^Endpoint is required, e\.g\. https:\/\/s3\.example\.com:9000$/],
    ['http://', /^Endpoint "http:\/\/" is not a URL/],
    ['https://user:pw@s3.example.com', /^Endpoint must not contain a user name or password/],
    ['http://s3.example.com/?x=1', /must not have a query \(\?\) or fragment/],
    ['http://s3.example.com:99999', /is not a URL/],
    [`http://minio.${CYRILLIC_A}rchive.example`, /contains "а" \(U\+0430\); write the host in plain ASCII/],
    ['http://bücher.example', /contains "ü" \(U\+00FC\); write the host in plain ASCII/],
    [`http://${'a'.repeat(64)}.example`, /^Endpoint host "a{60}…" \(72 characters\) is not a valid host name: at most 253 characters, 63 between dots$/],
  ])('refuses %j', (input, message) => {
    expect(validateEndpoint(input)).toMatch(message);
  });

  it('names a very long URL by its start and length', () => {
    const long = `http://${'a.'.repeat(3000)}example`;
    const message = validateEndpoint(long);
    namesLong(message, long.length);
    expect(message).toMatch(/a URL has at most 2048$/);
    const under = `https://s3.example.com/${'p'.repeat(1900)}`;
    expect(validateEndpoint(under)).toBeUndefined();
  });

  it.each(['http://minio.minio:9000', 'https://s3.example.com', 'http://10.0.0.5:9000/', 'http://[::1]:9000', 'https://xn--bcher-kva.example'])('accepts %j', (input) => {
    expect(validateEndpoint(input)).toBeUndefined();
  });
});

describe('regions', () => {
  it.each([
    ['US-EAST-1', true, /^Region "US-EAST-1" is not an AWS region; use the form us-east-1 or eu-west-3$/],
    ['us_east_1', true, /not an AWS region/],
    ['useast1', true, /not an AWS region/],
    ['', true, /^Region is required, e\.g\. us-east-1$/],
    ['', false, /^Region is required \(us-east-1 if unsure\)$/],
    ['my region', false, /^Region "my region" may contain only letters, digits, "-" and "_"$/],
    ['ü-west-1', false, /may contain only letters/],
    [`us-e${CYRILLIC_A}st-1`, true, /^Region "us-eаst-1" is not an AWS region/],
    ['x'.repeat(100), false, /^Region "x{60}…" \(100 characters\) may contain only/],
  ])('refuses %j (AWS: %s)', (input, aws, message) => {
    expect(validateRegion(input, aws)).toMatch(message);
  });

  it.each([
    ['us-east-1', true],
    ['eu-west-3', true],
    ['us-gov-west-1', true],
    ['minio', false],
    ['US_DEFAULT', false],
  ])('accepts %j (AWS: %s)', (input, aws) => {
    expect(validateRegion(input, aws)).toBeUndefined();
  });
});

describe('prefixes', () => {
  it.each([
    ['/velero', /^Prefix "\/velero" starts with "\/"/],
    ['../other', /contains "\." or "\.\." as a folder/],
    ['a//b', /contains "\/\/"/],
    ['my backups', /^Prefix "my backups" contains "a space"; use letters, digits and - _ \. \/ only$/],
    ['sauvegardés', /contains "é" \(U\+00E9\)/],
    ['velero\u202e', /contains U\+202E/],
    ['p'.repeat(600), /^Prefix is 600 characters long; keep it under 512$/],
  ])('refuses %j', (input, message) => {
    expect(validatePrefix(input)).toMatch(message);
  });
});

describe('access keys (never echoed: the ID masked, the secret not at all)', () => {
  it.each([
    ['AKIA SHORT', true, /^Access key ID ••••HORT contains a space or line break$/],
    ['akiaexample12345', true, /^Access key ID ••••2345 must contain only uppercase letters and digits$/],
    ['AKIASHORT', true, /is 9 characters long; AWS IDs have 16 to 128$/],
    ['', true, /^Access key ID is required$/],
    ['ab', false, /^Access key ID ••••b is 2 characters long; use 3 to 128$/],
    [`key${CYRILLIC_A}id12`, false, /contains characters other than printable ASCII$/],
    ['K'.repeat(200), false, /is 200 characters long; use 3 to 128$/],
  ])('refuses %j (AWS: %s) without showing it', (input, aws, message) => {
    const m = validateAccessKeyId(input, aws);
    expect(m).toMatch(message);
    if (input.length > 8) expect(m).not.toContain(input.slice(0, -4));
  });

  it.each([
    ['', /^Secret access key is required$/],
    [' secret', /starts or ends with a space/],
    ['sec ret', /contains a space or line break$/],
    ['sec\nret', /contains a space or line break$/],
  ])('refuses secret %j without showing it', (input, message) => {
    const m = validateSecretAccessKey(input);
    expect(m).toMatch(message);
    if (input.trim()) expect(m).not.toContain(input.trim());
  });
});

describe('CA certificate files', () => {
  const tls = makeTestTls();
  const dir = mkdtempSync(join(tmpdir(), 'hostile-ca-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it.each([
    ['missing file', () => join(dir, 'nope.pem'), /^No file at .*nope\.pem$/],
    ['a folder', () => dir, /is a folder; give the path of the PEM file$/],
    ['empty file', () => file('empty.pem', ''), /empty\.pem is empty$/],
    ['blank file', () => file('blank.pem', '  \n\n'), /blank\.pem is empty$/],
    ['not PEM', () => file('notes.txt', 'hello, this is not a certificate'), /notes\.txt: CA certificate must be PEM text starting with -----BEGIN CERTIFICATE-----/],
    ['a private key instead of a certificate', () => file('key.pem', tls.serverKey), /key\.pem: .*holds a private key \(a private key is not a certificate, and must not leave this node\)/],
    ['a certificate with its private key', () => file('bundle.pem', tls.caCert + tls.serverKey), /bundle\.pem: .*holds a private key/],
    ['damaged base64', () => file('bad.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'), /bad\.pem: The certificate is not a valid PEM certificate/],
    ['too large', () => file('huge.pem', 'A'.repeat(1_100_000)), /huge\.pem is 1100000 bytes; a CA bundle is a few KB of PEM text$/],
  ])('refuses %s', async (_name, path, message) => {
    const r = await readCaFile(path());
    expect('error' in r && r.error).toMatch(message);
    expect('error' in r && r.error).not.toContain('PRIVATE KEY-----\n');
  });

  it('the key never reaches the message', async () => {
    const r = await readCaFile(file('key2.pem', tls.serverKey));
    const body = tls.serverKey.split('\n')[1]!;
    expect('error' in r && r.error).not.toContain(body);
    expect(validateCaCertificate(tls.serverKey)).not.toContain(body);
  });

  it('accepts a CA certificate', async () => {
    expect(await readCaFile(file('ca.pem', tls.caCert))).toEqual({ pem: tls.caCert });
  });
});

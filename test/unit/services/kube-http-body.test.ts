import { describe, expect, it } from 'vitest';
import { responseBody } from '../../../src/services/kube-http.js';

describe('responseBody', () => {
  it('decodes text across chunks that split a multi-byte character', async () => {
    const bytes = Buffer.from('{"name":"sauvegarde-é€"}', 'utf8');
    const chunks = [bytes.subarray(0, 22), bytes.subarray(22, 24), bytes.subarray(24)];
    const body = responseBody(chunks);
    expect(await body.text()).toBe('{"name":"sauvegarde-é€"}');
    expect(await body.text()).toBe('{"name":"sauvegarde-é€"}');
    expect((await body.binary()).equals(bytes)).toBe(true);
  });

  it('gives bytes, then the same text', async () => {
    const body = responseBody([Buffer.from('ab'), Buffer.from('c')]);
    expect((await body.binary()).toString()).toBe('abc');
    expect(await body.text()).toBe('abc');
  });

  it('handles an empty body', async () => {
    expect(await responseBody([]).text()).toBe('');
  });
});

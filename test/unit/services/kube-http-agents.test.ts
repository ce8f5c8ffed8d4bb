import http from 'node:http';
import https from 'node:https';
import { describe, expect, it } from 'vitest';
import { KeepAliveAgents } from '../../../src/services/kube-http.js';

describe('KeepAliveAgents', () => {
  it('shares one keep-alive agent while the TLS setup stays the same', () => {
    const agents = new KeepAliveAgents();
    const a = agents.for(new https.Agent({ ca: Buffer.from('CA'), rejectUnauthorized: true })) as https.Agent & { keepAlive: boolean };
    const b = agents.for(new https.Agent({ ca: Buffer.from('CA'), rejectUnauthorized: true }));
    expect(b).toBe(a);
    expect(a.keepAlive).toBe(true);
    agents.destroy();
  });

  it('makes a new agent when the certificate changes', () => {
    const agents = new KeepAliveAgents();
    const a = agents.for(new https.Agent({ ca: Buffer.from('CA'), cert: 'one' }));
    const b = agents.for(new https.Agent({ ca: Buffer.from('CA'), cert: 'two' }));
    expect(b).not.toBe(a);
    agents.destroy();
  });

  it('passes plain http agents and anything else through', () => {
    const agents = new KeepAliveAgents();
    const plain = new http.Agent();
    expect(agents.for(plain)).toBe(plain);
    expect(agents.for(undefined)).toBeUndefined();
  });
});

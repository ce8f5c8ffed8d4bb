// A scripted stand-in for kube-apiserver over plain HTTP on loopback, so the
// real client code paths (generated APIs, raw requests, Watch) run hermetically.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import type { LoadedKubeConfig } from '../../../src/services/kube-config.js';

export interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  auth?: string;
  accept?: string;
}

export type Reply = { status?: number; body?: unknown; headers?: Record<string, string> } | 'hang' | 'stream';
export type Route = (req: Seen) => Reply | undefined;

export interface OpenStream {
  path: string;
  query: URLSearchParams;
  send(type: string, object: unknown): void;
  end(): void;
  closed: Promise<void>;
}

export class FakeApiServer {
  readonly seen: Seen[] = [];
  readonly streams: OpenStream[] = [];
  private routes: Route[] = [];
  private server = http.createServer((req, res) => void this.handle(req, res));
  private sockets = new Set<import('node:net').Socket>();

  url = '';

  async start(): Promise<this> {
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** Routes are tried newest first; the first one that answers wins. */
  on(route: Route): void {
    this.routes.unshift(route);
  }

  reset(): void {
    this.routes = [];
    this.seen.length = 0;
    this.streams.length = 0;
  }

  openSockets(): number {
    return this.sockets.size;
  }

  loaded(token = 'test-token', server = this.url): LoadedKubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'fake', server, skipTLSVerify: true }],
      users: [{ name: 'tester', token }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'tester' }],
      currentContext: 'fake',
    });
    return { kc, info: { context: 'fake', server, user: 'tester', source: 'test', contexts: ['fake'] } };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    const seen: Seen = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body: text ? JSON.parse(text) : undefined, auth: req.headers.authorization, accept: req.headers.accept };
    this.seen.push(seen);
    let reply: Reply | undefined;
    for (const route of this.routes) {
      reply = route(seen);
      if (reply) break;
    }
    if (reply === 'hang') return;
    if (reply === 'stream') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.flushHeaders();
      this.streams.push({
        path: seen.path,
        query: seen.query,
        send: (type, object) => res.write(JSON.stringify({ type, object }) + '\n'),
        end: () => res.end(),
        closed: new Promise((r) => res.on('close', () => r())),
      });
      return;
    }
    const status = reply?.status ?? 404;
    const body = reply?.body ?? { kind: 'Status', code: status, reason: 'NotFound', message: `${seen.path} not found` };
    res.writeHead(status, { 'content-type': 'application/json', ...reply?.headers });
    res.end(JSON.stringify(body));
  }
}

export function route(method: string, path: string, reply: Reply | ((s: Seen) => Reply)): Route {
  return (s) => (s.method === method && s.path === path ? (typeof reply === 'function' ? reply(s) : reply) : undefined);
}

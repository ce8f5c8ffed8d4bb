// The HTTP layer under the Kubernetes client. The client's default
// (node-fetch without a timeout) can hang for minutes on an unreachable
// apiserver, so every request here has an idle timeout and can be aborted.
import http from 'node:http';
import https from 'node:https';
import { StringDecoder } from 'node:string_decoder';
import {
  ApiException,
  HttpMethod,
  RequestContext,
  ResponseContext,
  ServerConfiguration,
  createConfiguration,
  wrapHttpLibrary,
  type Configuration,
  type KubeConfig,
  type PromiseHttpLibrary,
} from '@kubernetes/client-node';

export const REQUEST_TIMEOUT_MS = 10_000;

class TimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
}

/**
 * client-node builds a new https.Agent for every request, so each request
 * paid a TCP connect, a TLS handshake and a new SecureContext. Requests of
 * one client share a keep-alive agent instead, replaced when the TLS setup
 * changes (e.g. an exec credential plugin hands out a new client
 * certificate). Proxy and plain-http agents are used as given. Watches do not
 * come through here: each keeps its own connection.
 */
export class KeepAliveAgents {
  private current?: { key: string; agent: https.Agent };

  for(agent: unknown): unknown {
    if (!(agent instanceof https.Agent) || agent.constructor !== https.Agent) return agent;
    const o = (agent as https.Agent & { options: https.AgentOptions }).options;
    const key = [o.ca, o.cert, o.key, o.pfx, o.passphrase, o.rejectUnauthorized, o.servername].map(fingerprint).join('\u0000');
    if (this.current?.key !== key) {
      this.current?.agent.destroy();
      // Idle sockets close after 30 s, well before the apiserver drops them.
      this.current = { key, agent: new https.Agent({ ...o, keepAlive: true, maxSockets: 16, timeout: 30_000 }) };
    }
    return this.current.agent;
  }

  destroy(): void {
    this.current?.agent.destroy();
    this.current = undefined;
  }
}

function fingerprint(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Buffer.isBuffer(v)) return v.toString('base64');
  if (Array.isArray(v)) return v.map(fingerprint).join(',');
  return String(v);
}

const THROTTLE_RETRIES = 3;
const MAX_RETRY_AFTER_MS = 5000;

/**
 * Sends a request with Node's http(s), failing after `timeoutMs` without a
 * byte. Like client-go, retries 429s (throttling, or "storage is
 * (re)initializing" right after a CRD changes) after the server's Retry-After.
 */
export class NodeHttpLibrary implements PromiseHttpLibrary {
  constructor(
    private readonly timeoutMs: number,
    private readonly signal?: AbortSignal,
    private readonly agents?: KeepAliveAgents,
  ) {}

  async send(ctx: RequestContext): Promise<ResponseContext> {
    for (let attempt = 1; ; attempt++) {
      const res = await this.sendOnce(ctx);
      if (res.httpStatusCode !== 429 || attempt > THROTTLE_RETRIES) return res;
      await sleep(retryAfterMs(res.headers['retry-after']), this.signal);
    }
  }

  private sendOnce(ctx: RequestContext): Promise<ResponseContext> {
    const url = new URL(ctx.getUrl());
    const transport = url.protocol === 'http:' ? http : https;
    const body = ctx.getBody();
    return new Promise((resolve, reject) => {
      if (this.signal?.aborted) return reject(abortError());
      const agent = (this.agents ? this.agents.for(ctx.getAgent()) : ctx.getAgent()) as http.Agent | undefined;
      const headers: http.OutgoingHttpHeaders = ctx.getHeaders();
      // Node sends a DELETE body neither chunked nor with a length, so the apiserver never
      // sees it (a DeleteOptions precondition would be ignored): say how long it is.
      if (body !== undefined) headers['Content-Length'] = Buffer.byteLength(typeof body === 'string' ? body : body.toString());
      const req = transport.request(url, { method: ctx.getHttpMethod(), headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          cleanup();
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve(new ResponseContext(res.statusCode ?? 0, headers, responseBody(chunks)));
        });
      });
      const onAbort = () => req.destroy(abortError());
      const cleanup = () => this.signal?.removeEventListener('abort', onAbort);
      this.signal?.addEventListener('abort', onAbort, { once: true });
      req.setTimeout(this.timeoutMs, () => req.destroy(new TimeoutError(`no answer within ${this.timeoutMs / 1000} s`)));
      req.on('error', (err) => {
        cleanup();
        reject(err);
      });
      if (body === undefined) req.end();
      else req.end(typeof body === 'string' ? body : body.toString());
    });
  }
}

/**
 * The body as text or bytes, built from the received chunks on first use.
 * Text is decoded chunk by chunk with no concatenated copy of the bytes, and
 * the chunks are let go: a list of thousands of objects is many megabytes,
 * and every extra copy raised the process's peak memory.
 */
export function responseBody(chunks: Buffer[]): { text(): Promise<string>; binary(): Promise<Buffer> } {
  let parts: Buffer[] | undefined = chunks;
  let text: string | undefined;
  let bytes: Buffer | undefined;
  return {
    async text() {
      if (text === undefined) {
        if (bytes) text = bytes.toString('utf8');
        else {
          const decoder = new StringDecoder('utf8');
          text = '';
          for (const c of parts ?? []) text += decoder.write(c);
          text += decoder.end();
          parts = undefined;
        }
      }
      return text;
    },
    async binary() {
      bytes ??= parts ? Buffer.concat(parts) : Buffer.from(text ?? '', 'utf8');
      parts = undefined;
      return bytes;
    },
  };
}

/** Retry-After in seconds (the apiserver never sends the HTTP-date form), bounded. */
export function retryAfterMs(header: string | undefined): number {
  const seconds = Number(header);
  if (!header || !Number.isFinite(seconds) || seconds < 0) return 1000;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(100, seconds * 1000));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortError(): Error {
  const err = new Error('Request aborted');
  err.name = 'AbortError';
  return err;
}

export interface RawRequest {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  timeoutMs?: number;
  accept?: string;
}

/** One kubeconfig context's clients: generated API classes and raw JSON requests, all with timeouts. */
export class KubeClient {
  readonly server: string;
  private readonly configuration: Configuration;
  private readonly agents = new KeepAliveAgents();

  constructor(
    readonly kc: KubeConfig,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('kubeconfig has no current cluster');
    this.server = cluster.server;
    this.configuration = this.configure();
  }

  /** A generated API client (CoreV1Api, CustomObjectsApi, …); pass a signal to make its calls abortable. */
  api<T>(ctor: new (config: Configuration) => T, signal?: AbortSignal, timeoutMs?: number): T {
    return new ctor(signal || timeoutMs ? this.configure(signal, timeoutMs) : this.configuration);
  }

  /** A JSON request to any API path (for resources known only through discovery). */
  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, opts: RawRequest = {}): Promise<T> {
    const url = new URL(this.server + path);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const ctx = new RequestContext(url.toString(), HttpMethod[method]);
    ctx.setHeaderParam('Accept', opts.accept ?? 'application/json');
    if (opts.body !== undefined) {
      ctx.setHeaderParam('Content-Type', 'application/json');
      ctx.setBody(JSON.stringify(opts.body));
    }
    await this.kc.applySecurityAuthentication(ctx);
    const res = await new NodeHttpLibrary(opts.timeoutMs ?? this.timeoutMs, opts.signal, this.agents).send(ctx);
    const text = await res.body.text();
    const parsed = parseJson(text);
    if (res.httpStatusCode < 200 || res.httpStatusCode > 299) {
      throw new ApiException(res.httpStatusCode, `HTTP ${res.httpStatusCode}`, parsed ?? text, res.headers);
    }
    return parsed as T;
  }

  private configure(signal?: AbortSignal, timeoutMs = this.timeoutMs): Configuration {
    return createConfiguration({
      baseServer: new ServerConfiguration(this.server, {}),
      authMethods: { default: this.kc },
      httpApi: wrapHttpLibrary(new NodeHttpLibrary(timeoutMs, signal, this.agents)),
    });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agents.destroy();
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

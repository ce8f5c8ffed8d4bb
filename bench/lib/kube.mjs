// A minimal Kubernetes API client for the harness itself (fixtures, patches),
// independent of the program under test: node:https with the lab's CA and
// bearer token, keep-alive, bounded parallelism.
import https from 'node:https';
import { readFileSync } from 'node:fs';

/** Server, CA and token from a kubeconfig like the lab's (embedded CA, bearer token). */
export function readKubeconfig(file) {
  const text = readFileSync(file, 'utf8');
  const server = /server:\s*(\S+)/.exec(text)?.[1];
  const ca = /certificate-authority-data:\s*(\S+)/.exec(text)?.[1];
  const token = /token:\s*(\S+)/.exec(text)?.[1];
  if (!server || !token) throw new Error(`${file}: expected a server and a bearer token`);
  return { server, ca: ca ? Buffer.from(ca, 'base64').toString('utf8') : undefined, token };
}

export class Api {
  constructor({ server, ca, token }, { sockets = 8 } = {}) {
    this.server = server;
    this.ca = ca;
    this.token = token;
    this.agent = new https.Agent({ ca, keepAlive: true, maxSockets: sockets });
  }

  /** JSON request; resolves { status, body, sentAt, doneAt } (times from performance.now()). */
  request(method, path, body, contentType = 'application/json') {
    const url = new URL(this.server + path);
    const data = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const sentAt = performance.now();
      const req = https.request(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            Authorization: `Bearer ${this.token}`,
            Accept: 'application/json',
            'User-Agent': 'velero-tui-bench',
            ...(data ? { 'Content-Type': contentType, 'Content-Length': data.length } : {}),
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              parsed = text;
            }
            resolve({ status: res.statusCode, body: parsed, sentAt, doneAt: performance.now() });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(data);
    });
  }

  async ok(method, path, body, contentType, accept = [200, 201, 202]) {
    const res = await this.request(method, path, body, contentType);
    if (!accept.includes(res.status)) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`);
    return res;
  }

  /** Runs `fn` over `items` with at most `limit` in flight. */
  static async parallel(items, limit, fn) {
    let next = 0;
    const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    });
    await Promise.all(workers);
  }

  close() {
    this.agent.destroy();
  }
}

export const veleroPath = (ns, plural, name = '') => `/apis/velero.io/v1/namespaces/${ns}/${plural}${name ? `/${name}` : ''}`;

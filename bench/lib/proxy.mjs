// A counting reverse proxy in front of the apiserver: plain HTTP on loopback
// in, HTTPS with the lab's CA out. The program is pointed at it through a
// kubeconfig (insecure-skip-tls-verify is what client-node and kubectl need to
// accept an http:// server). It records every request and counts the watch
// events streamed back, so "requests while idle" is an exact number.
import http from 'node:http';
import https from 'node:https';
import { writeFileSync } from 'node:fs';

export async function startCountingProxy({ server, ca }) {
  const upstream = new URL(server);
  const agent = new https.Agent({ ca, keepAlive: true });
  const log = []; // { t, method, path, watch, status, events }
  const proxy = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://proxy');
    const entry = {
      t: performance.now(),
      method: req.method,
      path: url.pathname,
      watch: url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1',
      status: 0,
      events: 0,
    };
    log.push(entry);
    const headers = { ...req.headers, host: upstream.host };
    const out = https.request({ hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers, agent }, (up) => {
      entry.status = up.statusCode ?? 0;
      res.writeHead(up.statusCode ?? 502, up.headers);
      // Node sends headers with the first body byte; an idle watch has none for
      // minutes, and clients time out waiting for headers. The apiserver flushes them.
      res.flushHeaders();
      if (entry.watch) up.on('data', (c) => (entry.events += countNewlines(c)));
      up.pipe(res);
    });
    out.on('error', (err) => {
      entry.status = -1;
      if (!res.headersSent) res.writeHead(502);
      res.end(String(err));
    });
    res.on('close', () => out.destroy());
    req.pipe(out);
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const port = proxy.address().port;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    /** A kubeconfig that reaches the apiserver through this proxy with `token`. */
    writeKubeconfig(file, token) {
      writeFileSync(
        file,
        `apiVersion: v1
kind: Config
clusters:
- name: lab
  cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}
users:
- name: lab-admin
  user: {token: "${token}"}
contexts:
- name: lab
  context: {cluster: lab, user: lab-admin, namespace: default}
current-context: lab
`,
        { mode: 0o600 },
      );
    },
    close() {
      proxy.closeAllConnections?.();
      proxy.close();
      agent.destroy();
    },
  };
}

function countNewlines(buf) {
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

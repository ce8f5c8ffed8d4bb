// Shared by the e2e tests of the real Kubernetes-side services: the lab's
// coordinates (written by test/lab/up.sh) and small waiting helpers.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
// Like test/lab/lib.sh: $LAB_DIR selects another lab instance than <repo>/.lab.
const LAB_JSON = join(process.env.LAB_DIR || join(REPO, '.lab'), 'lab.json');

export interface Lab {
  kubeconfig: string;
  apiUrl: string;
  veleroVersion: string;
  veleroNamespace: string;
}

export function readLab(): Lab {
  if (!existsSync(LAB_JSON)) throw new Error(`No lab: ${LAB_JSON} is missing. Run \`bash test/lab/build.sh && bash test/lab/up.sh\` first.`);
  return JSON.parse(readFileSync(LAB_JSON, 'utf8')) as Lab;
}

export async function expectEventually(check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, describe: () => string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(describe())), ms);
    p.then((v) => {
      clearTimeout(t);
      resolve(v);
    }, reject);
  });
}

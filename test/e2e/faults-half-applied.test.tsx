// Fault (real lab): the TUI must never leave its own change half-applied.
// A user may write the credentials Secret, and may update the
// BackupStorageLocation when the TUI connects — then loses that right (RBAC
// changed under it). Saving storage writes the Secret, the BSL write is
// refused (403), and the previous Secret is put back byte for byte.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderRealApp, type RealAppHarness } from './helpers/render-real-app.js';
import { CTRL_S, fill } from './helpers/tui-steps.js';
import { kubectl, pollUntil, readLabInfo, veleroGet, type LabInfo } from './helpers/lab.js';
import { restrictedUser, VELERO_READ, type PolicyRule, type RestrictedUser } from './faults-lab.js';

const RUN = Date.now().toString(36);
let lab: LabInfo;
let user: RestrictedUser;
let h: RealAppHarness | undefined;
let originalSecret: string | undefined;

const SECRETS: PolicyRule = { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'create', 'update'] };
const BSL_WRITE: PolicyRule = { apiGroups: ['velero.io'], resources: ['backupstoragelocations'], verbs: ['update', 'create'] };

async function secretData(): Promise<string | undefined> {
  return (await veleroGet(lab, 'secret', 'cloud-credentials'))?.data?.cloud;
}

async function canUpdateBsl(): Promise<boolean> {
  const out = await kubectl(lab, ['auth', 'can-i', 'update', 'backupstoragelocations.velero.io', '-n', lab.veleroNamespace, `--as=system:serviceaccount:${lab.veleroNamespace}:${user.name}`]).catch((e: Error) => e.message);
  return out.trim() === 'yes';
}

beforeAll(async () => {
  lab = readLabInfo();
  originalSecret = await secretData();
  // The same keys written in another (valid) INI layout, so the TUI's canonical text differs and it rewrites the Secret.
  const variant = `[default]\naws_access_key_id = ${lab.s3AccessKey}\naws_secret_access_key = ${lab.s3SecretKey}\n`;
  await kubectl(lab, ['-n', lab.veleroNamespace, 'patch', 'secret', 'cloud-credentials', '--type', 'merge', '-p', JSON.stringify({ data: { cloud: Buffer.from(variant).toString('base64') } })]);
  user = await restrictedUser(lab, `tui-writer-${RUN}`, [...VELERO_READ, SECRETS, BSL_WRITE]);
});

afterAll(async () => {
  h?.unmount();
  await user?.remove();
  if (originalSecret) await kubectl(lab, ['-n', lab.veleroNamespace, 'patch', 'secret', 'cloud-credentials', '--type', 'merge', '-p', JSON.stringify({ data: { cloud: originalSecret } })]);
});

describe('nothing half-applied', () => {
  it('BSL write forbidden after the Secret was written: the previous Secret is restored byte for byte, the BSL is unchanged', async () => {
    h = await renderRealApp({ kubeconfig: user.kubeconfig });
    await h.waitFor('app harness', 30_000);
    await pollUntil('the access reviews', async () => h!.ctx.store.getState().access, Boolean, 30_000, 100);
    // At connect time the user may update the location: storage edit is offered.
    expect(h.ctx.store.getState().access?.allowed['update backupstoragelocations.velero.io in namespace velero']).toBe(true);
    expect(h.ctx.store.getState().access?.allowed['update secrets in namespace velero']).toBe(true);

    // RBAC changes under the running TUI: no more BSL writes.
    await user.setVeleroRules([...VELERO_READ, SECRETS]);
    await pollUntil('RBAC to take the BSL right away', canUpdateBsl, (ok) => !ok, 30_000, 250);
    const secretBefore = await secretData();
    const bslBefore = (await veleroGet(lab, 'backupstoragelocation', 'default'))?.spec;

    await h.goto('storage');
    await h.waitFor(/Status +● Available/, 30_000);
    await h.press('e');
    await h.waitFor('Check and save');
    await fill(h, 'Access key ID', lab.s3AccessKey);
    await fill(h, 'Secret key', lab.s3SecretKey);
    await h.press(CTRL_S);
    const next = await h.waitFor((f) => f.includes('Apply these settings?') || f.includes('were restored') || f.includes('Nothing was changed'), 90_000);
    if (next.includes('Apply these settings?')) await h.press('enter');
    const failed = await h.waitFor('were restored', 60_000);
    const flat = failed.replace(/\s+/g, ' ');
    expect(failed).toContain('✔ Secret velero/cloud-credentials');
    expect(flat).toMatch(/✖ BackupStorageLocation velero\/default: .*forbidden/);
    expect(failed).toContain('✔ Restore Secret velero/cloud-credentials');
    expect(flat).toContain('The previous credentials in Secret cloud-credentials were restored; the location is unchanged.');

    expect(await secretData()).toBe(secretBefore);
    expect((await veleroGet(lab, 'backupstoragelocation', 'default'))?.spec).toEqual(bslBefore);
  });
});

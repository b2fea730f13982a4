// Create Self-Signed Certificate… and Import Certificate…, in a real extension host against the local Key Vault
// server: the form typed by the test (refused before any request when a field breaks the service's rules), the
// pending operation shown until Key Vault issues the certificate, then its row in the Certificates group; a name
// held by a deleted certificate said with what to do; a PFX imported after a wrong password without picking the
// file again; a PEM without its key refused before any request.
import * as assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { emptyCertificateFields, type CertificateFormFields } from '../../src/shared/certificateFormModel';
import type { OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { TreeNode, VaultNode } from '../../src/tree/nodes';
import type { CertsKeysVaultSeed } from '../emulator/certsKeysSeed';
import { EmulatorControlClient } from '../emulator/controlClient';
import type { VaultSeed } from '../emulator/seed';
import { certificateFiles } from '../fixtures/certificateFiles';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, objectNodeNamed, vaultNodeNamed, waitFor } from './helpers';

const VAULT = 'io-certnew';
const SEED: VaultSeed & CertsKeysVaultSeed = { name: VAULT, certificates: [{ name: 'old-cert' }] };

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let vault: VaultNode;
let control: EmulatorControlClient;
let dir: string;
let restoreSettings: () => Promise<void> = () => Promise.resolve();

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);

type Form = ReturnType<OperationsTestApi['webviews']['certificateForms']>[number];

async function openForm(): Promise<Form> {
  await run('createCertificate', vault);
  return waitFor(
    () => ops.webviews.certificateForms().find((f) => f.vaultKey === vault.vault.key),
    'the certificate form',
  );
}

async function submit(
  form: Form,
  requestId: number,
  fields: Partial<CertificateFormFields>,
): Promise<{ ok: boolean; message?: string; errors?: Record<string, string> }> {
  await form.receive({ type: 'submit', requestId, fields: { ...emptyCertificateFields(), ...fields } });
  const r = form.sent.find((m) => m.type === 'result' && m.requestId === requestId);
  assert.ok(r && r.type === 'result', `no result for request ${requestId}: ${JSON.stringify(form.sent)}`);
  return r;
}

async function certificateRow(name: string): Promise<TreeNode | undefined> {
  try {
    return await objectNodeNamed(tree, vault, 'Certificates', name);
  } catch {
    return undefined;
  }
}

describe('Create and import certificates (extension host, local Key Vault server)', function () {
  this.timeout(60_000);

  before(async () => {
    ({ operations: ops, tree } = await getTestApi());
    control = new EmulatorControlClient(emulatorControlUrl());
    dir = mkdtempSync(join(tmpdir(), 'kvs-certnew-'));
    restoreSettings = await addEmulatorVaults(control, [{ displayName: VAULT, seed: SEED }]);
    vault = await vaultNodeNamed(tree, VAULT);
  });

  after(async () => {
    await restoreSettings();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => ops.ui.reset());
  afterEach(() => ops.ui.verify());

  it('the form refuses bad fields before any request, then shows the pending operation and the new row', async () => {
    const form = await openForm();
    const before = await control.counts(VAULT);
    const bad = await submit(form, 1, { name: 'web cert', subject: 'www.example.test', validityMonths: '0' });
    assert.equal(bad.ok, false);
    assert.match(bad.errors?.name ?? '', /letters .*digits .*dashes/);
    assert.match(bad.errors?.subject ?? '', /attribute=value/);
    assert.match(bad.errors?.validityMonths ?? '', /1 to 1200/);
    assert.deepEqual(await control.counts(VAULT), before, 'a request was sent for an invalid form');

    const good = await submit(form, 2, {
      name: 'web-new',
      subject: 'CN=web.example.test, O=Contoso',
      dnsNames: 'web.example.test, www.example.test',
      validityMonths: '6',
      keyChoice: 'EC-P-256',
      contentType: 'application/x-pem-file',
      tags: [{ key: 'team', value: 'web' }],
    });
    assert.equal(good.ok, true, JSON.stringify(good));
    const states = form.sent.flatMap((m) => (m.type === 'status' ? [`${m.state}: ${m.message}`] : []));
    assert.ok(
      states.some((s) => /^inProgress: In progress/.test(s)),
      `the pending operation was not shown: ${states.join(' | ')}`,
    );
    assert.match(states.at(-1) ?? '', /^completed: Certificate "web-new" was issued/);
    assert.ok(
      ops.ui.asked.some(
        (a) => a.kind === 'info' && /Created certificate "web-new" in vault io-certnew/.test(a.message),
      ),
    );
    await waitFor(() => certificateRow('web-new'), 'the new certificate row');
    assert.equal(ops.webviews.certificateForms().length, 0, 'the form stays open after the certificate was issued');
  });

  it("a create Key Vault refuses is said in the form in the service's words, and nothing is listed", async () => {
    const form = await openForm();
    // The local server issues PKCS#12 for RSA keys only (the real service takes EC too): it refuses this create.
    const r = await submit(form, 11, {
      name: 'ec-pfx',
      subject: 'CN=ec.example.test',
      keyChoice: 'EC-P-256',
      contentType: 'application/x-pkcs12',
    });
    assert.equal(r.ok, false);
    assert.match(r.message ?? '', /Key Vault refused the certificate policy: .*PKCS#12 for RSA keys only/);
    const last = form.sent.filter((m) => m.type === 'status').at(-1);
    assert.equal(last?.type === 'status' ? last.state : undefined, 'failed');
    assert.equal(await certificateRow('ec-pfx'), undefined);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('a name held by a deleted certificate is refused on the name field, with what to do', async () => {
    ops.ui.answer({ kind: 'warning', button: 'Delete' });
    await run('deleteObject', await objectNodeNamed(tree, vault, 'Certificates', 'old-cert'));
    const form = await openForm();
    const r = await submit(form, 21, { name: 'old-cert', subject: 'CN=old.example.test' });
    assert.equal(r.ok, false);
    assert.match(
      r.errors?.name ?? '',
      /deleted certificate named "old-cert".*Recover the deleted certificate, or purge it/,
    );
    const last = form.sent.filter((m) => m.type === 'status').at(-1);
    assert.equal(last?.type === 'status' ? last.state : undefined, 'failed');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('imports a PFX after a wrong password, asking the password again without picking the file again', async () => {
    const password = 'right-Pa55word';
    const file = join(dir, 'team portal.pfx');
    writeFileSync(file, certificateFiles('portal.example.test', password).pfx);
    ops.ui.answer(
      { kind: 'open', path: file },
      { kind: 'input', text: 'team-portal' },
      { kind: 'input', text: 'wrong-Pa55word' },
      { kind: 'input', text: password },
    );
    await run('importCertificate', vault);
    const inputs = ops.ui.asked.filter((a) => a.kind === 'input');
    assert.equal(inputs.length, 3);
    assert.equal(ops.ui.asked.filter((a) => a.kind === 'open').length, 1, 'the file was picked again');
    assert.match(inputs[2]?.message ?? '', /The password does not open this PFX/);
    assert.ok(
      ops.ui.asked.some(
        (a) => a.kind === 'info' && /Imported certificate "team-portal".*portal\.example\.test/.test(a.message),
      ),
    );
    assert.ok(await certificateRow('team-portal'), 'the imported certificate is not listed');
  });

  it('a PEM with its key imports, one without is refused before any request', async () => {
    const files = certificateFiles('pem.example.test', '');
    const withKey = join(dir, 'api_server.pem');
    writeFileSync(withKey, `${files.keyPem}${files.certificatePem}`);
    ops.ui.answer({ kind: 'open', path: withKey }, { kind: 'input', text: 'api-server' });
    await run('importCertificate', vault);
    assert.deepEqual(
      ops.ui.asked.filter((a) => a.kind === 'error').map((a) => a.message),
      [],
    );
    assert.ok(await certificateRow('api-server'), 'the PEM (CRLF line ends, as forge writes) was not imported');

    const certOnly = join(dir, 'cert-only.pem');
    writeFileSync(certOnly, files.certificatePem);
    const before = await control.counts(VAULT);
    ops.ui.answer({ kind: 'open', path: certOnly });
    await run('importCertificate', vault);
    const error = ops.ui.asked.find((a) => a.kind === 'error');
    assert.match(error?.message ?? '', /has a certificate but no private key/);
    assert.deepEqual(await control.counts(VAULT), before, 'a request was sent for a PEM without a key');
  });

  it('converts a PFX to an owner-only PEM (after a wrong password) and a PEM to a PFX, with no request', async () => {
    const files = certificateFiles('convert.example.test', 'conv-Pa55');
    const pfxFile = join(dir, 'convert.pfx');
    writeFileSync(pfxFile, files.pfx);
    const pemOut = join(dir, 'converted.pem');
    const before = await control.counts(VAULT);
    ops.ui.answer(
      { kind: 'open', path: pfxFile },
      { kind: 'input', text: 'wrong-one' },
      { kind: 'input', text: 'conv-Pa55' },
      { kind: 'save', path: pemOut },
    );
    await run('convertCertificateFile');
    assert.match(
      ops.ui.asked.filter((a) => a.kind === 'input')[1]?.message ?? '',
      /The password does not open this PFX/,
    );
    assert.equal(statSync(pemOut).mode & 0o777, 0o600);
    const pem = readFileSync(pemOut, 'utf8');
    assert.ok(new X509Certificate(pem).checkPrivateKey(createPrivateKey(pem)));

    ops.ui.reset();
    const pfxOut = join(dir, 'back.pfx');
    ops.ui.answer({ kind: 'open', path: pemOut }, { kind: 'input', text: 'new-Pa55' }, { kind: 'save', path: pfxOut });
    await run('convertCertificateFile');
    assert.equal(statSync(pfxOut).mode & 0o777, 0o600);
    assert.doesNotThrow(() => createSecureContext({ pfx: readFileSync(pfxOut), passphrase: 'new-Pa55' }));
    assert.deepEqual(await control.counts(VAULT), before, 'the conversion sent a request');
  });
});

// Download Certificate with Private Key…, in a real extension host against the local Key Vault server: the PEM or
// PFX comes from the certificate's backing secret, through the save path of Save Value to File (home folder first,
// the Git warning, an owner-only file), and Node's crypto reads it back as a key that matches the certificate.
import * as assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import * as vscode from 'vscode';
import type { OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { VaultNode } from '../../src/tree/nodes';
import type { CertsKeysVaultSeed } from '../emulator/certsKeysSeed';
import { EmulatorControlClient } from '../emulator/controlClient';
import type { VaultSeed } from '../emulator/seed';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, vaultNodeNamed, objectNodeNamed } from './helpers';

const VAULT = 'io-certkey';
const SEED: VaultSeed & CertsKeysVaultSeed = {
  name: VAULT,
  certificates: [
    { name: 'web-pem', contentType: 'application/x-pem-file', dnsNames: ['web.example'] },
    { name: 'web-pfx', contentType: 'application/x-pkcs12' },
  ],
};

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let vault: VaultNode;
let dir: string;
let restoreSettings: () => Promise<void> = () => Promise.resolve();

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('Download Certificate with Private Key (extension host, local Key Vault server)', function () {
  this.timeout(60_000);

  before(async () => {
    ({ operations: ops, tree } = await getTestApi());
    const control = new EmulatorControlClient(emulatorControlUrl());
    dir = mkdtempSync(join(tmpdir(), 'kvs-certkey-'));
    restoreSettings = await addEmulatorVaults(control, [{ displayName: VAULT, seed: SEED }]);
    vault = await vaultNodeNamed(tree, VAULT);
  });

  after(async () => {
    await restoreSettings();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => ops.ui.reset());
  afterEach(() => ops.ui.verify());

  it('writes the PEM key and certificate owner-only, from a save dialog in the home folder, and Node reads them', async () => {
    const file = join(dir, 'web-pem.pem');
    ops.ui.answer({ kind: 'save', path: file });
    await vscode.commands.executeCommand(
      'keyVaultSecrets.downloadCertificateWithKey',
      await objectNodeNamed(tree, vault, 'Certificates', 'web-pem'),
    );
    const save = ops.ui.asked.find((a) => a.kind === 'save');
    assert.equal(save?.detail, join(homedir(), 'web-pem.pem'), 'the dialog does not start in the home folder');
    assert.equal(mode(file), 0o600);
    const pem = readFileSync(file, 'utf8');
    const key = createPrivateKey(pem);
    const certificate = new X509Certificate(pem);
    assert.match(certificate.subject, /CN=web-pem/);
    assert.ok(certificate.checkPrivateKey(key), 'the private key does not belong to the certificate');
  });

  it('writes the PFX owner-only, and TLS loads it with no password', async () => {
    const file = join(dir, 'web-pfx.pfx');
    ops.ui.answer({ kind: 'save', path: file });
    await vscode.commands.executeCommand(
      'keyVaultSecrets.downloadCertificateWithKey',
      await objectNodeNamed(tree, vault, 'Certificates', 'web-pfx'),
    );
    assert.equal(mode(file), 0o600);
    const pfx = readFileSync(file);
    assert.doesNotThrow(() => createSecureContext({ pfx }));
  });

  it('a file in a Git work tree gets the Git warning that names the private key; declining writes nothing', async () => {
    const repo = join(dir, 'repo');
    execFileSync('git', ['init', '-q', repo]);
    const file = join(repo, 'web-pem.pem');
    ops.ui.answer({ kind: 'save', path: file }, { kind: 'warning', button: undefined });
    await vscode.commands.executeCommand(
      'keyVaultSecrets.downloadCertificateWithKey',
      await objectNodeNamed(tree, vault, 'Certificates', 'web-pem'),
    );
    const git = ops.ui.asked.find((a) => a.kind === 'warning' && a.modal === true);
    assert.match(
      git?.message ?? '',
      /web-pem\.pem is inside the Git work tree .*the private key of web-pem could be committed/,
    );
    assert.ok(!existsSync(file), 'written although the warning was declined');
  });
});

// Create Key…, Rotate Key Now and the key rotation and certificate policies, in a real extension host against the
// local Key Vault server, with scripted prompts: the new key appears in its Keys group after one create and one
// list; the HSM types are not offered in a vault not known to be premium; rotating asks first and adds a version;
// a rotation duration under the service's minimum is refused in the input box and nothing is sent; the policies
// read back in words after their edits.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { TreeNode, VaultNode } from '../../src/tree/nodes';
import type { CertsKeysVaultSeed } from '../emulator/certsKeysSeed';
import { EmulatorControlClient } from '../emulator/controlClient';
import type { VaultSeed } from '../emulator/seed';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, objectNodeNamed, vaultNodeNamed, waitFor } from './helpers';

const VAULT = 'io-keypolicy';
const SEED: VaultSeed & CertsKeysVaultSeed = {
  name: VAULT,
  certificates: [{ name: 'pol-cert', subject: 'CN=pol.example', dnsNames: ['pol.example'] }],
  keys: [{ name: 'pol-key', kty: 'RSA' }],
};

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let vault: VaultNode;
let control: EmulatorControlClient;
let restoreSettings: () => Promise<void> = () => Promise.resolve();

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);

function label(n: TreeNode): string {
  const l = tree.getTreeItem(n).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

async function keysGroup(): Promise<TreeNode> {
  const found = (await tree.getChildren(vault)).find((n) => n.kind === 'objectGroup' && label(n) === 'Keys');
  assert.ok(found, 'no Keys group');
  return found;
}

async function sent(): Promise<Record<string, number>> {
  const c = await control.counts(VAULT);
  return Object.fromEntries(Object.entries(c).filter(([k, n]) => n > 0 && k !== 'Challenge'));
}

/** A row's tooltip as text (these rows' tooltips are plain strings). */
function tip(item: vscode.TreeItem): string {
  return typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
}

function errors(): string[] {
  return ops.ui.asked.filter((a) => a.kind === 'error').map((a) => a.message);
}

describe('Create key, rotate, key rotation and certificate policies (extension host, local Key Vault server)', function () {
  this.timeout(60_000);

  before(async () => {
    ({ operations: ops, tree } = await getTestApi());
    control = new EmulatorControlClient(emulatorControlUrl());
    restoreSettings = await addEmulatorVaults(control, [{ displayName: VAULT, seed: SEED }]);
    vault = await vaultNodeNamed(tree, VAULT);
  });

  after(async () => {
    await restoreSettings();
  });

  beforeEach(() => ops.ui.reset());
  afterEach(() => ops.ui.verify());

  it('creates an RSA key from the Keys group with the chosen size and operations; the group lists it', async () => {
    const group = await keysGroup();
    await tree.getChildren(group);
    await control.resetCounts();
    ops.ui.answer(
      { kind: 'input', text: 'new-key' },
      { kind: 'pick', label: 'RSA' },
      { kind: 'pick', label: '3072 bits' },
      { kind: 'pickMany', labels: ['sign', 'verify'] },
      { kind: 'input', text: '' },
    );
    await run('createKey', group);
    assert.deepEqual(errors(), []);
    const types = ops.ui.asked.find((a) => a.kind === 'pick')?.items ?? [];
    assert.deepEqual(types, ['RSA', 'EC'], 'the HSM types are offered only in a premium vault');
    await waitFor(
      async () => (await tree.getChildren(await keysGroup())).some((n) => label(n) === 'new-key'),
      'new-key in the Keys group',
    );
    // The check that the name is new (one read, not found), the create, the group's list.
    assert.deepEqual(await sent(), { CreateKey: 1, GetKey: 1, GetKeys: 1 });
    await run('showObjectDetails', await objectNodeNamed(tree, vault, 'Keys', 'new-key'));
    const shown = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(shown, /Key size: 3072/);
    assert.match(shown, /Allowed operations: sign, verify/);
  });

  it('hovering a certificate or key row reads that version once and shows its subject and issuer, or its type', async () => {
    const none = new vscode.CancellationTokenSource().token;
    const cert = await objectNodeNamed(tree, vault, 'Certificates', 'pol-cert');
    const plain = tree.getTreeItem(cert);
    assert.match(tip(plain), /shown when you hover/);
    assert.match(plain.accessibilityInformation?.label ?? '', /^certificate pol-cert/);
    await control.resetCounts();
    const hovered = await tree.resolveTreeItem(tree.getTreeItem(cert), cert, none);
    const text = tip(hovered);
    assert.match(text, /Subject: CN=pol\.example/);
    assert.match(text, /Issuer: self-signed/);
    assert.match(text, /Thumbprint \(SHA-1\): [0-9A-F]{40}/);
    await tree.resolveTreeItem(tree.getTreeItem(cert), cert, none);
    assert.deepEqual(await sent(), { GetCertificate: 1 }, 'one read per hovered version, kept');

    const key = await objectNodeNamed(tree, vault, 'Keys', 'new-key');
    const keyText = tip(await tree.resolveTreeItem(tree.getTreeItem(key), key, none));
    assert.match(keyText, /Type: RSA, 3072 bits/);
    assert.match(keyText, /Software-protected/);
    assert.match(keyText, /Allowed operations: sign, verify/);
    assert.equal((await sent()).GetKey, 1);
  });

  it('refuses a key name that breaks the rule in the input box, and sends nothing', async () => {
    await control.resetCounts();
    ops.ui.answer({ kind: 'input', text: 'bad_name', expectRefused: true });
    await run('createKey', await keysGroup());
    const refused = ops.ui.asked.find((a) => a.kind === 'input')?.refused ?? '';
    assert.match(refused, /A key name can contain only letters/);
    assert.deepEqual(await sent(), {});
  });

  it('rotates a key after asking; its versions list one more', async () => {
    const row = await objectNodeNamed(tree, vault, 'Keys', 'pol-key');
    const before = (await tree.getChildren(row)).length;
    await control.resetCounts();
    ops.ui.answer({ kind: 'warning', button: 'Rotate' });
    await run('rotateKey', row);
    const asked = ops.ui.asked.find((a) => a.kind === 'warning');
    assert.match(asked?.message ?? '', /Rotate key "pol-key" in vault io-keypolicy now\?/);
    assert.equal(asked?.modal, true);
    assert.equal((await sent()).RotateKey, 1);
    await waitFor(
      async () => (await tree.getChildren(await objectNodeNamed(tree, vault, 'Keys', 'pol-key'))).length === before + 1,
      'one more version',
    );
  });

  it('Create Key on a name that exists asks first: Cancel sends no create, Create New Version adds a version', async () => {
    const row = await objectNodeNamed(tree, vault, 'Keys', 'pol-key');
    const before = (await tree.getChildren(row)).length;
    const answers = (button: string | undefined): void =>
      ops.ui.answer(
        { kind: 'input', text: 'pol-key' },
        { kind: 'pick', label: 'EC' },
        { kind: 'pick', label: 'P-256' },
        { kind: 'pickMany', labels: ['sign', 'verify'] },
        { kind: 'input', text: '' },
        { kind: 'warning', button },
      );
    await control.resetCounts();
    answers(undefined);
    await run('createKey', await keysGroup());
    const asked = ops.ui.asked.find((a) => a.kind === 'warning');
    assert.match(
      asked?.message ?? '',
      /Key "pol-key" already exists in vault io-keypolicy\. Create a new version of it\?/,
    );
    assert.equal(asked?.modal, true);
    assert.equal((await sent()).CreateKey ?? 0, 0, 'a create was sent after Cancel');
    answers('Create New Version');
    await run('createKey', await keysGroup());
    assert.equal((await sent()).CreateKey, 1);
    await waitFor(
      async () => (await tree.getChildren(await objectNodeNamed(tree, vault, 'Keys', 'pol-key'))).length === before + 1,
      'one more version of pol-key',
    );
  });

  it('edits the rotation policy: a too-short duration is refused before sending, a valid one is saved and shown', async () => {
    const row = await objectNodeNamed(tree, vault, 'Keys', 'pol-key');
    ops.ui.answer(
      { kind: 'pick', label: 'Rotate after creation' },
      { kind: 'input', text: 'P5D', expectRefused: true },
    );
    await control.resetCounts();
    await run('editKeyRotationPolicy', row);
    assert.match(ops.ui.asked.find((a) => a.kind === 'input')?.refused ?? '', /at least 7 days/);
    assert.deepEqual(await sent(), { GetKeyRotationPolicy: 1 });
    ops.ui.verify();

    ops.ui.reset();
    ops.ui.answer(
      { kind: 'pick', label: 'Rotate after creation' },
      { kind: 'input', text: 'P60D' },
      { kind: 'input', text: 'p1y' },
    );
    await control.resetCounts();
    await run('editKeyRotationPolicy', row);
    assert.deepEqual(errors(), []);
    assert.deepEqual(await sent(), { GetKeyRotationPolicy: 1, UpdateKeyRotationPolicy: 1 });
    const text = String(await run('showKeyRotationPolicy', row));
    assert.match(text, /Automatic rotation: rotate 60 days \(P60D\) after each version is created/);
    assert.match(text, /Notification: notify 30 days \(P30D\) before expiry/);
    assert.match(text, /New versions expire: 365 days \(P1Y\) after they are created/);
    assert.equal(vscode.window.activeTextEditor?.document.getText(), text);
  });

  it("shows a certificate's policy in words and changes its lifetime action with one update", async () => {
    const row = await objectNodeNamed(tree, vault, 'Certificates', 'pol-cert');
    const before = String(await run('showCertificatePolicy', row));
    assert.match(before, /Issuer: Self \(self-signed\)/);
    assert.match(before, /Subject: CN=pol\.example/);
    assert.match(before, /Subject alternative names: DNS:pol\.example/);
    assert.match(before, /Lifetime action: renew automatically at 80% of its lifetime/);

    ops.ui.answer(
      { kind: 'pick', label: 'Email the certificate contacts' },
      { kind: 'pick', label: 'A number of days before expiry' },
      { kind: 'input', text: '400', expectRefused: true },
    );
    await run('editCertificatePolicy', row);
    assert.match(ops.ui.asked.find((a) => a.kind === 'input')?.refused ?? '', /from 1 to 324/);
    ops.ui.verify();

    ops.ui.reset();
    ops.ui.answer(
      { kind: 'pick', label: 'Email the certificate contacts' },
      { kind: 'pick', label: 'A number of days before expiry' },
      { kind: 'input', text: '45' },
    );
    await control.resetCounts();
    await run('editCertificatePolicy', row);
    assert.deepEqual(errors(), []);
    assert.deepEqual(await sent(), { GetCertificatePolicy: 1, UpdateCertificatePolicy: 1 });
    const after = String(await run('showCertificatePolicy', row));
    assert.match(after, /Lifetime action: email the certificate contacts 45 days before expiry/);
    assert.match(after, /Subject alternative names: DNS:pol\.example/);
  });
});

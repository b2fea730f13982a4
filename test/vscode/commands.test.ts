// Secret operations in a real VS Code extension host, against the local Key Vault server.
// Each run adds its own vaults to the server ("ops": soft-delete 7 days; "ops-locked": purge protection) and to
// the user settings, and removes them from the settings afterwards, so the other suites see only their seed.
// Dialogs are answered through the test seam (TestApi.operations.ui, strict: every prompt must be scripted and
// every scripted answer used); webview messages are injected through TestApi.operations.webviews exactly as the
// webview would post them. The vault's true state is read through the extension's own vault client (never
// through a document a user did not open).
import * as assert from 'node:assert/strict';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { OperationsTestApi } from '../../src/testApi';
import type { VaultClient, VaultService } from '../../src/vault/model';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { DeletedSecretNode, SecretNode, TreeNode, VaultNode, VersionNode } from '../../src/tree/nodes';
import { EmulatorControlClient } from '../emulator/controlClient';
import { emulatorControlUrl, getTestApi, secretNodeNamed, vaultNodeNamed, versionNodesOf, waitFor } from './helpers';
import { emptyFields } from '../../src/shared/secretFormModel';

const SECTION = 'keyVaultSecrets';
const SCHEME = 'keyvault-secret';

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let vaultService: VaultService;
let control: EmulatorControlClient;
let originalVaults: unknown;
let opsVault: VaultNode;
let lockedVault: VaultNode;
const tmp = mkdtempSync(join(tmpdir(), 'kvs-ops-'));

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);

const vaultNode = (name: string): Promise<VaultNode> => vaultNodeNamed(tree, name);
const secretNode = (name: string, vault: VaultNode = opsVault): Promise<SecretNode> =>
  secretNodeNamed(tree, vault, name);
const versionNodes = (name: string): Promise<VersionNode[]> => versionNodesOf(tree, opsVault, name);

async function deletedNode(name: string, vault: VaultNode = opsVault): Promise<DeletedSecretNode> {
  const group = (await tree.getChildren(vault)).find((n) => n.kind === 'deletedGroup');
  assert.ok(group, 'no Deleted secrets group');
  await tree.refreshDeleted(vault.vault);
  const d = (await tree.getChildren(group)).find(
    (n: TreeNode): n is DeletedSecretNode => n.kind === 'deletedSecret' && n.deleted.name === name,
  );
  assert.ok(d, `no deleted secret ${name} in ${vault.vault.name}`);
  return d;
}

/** A target as the details panel builds it (vault + name [+ version]). */
const secretTarget = (name: string, version?: string) => ({
  kind: 'secret',
  vault: opsVault.vault,
  name,
  ...(version ? { version } : {}),
});
const deletedTarget = (name: string, vault: VaultNode = opsVault) => ({ kind: 'deleted', vault: vault.vault, name });

/** The vault's client, as the extension has it: the state checks below read through it. */
function client(vault: VaultNode = opsVault): VaultClient {
  return vaultService.clientFor(vault.vault);
}

/** The value of a secret (latest, or a version), read directly. */
async function readValue(name: string, version?: string): Promise<string> {
  return (await client().getValue(name, version)).value;
}

/** The properties of the newest version of a secret, read directly. */
async function readProps(
  name: string,
): Promise<{ enabled: boolean; contentType?: string; tags?: Record<string, string> }> {
  const versions = (await client().listVersions(name)).items
    .slice()
    .sort((x, y) => (y.createdOn?.getTime() ?? 0) - (x.createdOn?.getTime() ?? 0));
  const newest = versions[0];
  assert.ok(newest, `${name} has no versions`);
  return newest;
}

/** The secret exists (not deleted). */
async function exists(name: string): Promise<boolean> {
  try {
    return (await client().listVersions(name)).items.length > 0;
  } catch {
    return false;
  }
}

async function isDeleted(name: string): Promise<boolean> {
  try {
    return (await client().getDeleted(name)).name === name;
  } catch {
    return false;
  }
}

function errorsShown(): string[] {
  return ops.ui.asked.filter((a) => a.kind === 'error').map((a) => a.message);
}

async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The form's fields as a new form starts them (the webview's own defaults). */
const FIELDS = emptyFields();

type Form = ReturnType<OperationsTestApi['webviews']['forms']>[number];
function form(mode: string, secretName?: string): Form {
  const f = ops.webviews
    .forms()
    .find(
      (x) =>
        x.mode === mode &&
        x.vaultKey === opsVault.vault.key &&
        (secretName === undefined || x.secretName === secretName),
    );
  assert.ok(f, `no ${mode} form open for ${secretName ?? 'the vault'}`);
  return f;
}

async function submit(
  f: Form,
  requestId: number,
  fields: Partial<typeof FIELDS>,
): Promise<{ ok: boolean; message?: string; errors?: Record<string, string> }> {
  await f.receive({ type: 'submit', requestId, fields: { ...FIELDS, ...fields } });
  const r = f.sent.find((m) => m.type === 'result' && m.requestId === requestId);
  assert.ok(r && r.type === 'result', `no result for request ${requestId}: ${JSON.stringify(f.sent)}`);
  return r;
}

describe('Secret operations (extension host, local Key Vault server)', function () {
  this.timeout(60_000);

  before(async () => {
    const api = await getTestApi();
    assert.ok(api.operations, 'the test API has no operations member');
    ops = api.operations;
    tree = api.tree;
    vaultService = api.vaultService;
    control = new EmulatorControlClient(emulatorControlUrl());
    const state = await control.state();
    const opsUrl = (
      await control.addVault({
        name: 'ops',
        recoverableDays: 7,
        secrets: [
          {
            name: 'ops-multi',
            versions: [
              { value: '{"v": 1}', contentType: 'application/json', created: '-3d' },
              { value: '{"v": 2}', contentType: 'application/json', created: '-2d' },
              { value: '{"v": 3}', contentType: 'application/json', created: '-1d' },
            ],
          },
          { name: 'ops-toggle', versions: [{ value: 'toggle-me', contentType: 'text/plain', created: '-1d' }] },
          { name: 'ops-edit', versions: [{ value: 'edit-me', created: '-1d', tags: { team: 'a' } }] },
          {
            name: 'ops-dated',
            versions: [{ value: 'dated', contentType: 'text/plain', created: '-2d', nbf: '-1d', exp: '+5d' }],
          },
          { name: 'ops-newver', versions: [{ value: 'first-value', contentType: 'text/plain', created: '-1d' }] },
          { name: 'ops-delete', versions: [{ value: 'delete-me', created: '-1d' }] },
          { name: 'ops-refresh', versions: [{ value: 'refresh-me', created: '-1d' }] },
          {
            name: 'ops-backup',
            versions: [
              { value: 'backup-v1', created: '-2d' },
              { value: 'backup-v2', created: '-1d' },
            ],
          },
          { name: 'ops-copy', versions: [{ value: 'copy-me-please', created: '-1d' }] },
          {
            name: 'ops-panel',
            versions: [
              { value: 'panel-v1', created: '-2d' },
              { value: 'panel-v2', created: '-1d' },
            ],
          },
          {
            name: 'ops-many',
            versions: Array.from({ length: 510 }, (_, i) => ({ value: `v${i}`, created: `-${600 - i}m` })),
          },
        ],
        deleted: [
          { name: 'ops-gone-recover', deletedAt: '-1d', versions: [{ value: 'recover-me' }] },
          { name: 'ops-gone-purge', deletedAt: '-1d', versions: [{ value: 'purge-me' }] },
          { name: 'ops-reuse-recover', deletedAt: '-1d', versions: [{ value: 'old-reuse' }] },
          { name: 'ops-reuse-purge', deletedAt: '-1d', versions: [{ value: 'old-reuse-2' }] },
          { name: 'ops-reuse-decline', deletedAt: '-1d', versions: [{ value: 'old-reuse-3' }] },
        ],
      })
    ).url;
    const lockedUrl = (
      await control.addVault({
        name: 'ops-locked',
        purgeProtection: true,
        deleted: [{ name: 'locked-old', deletedAt: '-1d', versions: [{ value: 'z' }] }],
      })
    ).url;
    const config = vscode.workspace.getConfiguration(SECTION);
    originalVaults = config.inspect('vaults')?.globalValue;
    const current = (config.get<unknown[]>('vaults') ?? []).slice();
    await config.update(
      'vaults',
      [
        ...current,
        { url: opsUrl, name: 'ops', emulator: true, caFile: state.caFile },
        { url: lockedUrl, name: 'ops-locked', emulator: true, caFile: state.caFile },
      ],
      vscode.ConfigurationTarget.Global,
    );
    await config.update('clipboardClearSeconds', 1, vscode.ConfigurationTarget.Global);
    opsVault = await vaultNode('ops');
    lockedVault = await vaultNode('ops-locked');
  });

  after(async () => {
    await closeAllEditors();
    const config = vscode.workspace.getConfiguration(SECTION);
    await config.update('vaults', originalVaults, vscode.ConfigurationTarget.Global);
    await config.update('clipboardClearSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  beforeEach(() => ops.ui.reset());
  // Every prompt a test caused was scripted, and every scripted answer was used.
  afterEach(() => ops.ui.verify());

  describe('read-only documents', () => {
    afterEach(closeAllEditors);

    it('Show Value opens the value read-only, with the language of the content type, and no value in the URI', async () => {
      await run('showValue', await secretNode('ops-multi'));
      await waitFor(
        () =>
          vscode.window.activeTextEditor?.document.uri.scheme === SCHEME ? vscode.window.activeTextEditor : undefined,
        'the value editor',
      );
      const doc = vscode.window.activeTextEditor?.document;
      assert.ok(doc);
      assert.equal(doc.getText(), '{"v": 3}');
      assert.equal(doc.languageId, 'json');
      assert.ok(
        !doc.uri.toString().includes('"v"') && !decodeURIComponent(doc.uri.toString()).includes('{"v": 3}'),
        doc.uri.toString(),
      );
      // Typing is refused. Control first: the same keystrokes do type into an ordinary untitled editor.
      const scratch = await vscode.workspace.openTextDocument({ content: '' });
      await vscode.window.showTextDocument(scratch, { preview: false });
      await vscode.commands.executeCommand('type', { text: 'typed' });
      assert.equal(scratch.getText(), 'typed');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('type', { text: 'typed' });
      assert.equal(doc.getText(), '{"v": 3}');
      assert.equal(doc.isDirty, false);
      assert.deepEqual(errorsShown(), []);
    });

    it('from the palette, pickers choose the vault, then the secret', async () => {
      ops.ui.answer({ kind: 'pick', label: 'ops' }, { kind: 'pick', label: 'ops-copy' });
      await run('showValue');
      const picks = ops.ui.asked.filter((a) => a.kind === 'pick');
      assert.equal(picks.length, 2, JSON.stringify(ops.ui.asked));
      assert.ok(picks[0]?.items?.includes('ops-locked'));
      assert.ok(picks[1]?.items?.includes('ops-multi'));
      assert.equal(vscode.window.activeTextEditor?.document.getText(), 'copy-me-please');
    });

    it('a version node shows that version; Show Properties is JSON without the value', async () => {
      const versions = await versionNodes('ops-multi');
      assert.equal(versions.length, 3);
      const oldest = versions[versions.length - 1];
      assert.ok(oldest);
      await run('showValue', oldest);
      assert.equal(vscode.window.activeTextEditor?.document.getText(), '{"v": 1}');
      await run('showProperties', oldest);
      const doc = vscode.window.activeTextEditor?.document;
      assert.equal(doc?.languageId, 'json');
      const props = JSON.parse(doc?.getText() ?? '{}') as Record<string, unknown>;
      assert.equal(props.version, oldest.version.version);
      assert.equal(props.contentType, 'application/json');
      assert.ok(!(doc?.getText() ?? '').includes('"v": 1'));
    });

    it('Compare with Previous opens a diff of the two versions, and Compare Versions picks the second', async () => {
      const versions = await versionNodes('ops-multi');
      await run('compareWithPrevious', versions[0]);
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      assert.ok(tab?.input instanceof vscode.TabInputTextDiff, `not a diff: ${tab?.label}`);
      const left = await vscode.workspace.openTextDocument(tab.input.original);
      const right = await vscode.workspace.openTextDocument(tab.input.modified);
      assert.equal(left.getText(), '{"v": 2}');
      assert.equal(right.getText(), '{"v": 3}');
      assert.equal(tab.input.original.scheme, SCHEME);

      ops.ui.answer({ kind: 'pick', label: versions[2]?.version.version });
      await run('compareVersions', versions[0]);
      const tab2 = vscode.window.tabGroups.activeTabGroup.activeTab;
      assert.ok(tab2?.input instanceof vscode.TabInputTextDiff);
      assert.equal((await vscode.workspace.openTextDocument(tab2.input.original)).getText(), '{"v": 1}');
      assert.equal((await vscode.workspace.openTextDocument(tab2.input.modified)).getText(), '{"v": 3}');
    });
  });

  describe('forms', () => {
    afterEach(closeAllEditors);

    it('New Version: the form sets a version, the open value document refreshes, and no value is posted back', async () => {
      await run('showValue', secretTarget('ops-newver'));
      const doc = vscode.window.activeTextEditor?.document;
      assert.equal(doc?.getText(), 'first-value');
      await run('newVersion', secretTarget('ops-newver'));
      const f = form('newVersion', 'ops-newver');
      await f.receive({ type: 'ready' });
      const init = f.sent.find((m) => m.type === 'init');
      assert.ok(init && init.type === 'init');
      assert.equal(init.fields.value, '');
      assert.equal(init.fields.contentType, 'text/plain');
      const r = await submit(f, 1, { value: 'second-value\nline two', contentType: 'text/plain' });
      assert.equal(r.ok, true, JSON.stringify(r));
      await waitFor(
        () => doc?.getText() === 'second-value\nline two' || undefined,
        'the open value document to refresh',
      );
      assert.ok(!JSON.stringify(f.sent).includes('second-value'));
      assert.equal(
        ops.webviews.forms().some((x) => x.secretName === 'ops-newver'),
        false,
        'the form stays open after saving',
      );
    });

    it('Create: validation refuses a bad name before any request, then creates the secret', async () => {
      await run('createSecret', opsVault);
      const f = form('create');
      const before = await control.counts('ops');
      const bad = await submit(f, 1, { name: 'bad name!', value: 'fresh' });
      assert.equal(bad.ok, false);
      assert.match(bad.errors?.name ?? '', /letters/);
      assert.deepEqual(await control.counts('ops'), before, 'a request was sent for an invalid form');
      const good = await submit(f, 2, {
        name: 'ops-created',
        value: 'fresh',
        contentType: 'text/plain',
        tags: [{ key: 'env', value: 'test' }],
      });
      assert.equal(good.ok, true, JSON.stringify(good));
      assert.equal(await readValue('ops-created'), 'fresh');
      assert.deepEqual((await readProps('ops-created')).tags, { env: 'test' });
      assert.ok(
        (await tree.getChildren(opsVault)).some((n) => n.kind === 'secret' && n.secret.name === 'ops-created'),
        'not in the tree',
      );
    });

    it('Create on a name that exists asks the gate first: declining sends no Set, confirming adds a new version', async () => {
      await run('createSecret', opsVault);
      assert.equal((await submit(form('create'), 1, { name: 'ops-twice', value: 'first' })).ok, true);
      assert.deepEqual(
        ops.ui.asked.filter((a) => a.kind === 'warning'),
        [],
        'a new name is not asked about',
      );
      await run('createSecret', opsVault);
      const f = form('create');
      await control.resetCounts();
      ops.ui.answer({ kind: 'warning', button: undefined });
      const declined = await submit(f, 1, { name: 'ops-twice', value: 'second' });
      assert.equal(declined.ok, false);
      assert.match(declined.errors?.name ?? '', /confirm to add a new version/);
      assert.equal((await control.counts('ops')).SetSecret, undefined, 'written over without asking');
      assert.match(
        ops.ui.asked.find((a) => a.kind === 'warning')?.message ?? '',
        /Secret "ops-twice" already exists in vault .*Add your value as its new version\?/,
      );
      assert.equal(await readValue('ops-twice'), 'first');
      ops.ui.verify();
      ops.ui.answer({ kind: 'warning', button: 'Add New Version' });
      assert.equal((await submit(f, 2, { name: 'ops-twice', value: 'second' })).ok, true);
      assert.equal(await readValue('ops-twice'), 'second');
      assert.equal((await versionNodes('ops-twice')).length, 2);
    });

    it('Create on a deleted-but-recoverable name offers Recover: the old secret comes back with the new value on top', async () => {
      await run('createSecret', opsVault);
      ops.ui.answer({ kind: 'warning', button: 'Recover and Set Value' });
      const r = await submit(form('create'), 1, { name: 'ops-reuse-recover', value: 'new-reuse' });
      assert.equal(r.ok, true, JSON.stringify(r));
      const warning = ops.ui.asked.find((a) => a.kind === 'warning');
      assert.ok(warning?.modal);
      assert.match(warning?.message ?? '', /ops-reuse-recover/);
      assert.deepEqual(warning?.buttons, ['Recover and Set Value', 'Purge and Create']);
      assert.equal(await readValue('ops-reuse-recover'), 'new-reuse');
      assert.equal((await versionNodes('ops-reuse-recover')).length, 2);
    });

    it('… or Purge, only after the name is typed: the old secret is purged and a new one created', async () => {
      await run('createSecret', opsVault);
      const f = form('create');
      ops.ui.answer(
        { kind: 'warning', button: 'Purge and Create' },
        { kind: 'input', text: 'ops-reuse', expectRefused: true },
      );
      const wrong = await submit(f, 1, { name: 'ops-reuse-purge', value: 'new-reuse-2' });
      assert.equal(wrong.ok, false, JSON.stringify(wrong));
      assert.equal(
        ops.ui.asked.filter((a) => a.kind === 'input' && a.refused !== undefined).length,
        1,
        'the purge did not ask for the name',
      );
      assert.equal(await isDeleted('ops-reuse-purge'), true, 'purged without the name typed');
      ops.ui.answer({ kind: 'warning', button: 'Purge and Create' }, { kind: 'input', text: 'ops-reuse-purge' });
      const r = await submit(f, 2, { name: 'ops-reuse-purge', value: 'new-reuse-2' });
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.equal(await readValue('ops-reuse-purge'), 'new-reuse-2');
      assert.equal((await versionNodes('ops-reuse-purge')).length, 1);
    });

    it('… and declining leaves the form open with the reason next to the name', async () => {
      await run('createSecret', opsVault);
      const f = form('create');
      ops.ui.answer({ kind: 'warning', button: undefined });
      const r = await submit(f, 1, { name: 'ops-reuse-decline', value: 'nope' });
      assert.equal(r.ok, false);
      assert.match(r.errors?.name ?? '', /deleted secret/);
      assert.equal(await isDeleted('ops-reuse-decline'), true);
      assert.deepEqual(errorsShown(), []);
    });

    it('Edit Properties changes content type and tags of the current version, without a value field', async () => {
      await run('editProperties', await secretNode('ops-edit'));
      const f = form('editProperties', 'ops-edit');
      await f.receive({ type: 'ready' });
      const init = f.sent.find((m) => m.type === 'init');
      assert.ok(init && init.type === 'init');
      assert.deepEqual(init.fields.tags, [{ key: 'team', value: 'a' }]);
      const r = await submit(f, 1, { contentType: 'application/json', tags: [{ key: 'team', value: 'b' }] });
      assert.equal(r.ok, true, JSON.stringify(r));
      const props = await readProps('ops-edit');
      assert.equal(props.contentType, 'application/json');
      assert.deepEqual(props.tags, { team: 'b' });
      assert.equal(await readValue('ops-edit'), 'edit-me');
    });

    it('Edit Properties clears the "not before" date, the expiry date and the content type', async () => {
      await run('editProperties', await secretNode('ops-dated'));
      const f = form('editProperties', 'ops-dated');
      await f.receive({ type: 'ready' });
      const init = f.sent.find((m) => m.type === 'init');
      assert.ok(init && init.type === 'init');
      assert.notEqual(init.fields.expiresOn, '');
      const r = await submit(f, 1, { ...init.fields, contentType: '', notBefore: '', expiresOn: '' });
      assert.equal(r.ok, true, JSON.stringify(r));
      const props = (await readProps('ops-dated')) as { contentType?: string; notBefore?: Date; expiresOn?: Date };
      assert.deepEqual([props.contentType, props.notBefore, props.expiresOn], [undefined, undefined, undefined]);
      assert.equal(await readValue('ops-dated'), 'dated');
    });

    it('a service refusal lands in the form (not a popup), and the form stays open to try again', async () => {
      await control.setPermissions('ops', { deny: ['set'], model: 'accessPolicy' });
      try {
        await run('newVersion', secretTarget('ops-edit'));
        const f = form('newVersion', 'ops-edit');
        const r = await submit(f, 1, { value: 'refused-value' });
        assert.equal(r.ok, false);
        assert.match(r.message ?? '', /permission|set/i);
        assert.ok(!JSON.stringify(f.sent).includes('refused-value'));
        assert.deepEqual(errorsShown(), []);
        assert.ok(
          ops.webviews.forms().some((x) => x.secretName === 'ops-edit'),
          'the form closed',
        );
      } finally {
        await control.setPermissions('ops', undefined);
      }
      assert.equal(await readValue('ops-edit'), 'edit-me');
    });

    it('refuses malformed webview messages without acting on them', async () => {
      await run('createSecret', opsVault);
      const f = form('create');
      const before = await control.counts('ops');
      const accepted = [
        await f.receive('submit'),
        await f.receive({ type: 'submit', requestId: 'one', fields: { ...FIELDS, name: 'x', value: 'y' } }),
        await f.receive({
          type: 'submit',
          requestId: 5,
          fields: { ...FIELDS, name: 'sneaky', value: 'y', vaultUrl: 'https://elsewhere' },
        }),
        await f.receive({ type: 'eval', code: 'x' }),
      ];
      assert.deepEqual(accepted, [false, false, false, false]);
      assert.equal(f.sent.filter((m) => m.type === 'result').length, 0);
      assert.deepEqual(await control.counts('ops'), before);
      assert.deepEqual(errorsShown(), []);
    });
  });

  describe('quick commands', () => {
    afterEach(closeAllEditors);

    it('Disable then Enable the current version', async () => {
      ops.ui.answer({ kind: 'warning', button: 'Disable' });
      await run('disableSecret', await secretNode('ops-toggle'));
      assert.equal((await readProps('ops-toggle')).enabled, false);
      await assert.rejects(readValue('ops-toggle'));
      await run('enableSecret', await secretNode('ops-toggle'));
      assert.equal((await readProps('ops-toggle')).enabled, true);
      assert.equal(await readValue('ops-toggle'), 'toggle-me');
    });

    it('after a change only that secret refreshes; the vault is not listed again', async () => {
      const secretRow = async (name: string, want: (n: SecretNode | undefined) => boolean): Promise<true> =>
        waitFor(async () => {
          const row = (await tree.getChildren(opsVault)).find(
            (n): n is SecretNode => n.kind === 'secret' && n.secret.name === name,
          );
          return want(row) ? true : undefined;
        }, `the row of ${name} to change`);
      const node = await secretNode('ops-refresh');
      await control.resetCounts();
      ops.ui.answer({ kind: 'warning', button: 'Disable' });
      await run('disableSecret', node);
      await secretRow('ops-refresh', (n) => n?.secret.enabled === false);
      let counts = await control.counts('ops');
      // One request: the update without a version is the current version's, and its answer refreshes the row.
      assert.deepEqual(counts, { UpdateSecret: 1 });

      await control.resetCounts();
      ops.ui.answer({ kind: 'warning', button: 'Delete' });
      await run('deleteSecret', node);
      await secretRow('ops-refresh', (n) => n === undefined);
      counts = await control.counts('ops');
      assert.equal(
        counts.GetSecrets,
        undefined,
        `the vault was listed again after a delete: ${JSON.stringify(counts)}`,
      );
      assert.equal(counts.DeleteSecret, 1, JSON.stringify(counts));
    });

    it('Delete asks in a modal naming the secret, the vault and the recovery window; Cancel keeps it', async () => {
      ops.ui.answer({ kind: 'warning', button: undefined });
      await run('deleteSecret', await secretNode('ops-delete'));
      const ask = ops.ui.asked.find((a) => a.kind === 'warning');
      assert.ok(ask?.modal);
      assert.match(ask?.message ?? '', /ops-delete/);
      assert.match(ask?.message ?? '', /\bops\b/);
      assert.match(ask?.detail ?? '', /7 days/);
      assert.equal(await exists('ops-delete'), true);
    });

    it('Delete, then it is under Deleted secrets; Recover brings it back', async () => {
      ops.ui.answer({ kind: 'warning', button: 'Delete' });
      await run('deleteSecret', await secretNode('ops-delete'));
      assert.equal(await isDeleted('ops-delete'), true);
      const d = await deletedNode('ops-delete');
      assert.ok(!(await tree.getChildren(opsVault)).some((n) => n.kind === 'secret' && n.secret.name === 'ops-delete'));
      await run('recoverSecret', d);
      assert.equal(await readValue('ops-delete'), 'delete-me');
      await run('recoverSecret', deletedTarget('ops-gone-recover'));
      assert.equal(await readValue('ops-gone-recover'), 'recover-me');
    });

    it('Purge requires typing the name: a wrong name purges nothing, the right one purges', async () => {
      const d = await deletedNode('ops-gone-purge');
      ops.ui.answer({ kind: 'input', text: 'ops-gone', expectRefused: true });
      await run('purgeSecret', d);
      assert.match(ops.ui.asked.find((a) => a.kind === 'input')?.refused ?? '', /Type "ops-gone-purge" exactly/);
      assert.equal(await isDeleted('ops-gone-purge'), true);
      ops.ui.answer({ kind: 'input', text: 'ops-gone-purge' });
      await run('purgeSecret', d);
      assert.equal(await isDeleted('ops-gone-purge'), false);
      assert.deepEqual(errorsShown(), []);
    });

    it('Purge is refused where the vault has purge protection, before asking', async () => {
      await run('purgeSecret', deletedTarget('locked-old', lockedVault));
      assert.equal(ops.ui.asked.filter((a) => a.kind === 'input').length, 0);
      const errors = errorsShown();
      assert.equal(errors.length, 1);
      assert.match(errors[0] ?? '', /purge protection/);
    });

    it('a failure is shown once, and cancelling a picker shows nothing', async () => {
      await run('copyValue', secretTarget('no-such-secret'));
      assert.equal(errorsShown().length, 1);
      ops.ui.reset();
      ops.ui.answer({ kind: 'pick', cancel: true });
      await run('deleteSecret'); // palette, the vault picker is dismissed
      assert.deepEqual(errorsShown(), []);
      assert.equal(ops.ui.asked.length, 1);
    });

    it('Open in Portal explains that added vaults have no portal link', async () => {
      await run('openInPortal', opsVault);
      assert.match(errorsShown()[0] ?? '', /added by URL/);
    });
  });

  describe('backup and restore', () => {
    it('backs up to an owner-only file and restores it after the secret was deleted and purged', async () => {
      const file = join(tmp, 'ops-backup.keyvaultbackup');
      ops.ui.answer({ kind: 'save', path: file });
      await run('backupSecret', await secretNode('ops-backup'));
      assert.deepEqual(errorsShown(), []);
      const st = statSync(file);
      assert.ok(st.size > 0);
      assert.equal(st.mode & 0o777, 0o600);
      assert.ok(!readFileSync(file).toString('utf8').includes('backup-v2'), 'the backup holds the value in clear');

      // Restoring over the existing secret is a conflict, explained.
      ops.ui.answer({ kind: 'open', path: file });
      await run('restoreSecret', opsVault);
      assert.match(errorsShown()[0] ?? '', /already has a secret/);
      ops.ui.reset();

      ops.ui.answer({ kind: 'warning', button: 'Delete' });
      await run('deleteSecret', secretTarget('ops-backup'));
      ops.ui.answer({ kind: 'input', text: 'ops-backup' });
      await run('purgeSecret', deletedTarget('ops-backup'));
      await waitFor(async () => !(await isDeleted('ops-backup')) || undefined, 'the purge to finish');

      ops.ui.answer({ kind: 'open', path: file });
      await run('restoreSecret', opsVault);
      assert.deepEqual(errorsShown(), []);
      assert.equal(await readValue('ops-backup'), 'backup-v2');
      assert.equal((await versionNodes('ops-backup')).length, 2);
    });

    it('over an existing world-readable file: a reader who opened it earlier cannot read the backup', async () => {
      const file = join(tmp, 'existing.keyvaultbackup');
      writeFileSync(file, 'old content', { mode: 0o644 });
      chmodSync(file, 0o644);
      const earlier = openSync(file, 'r');
      try {
        ops.ui.answer({ kind: 'save', path: file });
        await run('backupSecret', secretTarget('ops-copy'));
        assert.deepEqual(errorsShown(), []);
        assert.equal(statSync(file).mode & 0o777, 0o600);
        assert.ok(readFileSync(file).length > 'old content'.length, 'no backup was written');
        assert.equal(
          readFileSync(earlier).toString('utf8'),
          'old content',
          'the backup was written into the world-readable file',
        );
      } finally {
        closeSync(earlier);
      }
    });

    it('offers a file outside the workspace, and asks before writing a backup into a Git repository', async () => {
      const repo = mkdtempSync(join(tmp, 'repo-'));
      mkdirSync(join(repo, '.git'));
      const file = join(repo, 'nested', 'ops-copy.keyvaultbackup');
      mkdirSync(dirname(file));
      await control.resetCounts();
      ops.ui.answer({ kind: 'save', path: file }, { kind: 'warning', button: undefined });
      await run('backupSecret', secretTarget('ops-copy'));
      const save = ops.ui.asked.find((a) => a.kind === 'save');
      assert.ok(save?.detail?.startsWith(homedir()), `the dialog does not start in the home folder: ${save?.detail}`);
      const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      assert.ok(
        workspace === undefined || !(save?.detail ?? '').startsWith(workspace),
        'the dialog starts in the workspace',
      );
      const ask = ops.ui.asked.find((a) => a.kind === 'warning');
      assert.ok(ask?.modal);
      assert.match(ask?.message ?? '', /Git repository/);
      assert.equal(existsSync(file), false, 'written although the user declined');
      assert.deepEqual(await control.counts('ops'), {}, 'backed up although the user declined');
    });

    it('refuses a folder as a backup file before sending anything', async () => {
      await control.resetCounts();
      ops.ui.answer({ kind: 'open', path: tmp });
      await run('restoreSecret', opsVault);
      assert.match(errorsShown()[0] ?? '', /is a folder, not a file/);
      assert.deepEqual(await control.counts('ops'), {});
    });

    it('checks a file before sending it, and explains a malformed blob', async () => {
      const empty = join(tmp, 'empty.keyvaultbackup');
      writeFileSync(empty, '');
      await control.resetCounts();
      ops.ui.answer({ kind: 'open', path: empty });
      await run('restoreSecret', opsVault);
      assert.match(errorsShown()[0] ?? '', /empty/);
      assert.deepEqual(await control.counts('ops'), {}, 'an empty file was sent');
      ops.ui.reset();

      const garbage = join(tmp, 'garbage.keyvaultbackup');
      writeFileSync(garbage, 'this is not a backup');
      ops.ui.answer({ kind: 'open', path: garbage });
      await run('restoreSecret', opsVault);
      assert.match(errorsShown()[0] ?? '', /malformed backup/);
    });
  });

  describe('clipboard', () => {
    it('Copy Value puts the value on the clipboard and clears it after clipboardClearSeconds', async () => {
      await run('copyValue', await secretNode('ops-copy'));
      assert.equal(await vscode.env.clipboard.readText(), 'copy-me-please');
      assert.equal(await ops.clipboard.lastClear(), true);
      assert.equal(await vscode.env.clipboard.readText(), '');
    });

    it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
      await run('copyValue', secretTarget('ops-copy'));
      await vscode.env.clipboard.writeText('my own text');
      assert.equal(await ops.clipboard.lastClear(), false);
      assert.equal(await vscode.env.clipboard.readText(), 'my own text');
    });

    it('copies the identifier, a versioned identifier and a Key Vault reference', async () => {
      const url = opsVault.vault.url;
      await run('copySecretId', await secretNode('ops-copy'));
      assert.equal(await vscode.env.clipboard.readText(), `${url}/secrets/ops-copy`);
      await run('copyReference', await secretNode('ops-copy'));
      assert.equal(await vscode.env.clipboard.readText(), `@Microsoft.KeyVault(SecretUri=${url}/secrets/ops-copy/)`);
      const [v] = await versionNodes('ops-copy');
      assert.ok(v);
      await run('copyVersionedId', v);
      assert.equal(await vscode.env.clipboard.readText(), `${url}/secrets/ops-copy/${v.version.version}`);
      await run('copyReference', v);
      assert.equal(
        await vscode.env.clipboard.readText(),
        `@Microsoft.KeyVault(SecretUri=${url}/secrets/ops-copy/${v.version.version})`,
      );
    });
  });

  describe('details panel', () => {
    afterEach(closeAllEditors);

    it('loads at most 500 versions of a secret (20 pages) and says there are more', async () => {
      await control.resetCounts();
      await run('showDetails', secretTarget('ops-many'));
      const p = await waitFor(() => ops.webviews.details().find((d) => d.name === 'ops-many'), 'the details panel');
      await p.loaded();
      const view = p.sent[p.sent.length - 1]?.view;
      assert.ok(view, 'no view');
      assert.equal(view.versions.length, 100);
      assert.equal(view.moreVersions, true);
      assert.equal((await control.counts('ops')).GetSecretVersions, 20);
    });

    it('one panel per secret, metadata only, a strict CSP, and actions that run the commands', async () => {
      await run('showDetails', await secretNode('ops-panel'));
      await run('showDetails', secretTarget('ops-panel'));
      const panels = ops.webviews.details().filter((d) => d.name === 'ops-panel');
      assert.equal(panels.length, 1);
      const p = panels[0];
      assert.ok(p);
      await p.loaded();
      await p.receive({ type: 'ready' });
      const last = p.sent[p.sent.length - 1];
      assert.ok(last?.view, JSON.stringify(last));
      assert.equal(last.view.versions.length, 2);
      assert.equal(last.view.enabled, true);
      const all = JSON.stringify(p.sent);
      assert.ok(!all.includes('panel-v1') && !all.includes('panel-v2'), 'a value reached the panel');
      assert.match(p.html, /default-src 'none'/);
      assert.match(p.html, /script-src 'nonce-[A-Za-z0-9+/=]{16,}'/);
      assert.ok(!p.html.includes('unsafe-inline'));
      assert.deepEqual(
        p.localResourceRoots.map((r) => r.replace(/\/$/, '').split('/').pop()),
        ['dist'],
      );

      assert.equal(
        await p.receive({ type: 'action', action: 'executeCommand', command: 'workbench.action.quit' }),
        false,
      );
      assert.equal(await p.receive({ type: 'action', action: 'delete', name: 'ops-copy' }), false);

      ops.ui.answer({ kind: 'warning', button: 'Disable' });
      await p.receive({ type: 'action', action: 'disable' });
      await waitFor(async () => {
        await p.loaded();
        const v = p.sent[p.sent.length - 1]?.view;
        return v && !v.enabled ? true : undefined;
      }, 'the panel to show the secret disabled');
      assert.equal((await readProps('ops-panel')).enabled, false);

      ops.ui.answer({ kind: 'warning', button: 'Delete' });
      await p.receive({ type: 'action', action: 'delete' });
      await waitFor(
        () => (ops.webviews.details().find((d) => d.name === 'ops-panel')?.deleted ? true : undefined),
        'the panel to show the deleted secret',
      );
    });
  });
});

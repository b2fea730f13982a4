// Issue 16, extension side: a secret that was disabled and then deleted. Once the delete is visible, Key Vault
// answers GET /deletedsecrets/{name} with 403 SecretDisabled ("Operation get is not allowed on a disabled
// secret.") while the deleted-secrets list still shows it (PROTOCOL.md §3.2). The local Key Vault server answers
// the same; this suite checks what a user of the extension sees, in a real extension host.
// Its own vault ("dd-issue16": 7-day retention, a 300 ms delete/recover window so the pollers really poll) is
// added to the server and the user settings, and removed from the settings afterwards.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { DeletedSecretNode, SecretNode, TreeNode, VaultNode } from '../../src/tree/nodes';
import { EmulatorControlClient } from '../emulator/controlClient';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, vaultNodeNamed, waitFor } from './helpers';

const VAULT = 'dd-issue16';
/** The extension's generic words for a 403 SecretDisabled on a live secret: wrong for a deleted one. */
const GENERIC_DISABLED = /so its value cannot be read/;

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let control: EmulatorControlClient;
let restoreSettings: () => Promise<void> = () => Promise.resolve();
let vaultNode: VaultNode;

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);

function errorsShown(): string[] {
  return ops.ui.asked.filter((a) => a.kind === 'error').map((a) => a.message);
}

function tooltipOf(node: TreeNode): string {
  const t = tree.getTreeItem(node).tooltip;
  return t instanceof vscode.MarkdownString ? t.value : (t ?? '');
}

function descriptionOf(node: TreeNode): string {
  const d = tree.getTreeItem(node).description;
  return typeof d === 'string' ? d : '';
}

/** Says that Key Vault hides a disabled deleted secret's details, and that recovering (then enabling) shows them. */
function explainsHiddenDetails(text: string): boolean {
  return /disabled/i.test(text) && /\bhid(e|es|den|ing)\b/i.test(text) && /recover/i.test(text) && /enabl/i.test(text);
}

async function liveNode(name: string): Promise<SecretNode | undefined> {
  await tree.refreshVault(vaultNode.vault);
  return (await tree.getChildren(vaultNode)).find(
    (n): n is SecretNode => n.kind === 'secret' && n.secret.name === name,
  );
}

async function deletedGroupChildren(): Promise<TreeNode[]> {
  const group = (await tree.getChildren(vaultNode)).find((n) => n.kind === 'deletedGroup');
  assert.ok(group, 'no Deleted secrets group');
  return tree.getChildren(group);
}

/** The Deleted secrets group after a fresh list request. */
async function freshDeleted(): Promise<TreeNode[]> {
  await deletedGroupChildren();
  await tree.refreshDeleted(vaultNode.vault);
  return deletedGroupChildren();
}

async function deletedNode(name: string): Promise<DeletedSecretNode> {
  const d = (await freshDeleted()).find(
    (n): n is DeletedSecretNode => n.kind === 'deletedSecret' && n.deleted.name === name,
  );
  assert.ok(d, `no deleted secret ${name} under Deleted secrets of ${VAULT}`);
  return d;
}

const deletedTarget = (name: string) => ({ kind: 'deleted', vault: vaultNode.vault, name });

type Details = ReturnType<OperationsTestApi['webviews']['details']>[number];

async function panelOf(name: string): Promise<Details> {
  const p = await waitFor(() => ops.webviews.details().find((d) => d.name === name), `the details panel of ${name}`);
  await p.loaded();
  await p.receive({ type: 'ready' });
  return p;
}

describe('A deleted secret that was disabled (issue 16, extension host)', function () {
  this.timeout(60_000);

  before(async () => {
    ({ operations: ops, tree } = await getTestApi());
    control = new EmulatorControlClient(emulatorControlUrl());
    restoreSettings = await addEmulatorVaults(control, [
      {
        displayName: VAULT,
        seed: {
          name: VAULT,
          recoverableDays: 7,
          asyncWindowMs: 300,
          secrets: [
            { name: 'dd-born-disabled', versions: [{ value: 'born-disabled-value', enabled: false, created: '-1d' }] },
            {
              name: 'dd-to-disable',
              versions: [{ value: 'to-disable-value', contentType: 'text/plain', created: '-1d' }],
            },
            {
              name: 'dd-panel',
              versions: [{ value: 'panel-value', enabled: false, created: '-1d', tags: { owner: 'panel' } }],
            },
          ],
          deleted: [
            {
              name: 'dd-gone-shown',
              deletedAt: '-1d',
              versions: [
                {
                  value: 'shown-value',
                  contentType: 'application/json',
                  enabled: false,
                  created: '-20d',
                  exp: '+30d',
                  tags: { owner: 'ops' },
                },
              ],
            },
            {
              name: 'dd-gone-row',
              deletedAt: '-1d',
              versions: [{ value: 'row-value', enabled: false, created: '-5d' }],
            },
            {
              name: 'dd-gone-recover',
              deletedAt: '-1d',
              versions: [{ value: 'recover-value', enabled: false, created: '-5d' }],
            },
            {
              name: 'dd-gone-purge',
              deletedAt: '-2d',
              versions: [{ value: 'purge-value', enabled: false, created: '-5d' }],
            },
          ],
        },
      },
    ]);
    vaultNode = await vaultNodeNamed(tree, VAULT);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restoreSettings();
  });

  beforeEach(() => ops.ui.reset());
  afterEach(() => ops.ui.verify());

  it('deleting a secret created disabled completes, and the Deleted secrets group lists it', async () => {
    const node = await liveNode('dd-born-disabled');
    assert.ok(node, 'dd-born-disabled is in the tree');
    await control.resetCounts();
    ops.ui.answer({ kind: 'warning', button: 'Delete' });
    await run('deleteSecret', node);
    assert.deepEqual(errorsShown(), []);
    const counts = await control.counts(VAULT);
    assert.equal(counts.DeleteSecret, 1);
    assert.ok(
      (counts.GetDeletedSecret ?? 0) >= 2,
      `polled through the 404 window to the 403: ${JSON.stringify(counts)}`,
    );
    assert.equal(await liveNode('dd-born-disabled'), undefined, 'gone from the live list');
    const d = await deletedNode('dd-born-disabled');
    assert.equal(d.deleted.enabled, false);
    assert.ok(d.deleted.deletedOn instanceof Date);
  });

  it('disabling a secret, then deleting it, completes, and the Deleted secrets group lists it', async () => {
    const node = await liveNode('dd-to-disable');
    assert.ok(node);
    ops.ui.answer({ kind: 'warning', button: 'Disable' });
    await run('disableSecret', node);
    assert.deepEqual(errorsShown(), []);
    const disabled = await liveNode('dd-to-disable');
    assert.equal(disabled?.secret.enabled, false);
    ops.ui.answer({ kind: 'warning', button: 'Delete' });
    await run('deleteSecret', disabled);
    assert.deepEqual(errorsShown(), []);
    const d = await deletedNode('dd-to-disable');
    assert.equal(d.deleted.enabled, false);
    assert.equal(d.deleted.contentType, 'text/plain');
  });

  it('recovering a disabled deleted secret completes; it is back in the list, still disabled', async () => {
    const d = await deletedNode('dd-gone-recover');
    await control.resetCounts();
    await run('recoverSecret', d);
    assert.deepEqual(errorsShown(), []);
    const counts = await control.counts(VAULT);
    assert.equal(counts.RecoverDeletedSecret, 1);
    const back = await liveNode('dd-gone-recover');
    assert.ok(back, 'recovered into the live list');
    assert.equal(back.secret.enabled, false);
    assert.ok(!(await freshDeleted()).some((n) => n.kind === 'deletedSecret' && n.deleted.name === 'dd-gone-recover'));
  });

  it('Show Deleted Secret shows what the list gave and explains that Key Vault hides the details until it is recovered and enabled', async () => {
    const d = await deletedNode('dd-gone-shown');
    await run('showDeletedSecret', d);
    const p = await panelOf('dd-gone-shown');
    assert.equal(p.deleted, true);
    const last = p.sent[p.sent.length - 1];
    assert.ok(last?.view, `the panel shows the deleted secret's details, not just an error: ${JSON.stringify(last)}`);
    const v = last.view;
    assert.equal(v.deleted, true);
    assert.equal(v.name, 'dd-gone-shown');
    assert.equal(v.enabled, false);
    assert.equal(v.contentType, 'application/json');
    assert.deepEqual(v.tags, { owner: 'ops' });
    assert.equal(v.id, d.deleted.recoveryId ?? d.deleted.id);
    assert.equal(v.deletedOn, d.deleted.deletedOn?.toISOString());
    assert.equal(v.scheduledPurgeDate, d.deleted.scheduledPurgeDate?.toISOString());
    assert.equal(v.expiresOn, d.deleted.expiresOn?.toISOString());
    assert.equal(v.createdOn, d.deleted.createdOn?.toISOString());
    assert.equal(v.recoveryLevel, d.deleted.recoveryLevel);
    const shown = JSON.stringify(p.sent);
    assert.ok(
      explainsHiddenDetails(shown),
      `the panel explains why the details are hidden and how to see them: ${shown}`,
    );
    assert.doesNotMatch(shown, GENERIC_DISABLED);
    assert.doesNotMatch(shown, /shown-value/, 'no value reached the panel');
    assert.deepEqual(errorsShown(), []);
  });

  it('a refresh of its row keeps it listed and explains that Key Vault hides the details until it is recovered and enabled', async () => {
    const d = await deletedNode('dd-gone-row');
    await run('refresh', d);
    assert.deepEqual(errorsShown(), []);
    const children = await deletedGroupChildren();
    assert.ok(!children.some((n) => n.kind === 'error'), `no error row: ${children.map((n) => n.id).join(', ')}`);
    const row = children.find(
      (n): n is DeletedSecretNode => n.kind === 'deletedSecret' && n.deleted.name === 'dd-gone-row',
    );
    assert.ok(row, 'still listed after the refresh');
    const said = [
      tooltipOf(row),
      descriptionOf(row),
      ...ops.ui.asked.map((a) => `${a.message} ${a.detail ?? ''}`),
    ].join('\n');
    assert.ok(
      explainsHiddenDetails(said),
      `the row (or a message) explains why the details are hidden and how to see them: ${said}`,
    );
    assert.doesNotMatch(said, GENERIC_DISABLED);
  });

  it('the details panel of a disabled secret deleted from the panel shows what the list gave, not a 403', async () => {
    const node = await liveNode('dd-panel');
    assert.ok(node);
    await run('showDetails', node);
    const p = await panelOf('dd-panel');
    assert.equal(p.sent[p.sent.length - 1]?.view?.enabled, false);
    ops.ui.answer({ kind: 'warning', button: 'Delete' });
    await p.receive({ type: 'action', action: 'delete' });
    await waitFor(async () => {
      const now = ops.webviews.details().find((x) => x.name === 'dd-panel'); // a fresh record: `deleted` is read when listed
      if (!now?.deleted) return undefined;
      await now.loaded();
      const s = p.sent[p.sent.length - 1];
      return s && !s.loading ? true : undefined;
    }, 'the panel to load the deleted secret');
    const last = p.sent[p.sent.length - 1];
    assert.ok(last?.view, `the panel shows the deleted secret's details, not just an error: ${JSON.stringify(last)}`);
    assert.equal(last.view.deleted, true);
    assert.equal(last.view.enabled, false);
    assert.deepEqual(last.view.tags, { owner: 'panel' });
    const listed = await deletedNode('dd-panel');
    assert.equal(last.view.deletedOn, listed.deleted.deletedOn?.toISOString());
    assert.equal(last.view.scheduledPurgeDate, listed.deleted.scheduledPurgeDate?.toISOString());
    const shown = JSON.stringify(p.sent);
    assert.ok(explainsHiddenDetails(shown), `the panel explains why the details are hidden: ${shown}`);
    assert.doesNotMatch(shown, GENERIC_DISABLED);
    assert.deepEqual(errorsShown(), []);
  });

  it('purging a disabled deleted secret from a target without list details (palette, panel) completes', async () => {
    ops.ui.answer({ kind: 'input', text: 'dd-gone-purge' });
    await run('purgeSecret', deletedTarget('dd-gone-purge'));
    assert.deepEqual(errorsShown(), []);
    assert.ok(
      !(await freshDeleted()).some((n) => n.kind === 'deletedSecret' && n.deleted.name === 'dd-gone-purge'),
      'purged',
    );
  });
});

// Issue 17 items 2 and 4 in a real extension host, against the local Key Vault server: a diff of two versions is
// titled as VS Code titles its own diffs; the value, properties and diff editors of a secret close when the user
// deletes or purges it; and an open editor whose secret went away elsewhere, when re-read, shows a placeholder
// without the value, with one log line and no stack.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { docRefOf } from '../../src/documents/SecretDocumentProvider';
import type { OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { DeletedSecretNode, SecretNode, TreeNode, VaultNode, VersionNode } from '../../src/tree/nodes';
import type { VaultService } from '../../src/vault/model';
import { EmulatorControlClient } from '../emulator/controlClient';
import {
  addEmulatorVaults,
  emulatorControlUrl,
  getTestApi,
  secretNodeNamed,
  vaultNodeNamed,
  versionNodesOf,
  waitFor,
} from './helpers';

const SCHEME = 'keyvault-secret';
const VALUES = {
  diff1: 'stale-diff-value-1',
  diff2: 'stale-diff-value-2',
  keep: 'stale-keep-value',
  elsewhere: 'stale-elsewhere-value',
};

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let vaultService: VaultService;
let vault: VaultNode;
let restoreSettings: () => Promise<void> = () => Promise.resolve();

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);
const secretNode = (name: string): Promise<SecretNode> => secretNodeNamed(tree, vault, name);
const versionNodes = (name: string): Promise<VersionNode[]> => versionNodesOf(tree, vault, name);

async function deletedNode(name: string): Promise<DeletedSecretNode> {
  const group = (await tree.getChildren(vault)).find((n) => n.kind === 'deletedGroup');
  assert.ok(group, 'no Deleted secrets group');
  await tree.refreshDeleted(vault.vault);
  return waitFor(
    async () =>
      (await tree.getChildren(group)).find(
        (n: TreeNode): n is DeletedSecretNode => n.kind === 'deletedSecret' && n.deleted.name === name,
      ),
    `${name} under Deleted secrets`,
  );
}

/** The keyvault-secret: URIs a tab shows (both sides of a diff). */
function secretUris(tab: vscode.Tab): vscode.Uri[] {
  const input = tab.input;
  const uris =
    input instanceof vscode.TabInputText
      ? [input.uri]
      : input instanceof vscode.TabInputTextDiff
        ? [input.original, input.modified]
        : [];
  return uris.filter((u) => u.scheme === SCHEME);
}

/** Labels of the open tabs that show a document of this secret. */
function tabsOf(name: string): string[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => secretUris(t).some((u) => docRefOf(u)?.name === name))
    .map((t) => t.label);
}

async function activeTab(kind: 'text' | 'diff'): Promise<vscode.Tab> {
  return waitFor(() => {
    const t = vscode.window.tabGroups.activeTabGroup.activeTab;
    if (t === undefined || secretUris(t).length === 0) return undefined;
    return (kind === 'diff') === t.input instanceof vscode.TabInputTextDiff ? t : undefined;
  }, `a ${kind} editor of a secret`);
}

/** The output channel's file(s): in the logs of VS Code's user data folder, or under the extension's log folder. */
function channelFiles(): string[] {
  const userData = dirname(dirname(dirname(ops.paths.globalStorage)));
  const found: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir)) {
      const p = join(dir, entry);
      if (statSync(p).isDirectory()) walk(p);
      else if (entry.endsWith('Key Vault Secrets.log')) found.push(p);
    }
  };
  walk(join(userData, 'logs'));
  walk(ops.paths.log);
  return [...new Set(found)];
}

/** Every line of the extension's output channel so far. */
function logLines(): string[] {
  return channelFiles()
    .flatMap((f) => readFileSync(f, 'utf8').split('\n'))
    .filter((l) => l.trim() !== '');
}

let control: EmulatorControlClient;

describe('Editors of a secret: diff titles, and what happens when the secret goes away (extension host)', function () {
  this.timeout(60_000);

  before(async () => {
    const api = await getTestApi();
    ops = api.operations;
    tree = api.tree;
    vaultService = api.vaultService;
    control = new EmulatorControlClient(emulatorControlUrl());
    restoreSettings = await addEmulatorVaults(control, [
      {
        displayName: 'stale',
        seed: {
          name: 'stale',
          recoverableDays: 7,
          secrets: [
            {
              name: 'stale-diff',
              versions: [
                { value: VALUES.diff1, created: '2026-01-02T03:04:00Z' },
                { value: VALUES.diff2, created: '-1d' },
              ],
            },
            {
              name: 'stale-three',
              versions: [
                { value: 'three-1', created: '2026-01-02T03:04:00Z' },
                { value: 'three-2', created: '-2d' },
                { value: 'three-3', created: '-1d' },
              ],
            },
            { name: 'stale-keep', versions: [{ value: VALUES.keep, created: '-1d' }] },
            {
              name: 'stale-elsewhere',
              versions: [{ value: VALUES.elsewhere, contentType: 'text/plain', created: '-1d' }],
            },
          ],
        },
      },
    ]);
    vault = await vaultNodeNamed(tree, 'stale');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restoreSettings();
  });

  beforeEach(() => ops.ui.reset());
  afterEach(() => ops.ui.verify());

  describe('diff titles', () => {
    afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

    it('Compare with Previous Version: "name (previous) ↔ name (current)"', async () => {
      await run('compareWithPrevious', await secretNode('stale-diff'));
      assert.equal((await activeTab('diff')).label, 'stale-diff (previous) ↔ stale-diff (current)');
    });

    it('Compare Versions: a version that is not the current one is named by its date', async () => {
      const [current, , oldest] = await versionNodes('stale-three');
      assert.ok(current && oldest);
      ops.ui.answer({ kind: 'pick', label: current.version.version });
      await run('compareVersions', oldest);
      assert.equal((await activeTab('diff')).label, 'stale-three (2026-01-02 03:04 UTC) ↔ stale-three (current)');
    });
  });

  describe('a deleted or purged secret', () => {
    it('Delete closes the value, properties and diff editors of the secret, and no other', async () => {
      // Each kept open (not a preview the next editor would replace).
      const keep = (): Thenable<unknown> => vscode.commands.executeCommand('workbench.action.keepEditor');
      await run('showValue', await secretNode('stale-keep'));
      await activeTab('text');
      await keep();
      await run('showValue', await secretNode('stale-diff'));
      await waitFor(() => tabsOf('stale-diff').length === 1 || undefined, 'the value editor');
      await keep();
      await run('showProperties', await secretNode('stale-diff'));
      await waitFor(() => tabsOf('stale-diff').length === 2 || undefined, 'the value and properties editors');
      await keep();
      await run('compareWithPrevious', await secretNode('stale-diff'));
      await activeTab('diff');
      assert.equal(tabsOf('stale-diff').length, 3);

      ops.ui.answer({ kind: 'warning', button: 'Delete' });
      await run('deleteSecret', await secretNode('stale-diff'));
      await waitFor(
        () => tabsOf('stale-diff').length === 0 || undefined,
        'the editors of the deleted secret to close',
        5_000,
      ).catch(() => assert.fail(`still open after Delete: ${tabsOf('stale-diff').join(', ')}`));
      assert.equal(tabsOf('stale-keep').length, 1, 'the editor of another secret stays open');
    });

    it("Purge closes the deleted secret's editor", async () => {
      await run('showProperties', await deletedNode('stale-diff'));
      await waitFor(() => tabsOf('stale-diff').length === 1 || undefined, "the deleted secret's editor");
      ops.ui.answer({ kind: 'input', text: 'stale-diff' });
      await run('purgeSecret', await deletedNode('stale-diff'));
      await waitFor(
        () => tabsOf('stale-diff').length === 0 || undefined,
        'the editor of the purged secret to close',
        5_000,
      ).catch(() => assert.fail(`still open after Purge: ${tabsOf('stale-diff').join(', ')}`));
    });

    it('deleted elsewhere: a re-read shows a placeholder without the value, and logs one line without a stack', async () => {
      await run('showValue', await secretNode('stale-elsewhere'));
      const editor = await waitFor(() => {
        const e = vscode.window.activeTextEditor;
        return e?.document.uri.scheme === SCHEME && e.document.getText() === VALUES.elsewhere ? e : undefined;
      }, 'the value editor');
      const linesBefore = logLines().length;
      // Another tool deletes it: the extension is not told.
      await vaultService.clientFor(vault.vault).deleteSecret('stale-elsewhere');
      await vscode.commands.executeCommand('workbench.action.files.revert', editor.document.uri);
      const text = await waitFor(
        () => (editor.document.getText() !== VALUES.elsewhere ? editor.document.getText() : undefined),
        'the editor to be re-read',
      );
      assert.ok(!text.includes(VALUES.elsewhere));
      assert.match(text, /stale-elsewhere/);
      assert.match(text, /deleted/i);
      const logged = await waitFor(() => {
        const lines = logLines().slice(linesBefore);
        return lines.length > 0 ? lines : undefined;
      }, 'a log line about the re-read').catch(() =>
        assert.fail(
          `no new line in ${channelFiles().join(', ') || 'no channel file'}; last lines:\n${logLines().slice(-5).join('\n')}`,
        ),
      );
      assert.equal(logged.length, 1, `more than one line logged:\n${logged.join('\n')}`);
      assert.doesNotMatch(logged.join('\n'), /^\s+at /m);
    });
    it('a read the service throttles once is retried by the SDK, and the retry is one line of the log', async () => {
      const linesBefore = logLines().length;
      await control.injectFault({ vault: 'stale', route: 'GetSecret', kind: '429', times: 1, retryAfterMs: 0 });
      try {
        const read = await vaultService.clientFor(vault.vault).getValue('stale-keep');
        assert.equal(read.value, VALUES.keep);
      } finally {
        await control.clearFaults();
      }
      const logged = await waitFor(() => {
        const lines = logLines()
          .slice(linesBefore)
          .filter((l) => l.includes('retried'));
        return lines.length > 0 ? lines : undefined;
      }, 'a log line about the retry');
      assert.equal(logged.length, 1, logged.join('\n'));
      assert.match(logged[0] ?? '', /GET \S+\/secrets\/stale-keep\/?\S*: retried \(attempt 2\) after 429/);
      assert.doesNotMatch(logged.join('\n'), new RegExp(`${VALUES.keep}|api-version`));
    });
  });
});

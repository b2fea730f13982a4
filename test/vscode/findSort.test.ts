// Sort Secrets By… (issue 18) in a real VS Code extension host, against the local Key Vault server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/shared/commandIds';
import type { TestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { SecretNode, TreeNode } from '../../src/tree/nodes';
import type { EmulatorControlClient } from '../emulator/controlClient';
import { useVaults } from './findSuite';
import { vaultNodeNamed } from './helpers';

let tree: KeyVaultTree;
let ui: TestApi['operations']['ui'];
let control: EmulatorControlClient;

const names = (children: readonly TreeNode[]): string[] =>
  children.filter((n): n is SecretNode => n.kind === 'secret').map((n) => n.secret.name);
const SEEDED = ['srt-a', 'srt-b', 'srt-c', 'srt-d'];

describe('Issue 18: Sort Secrets By (extension host, local Key Vault server)', function () {
  this.timeout(90_000);

  const ctx = useVaults(
    [
      {
        name: 'srt-one',
        secrets: [
          { name: 'srt-a', versions: [{ value: 'a', created: '-1d', updated: '-1d', exp: '+30d' }] },
          { name: 'srt-b', versions: [{ value: 'b', created: '-10d', updated: '-10d', exp: '-2d' }] },
          { name: 'srt-c', versions: [{ value: 'c', created: '-5d', updated: '-5d' }] },
          { name: 'srt-d', versions: [{ value: 'd', created: '-3d', updated: '-3d', exp: '+3d' }] },
        ],
        generate: { count: 40, prefix: 'srt-bulk-' },
      },
    ],
    () => vscode.commands.executeCommand(COMMANDS.sortSecrets, 'name'),
  );
  before(() => {
    ({ tree, ui, control } = ctx);
  });

  it('orders by name, last updated and expiry, without a request', async () => {
    const v = await vaultNodeNamed(tree, 'srt-one');
    await tree.loadAll(v);
    const requests = (await control.counts('srt-one')).GetSecrets;
    const seeded = async (): Promise<string[]> => names(await tree.getChildren(v)).filter((n) => SEEDED.includes(n));

    assert.deepEqual(await seeded(), ['srt-a', 'srt-b', 'srt-c', 'srt-d']);
    await vscode.commands.executeCommand(COMMANDS.sortSecrets, 'updated');
    assert.deepEqual(await seeded(), ['srt-a', 'srt-d', 'srt-c', 'srt-b']);
    // Every row, the generated ones too: newest update first.
    const updated = (await tree.getChildren(v))
      .filter((n): n is SecretNode => n.kind === 'secret')
      .map((n) => n.secret.updatedOn?.getTime() ?? 0);
    assert.equal(updated.length, 44);
    for (let i = 1; i < updated.length; i++)
      assert.ok((updated[i - 1] ?? 0) >= (updated[i] ?? 0), `row ${i} is newer than the row above it`);
    await vscode.commands.executeCommand(COMMANDS.sortSecrets, 'expiry');
    const all = names(await tree.getChildren(v));
    assert.deepEqual(all.slice(0, 3), ['srt-b', 'srt-d', 'srt-a'], 'expired first, then soonest');
    assert.equal(all.length, 44);
    assert.equal((await control.counts('srt-one')).GetSecrets, requests, 'sorting sent a request');
  });

  it('the picker shows the current order, and Load All keeps the shown rows in order as pages arrive', async () => {
    ui.answer({ kind: 'pick', label: 'Last updated (newest first)' });
    await vscode.commands.executeCommand(COMMANDS.sortSecrets);
    const asked = ui.asked.find((a) => a.kind === 'pick');
    assert.deepEqual(asked?.items, ['Name', 'Last updated (newest first)', 'Expiry (expired and soonest first)']);
    assert.equal(tree.model.secretOrder, 'updated');

    const v = await vaultNodeNamed(tree, 'srt-one');
    const firstPage = names(await tree.getChildren(v));
    assert.equal(firstPage.length, 25);
    await tree.loadAll(v);
    const all = names(await tree.getChildren(v));
    assert.equal(all.length, 44);
    assert.deepEqual(
      all.filter((n) => firstPage.includes(n)),
      firstPage,
      'a row shown before Load All moved relative to another',
    );
  });
});

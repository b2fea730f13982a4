// Dates in the tree, in a real extension host: one format (UTC, "UTC" said with a time), and a version row shows
// its time as well as its day when another version of the secret shares that day.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { TreeNode } from '../../src/tree/nodes';
import { EmulatorControlClient } from '../emulator/controlClient';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, vaultNodeNamed, versionNodesOf } from './helpers';

const VAULT = 'dated';

describe('Dates in the tree: version rows tell same-day versions apart (extension host)', function () {
  this.timeout(60_000);
  let tree: KeyVaultTree;
  let restoreSettings: () => Promise<void>;

  before(async () => {
    ({ tree } = await getTestApi());
    restoreSettings = await addEmulatorVaults(new EmulatorControlClient(emulatorControlUrl()), [
      {
        displayName: VAULT,
        seed: {
          name: VAULT,
          secrets: [
            {
              name: 'rotated-twice',
              versions: [
                { value: 'v1', created: '2026-02-01T09:00:00Z' },
                { value: 'v2', created: '2026-03-05T08:15:00Z' },
                { value: 'v3', created: '2026-03-05T17:40:00Z' },
              ],
            },
          ],
        },
      },
    ]);
  });

  after(async () => restoreSettings());

  const description = (node: TreeNode): string => {
    const d = tree.getTreeItem(node).description;
    return typeof d === 'string' ? d : '';
  };

  it('two versions of one day show their times in UTC; a version alone on its day shows the day', async () => {
    const vault = await vaultNodeNamed(tree, VAULT);
    const versions = await versionNodesOf(tree, vault, 'rotated-twice');
    assert.deepEqual(versions.map(description), [
      'current · 2026-03-05 17:40 UTC',
      '2026-03-05 08:15 UTC',
      '2026-02-01',
    ]);
    const tip = tree.getTreeItem(versions[2]).tooltip;
    assert.ok(tip instanceof vscode.MarkdownString);
    assert.match(tip.value, /2026-02-01 09:00 UTC/, 'the tooltip gives the time in the same format');
  });
});

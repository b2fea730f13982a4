// The destructive-action gate in a real extension host: two vaults the user added under one display name are told
// apart by their host in the purge's typed confirmation, and a purge asked for by the details panel's button is
// asked through the same typed gate (a wrong-case name is refused; nothing is purged until the name is typed).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { VaultNode } from '../../src/tree/nodes';
import type { VaultService } from '../../src/vault/model';
import { EmulatorControlClient } from '../emulator/controlClient';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, waitFor } from './helpers';

const TWIN = 'gate-twin';
const seed = (name: string) => ({
  name,
  asyncWindowMs: 0,
  secrets: [],
  deleted: [{ name: 'twin-gone', versions: [{ value: 'old' }] }],
});

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let vaultService: VaultService;
let restoreSettings: () => Promise<void> = () => Promise.resolve();

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);

async function twins(): Promise<VaultNode[]> {
  return waitFor(async () => {
    const found: VaultNode[] = [];
    for (const group of (await tree.getChildren()).filter((n) => n.kind === 'vaultGroup'))
      for (const n of await tree.getChildren(group)) if (n.kind === 'vault' && n.vault.name === TWIN) found.push(n);
    return found.length === 2 ? found : undefined;
  }, 'both vaults named gate-twin in the tree');
}

describe('Destructive-action gate (extension host)', function () {
  this.timeout(60_000);

  before(async () => {
    ({ operations: ops, tree, vaultService } = await getTestApi());
    const control = new EmulatorControlClient(emulatorControlUrl());
    restoreSettings = await addEmulatorVaults(control, [
      { displayName: TWIN, seed: seed('gate-twin-a') },
      { displayName: TWIN, seed: seed('gate-twin-b') },
    ]);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restoreSettings();
  });

  beforeEach(() => ops.ui.reset());
  afterEach(() => ops.ui.verify());

  it("the details panel's Purge asks for the typed name, naming the vault with its host when two share a name", async () => {
    const [mine, other] = await twins();
    assert.ok(mine && other);
    const target = { kind: 'deleted', vault: mine.vault, name: 'twin-gone' };
    await run('showDeletedSecret', target);
    const panel = await waitFor(
      () => ops.webviews.details().find((d) => d.name === 'twin-gone' && d.vaultKey === mine.vault.key),
      'the details panel of twin-gone',
    );
    await panel.loaded();

    // The panel's button: the host asks; the name in capitals is refused, so nothing is purged.
    ops.ui.answer({ kind: 'input', text: 'TWIN-GONE', expectRefused: true });
    await panel.receive({ type: 'action', action: 'purge' });
    const host = new URL(mine.vault.url).host;
    const asked = ops.ui.asked.find((a) => a.kind === 'input');
    assert.equal(asked?.title, `Purge "twin-gone" from ${TWIN} (${host}) for good`);
    assert.match(asked?.refused ?? '', /letter case/);
    const client = vaultService.clientFor(mine.vault);
    assert.equal((await client.getDeleted('twin-gone')).name, 'twin-gone', 'purged without the typed name');
    ops.ui.verify();

    ops.ui.answer({ kind: 'input', text: 'twin-gone' });
    await panel.receive({ type: 'action', action: 'purge' });
    await assert.rejects(client.getDeleted('twin-gone'), 'purged once typed');
    assert.equal(
      (await vaultService.clientFor(other.vault).getDeleted('twin-gone')).name,
      'twin-gone',
      'the other vault of the same name is untouched',
    );
  });
});

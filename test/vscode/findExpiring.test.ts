// The Expiring Secrets overview (issue 18) in a real VS Code extension host, against the local Key Vault server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/shared/commandIds';
import type { TestApi } from '../../src/testApi';
import type { ExpiringRow } from '../../src/tree/ExpiringView';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { SecretNode } from '../../src/tree/nodes';
import type { EmulatorControlClient } from '../emulator/controlClient';
import { useVaults } from './findSuite';
import { vaultNodeNamed } from './helpers';

let api: TestApi;
let tree: KeyVaultTree;
let control: EmulatorControlClient;

/** The secret rows, under their vaults' rows. */
function secretRows(): SecretNode[] {
  return api.expiring
    .getChildren()
    .flatMap((r) => api.expiring.getChildren(r))
    .filter((r): r is SecretNode => r.kind === 'secret');
}

function described(row: ExpiringRow): string {
  const item = api.expiring.getTreeItem(row);
  return `${typeof item.label === 'string' ? item.label : ''} | ${typeof item.description === 'string' ? item.description : ''}`;
}

describe('Issue 18: Expiring Secrets overview (extension host, local Key Vault server)', function () {
  this.timeout(90_000);

  const ctx = useVaults([
    {
      name: 'exp-one',
      secrets: [
        { name: 'exp-gone', versions: [{ value: 'a', exp: '-2d' }] },
        { name: 'exp-soon', versions: [{ value: 'b', exp: '+3d' }] },
        { name: 'exp-far', versions: [{ value: 'c', exp: '+300d' }] },
        { name: 'exp-never', versions: [{ value: 'd' }] },
      ],
    },
  ]);
  before(() => {
    ({ api, tree, control } = ctx);
  });

  it('shows nothing until lists are loaded (no request of its own), then what the tree loaded, soonest first', async () => {
    const empty = api.expiring.getChildren();
    assert.equal(empty.length, 1);
    assert.match(described(empty[0]), /No vault listed yet/);
    assert.deepEqual(await control.counts('exp-one'), {}, 'the overview sent a request');

    const v = await vaultNodeNamed(tree, 'exp-one');
    await tree.getChildren(v); // the user opens the vault in the Vaults view
    assert.deepEqual(api.expiring.getChildren().map(described), ['exp-one | ']);
    const rows = secretRows();
    assert.deepEqual(rows.map(described), ['exp-gone | expired 2 d ago', 'exp-soon | expires in 2 d']);
    assert.equal((await control.counts('exp-one')).GetSecrets, 1);
  });

  it('Refresh lists every vault (each page once) and the rows take the secret commands', async () => {
    await vscode.commands.executeCommand(COMMANDS.refreshExpiring);
    const rows = secretRows();
    const mine = rows.filter((r) => r.vault.name === 'exp-one').map((r) => r.secret.name);
    assert.deepEqual(mine, ['exp-gone', 'exp-soon']);
    // Each vault's row in the order of its soonest secret, its secrets soonest first (the seeded alpha has an
    // expired and an expiring secret too).
    assert.ok(
      rows.some((r) => r.vault.name === 'alpha'),
      'the other vaults were not listed',
    );
    const time = (r: SecretNode): number => r.secret.expiresOn?.getTime() ?? 0;
    const groups = api.expiring
      .getChildren()
      .map((g) => api.expiring.getChildren(g).filter((r): r is SecretNode => r.kind === 'secret'))
      .filter((g) => g.length > 0);
    for (const g of groups)
      assert.deepEqual(
        g.map(time),
        g.map(time).sort((a, b) => a - b),
      );
    const firsts = groups.map((g) => time(g[0]));
    assert.deepEqual(
      firsts,
      [...firsts].sort((a, b) => a - b),
    );
    assert.equal((await control.counts('exp-one')).GetSecrets, 1);
    // Opening the vault in the tree afterwards costs nothing.
    await tree.getChildren(await vaultNodeNamed(tree, 'exp-one'));
    assert.equal((await control.counts('exp-one')).GetSecrets, 1);

    const soon = rows.find((r) => r.secret.name === 'exp-soon');
    assert.ok(soon);
    assert.match(api.expiring.getTreeItem(soon).contextValue ?? '', /^kvSecret;.*expiring;/);
    await vscode.commands.executeCommand(COMMANDS.copySecretId, soon);
    assert.equal(await vscode.env.clipboard.readText(), `${soon.vault.url}/secrets/exp-soon`);
  });

  it('the daily check lists silently, shows one notification with the count, and runs once a day', async () => {
    const day = 86_400_000;
    const start = Date.now() + 1000 * day; // later than any earlier check of this profile
    const count = await api.dailyExpiryCheck(start);
    assert.ok(count !== undefined && count >= 2, `count ${count}`);
    const shown = api.operations.ui.asked.filter((a) => a.kind !== 'status');
    assert.equal(shown.length, 1, JSON.stringify(shown));
    assert.equal(shown[0]?.kind, 'info');
    assert.match(
      shown[0]?.message ?? '',
      /^\d+ secrets? ha(s|ve) expired and \d+ secrets? expires? within 30 days\.( Certificates and keys: .*)?$/,
    );
    assert.deepEqual(shown[0]?.buttons, ['Show']);
    assert.equal((await control.counts('exp-one')).GetSecrets, 1);

    // Later the same day: nothing (no request, no notification).
    api.operations.ui.reset();
    assert.equal(await api.dailyExpiryCheck(start + day - 60_000), undefined);
    assert.equal(api.operations.ui.asked.length, 0);
    // A day later it runs again (the lists are loaded: no page is asked for twice).
    assert.equal(await api.dailyExpiryCheck(start + day), count);
    assert.equal(api.operations.ui.asked.filter((a) => a.kind === 'info').length, 1);
    assert.equal((await control.counts('exp-one')).GetSecrets, 1);
  });

  it('Show Expiring Secrets says the view is loading until every vault is listed', async () => {
    await vscode.commands.executeCommand(COMMANDS.refresh);
    await control.injectFault({ kind: 'latency', ms: 3000, vault: 'exp-one', route: 'GetSecrets', times: 1 });
    const shown = vscode.commands.executeCommand(COMMANDS.showExpiring);
    try {
      const deadline = Date.now() + 5000;
      let first = '';
      while (Date.now() < deadline && !first.includes('Listing')) {
        await new Promise((r) => setTimeout(r, 50));
        const rows = api.expiring.getChildren();
        first = rows[0] === undefined ? '' : described(rows[0]);
      }
      assert.match(first, /^Listing every vault… \| $/);
    } finally {
      await shown;
      await control.clearFaults();
    }
    assert.ok(!api.expiring.getChildren().some((r) => r.kind === 'note'), 'still loading after every vault was listed');
    assert.ok(secretRows().some((r) => r.vault.name === 'exp-one'));
  });
});

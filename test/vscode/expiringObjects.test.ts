// The Expiring Secrets, Certificates and Keys view and the daily check cover certificates and keys, in a real extension host against the
// local Key Vault server: Refresh lists every vault's certificates and keys too; their rows say which kind they are
// and take the certificate/key commands, never the secret-only ones; the daily check's notification counts them.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/shared/commandIds';
import type { TestApi } from '../../src/testApi';
import type { ExpiringRow } from '../../src/tree/ExpiringView';
import type { CertsKeysVaultSeed } from '../emulator/certsKeysSeed';
import type { VaultSeed } from '../emulator/seed';
import { useVaults } from './findSuite';
import { EXTENSION_ID } from './helpers';

const SEED: VaultSeed & CertsKeysVaultSeed = {
  name: 'exp-objects',
  secrets: [{ name: 'exp-obj-secret', versions: [{ value: 'v', exp: '+2d' }] }],
  certificates: [
    { name: 'exp-cert-soon', exp: '+4d' },
    { name: 'exp-cert-far', exp: '+300d' },
  ],
  keys: [
    { name: 'exp-key-gone', exp: '-1d' },
    { name: 'exp-key-never', kty: 'EC', crv: 'P-256' },
  ],
};

/** Its secret expires later than exp-objects' secret, but its key expired before anything there. */
const EARLIER: VaultSeed & CertsKeysVaultSeed = {
  name: 'exp-objects-b',
  secrets: [{ name: 'exp-b-secret', versions: [{ value: 'v', exp: '+20d' }] }],
  keys: [{ name: 'exp-b-key', exp: '-10d' }],
};

let api: TestApi;

function rowsOfVault(name: string): ExpiringRow[] {
  const vaultRow = api.expiring.getChildren().find((r) => r.kind === 'expiringVault' && r.vault.name === name);
  assert.ok(vaultRow, `no row for vault ${name}`);
  return api.expiring.getChildren(vaultRow);
}

function labelOf(row: ExpiringRow): string {
  const l = api.expiring.getTreeItem(row).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

describe('Expiring view and daily check: certificates and keys (extension host, local Key Vault server)', function () {
  this.timeout(90_000);
  const ctx = useVaults([SEED, EARLIER]);
  before(() => {
    ({ api } = ctx);
  });

  it('Refresh lists certificates and keys too: rows say their kind and take no secret-only command', async () => {
    await vscode.commands.executeCommand(COMMANDS.refreshExpiring);
    const rows = rowsOfVault('exp-objects');
    assert.deepEqual(rows.map(labelOf), ['exp-obj-secret', 'exp-key-gone', 'exp-cert-soon']);
    const [, keyRow, certRow] = rows;
    assert.ok(keyRow && certRow);
    const cert = api.expiring.getTreeItem(certRow);
    assert.match(typeof cert.description === 'string' ? cert.description : '', /^certificate · expires in [34] d/);
    assert.match(
      cert.accessibilityInformation?.label ?? '',
      /^certificate exp-cert-soon, expires in \d+ days, in vault exp-objects$/,
    );
    assert.match(cert.contextValue ?? '', /^kvObject;certificate;.*expiring;/);
    const key = api.expiring.getTreeItem(keyRow);
    assert.match(typeof key.description === 'string' ? key.description : '', /^key · expired/);
    assert.match(key.contextValue ?? '', /^kvObject;.*expired;.*key;/);
    // Secret-only commands in this view are offered for /^kvSecret;/ rows only.
    for (const row of [cert, key]) assert.doesNotMatch(row.contextValue ?? '', /^kvSecret/);
    const counts = await ctx.control.counts('exp-objects');
    assert.equal(counts.GetCertificates, 1);
    assert.equal(counts.GetKeys, 1);

    // The row is an object row the certificate commands take as it is.
    await vscode.commands.executeCommand('keyVaultSecrets.showObjectDetails', certRow);
    assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', /^Certificate "exp-cert-soon"/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is titled for all three kinds and orders vaults by their soonest item of any kind', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const nls = JSON.parse(readFileSync(join(ext.extensionPath, 'package.nls.json'), 'utf8')) as Record<string, string>;
    assert.equal(nls['view.expiring.name'], 'Expiring Secrets, Certificates and Keys');
    assert.match(nls['command.showExpiring.title'] ?? '', /Secrets, Certificates and Keys/);
    await vscode.commands.executeCommand(COMMANDS.refreshExpiring);
    const vaults = api.expiring
      .getChildren()
      .flatMap((r) => (r.kind === 'expiringVault' ? [r.vault.name] : []))
      .filter((n) => n.startsWith('exp-objects'));
    assert.deepEqual(vaults, ['exp-objects-b', 'exp-objects']);
  });

  it('the daily check counts certificates and keys and says so in its one notification', async () => {
    const count = await api.dailyExpiryCheck(Date.now() + 2000 * 86_400_000);
    assert.ok(count !== undefined && count >= 3, `count ${count}`);
    const shown = api.operations.ui.asked.filter((a) => a.kind === 'info');
    assert.equal(shown.length, 1, JSON.stringify(shown));
    assert.match(shown[0]?.message ?? '', /Certificates and keys: \d+ expired, \d+ expiring within 30 days\.$/);
  });
});

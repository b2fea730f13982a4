// Links to a vault or a secret (<scheme>://keyvault-secrets.keyvault-secrets/open?vault=…&secret=…) in a real VS Code
// extension host: what the URI handler hands to Open Link reveals the row of a vault the user has, every part of
// the link is checked first (a refusal is one plain message, nothing is listed), an unknown vault is added only
// after the user says so, and Copy Link to Secret / to Vault put such links on the clipboard.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, linkTo } from '../../src/shared/secretLinks';
import { counts, secretsOf, tree, ui, useTreeSuite, vault } from './treeSuite';

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);

function lastError(): string | undefined {
  return ui.asked.filter((a) => a.kind === 'error').at(-1)?.message;
}

describe('Links to vaults and secrets (extension host)', function () {
  this.timeout(60_000);
  useTreeSuite();

  it('a link reveals and selects the secret, or the vault, in the Vaults view', async () => {
    const alpha = await vault('alpha');
    await run('openLink', linkTo('vscode', alpha.vault.url, 'setting-40'));
    assert.ok(tree.selectedIds.includes(`${alpha.id}/secrets/setting-40`), `selected: ${tree.selectedIds.join(', ')}`);
    const gamma = await vault('gamma');
    await run('openLink', linkTo('vscode', gamma.vault.url));
    assert.deepEqual(tree.selectedIds, [gamma.id]);
  });

  it('refuses a link whose parts break the rules, with one plain message and no request', async () => {
    const alpha = await vault('alpha');
    const before = JSON.stringify(await counts('alpha'));
    const bad: [string, RegExp][] = [
      [`vscode://${EXTENSION_ID}/open?vault=http%3A%2F%2Falpha.example&secret=x`, /valid vault.*https/],
      [`vscode://${EXTENSION_ID}/open?vault=${encodeURIComponent(alpha.vault.url)}&secret=a_b`, /valid secret/],
      [`vscode://${EXTENSION_ID}/open?vault=${encodeURIComponent(alpha.vault.url)}&value=1`, /does not know/],
      [`vscode://${EXTENSION_ID}/delete?vault=${encodeURIComponent(alpha.vault.url)}`, /unknown path/],
    ];
    for (const [link, message] of bad) {
      await run('openLink', link);
      assert.match(lastError() ?? '', message, link);
    }
    assert.equal(JSON.stringify(await counts('alpha')), before, 'a refused link sent a request');
  });

  it('a vault the user does not have is added only when they say so', async () => {
    const stranger = 'https://stranger.vault.azure.net';
    ui.answer({ kind: 'warning', button: undefined });
    await run('openLink', linkTo('vscode', stranger, 'x'));
    const asked = ui.asked.filter((a) => a.kind === 'warning').at(-1);
    assert.match(asked?.message ?? '', /not one of your vaults/);
    assert.equal(asked?.modal, true);
    const added = vscode.workspace.getConfiguration('keyVaultSecrets').get<unknown[]>('vaults') ?? [];
    assert.ok(!JSON.stringify(added).includes('stranger'), 'the vault was added without consent');
  });

  it('a link may offer to add only an Azure Key Vault address: another host is refused without asking', async () => {
    const asked = ui.asked.length;
    for (const host of [
      'https://vault.attacker.example',
      'https://127.0.0.1:8443',
      'https://stranger.vault.azure.net.evil.example',
    ]) {
      await run('openLink', linkTo('vscode', host));
      assert.match(lastError() ?? '', /not an Azure Key Vault address/, host);
    }
    assert.equal(
      ui.asked.slice(asked).filter((a) => a.kind === 'warning').length,
      0,
      'asked to add a non-Key Vault host',
    );
    const added = vscode.workspace.getConfiguration('keyVaultSecrets').get<unknown[]>('vaults') ?? [];
    assert.ok(!/attacker|evil|8443/.test(JSON.stringify(added)), 'a non-Key Vault host was added');
  });

  it('Copy Link to Secret and Copy Link to Vault copy links that open the same rows', async () => {
    const alpha = await vault('alpha');
    const row = secretsOf(await tree.getChildren(alpha)).find((n) => n.secret.name === 'api-key');
    assert.ok(row, 'no api-key row');
    await run('copyLinkToSecret', row);
    const link = await vscode.env.clipboard.readText();
    assert.equal(link, linkTo(vscode.env.uriScheme, alpha.vault.url, 'api-key'));
    await run('copyLinkToVault', alpha);
    assert.equal(await vscode.env.clipboard.readText(), linkTo(vscode.env.uriScheme, alpha.vault.url));
    await run('openLink', link);
    assert.ok(tree.selectedIds.includes(`${alpha.id}/secrets/api-key`), `selected: ${tree.selectedIds.join(', ')}`);
  });
});

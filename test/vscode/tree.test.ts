// The Key Vault tree in a real VS Code extension host, against the local Key Vault server seeded from
// fixtures/seed.json (alpha: 7 named + 60 generated secrets, 2 deleted; beta: no list permission;
// gamma: purge protection, one deleted secret). Request counts come from the server's control API.
// Its contents, vaults from workspace settings, state at a glance, paging and request counts; filter, errors,
// targeted refresh and the root are in treeErrors.test.ts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DeletedGroupNode, LoadMoreNode, TreeNode, VaultNode, VersionNode } from '../../src/tree/nodes';
import { waitFor } from './helpers';
import {
  SEEDED_VALUES,
  tree,
  control,
  item,
  label,
  description,
  contextValue,
  tooltip,
  iconOf,
  vault,
  secretsOf,
  names,
  secret,
  counts,
  useTreeSuite,
} from './treeSuite';

describe('Key Vault tree (extension host, local Key Vault server)', function () {
  this.timeout(60_000);
  useTreeSuite();

  describe('contents', () => {
    it('lists the added vaults under "Added vaults" without any request to them', async () => {
      const root = await tree.getChildren();
      const group = root.find((n) => n.kind === 'vaultGroup');
      assert.ok(group);
      assert.equal(label(group), 'Added vaults');
      const vaults = await tree.getChildren(group);
      assert.deepEqual(vaults.map((v) => label(v)).sort(), ['alpha', 'beta', 'gamma']);
      for (const v of vaults) assert.match(contextValue(v), /^kvVault;.*added;.*emulator;/);
      for (const name of ['alpha', 'beta', 'gamma'])
        assert.deepEqual(await counts(name), {}, `${name} was contacted before expanding`);
    });

    it('a vault shows the deleted group first, then its first page of 25 secrets in name order, then Load more', async () => {
      const alpha = await vault('alpha');
      const children = await tree.getChildren(alpha);
      assert.equal(children[0]?.kind, 'deletedGroup');
      assert.equal(label(children[0] as TreeNode), 'Deleted secrets');
      assert.deepEqual(names(children).slice(0, 8), [
        'api-key',
        'conn-string',
        'db-password',
        'far-expiry',
        'future-key',
        'old-token',
        'setting-00',
        'setting-01',
      ]);
      assert.equal(secretsOf(children).length, 25);
      const last = children[children.length - 1];
      assert.equal(last?.kind, 'loadMore');
      assert.equal(label(last as TreeNode), 'Load more…');
      assert.equal(children.length, 29, 'the deleted group, Certificates, Keys, 25 secrets, Load more');
    });

    it('a secret shows its versions newest first, the current one marked; values never appear', async () => {
      const alpha = await vault('alpha');
      const apiKey = await secret(alpha, 'api-key');
      assert.equal(item(apiKey).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
      const versions = (await tree.getChildren(apiKey)).filter((n): n is VersionNode => n.kind === 'version');
      assert.equal(versions.length, 3);
      const created = versions.map((v) => v.version.createdOn?.getTime() ?? 0);
      assert.deepEqual(
        created,
        [...created].sort((a, b) => b - a),
        'not newest first',
      );
      assert.deepEqual(
        versions.map((v) => v.current),
        [true, false, false],
      );
      assert.match(description(versions[0]), /^current · \d{4}-\d\d-\d\d/);
      assert.match(contextValue(versions[0]), /;current;/);
      assert.doesNotMatch(contextValue(versions[1]), /;current;/);
      assert.match(description(versions[2]), /disabled/);
      assert.match(contextValue(versions[2]), /^kvVersion;.*disabled;/);
      for (const n of [apiKey, ...versions, ...(await tree.getChildren(alpha))]) {
        const text = `${label(n)} ${description(n)} ${tooltip(n)} ${JSON.stringify(n)}`;
        for (const value of SEEDED_VALUES) assert.ok(!text.includes(value), `a secret value shows on ${n.id}`);
      }
    });

    it('the deleted group lists deleted secrets with when deleted and when purged', async () => {
      const alpha = await vault('alpha');
      const group = (await tree.getChildren(alpha))[0] as DeletedGroupNode;
      const deleted = await tree.getChildren(group);
      assert.deepEqual(
        deleted.map((d) => label(d)),
        ['legacy-password', 'old-key'],
      );
      const oldKey = deleted[1];
      assert.match(
        description(oldKey),
        /^purge on \d{4}-\d\d-\d\d · deleted 2 d ago$/,
        'the purge date comes first (a narrow sidebar cuts the end)',
      );
      assert.match(contextValue(oldKey), /^kvDeletedSecret;.*purgeable;/);
      assert.match(tooltip(oldKey), /Purged automatically/);
      assert.equal(description(group), '2 deleted');

      const gamma = await vault('gamma');
      const gammaChildren = await tree.getChildren(gamma);
      assert.equal(
        gammaChildren.some((n) => n.kind === 'message' && label(n) === 'No secrets'),
        true,
      );
      const protectedOne = (await tree.getChildren(gammaChildren[0]))[0];
      assert.equal(label(protectedOne), 'protected-old');
      assert.doesNotMatch(contextValue(protectedOne), /;purgeable;/, 'purge protection: not purgeable');
    });
  });

  describe('vaults from the workspace settings', () => {
    it('show as such (description, context, tooltip), cost no request, and stay out of the user settings', async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'the extension host has no workspace folder');
      const file = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
      const before = await Promise.resolve(vscode.workspace.fs.readFile(file)).catch(() => undefined);
      const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('keyVaultSecrets');
      const userBefore = JSON.stringify(config().inspect('vaults')?.globalValue);
      const shared = (): Promise<VaultNode | undefined> =>
        tree.getChildren().then(async (root) => {
          const group = root.find((n) => n.kind === 'vaultGroup');
          return group
            ? (await tree.getChildren(group)).find(
                (n): n is VaultNode => n.kind === 'vault' && n.vault.name === 'team-shared',
              )
            : undefined;
        });
      try {
        const settings = {
          'keyVaultSecrets.vaults': [{ url: 'https://team-shared.vault.azure.net', name: 'team-shared' }],
        };
        await vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify(settings)));
        const v = await waitFor(shared, 'the workspace vault in the tree');
        assert.equal(description(v), 'workspace', 'the host is left out when the name says it');
        assert.match(contextValue(v), /^kvVault;.*added;.*workspace;/);
        assert.match(tooltip(v), /From this workspace's settings/);
        const alpha = await vault('alpha');
        assert.doesNotMatch(description(alpha), /workspace/);
        assert.match(description(alpha), /^127\.0\.0\.1:\d+$/, 'an emulator keeps its host and port');
        assert.equal(
          JSON.stringify(config().inspect('vaults')?.globalValue),
          userBefore,
          'the workspace list reached the user settings',
        );
      } finally {
        if (before) await vscode.workspace.fs.writeFile(file, before);
        else await vscode.workspace.fs.delete(file);
        await waitFor(async () => (await shared()) === undefined || undefined, 'the workspace vault to leave the tree');
      }
    });
  });

  describe('state at a glance', () => {
    it('expiring: warning colour and "expires in"', async () => {
      const s = await secret(await vault('alpha'), 'api-key');
      assert.match(description(s), /^expires in [45] d · text\/plain$/);
      assert.match(contextValue(s), /^kvSecret;.*expiring;/);
      const icon = iconOf(s);
      assert.equal(icon.id, 'warning');
      assert.equal((icon.color as vscode.ThemeColor).id, 'list.warningForeground');
      assert.match(tooltip(s), /` env ` = dev/);
      assert.match(tooltip(s), /Content type: text\/plain/);
    });

    it('disabled, expired, not yet active and managed', async () => {
      const alpha = await vault('alpha');
      await tree.loadAll(alpha); // tls-cert sorts after the generated setting-* secrets
      const db = await secret(alpha, 'db-password');
      assert.equal(description(db), 'disabled');
      assert.match(contextValue(db), /;disabled;/);
      assert.equal(iconOf(db).id, 'circle-slash');
      const old = await secret(alpha, 'old-token');
      assert.match(description(old), /^expired 3 d ago · text\/plain$/);
      assert.match(contextValue(old), /;expired;/);
      assert.equal(iconOf(old).id, 'error');
      const future = await secret(alpha, 'future-key');
      assert.match(description(future), /^active in [12] d$/);
      assert.match(contextValue(future), /;notYetActive;/);
      const cert = await secret(alpha, 'tls-cert');
      assert.equal(description(cert), 'managed (certificate) · application/x-pkcs12');
      assert.match(contextValue(cert), /;managed;/);
      const far = await secret(alpha, 'far-expiry');
      assert.equal(description(far), '');
      assert.match(contextValue(far), /^kvSecret;enabled;$/);
    });

    it('the expiry warning follows keyVaultSecrets.expiryWarningDays', async () => {
      const config = vscode.workspace.getConfiguration('keyVaultSecrets');
      try {
        await config.update('expiryWarningDays', 100, vscode.ConfigurationTarget.Global);
        const far = await secret(await vault('alpha'), 'far-expiry');
        assert.match(description(far), /^expires in (89|90) d$/);
        await config.update('expiryWarningDays', 2, vscode.ConfigurationTarget.Global);
        const apiKey = await secret(await vault('alpha'), 'api-key');
        assert.equal(description(apiKey), 'text/plain', 'expiring in 5 days is not within 2 days');
      } finally {
        await config.update('expiryWarningDays', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  });

  describe('paging and request counts', () => {
    it('expanding a vault costs one list request; load more one more; load all the rest', async () => {
      const alpha = await vault('alpha');
      let children = await tree.getChildren(alpha);
      assert.equal(secretsOf(children).length, 25);
      assert.equal((await counts('alpha')).GetSecrets, 1);
      assert.equal((await counts('alpha')).GetDeletedSecrets ?? 0, 0, 'the deleted group loads only when expanded');

      await tree.loadMore(children[children.length - 1] as LoadMoreNode);
      children = await tree.getChildren(alpha);
      assert.equal(secretsOf(children).length, 50);
      assert.equal(children[children.length - 1]?.kind, 'loadMore');
      assert.equal((children[children.length - 1] as LoadMoreNode).loadedCount, 50);
      assert.equal((await counts('alpha')).GetSecrets, 2);

      await tree.loadAll(alpha);
      children = await tree.getChildren(alpha);
      assert.equal(secretsOf(children).length, 67);
      assert.equal(
        children.some((n) => n.kind === 'loadMore'),
        false,
      );
      assert.equal((await counts('alpha')).GetSecrets, 3);
      assert.match(contextValue(alpha), /^kvVault;.*loaded;/);
      assert.doesNotMatch(contextValue(alpha), /hasMore;/);
    });

    it('while a page loads the parent shows a spinner and the paging row says Loading; two clicks load one page', async () => {
      const alpha = await vault('alpha');
      const children = await tree.getChildren(alpha);
      const more = children[children.length - 1] as LoadMoreNode;
      await control.injectFault({ kind: 'latency', ms: 800, vault: 'alpha', route: 'GetSecrets', times: 1 });
      const first = tree.loadMore(more);
      const second = tree.loadMore(more);
      await waitFor(() => iconOf(alpha).id === 'loading~spin' || undefined, 'the spinner on the vault');
      const during = await tree.getChildren(alpha);
      const row = during[during.length - 1] as LoadMoreNode;
      assert.equal(row.kind, 'loadMore');
      assert.equal(label(row), 'Loading…');
      assert.equal(item(row).command, undefined, 'the row is not clickable while loading');
      await Promise.all([first, second]);
      assert.notEqual(iconOf(alpha).id, 'loading~spin');
      assert.equal(secretsOf(await tree.getChildren(alpha)).length, 50);
      assert.equal((await counts('alpha')).GetSecrets, 2, 'the second click joined the load in flight');
    });

    it('showing the children again, or a concurrent expand, does not list again', async () => {
      const alpha = await vault('alpha');
      await Promise.all([tree.getChildren(alpha), tree.getChildren(alpha), tree.getChildren(alpha)]);
      await tree.getChildren(alpha);
      assert.equal((await counts('alpha')).GetSecrets, 1);
    });

    it('reveal a secret: its vault shows, pages load until the row is there, and the row is selected', async () => {
      const alpha = await vault('alpha');
      assert.equal(await tree.revealSecret(alpha.vault, 'setting-55'), true);
      assert.ok(
        tree.selectedIds.includes(`${alpha.id}/secrets/setting-55`),
        `selected: ${tree.selectedIds.join(', ')}`,
      );
      assert.equal((await counts('alpha')).GetSecrets, 3, 'pages past the secret were loaded');
      assert.equal(await tree.revealSecret(alpha.vault, 'no-such-secret'), false);
    });

    it('reveal in a vault the view already shows, after others listed its rows: the pages it loads reach the view', async () => {
      const alpha = await vault('alpha');
      // The view shows alpha expanded with its first page (the reveal resolves once VS Code has the rows).
      assert.equal(await tree.revealSecret(alpha.vault, 'setting-05'), true);
      // Someone else lists the rows (as Find or a test does); the view keeps the objects it was given.
      await vault('alpha');
      assert.equal(await tree.revealSecret(alpha.vault, 'setting-55'), true);
      assert.ok(
        tree.selectedIds.includes(`${alpha.id}/secrets/setting-55`),
        `selected: ${tree.selectedIds.join(', ')}`,
      );
    });

    it('refresh of a secret lists its versions only, not the vault', async () => {
      const alpha = await vault('alpha');
      const apiKey = await secret(alpha, 'api-key');
      await tree.getChildren(apiKey);
      const before = await counts('alpha');
      await tree.refreshSecret(alpha.vault.key, 'api-key');
      await tree.getChildren(apiKey);
      const after = await counts('alpha');
      assert.equal(after.GetSecrets, before.GetSecrets, 'the vault was listed again');
      assert.equal((after.GetSecretVersions ?? 0) - (before.GetSecretVersions ?? 0), 1);
    });

    it('refresh of a vault lists it once, even when asked twice at once, and keeps ids stable', async () => {
      const alpha = await vault('alpha');
      const ids = (await tree.getChildren(alpha)).map((n) => n.id);
      await Promise.all([tree.refreshVault(alpha.vault.key), tree.refreshVault(alpha.vault.key)]);
      const again = (await tree.getChildren(alpha)).map((n) => n.id);
      assert.deepEqual(again, ids);
      assert.equal((await counts('alpha')).GetSecrets, 2);
      assert.equal((await counts('alpha')).GetSecretVersions ?? 0, 0);
    });

    it('refresh of the deleted group lists deleted secrets only', async () => {
      const alpha = await vault('alpha');
      const group = (await tree.getChildren(alpha))[0] as DeletedGroupNode;
      await tree.getChildren(group);
      await tree.refreshDeleted(alpha.vault.key);
      await tree.getChildren(group);
      const c = await counts('alpha');
      assert.equal(c.GetDeletedSecrets, 2);
      assert.equal(c.GetSecrets, 1);
    });
  });
});

// The Key Vault tree in a real VS Code extension host, against the local Key Vault server (see tree.test.ts): the
// filter, errors as rows, targeted refresh after a change elsewhere, the failures of its own commands, and the root
// (discovery and welcome).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type {
  DeletedGroupNode,
  ErrorNode,
  LoadMoreNode,
  SubscriptionNode,
  TreeNode,
  VaultNode,
  VersionNode,
} from '../../src/tree/nodes';
import { waitFor } from './helpers';
import {
  tree,
  ui,
  control,
  item,
  label,
  description,
  contextValue,
  tooltip,
  vault,
  secretsOf,
  names,
  secret,
  counts,
  addedSetting,
  withAddedVaults,
  dataPlane,
  useTreeSuite,
} from './treeSuite';

describe('Key Vault tree (extension host, local Key Vault server)', function () {
  this.timeout(60_000);
  useTreeSuite();

  describe('filter', () => {
    it('by tag loads the remaining pages and shows only matches; the view shows the filter; clear restores', async () => {
      const alpha = await vault('alpha');
      await tree.getChildren(alpha);
      assert.equal((await counts('alpha')).GetSecrets, 1);
      await vscode.commands.executeCommand('keyVaultSecrets.filter', 'tag:env=prod');
      assert.equal((await counts('alpha')).GetSecrets, 3, 'the filter did not load the remaining pages');
      const filtered = await tree.getChildren(alpha);
      assert.deepEqual(names(filtered), ['conn-string', 'db-password']);
      assert.equal(
        filtered.some((n) => n.kind === 'loadMore'),
        false,
      );
      assert.equal(tree.viewDescription, 'Filter: tag:env=prod');
      assert.match(tree.viewMessage ?? '', /^Filtered by tag:env=prod/);
      assert.match(description(alpha), /2 of 67 match/);
      await vscode.commands.executeCommand('keyVaultSecrets.clearFilter');
      assert.equal(tree.viewDescription, undefined);
      assert.equal(tree.viewMessage, undefined);
      assert.equal(secretsOf(await tree.getChildren(alpha)).length, 67);
    });

    it('by name, by content type, by tag key; no match says so', async () => {
      const alpha = await vault('alpha');
      await vscode.commands.executeCommand('keyVaultSecrets.filter', 'setting-05');
      assert.deepEqual(names(await tree.getChildren(alpha)), ['setting-05']);
      await vscode.commands.executeCommand('keyVaultSecrets.filter', 'type:json');
      assert.deepEqual(names(await tree.getChildren(alpha)), ['conn-string']);
      await vscode.commands.executeCommand('keyVaultSecrets.filter', 'tag:owner');
      assert.deepEqual(names(await tree.getChildren(alpha)), ['api-key']);
      await vscode.commands.executeCommand('keyVaultSecrets.filter', 'nothing-like-this');
      const none = await tree.getChildren(alpha);
      assert.deepEqual(names(none), []);
      assert.ok(none.some((n) => n.kind === 'message' && label(n) === 'No secrets match the filter'));
      const group = none[0] as DeletedGroupNode;
      await vscode.commands.executeCommand('keyVaultSecrets.filter', 'old');
      assert.deepEqual(
        (await tree.getChildren(group)).map((n) => label(n)),
        ['old-key'],
        'the filter applies to deleted secrets too',
      );
    });

    it('a filter set before expanding loads every page on expand', async () => {
      await tree.setFilter({ names: ['setting-5'], contentTypes: [], tags: [] });
      const alpha = await vault('alpha');
      assert.deepEqual(
        names(await tree.getChildren(alpha)),
        Array.from({ length: 10 }, (_, i) => `setting-5${i}`),
      );
      assert.equal((await counts('alpha')).GetSecrets, 3);
    });

    it('two expands at once under a filter (the view re-rendering beside a reveal) both show every match', async () => {
      await tree.setFilter({ names: ['setting-5'], contentTypes: [], tags: [] });
      const alpha = await vault('alpha');
      const [first, second] = await Promise.all([tree.getChildren(alpha), tree.getChildren(alpha)]);
      const all = Array.from({ length: 10 }, (_, i) => `setting-5${i}`);
      assert.deepEqual(names(first), all);
      assert.deepEqual(names(second), all, 'the second expand showed the first pages only');
      assert.equal((await counts('alpha')).GetSecrets, 3);
    });
  });

  describe('errors as rows', () => {
    after(async () => {
      await control.setPermissions('beta', { deny: ['list'], model: 'accessPolicy' });
    });

    it('a vault without list permission shows one error row in plain words; Retry after the permission is granted', async () => {
      const beta = await vault('beta');
      const children = await tree.getChildren(beta);
      assert.equal(children.length, 1);
      const error = children[0] as ErrorNode;
      assert.equal(error.kind, 'error');
      assert.equal(label(error), 'No list permission');
      assert.match(tooltip(error), /^No permission to list secrets\. .*list/);
      assert.match(contextValue(error), /^kvError;first;forbidden;$/);
      assert.equal(item(error).command?.command, 'keyVaultSecrets.retry');

      await control.setPermissions('beta', undefined);
      await vscode.commands.executeCommand('keyVaultSecrets.retry', error);
      const after = await tree.getChildren(beta);
      assert.equal(after[0]?.kind, 'deletedGroup');
      assert.deepEqual(names(after), ['hidden-one', 'hidden-two']);
    });

    it('a vault behind its firewall says so', async () => {
      try {
        await control.setPermissions('beta', { model: 'firewall' });
        const rows = await tree.getChildren(await vault('beta'));
        assert.equal(rows.length, 1);
        assert.equal(label(rows[0]), 'Blocked by the firewall');
        assert.match(tooltip(rows[0]), /^The vault's firewall blocks this network\./);
        assert.match(contextValue(rows[0]), /^kvError;first;forbidden;$/);
      } finally {
        await control.setPermissions('beta', { deny: ['list'], model: 'accessPolicy' });
      }
    });

    /** The added vaults' rows with these URLs, once the tree shows all of them. */
    const addedRows = (urls: readonly string[]): Promise<VaultNode[]> =>
      waitFor(
        async () => {
          const group = (await tree.getChildren()).find((n) => n.kind === 'vaultGroup');
          const rows = group ? await tree.getChildren(group) : [];
          const found = rows.filter((n): n is VaultNode => n.kind === 'vault' && urls.includes(n.vault.url));
          return found.length === urls.length ? found : undefined;
        },
        `the added vaults ${urls.join(', ')} in the tree`,
      );

    /** Neither the setting nor the tree has a vault with these URLs. */
    const assertGone = async (urls: readonly string[], what: string): Promise<void> => {
      assert.deepEqual(
        addedSetting().filter((v) => urls.includes(v.url)),
        [],
        what,
      );
      const group = (await tree.getChildren()).find((n) => n.kind === 'vaultGroup');
      assert.ok(group);
      assert.equal(
        (await tree.getChildren(group)).some((n) => n.kind === 'vault' && urls.includes(n.vault.url)),
        false,
        `${what}: its row is still in the tree`,
      );
    };

    it('Add Vault by URL puts it in the settings and the tree; an unreachable vault is an error row; Remove takes it out', async () => {
      const url = 'https://127.0.0.1:1';
      await withAddedVaults([], async () => {
        await vscode.commands.executeCommand('keyVaultSecrets.addVault', `${url}/`);
        assert.ok(
          addedSetting().some((v) => v.url === url),
          'not saved in keyVaultSecrets.vaults',
        );
        const [added] = await addedRows([url]);
        assert.equal(label(added), '127.0.0.1');
        const rows = await tree.getChildren(added);
        assert.equal(rows.length, 1);
        assert.equal(rows[0]?.kind, 'error');
        assert.match(contextValue(rows[0]), /^kvError;first;(network|unauthenticated);$/);
        await vscode.commands.executeCommand('keyVaultSecrets.addVault', url);
        assert.equal(addedSetting().filter((v) => v.url === url).length, 1, 'added twice');
        assert.match(contextValue(added), /;added;/);
        await vscode.commands.executeCommand('keyVaultSecrets.removeVault', added);
        await assertGone([url], 'still in the settings');
      });
    });

    it('Remove without a row (the menu used while the view re-rendered) asks which added vault, and removes that one', async () => {
      const url = 'https://127.0.0.1:3';
      await withAddedVaults([{ url, name: 'picked-for-removal' }], async () => {
        await addedRows([url]);
        ui.answer({ kind: 'pick', label: 'picked-for-removal' });
        await vscode.commands.executeCommand('keyVaultSecrets.removeVault');
        await assertGone([url], 'the vault picked is still in the settings');
      });
    });

    it('Remove on two added vaults at once takes both out: the second write starts from the list the first left', async () => {
      const urls = ['https://127.0.0.1:1', 'https://127.0.0.1:2'];
      await withAddedVaults(
        urls.map((url) => ({ url })),
        async () => {
          const both = await addedRows(urls);
          // A user removing quickly: the second Remove runs before the first one's write is done.
          await Promise.all(both.map((n) => vscode.commands.executeCommand('keyVaultSecrets.removeVault', n)));
          await assertGone(urls, 'a removed vault came back');
        },
      );
    });

    it('Refresh on a subscription-less root row or the title refreshes everything; on a vault only that vault', async () => {
      const alpha = await vault('alpha');
      const gamma = await vault('gamma');
      await tree.getChildren(alpha);
      await tree.getChildren(gamma);
      await vscode.commands.executeCommand('keyVaultSecrets.refresh', alpha);
      await tree.getChildren(alpha);
      await tree.getChildren(gamma);
      assert.equal((await counts('alpha')).GetSecrets, 2);
      assert.equal((await counts('gamma')).GetSecrets, 1);
      await vscode.commands.executeCommand('keyVaultSecrets.refresh');
      await tree.getChildren(await vault('alpha'));
      await tree.getChildren(await vault('gamma'));
      assert.equal((await counts('alpha')).GetSecrets, 3);
      assert.equal((await counts('gamma')).GetSecrets, 2);
    });

    it('a failed later page keeps the loaded items and puts the error row where Load more was', async () => {
      const alpha = await vault('alpha');
      const first = await tree.getChildren(alpha);
      await control.setPermissions('alpha', { deny: ['list'], model: 'rbac' });
      try {
        await tree.loadMore(first[first.length - 1] as LoadMoreNode);
      } finally {
        await control.setPermissions('alpha', undefined);
      }
      const children = await tree.getChildren(alpha);
      assert.equal(secretsOf(children).length, 25);
      const last = children[children.length - 1] as ErrorNode;
      assert.equal(last.kind, 'error');
      assert.equal(last.phase, 'more');
      assert.equal(label(last), 'No list permission');
      await tree.retry(last);
      assert.equal(secretsOf(await tree.getChildren(alpha)).length, 50);
    });
  });
  describe('targeted refresh after a change elsewhere', () => {
    it('a created secret joins the list and a deleted one leaves it, without listing the vault again', async () => {
      const alpha = await vault('alpha');
      await tree.getChildren(alpha);
      assert.equal(
        await dataPlane('alpha', 'PUT', '/secrets/api-key-2', { value: 'fresh', contentType: 'text/plain' }),
        200,
      );
      try {
        await tree.refreshSecret(alpha.vault.key, 'api-key-2');
        const after = names(await tree.getChildren(alpha));
        assert.deepEqual(after.slice(0, 3), ['api-key', 'api-key-2', 'conn-string']);
        assert.equal(description(await secret(alpha, 'api-key-2')), 'text/plain');
      } finally {
        assert.equal(await dataPlane('alpha', 'DELETE', '/secrets/api-key-2'), 200);
      }
      await waitFor(
        async () => {
          await tree.refreshSecret(alpha.vault.key, 'api-key-2');
          return !names(await tree.getChildren(alpha)).includes('api-key-2');
        },
        'the deleted secret to leave the list',
        20_000,
      );
      assert.equal((await counts('alpha')).GetSecrets, 1, 'the vault was listed again');
      // Tidy up: purge it once the delete has finished.
      await waitFor(
        async () => (await dataPlane('alpha', 'DELETE', '/deletedsecrets/api-key-2')) === 204 || undefined,
        'the purge',
        20_000,
      );
    });

    it('a property change shows on the secret row after refreshSecret', async () => {
      const alpha = await vault('alpha');
      const before = await secret(alpha, 'far-expiry');
      assert.equal(description(before), '');
      const versions = (await tree.getChildren(before)).filter((n): n is VersionNode => n.kind === 'version');
      const current = versions[0]?.version.version;
      assert.ok(current);
      assert.equal(
        await dataPlane('alpha', 'PATCH', `/secrets/far-expiry/${current}`, { attributes: { enabled: false } }),
        200,
      );
      try {
        await tree.refreshSecret(alpha.vault, 'far-expiry');
        // VS Code re-renders the row from the object it holds (the change event carries that one).
        assert.equal(description(before), 'disabled', 'the row VS Code holds still shows the old state');
        assert.match(contextValue(before), /;disabled;/);
        const after = await secret(alpha, 'far-expiry');
        assert.equal(after.id, before.id, 'the row keeps its id');
        assert.equal(description(after), 'disabled');
        assert.match(contextValue(after), /;disabled;/);
      } finally {
        await dataPlane('alpha', 'PATCH', `/secrets/far-expiry/${current}`, { attributes: { enabled: true } });
      }
      assert.equal((await counts('alpha')).GetSecrets, 1);
    });
  });

  describe("failures of the tree's own commands", () => {
    it("go through the extension's one error boundary: shown once, in plain words", async () => {
      ui.reset();
      await vscode.commands.executeCommand('keyVaultSecrets.addVault', 'http://contoso.vault.azure.net');
      const errors = ui.asked.filter((a) => a.kind === 'error').map((a) => a.message);
      assert.deepEqual(errors, ['A vault URL must start with https://.']);
      const added = vscode.workspace.getConfiguration('keyVaultSecrets').get<Array<{ url: string }>>('vaults') ?? [];
      assert.ok(!added.some((v) => v.url.startsWith('http://')), 'the refused URL was saved anyway');
    });
  });

  describe('root: discovery and welcome', () => {
    const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('keyVaultSecrets');
    let settingsFile: vscode.Uri | undefined;

    /**
     * Points discovery at the local server's ARM. The test settings go to the user settings when the extension
     * declares them (application scope), else to the workspace settings file (an undeclared key can only be read).
     */
    async function pointDiscoveryAtEmulator(on: boolean): Promise<void> {
      const state = await control.state();
      const declared = config().inspect('testing.armEndpoint')?.defaultValue !== undefined;
      if (declared) {
        await config().update('testing.armEndpoint', on ? state.armUrl : undefined, vscode.ConfigurationTarget.Global);
        await config().update('testing.armCaFile', on ? state.caFile : undefined, vscode.ConfigurationTarget.Global);
      } else {
        const folder = vscode.workspace.workspaceFolders?.[0];
        assert.ok(folder, 'the extension host has no workspace folder');
        settingsFile = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
        const settings = on
          ? { 'keyVaultSecrets.testing.armEndpoint': state.armUrl, 'keyVaultSecrets.testing.armCaFile': state.caFile }
          : {};
        await vscode.workspace.fs.writeFile(settingsFile, Buffer.from(JSON.stringify(settings, null, 2)));
      }
      const want = on ? state.armUrl : undefined;
      await waitFor(
        () => (config().get<string>('testing.armEndpoint') || undefined) === want || undefined,
        'the settings to apply',
      );
    }

    after(async () => {
      await config().update('subscriptions', undefined, vscode.ConfigurationTarget.Global);
      await pointDiscoveryAtEmulator(false);
      if (settingsFile) await vscode.workspace.fs.delete(settingsFile);
      tree.refreshAll();
    });

    it('without any vault the tree is empty and a welcome view applies', async () => {
      const saved = addedSetting();
      let emptyWelcome: string | undefined;
      try {
        await config().update('vaults', [], vscode.ConfigurationTarget.Global);
        // Discovery is not pointed at the local server yet: no subscriptions, so nothing at all in the tree.
        const root = await tree.getChildren();
        assert.deepEqual(
          root.map((n) => n.kind),
          [],
        );
        emptyWelcome = tree.welcomeState;
        assert.ok(['signedOut', 'noVaults'].includes(emptyWelcome ?? 'unset'), `welcome: ${emptyWelcome}`);
      } finally {
        await config().update('vaults', saved, vscode.ConfigurationTarget.Global);
      }
      const restored = await tree.getChildren();
      assert.ok(restored.some((n) => n.kind === 'vaultGroup'));
      assert.equal(tree.welcomeState, '', 'a welcome view still applies with vaults in the tree');
      const hints = restored.filter((n) => n.kind === 'message');
      if (emptyWelcome === 'signedOut') {
        // Signed out with added vaults: one row above them offers the sign-in.
        assert.equal(hints.length, 1, JSON.stringify(restored));
        assert.equal(
          item(hints[0] as TreeNode).command?.command,
          'keyVaultSecrets.signIn',
          'the sign-in hint row signs in',
        );
      } else {
        assert.deepEqual(hints, []);
      }
    });

    it('signed in: vaults grouped by subscription, the added group after them; one vault in both keeps distinct rows', async () => {
      await pointDiscoveryAtEmulator(true);
      tree.refreshAll();
      const root = await tree.getChildren();
      const subs = root.filter((n): n is SubscriptionNode => n.kind === 'subscription');
      assert.deepEqual(
        subs.map((s) => label(s)),
        ['Emulator Subscription', 'Team Sandbox'],
      );
      assert.equal(root[root.length - 1]?.kind, 'vaultGroup');
      assert.equal(tree.welcomeState, '');
      const emulatorSub = await tree.getChildren(subs[0]);
      // Other suites may add vaults to the default subscription: alpha and beta are there, gamma is not.
      const inDefault = emulatorSub.map((v) => label(v));
      assert.deepEqual(
        inDefault.filter((n) => n === 'alpha' || n === 'beta'),
        ['alpha', 'beta'],
      );
      assert.ok(!inDefault.includes('gamma'), `gamma listed in the wrong subscription: ${inDefault.join(', ')}`);
      const discoveredAlpha = emulatorSub[inDefault.indexOf('alpha')] as VaultNode;
      assert.match(contextValue(discoveredAlpha), /;discovered;/);
      assert.deepEqual(
        (await tree.getChildren(subs[1])).map((v) => label(v)),
        ['gamma'],
      );

      const addedAlpha = await vault('alpha');
      assert.notEqual(discoveredAlpha.id, addedAlpha.id, 'the two rows of one vault need distinct ids');
      assert.equal(discoveredAlpha.vault.key, addedAlpha.vault.key);
      // The discovered row reaches the vault with Azure credentials (none in this host), the added row as an
      // emulator: each has its own lists, so a failure of one does not show under the other.
      const viaAzure = await tree.getChildren(discoveredAlpha);
      assert.ok(
        secretsOf(viaAzure).length === 25 || (viaAzure.length === 1 && viaAzure[0]?.kind === 'error'),
        'neither a page nor an error row',
      );
      assert.equal(secretsOf(await tree.getChildren(addedAlpha)).length, 25);
    });

    it('the subscription filter setting limits the subscriptions; none selected says so', async () => {
      await pointDiscoveryAtEmulator(true);
      await config().update(
        'subscriptions',
        ['7d3e9a51-2c4b-4f6e-8a1d-5b9c0e2f4a6d'],
        vscode.ConfigurationTarget.Global,
      );
      let root = await tree.getChildren();
      assert.deepEqual(
        root.filter((n) => n.kind === 'subscription').map((s) => label(s)),
        ['Team Sandbox'],
      );
      await config().update(
        'subscriptions',
        ['00000000-0000-0000-0000-000000000000'],
        vscode.ConfigurationTarget.Global,
      );
      root = await tree.getChildren();
      assert.deepEqual(
        root.map((n) => n.kind),
        ['message', 'vaultGroup'],
      );
      assert.equal(label(root[0]), 'No subscriptions selected');
      const saved = addedSetting();
      try {
        await config().update('vaults', [], vscode.ConfigurationTarget.Global);
        assert.deepEqual(await tree.getChildren(), []);
        assert.equal(tree.welcomeState, 'noSubscriptions');
      } finally {
        await config().update('vaults', saved, vscode.ConfigurationTarget.Global);
      }
    });
  });
});

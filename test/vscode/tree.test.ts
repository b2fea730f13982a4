// The Key Vault tree in a real VS Code extension host, against the local Key Vault server seeded from
// fixtures/seed.json (alpha: 7 named + 60 generated secrets, 2 deleted; beta: no list permission;
// gamma: purge protection, one deleted secret). Request counts come from the server's control API.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as https from 'node:https';
import * as vscode from 'vscode';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { TestApi } from '../../src/testApi';
import type {
  DeletedGroupNode,
  ErrorNode,
  LoadMoreNode,
  SecretNode,
  SubscriptionNode,
  TreeNode,
  VaultNode,
  VersionNode,
} from '../../src/tree/nodes';
import { EmulatorControlClient } from '../emulator/controlClient';
import { emulatorControlUrl, getTestApi, waitFor } from './helpers';

const SEEDED_VALUES = [
  'api-key-v1',
  'api-key-v2',
  'api-key-v3',
  'Server=x',
  'hunter2',
  'stale',
  'MIIC-not-a-real-cert',
  'soon',
];

let tree: KeyVaultTree;
let ui: TestApi['operations']['ui'];
let control: EmulatorControlClient;

function item(node: TreeNode): vscode.TreeItem {
  return tree.getTreeItem(node);
}
function label(node: TreeNode): string {
  const l = item(node).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}
function description(node: TreeNode): string {
  const d = item(node).description;
  return typeof d === 'string' ? d : '';
}
function contextValue(node: TreeNode): string {
  return item(node).contextValue ?? '';
}
/** The tooltip as the hover reads (Markdown's backslash escapes removed). */
function tooltip(node: TreeNode): string {
  const t = item(node).tooltip;
  return t instanceof vscode.MarkdownString ? t.value.replace(/\\([!-/:-@[-`{-~])/g, '$1') : (t ?? '');
}
function iconOf(node: TreeNode): vscode.ThemeIcon {
  const icon = item(node).iconPath;
  assert.ok(icon instanceof vscode.ThemeIcon, `no ThemeIcon on ${node.id}`);
  return icon;
}

async function vault(name: string): Promise<VaultNode> {
  const root = await tree.getChildren();
  const group = root.find((n) => n.kind === 'vaultGroup');
  assert.ok(group, `no "Added vaults" group at the root: ${root.map((n) => n.id).join(', ')}`);
  const vaults = await tree.getChildren(group);
  const v = vaults.find((n): n is VaultNode => n.kind === 'vault' && n.vault.name === name);
  assert.ok(v, `no vault ${name} among ${vaults.map((n) => n.id).join(', ')}`);
  return v;
}

const secretsOf = (children: readonly TreeNode[]): SecretNode[] =>
  children.filter((n): n is SecretNode => n.kind === 'secret');
const names = (children: readonly TreeNode[]): string[] => secretsOf(children).map((s) => s.secret.name);

async function secret(v: VaultNode, name: string): Promise<SecretNode> {
  const s = secretsOf(await tree.getChildren(v)).find((n) => n.secret.name === name);
  assert.ok(s, `no secret ${name} in ${v.vault.name}`);
  return s;
}

async function counts(vaultName: string): Promise<Record<string, number>> {
  return control.counts(vaultName);
}

interface AddedVaultSetting {
  readonly url: string;
  readonly name?: string;
  readonly caFile?: string;
}

function addedSetting(): AddedVaultSetting[] {
  return vscode.workspace.getConfiguration('keyVaultSecrets').get<AddedVaultSetting[]>('vaults') ?? [];
}

/** Runs `body` with these vaults added to the user's keyVaultSecrets.vaults, then puts the setting back as it was. */
async function withAddedVaults(extra: readonly AddedVaultSetting[], body: () => Promise<void>): Promise<void> {
  const saved = addedSetting();
  const set = (vaults: readonly AddedVaultSetting[]): Thenable<void> =>
    vscode.workspace.getConfiguration('keyVaultSecrets').update('vaults', vaults, vscode.ConfigurationTarget.Global);
  try {
    if (extra.length > 0) await set([...saved, ...extra]);
    await body();
    // Whatever the body removed, nothing else was touched.
    assert.deepEqual(
      addedSetting()
        .filter((v) => !extra.some((e) => e.url === v.url))
        .map((v) => v.name),
      saved.map((v) => v.name),
      'other vaults were touched',
    );
  } finally {
    await set(saved);
  }
}

/** One request straight to a seeded vault's data plane (as another client would change the vault). */
function dataPlane(vaultName: string, method: string, path: string, body?: unknown): Promise<number> {
  const v = addedSetting().find((s) => s.name === vaultName);
  assert.ok(v?.caFile, `vault ${vaultName} is not in the settings`);
  const url = new URL(`${v.url}${path}?api-version=7.5`);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method,
        ca: readFileSync(v.caFile as string, 'utf8'),
        headers: {
          Authorization: 'Bearer test',
          ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('Key Vault tree (extension host, local Key Vault server)', function () {
  this.timeout(60_000);

  before(async () => {
    const api = await getTestApi();
    assert.ok(api.tree, 'the test API has no tree');
    tree = api.tree;
    ui = api.operations.ui;
    control = new EmulatorControlClient(emulatorControlUrl());
  });

  // Every prompt a test causes is scripted and every scripted answer used.
  afterEach(() => ui.verify());

  beforeEach(async () => {
    await tree.clearFilter();
    tree.refreshAll();
    await control.resetCounts();
  });

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
      assert.equal(children.length, 27);
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
      assert.deepEqual(inDefault.slice(0, 2), ['alpha', 'beta']);
      assert.ok(!inDefault.includes('gamma'), `gamma listed in the wrong subscription: ${inDefault.join(', ')}`);
      const discoveredAlpha = emulatorSub[0] as VaultNode;
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

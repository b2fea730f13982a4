// One row per node kind: what its children are, which paged list holds them, what Refresh on it does, and the
// short name its contextValue starts with. The model dispatches through this table (no switch on kind), so a new
// kind of node touches its type (nodes.ts), one row here, its tree item (treeItems.ts) and the menus.
// Pure (no `vscode`).

import { t } from '../shared/l10n';
import type { VaultRef } from '../vault/model';
import { pinnedFirst } from '../vault/pinnedVaults';
import { compareNewestFirst } from '../vault/versionOrder';
import type { ListWhat } from './failureText';
import { matchesFilter, type SecretFilter } from './filter';
import {
  deletedGroupId,
  deletedSecretId,
  secretId,
  vaultNodeId,
  vaultParentId,
  versionId,
  type MessageCode,
  type NodeKind,
  type TreeNode,
  type VaultNode,
} from './nodes';
import { versionsSharingADay } from './secretState';
import { sortSecrets } from './secretSort';
import type { AnyList, TreeLists } from './TreeLists';
import type { TreeModel } from './TreeModel';
import { tenantChildren } from './treeRows';
import { OBJECT_KINDS } from './objectKinds';
import { objectGroupNode } from './objectNodes';

export type NodeOf<K extends NodeKind> = Extract<TreeNode, { readonly kind: K }>;

/** A node whose children are one paged list. */
export interface PagedRow<N extends TreeNode> {
  /** What the list holds, in words (error rows, progress titles). */
  readonly noun: ListWhat;
  /** The list (made on first use; nothing loads until a page is asked for). */
  readonly list: (lists: TreeLists, node: N) => AnyList;
  /** The list if it was ever made (a row's counts show only for those). */
  readonly peek: (lists: TreeLists, node: N) => AnyList | undefined;
  /** Rows for the loaded items, the filter applied where it applies. */
  readonly rows: (lists: TreeLists, node: N, filter: SecretFilter | undefined) => TreeNode[];
  /** Rows before the items (left out when the first page failed). */
  readonly lead?: (node: N, lists?: TreeLists) => TreeNode[];
  /** The row when nothing shows and nothing more can load: [code, text]; `hidden` = the filter hides every item. */
  readonly empty: (hidden: boolean) => readonly [MessageCode, string];
  /** Present when the filter applies to the list: what a "Filtering …" progress calls it. */
  readonly filtered?: (node: N) => string;
}

export interface KindRow<N extends TreeNode> {
  /** The first part of its contextValue (menus match `viewItem =~ /^kvSecret;/`). */
  readonly context: string;
  /** Children that are a paged list. */
  readonly paged?: PagedRow<N>;
  /** Children that are not a paged list. */
  readonly children?: (model: TreeModel, node: N) => TreeNode[];
  /** The Refresh action on this row. */
  readonly refresh: (model: TreeModel, node: N) => Promise<void>;
  /**
   * The node with what its list holds now. VS Code re-renders a changed row from the object it was first given
   * (a change event must carry that object), so a row reads its properties from the list, not from the node.
   */
  readonly latest?: (lists: TreeLists, node: N) => N;
}

export function vaultNode(v: VaultRef): VaultNode {
  return { kind: 'vault', id: vaultNodeId(v), parentId: vaultParentId(v), vault: v };
}

const refreshEverything = (model: TreeModel): Promise<void> => {
  model.refreshAll();
  return Promise.resolve();
};

export const KINDS: { readonly [K in NodeKind]: KindRow<NodeOf<K>> } = {
  tenant: {
    context: 'kvTenant',
    children: (_model, n) => tenantChildren(n),
    // The tenants come from one listing: refreshing one lists them all again.
    refresh: (model) => {
      model.onSignInChanged();
      return Promise.resolve();
    },
  },
  subscription: {
    context: 'kvSubscription',
    paged: {
      noun: 'vaults',
      list: (lists, n) => lists.vaults(n.subscription),
      peek: (lists, n) => lists.existing.vaults(n.subscription.subscriptionId),
      rows: (lists, n) => pinnedFirst(lists.vaults(n.subscription).items).map(vaultNode),
      empty: () => ['noVaults', t('No key vaults in this subscription')],
    },
    refresh: async (model, n) => {
      const list = model.lists.existing.vaults(n.subscription.subscriptionId);
      if (list) await model.reload(list, [n]);
    },
  },
  vaultGroup: {
    context: 'kvVaultGroup',
    children: (model) => pinnedFirst(model.addedVaults()).map(vaultNode),
    refresh: (model, n) => {
      model.fire([n]);
      return Promise.resolve();
    },
  },
  vault: {
    context: 'kvVault',
    paged: {
      noun: 'secrets',
      list: (lists, n) => lists.secrets(n.vault),
      peek: (lists, n) => lists.existing.secrets(n.vault),
      lead: (n, lists) => [
        { kind: 'deletedGroup', id: deletedGroupId(n.id), parentId: n.id, vault: n.vault },
        // Certificates and keys, each a group that lists only when expanded.
        ...(lists?.objects.available === true
          ? [objectGroupNode(n.id, n.vault, 'certificate'), objectGroupNode(n.id, n.vault, 'key')]
          : []),
      ],
      rows: (lists, n, filter) =>
        sortSecrets(lists.secrets(n.vault).items, lists.secretOrder)
          .filter((s) => (lists.showManaged || !s.managed) && matchesFilter(s, filter))
          .map((s) => ({ kind: 'secret', id: secretId(n.id, s.name), parentId: n.id, vault: n.vault, secret: s })),
      empty: (hidden) => (hidden ? ['noMatches', t('No secrets match the filter')] : ['noSecrets', t('No secrets')]),
      filtered: (n) => n.vault.name,
    },
    refresh: (model, n) => model.refreshVault(n.vault),
  },
  deletedGroup: {
    context: 'kvDeletedGroup',
    paged: {
      noun: 'deleted secrets',
      list: (lists, n) => lists.deleted(n.vault),
      peek: (lists, n) => lists.existing.deleted(n.vault),
      rows: (lists, n, filter) =>
        lists
          .deleted(n.vault)
          .items.filter((d) => matchesFilter(d, filter))
          .map((d) => ({
            kind: 'deletedSecret',
            id: deletedSecretId(n.parentId, d.name),
            parentId: n.id,
            vault: n.vault,
            deleted: d,
          })),
      empty: (hidden) =>
        hidden ? ['noMatches', t('No deleted secrets match the filter')] : ['noDeleted', t('No deleted secrets')],
      filtered: () => t('deleted secrets'),
    },
    refresh: (model, n) => model.refreshDeleted(n.vault),
  },
  deletedSecret: {
    context: 'kvDeletedSecret',
    latest: (lists, n) => {
      const deleted = lists.existing.deleted(n.vault)?.find(n.deleted.name);
      return deleted === undefined || deleted === n.deleted ? n : { ...n, deleted };
    },
    refresh: (model, n) => model.refreshDeleted(n.vault),
  },
  secret: {
    context: 'kvSecret',
    paged: {
      noun: 'versions',
      list: (lists, n) => lists.versions(n.vault, n.secret.name),
      peek: (lists, n) => lists.existing.versions(n.vault, n.secret.name),
      rows: (lists, n) => {
        const versions = [...lists.versions(n.vault, n.secret.name).items].sort(compareNewestFirst);
        const sharing = versionsSharingADay(versions);
        return versions.map((v, i) => ({
          kind: 'version',
          id: versionId(n.id, v.version),
          parentId: n.id,
          vault: n.vault,
          version: v,
          current: i === 0,
          sharesDay: sharing.has(v),
        }));
      },
      empty: () => ['noVersions', t('No versions')],
    },
    refresh: (model, n) => model.refreshSecret(n.vault, n.secret.name),
    latest: (lists, n) => {
      const secret = lists.existing.secrets(n.vault)?.find(n.secret.name);
      return secret === undefined || secret === n.secret ? n : { ...n, secret };
    },
  },
  version: {
    context: 'kvVersion',
    latest: (lists, n) => {
      const version = lists.existing.versions(n.vault, n.version.name)?.find(n.version.version);
      return version === undefined || version === n.version ? n : { ...n, version };
    },
    refresh: (model, n) => model.refreshSecret(n.vault, n.version.name),
  },
  ...OBJECT_KINDS,
  loadMore: { context: 'kvLoadMore', refresh: refreshEverything },
  error: { context: 'kvError', refresh: refreshEverything },
  message: { context: 'kvMessage', refresh: refreshEverything },
};

/** The table row of a node, typed for that node. */
export function kindOf<N extends TreeNode>(node: N): KindRow<N> {
  return KINDS[node.kind] as unknown as KindRow<N>;
}

/**
 * `kvSecret;disabled;managed;`: the kind first, then the flags sorted and de-duplicated, each followed by `;`.
 * So `viewItem =~ /^kvSecret;/` matches the kind and `viewItem =~ /;disabled;/` a flag.
 */
export function contextValueOf(kind: NodeKind, flags: Iterable<string>): string {
  const sorted = [...new Set(flags)].filter((f) => f.length > 0).sort();
  return [KINDS[kind].context, ...sorted].join(';') + ';';
}

/** The flags of a contextValue built by contextValueOf (the kind is not a flag). */
export function parseContextValue(value: string): { readonly kind: string; readonly flags: readonly string[] } {
  const parts = value.split(';').filter((p) => p.length > 0);
  return { kind: parts[0] ?? '', flags: parts.slice(1) };
}

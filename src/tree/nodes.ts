// The Key Vault tree's nodes: plain data, one discriminated union, no `vscode`.
// Commands receive these as their first argument. Nodes carry properties, never secret values.
//
// Ids are stable and built from the vault URL and names, so expansion and selection survive a refresh:
//   subscription      sub:<subscriptionId>
//   added vaults      added
//   vault             vault:<group>:<vaultKey>          (group = subscription id, or "added")
//   deleted group     <vaultId>/deleted
//   deleted secret    <vaultId>/deleted/<name>
//   secret            <vaultId>/secrets/<name>
//   version           <vaultId>/secrets/<name>/<version>
//   load more         <parentId>/#more
//   error             <parentId>/#error
//   message           <parentId or "root">/#message/<code>

import type { DeletedSecret, SecretSummary, SecretVersion, Subscription, VaultRef } from '../vault/model';
import type { FailureKind } from '../vault/model';

export interface SubscriptionNode {
  readonly kind: 'subscription';
  readonly id: string;
  readonly parentId?: undefined;
  readonly subscription: Subscription;
}

/** The "Added vaults" group: vaults added by URL (emulators included). */
export interface VaultGroupNode {
  readonly kind: 'vaultGroup';
  readonly id: string;
  readonly parentId?: undefined;
}

export interface VaultNode {
  readonly kind: 'vault';
  readonly id: string;
  readonly parentId: string;
  readonly vault: VaultRef;
}

export interface DeletedGroupNode {
  readonly kind: 'deletedGroup';
  readonly id: string;
  readonly parentId: string;
  readonly vault: VaultRef;
}

export interface DeletedSecretNode {
  readonly kind: 'deletedSecret';
  readonly id: string;
  readonly parentId: string;
  readonly vault: VaultRef;
  readonly deleted: DeletedSecret;
}

export interface SecretNode {
  readonly kind: 'secret';
  readonly id: string;
  readonly parentId: string;
  readonly vault: VaultRef;
  readonly secret: SecretSummary;
}

export interface VersionNode {
  readonly kind: 'version';
  readonly id: string;
  readonly parentId: string;
  readonly vault: VaultRef;
  readonly version: SecretVersion;
  /** The newest version: what a read without a version returns. */
  readonly current: boolean;
}

/** Nodes whose children are a paged list. */
export type ParentNode = SubscriptionNode | VaultGroupNode | VaultNode | DeletedGroupNode | SecretNode;

/** The paging row at the end of a list that has more pages. */
export interface LoadMoreNode {
  readonly kind: 'loadMore';
  readonly id: string;
  readonly parentId: string;
  /** How many items are loaded so far. */
  readonly loadedCount: number;
  readonly loading: boolean;
}

/** A failed list, shown where the list would be, with a Retry action. */
export interface ErrorNode {
  readonly kind: 'error';
  readonly id: string;
  readonly parentId: string;
  /** Short plain-words reason (the label). */
  readonly message: string;
  /** What to do about it (the tooltip), may repeat the service's message. */
  readonly detail: string;
  readonly failureKind: FailureKind;
  /** The first page failed (Retry reloads the list) or a later page (Retry loads that page again). */
  readonly phase: 'first' | 'more';
}

export type MessageCode = 'signIn' | 'noSecrets' | 'noDeleted' | 'noVersions' | 'noVaults' | 'noMatches' | 'noSubscriptions';

/** An informational row (empty list, sign-in hint). `command` runs on click when present. */
export interface MessageNode {
  readonly kind: 'message';
  readonly id: string;
  readonly parentId?: string;
  readonly code: MessageCode;
  readonly text: string;
}

export type TreeNode =
  | SubscriptionNode
  | VaultGroupNode
  | VaultNode
  | DeletedGroupNode
  | DeletedSecretNode
  | SecretNode
  | VersionNode
  | LoadMoreNode
  | ErrorNode
  | MessageNode;

export type NodeKind = TreeNode['kind'];

export const ADDED_GROUP_ID = 'added';

export function subscriptionId(subscriptionIdValue: string): string {
  return `sub:${subscriptionIdValue}`;
}

/** The id of a vault node under its group (a subscription, or the added-vaults group). */
export function vaultNodeId(vault: VaultRef): string {
  const group = vault.source === 'discovered' && vault.subscriptionId ? vault.subscriptionId : 'added';
  return `vault:${group}:${vault.key}`;
}

export function vaultParentId(vault: VaultRef): string {
  return vault.source === 'discovered' && vault.subscriptionId ? subscriptionId(vault.subscriptionId) : ADDED_GROUP_ID;
}

export function deletedGroupId(vaultId: string): string {
  return `${vaultId}/deleted`;
}

export function deletedSecretId(vaultId: string, name: string): string {
  return `${vaultId}/deleted/${name}`;
}

export function secretId(vaultId: string, name: string): string {
  return `${vaultId}/secrets/${name}`;
}

export function versionId(secretNodeId: string, version: string): string {
  return `${secretNodeId}/${version}`;
}

export function loadMoreId(parentId: string): string {
  return `${parentId}/#more`;
}

export function errorId(parentId: string): string {
  return `${parentId}/#error`;
}

export function messageId(parentId: string | undefined, code: MessageCode): string {
  return `${parentId ?? 'root'}/#message/${code}`;
}

/**
 * The tree caches a vault's lists per connection: the URL plus how it is reached (emulator, CA, tenant), as the
 * vault layer keys its clients. Two rows of one vault reached the same way share their lists.
 */
export function connectionKey(vault: VaultRef): string {
  return `${vault.key}|${vault.emulator === true ? 'emulator' : 'azure'}|${vault.caFile ?? ''}|${vault.tenantId ?? ''}`;
}

/** The vault URL key a connection key was built from. */
export function vaultKeyOfConnection(connection: string): string {
  const bar = connection.indexOf('|');
  return bar < 0 ? connection : connection.slice(0, bar);
}

/** Key of a secret's version list in the tree's caches. */
export function secretKey(connection: string, name: string): string {
  return `${connection}\n${name}`;
}

/** The vault key a node belongs to, when it belongs to one. */
export function vaultKeyOf(node: TreeNode): string | undefined {
  switch (node.kind) {
    case 'vault':
    case 'deletedGroup':
    case 'deletedSecret':
    case 'secret':
    case 'version':
      return node.vault.key;
    default:
      return undefined;
  }
}

/** Short type names for the `contextValue` (menus match `viewItem =~ /^kvSecret;/` and `/;disabled;/`). */
export const CONTEXT_KIND: Readonly<Record<NodeKind, string>> = {
  subscription: 'kvSubscription',
  vaultGroup: 'kvVaultGroup',
  vault: 'kvVault',
  deletedGroup: 'kvDeletedGroup',
  deletedSecret: 'kvDeletedSecret',
  secret: 'kvSecret',
  version: 'kvVersion',
  loadMore: 'kvLoadMore',
  error: 'kvError',
  message: 'kvMessage',
};

/**
 * `kvSecret;disabled;managed;`: the kind first, then the flags sorted and de-duplicated, each followed by `;`.
 * So `viewItem =~ /^kvSecret;/` matches the kind and `viewItem =~ /;disabled;/` a flag.
 */
export function contextValueOf(kind: NodeKind, flags: Iterable<string>): string {
  const sorted = [...new Set(flags)].filter((f) => f.length > 0).sort();
  return [CONTEXT_KIND[kind], ...sorted].join(';') + ';';
}

/** The flags of a contextValue built by contextValueOf (the kind is not a flag). */
export function parseContextValue(value: string): { readonly kind: string; readonly flags: readonly string[] } {
  const parts = value.split(';').filter((p) => p.length > 0);
  return { kind: parts[0] ?? '', flags: parts.slice(1) };
}

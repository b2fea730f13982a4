// The Key Vault tree's nodes: plain data, one discriminated union, no `vscode`.
// Commands receive these as their first argument. Nodes carry properties, never secret values.
//
// Ids are stable and built from the vault URL and names, so expansion and selection survive a refresh:
//   tenant            tenant:<accountId>/<tenantId>   (only when there are several tenants, or one needs attention)
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

import type { DeletedObjectGroupNode, ObjectGroupNode, ObjectNode, ObjectTreeNode } from './objectNodes';
import type { DeletedSecret, SecretSummary, SecretVersion, Subscription, Tenant, VaultRef } from '../vault/model';
import type { FailureKind } from '../vault/model';
import type { AccessModel, DeniedRequest } from '../vault/KeyVaultFailure';

/**
 * A tenant of a signed-in account: its subscriptions below it (ready), a "Sign in to …" row (signInNeeded, clicked to
 * sign in), or what failed and what to do (failed).
 */
export interface TenantNode {
  readonly kind: 'tenant';
  readonly id: string;
  readonly parentId?: undefined;
  readonly tenant: Tenant;
}

export interface SubscriptionNode {
  readonly kind: 'subscription';
  readonly id: string;
  /** The tenant row above it, when tenants are shown. */
  readonly parentId?: string;
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
  /** Another version of the secret was created the same day: the row shows the time too. */
  readonly sharesDay?: boolean;
}

/** Nodes whose children are a paged list. */
export type ParentNode =
  | SubscriptionNode
  | VaultGroupNode
  | VaultNode
  | DeletedGroupNode
  | SecretNode
  | ObjectGroupNode
  | DeletedObjectGroupNode
  | ObjectNode;

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
  /** A refused (403) list: what was refused and by which access model, so the row can offer the fix. */
  readonly denied?: DeniedRequest;
  readonly accessModel?: AccessModel;
}

export type MessageCode =
  | 'signIn'
  | 'noSecrets'
  | 'noDeleted'
  | 'noVersions'
  | 'noVaults'
  | 'noMatches'
  | 'noObjects'
  | 'noSubscriptions'
  /** The subscriptions follow the Azure Resources extension's selection (clicked: Select Subscriptions). */
  | 'selection';

/** An informational row (empty list, sign-in hint). `command` runs on click when present. */
export interface MessageNode {
  readonly kind: 'message';
  readonly id: string;
  readonly parentId?: string;
  readonly code: MessageCode;
  readonly text: string;
}

export type TreeNode =
  | TenantNode
  | SubscriptionNode
  | VaultGroupNode
  | VaultNode
  | DeletedGroupNode
  | DeletedSecretNode
  | SecretNode
  | VersionNode
  | LoadMoreNode
  | ErrorNode
  | MessageNode
  | ObjectTreeNode;

export type NodeKind = TreeNode['kind'];

export const ADDED_GROUP_ID = 'added';

export function tenantNodeId(tenant: Pick<Tenant, 'tenantId' | 'account'>): string {
  return `tenant:${tenant.account?.id ?? ''}/${tenant.tenantId}`;
}

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

/** Key of a secret's version list in the tree's caches. */
export function secretKey(connection: string, name: string): string {
  return `${connection}\n${name}`;
}

// The rows the tree model builds itself (not items of a list): error rows, message rows, subscription and tenant
// rows, the children of a paged parent from what its list holds, and the counts a row shows of its list.
// Pure (no `vscode`), no request.

import { t } from '../shared/l10n';
import type { Subscription, Tenant } from '../vault/model';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import { failureText, type ListWhat } from './failureText';
import type { SecretFilter } from './filter';
import type { PagedRow } from './nodeKinds';
import {
  errorId,
  loadMoreId,
  messageId,
  subscriptionId,
  type ErrorNode,
  type MessageCode,
  type MessageNode,
  type SubscriptionNode,
  type TenantNode,
  type TreeNode,
} from './nodes';
import type { TreeLists } from './TreeLists';

export function errorNode(parentId: string, error: unknown, what: ListWhat, phase: 'first' | 'more'): ErrorNode {
  const text = failureText(error, what);
  return {
    kind: 'error',
    id: errorId(parentId),
    parentId,
    message: text.message,
    detail: text.detail,
    failureKind: text.kind,
    phase,
    ...(isKeyVaultFailure(error) && error.kind === 'forbidden' && error.denied !== undefined
      ? { denied: error.denied, ...(error.accessModel !== undefined ? { accessModel: error.accessModel } : {}) }
      : {}),
  };
}

export function messageNode(parentId: string | undefined, code: MessageCode, text: string): MessageNode {
  return parentId === undefined
    ? { kind: 'message', id: messageId(undefined, code), code, text }
    : { kind: 'message', id: messageId(parentId, code), parentId, code, text };
}

export function subscriptionNode(s: Subscription, parentId?: string): SubscriptionNode {
  const id = subscriptionId(s.subscriptionId);
  return parentId === undefined
    ? { kind: 'subscription', id, subscription: s }
    : { kind: 'subscription', id, parentId, subscription: s };
}

/** Tenants get rows of their own when there are several, or when the one tenant needs a sign-in (never skipped). */
export function showTenants(tenants: readonly Tenant[]): boolean {
  return tenants.length > 1 || tenants.some((tenant) => tenant.state === 'signInNeeded');
}

/** A tenant row's children: its subscriptions, the failure with what to do, or nothing until its sign-in. */
export function tenantChildren(node: TenantNode): TreeNode[] {
  const tenant = node.tenant;
  if (tenant.state === 'failed') return [errorNode(node.id, tenant.failure, 'subscriptions', 'first')];
  if (tenant.state === 'signInNeeded') return [];
  if (tenant.subscriptions.length === 0)
    return [messageNode(node.id, 'noSubscriptions', t('No subscriptions selected in this tenant'))];
  return tenant.subscriptions.map((s) => subscriptionNode(s, node.id));
}

/** The children of a paged parent from what is loaded: lead rows, filtered items, then Load more or an error. */
export function pagedChildren(
  paged: PagedRow<TreeNode>,
  lists: TreeLists,
  parent: TreeNode,
  activeFilter: SecretFilter | undefined,
): TreeNode[] {
  const list = paged.list(lists, parent);
  const failure = list.error;
  if (failure?.phase === 'first') return [errorNode(parent.id, failure.error, paged.noun, 'first')];
  const filter = paged.filtered ? activeFilter : undefined;
  const rows = paged.rows(lists, parent, filter);
  const out = [...(paged.lead?.(parent, lists) ?? []), ...rows];
  if (rows.length === 0 && !list.hasMore && !failure) {
    const [code, text] = paged.empty(filter !== undefined && list.items.length > 0);
    out.push(messageNode(parent.id, code, text));
  }
  if (failure?.phase === 'more') {
    out.push(errorNode(parent.id, failure.error, paged.noun, 'more'));
  } else if (list.hasMore) {
    out.push({
      kind: 'loadMore',
      id: loadMoreId(parent.id),
      parentId: parent.id,
      loadedCount: list.items.length,
      loading: list.loading,
    });
  }
  return out;
}

/** What the model knows about a node's list, for its row. */
export interface ListInfo {
  /** Its list is loading (a spinner replaces the icon). */
  readonly loading: boolean;
  /** Its list has more pages. */
  readonly hasMore: boolean;
  /** Items loaded so far, when loaded. */
  readonly loaded?: number;
  /** Items matching the active filter, when a filter is active and the list is loaded. */
  readonly matching?: number;
  /** Certificate-backed secrets loaded but hidden by the toggle (vault rows; absent when none). */
  readonly hiddenManaged?: number;
}

/** Loading state and counts of a paged node's list, for its row. */
export function listInfo(
  paged: PagedRow<TreeNode>,
  lists: TreeLists,
  node: TreeNode,
  filter: SecretFilter | undefined,
): ListInfo {
  const list = paged.peek(lists, node);
  if (!list) return { loading: false, hasMore: false };
  const loaded = list.settled && !list.error ? list.items.length : undefined;
  const matching =
    loaded !== undefined && filter && paged.filtered ? paged.rows(lists, node, filter).length : undefined;
  const hiddenManaged =
    node.kind === 'vault' && !lists.showManaged ? lists.secrets(node.vault).items.filter((s) => s.managed).length : 0;
  return {
    loading: list.loading,
    hasMore: list.hasMore,
    ...(loaded !== undefined ? { loaded } : {}),
    ...(matching !== undefined ? { matching } : {}),
    ...(hiddenManaged > 0 ? { hiddenManaged } : {}),
  };
}

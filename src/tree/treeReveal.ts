// Finding a row for a reveal (Find, a reference's Show in tree): the tree is walked from the root as the view
// would walk it, so the rows found are the ones the view holds; lists already loaded cost no request.

import type { VaultRef } from '../vault/model';
import { secretId, vaultNodeId, vaultParentId, type SecretNode, type VaultNode } from './nodes';
import type { TreeModel } from './TreeModel';

/** What a reveal walks through: the model's children, its Load more and its lists. */
export type RevealSource = Pick<TreeModel, 'children' | 'loadMore' | 'lists'>;

/** The row of a vault under its group (no request for lists already loaded). */
export async function vaultRow(model: RevealSource, vault: VaultRef): Promise<VaultNode | undefined> {
  const root = await model.children();
  let group = root.find((n) => n.id === vaultParentId(vault));
  // Tenants shown: the subscription is below its tenant's row (no request: the tenants are loaded with the root).
  for (const tenant of root) {
    if (group !== undefined) break;
    if (tenant.kind === 'tenant') group = (await model.children(tenant)).find((n) => n.id === vaultParentId(vault));
  }
  return (
    group &&
    (await model.children(group)).find((n): n is VaultNode => n.kind === 'vault' && n.id === vaultNodeId(vault))
  );
}

/**
 * The row of a secret: shows the vault's row under its group and loads pages of its secrets until the secret is
 * there, at most `maxPages` more. Undefined when the vault is not in the tree, the secret is not in it, or the
 * active filter hides it. `row`: the vault's row when the caller has it already.
 */
export async function secretRow(
  model: RevealSource,
  vault: VaultRef,
  name: string,
  maxPages: number,
  row: VaultNode | undefined,
): Promise<SecretNode | undefined> {
  const node = row ?? (await vaultRow(model, vault));
  if (!node) return undefined;
  const id = secretId(node.id, name);
  const list = model.lists.secrets(node.vault);
  for (let rows = await model.children(node), pages = 0; ; pages++) {
    const found = rows.find((n): n is SecretNode => n.id === id);
    if (found || !list.hasMore || pages >= maxPages) return found;
    await model.loadMore(node);
    rows = await model.children(node);
  }
}

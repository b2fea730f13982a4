// The rows the view holds: the node object last handed out for each id (VS Code knows a row by that object, so a
// change event must carry it), which rows are expanded, and the change events. Pure (no `vscode`).

import type { VaultRef } from '../vault/model';
import { connectionKey } from '../vault/connectionKey';
import type { SecretNode, TreeNode, VaultNode } from './nodes';

export class RenderedRows {
  /** The node objects last handed out, by id (change events must carry these exact objects). */
  private readonly byId = new Map<string, TreeNode>();
  private readonly expanded = new Set<string>();

  constructor(
    private readonly changed: (nodes: readonly TreeNode[]) => void,
    /** Rows of a vault removed from the tree: never handed out again, never in a change event. */
    private readonly removedTest: () => (id: string) => boolean,
  ) {}

  /** The node with this id, as last shown. */
  get(id: string): TreeNode | undefined {
    return this.byId.get(id);
  }

  /** Hands these rows out: each the object already handed out for its id (brought up to date), else the new one. */
  handOut(children: readonly TreeNode[]): TreeNode[] {
    const out = children.map((c) => this.known(c));
    for (const c of out) this.byId.set(c.id, c);
    return out;
  }

  /**
   * One object per row: the one already handed out for this id, brought up to date, else the new one. VS Code knows
   * a row by the object it was given and ignores a change event carrying another one, and the rows are also listed
   * by others (a reveal walking to its row, Find, tests): a new object each time made the next change of that row (a
   * page loaded for the reveal) reach nobody, and the view keep rows it no longer had.
   */
  private known(fresh: TreeNode): TreeNode {
    const known = this.byId.get(fresh.id);
    if (known === undefined || known === fresh || known.kind !== fresh.kind) return fresh;
    const fields = known as unknown as Record<string, unknown>;
    for (const k of Object.keys(fields)) if (!Object.hasOwn(fresh, k)) delete fields[k];
    Object.assign(fields, fresh);
    return known;
  }

  setExpanded(node: TreeNode, expanded: boolean): void {
    if (expanded) this.expanded.add(node.id);
    else this.expanded.delete(node.id);
  }

  isExpanded(node: TreeNode): boolean {
    return this.expanded.has(node.id);
  }

  /** Forgets the rows that pass `removed` (a vault taken out of the tree). */
  forget(removed: (id: string) => boolean): void {
    for (const id of this.byId.keys()) if (removed(id)) this.byId.delete(id);
  }

  where<N extends TreeNode>(test: (n: TreeNode) => n is N): N[];
  where(test: (n: TreeNode) => boolean): TreeNode[];
  where(test: (n: TreeNode) => boolean): TreeNode[] {
    return [...this.byId.values()].filter(test);
  }

  /** The rows shown for one secret of a vault (under any of its rows). */
  secrets(vault: VaultRef, name: string): SecretNode[] {
    const connection = connectionKey(vault);
    return this.where(
      (n): n is SecretNode => n.kind === 'secret' && n.secret.name === name && connectionKey(n.vault) === connection,
    );
  }

  /** The rows shown for a vault's connection. */
  vaults(connection: string): VaultNode[] {
    return this.where((n): n is VaultNode => n.kind === 'vault' && connectionKey(n.vault) === connection);
  }

  /** Fires a change for these nodes (the objects the view holds), each once; never for rows of a removed vault. */
  fire(nodes: readonly TreeNode[]): void {
    const seen = new Map<string, TreeNode>();
    const removed = this.removedTest();
    for (const n of nodes) if (!seen.has(n.id) && !removed(n.id)) seen.set(n.id, this.byId.get(n.id) ?? n);
    if (seen.size > 0) this.changed([...seen.values()]);
  }
}

// The Key Vault tree's model: the coordinator of the tree's parts. It answers the view (children, rows' counts),
// keeps the filter and the sort, and hands the rest to its parts: the root and its welcome (TreeRoot.ts), the rows
// the view holds and their change events (RenderedRows.ts), filling lists (TreeFill.ts), refresh and targeted
// refresh (TreeRefresh.ts), and finding a row for a reveal (treeReveal.ts). Request de-duplication is PagedList's.
// Pure (no `vscode`): the view side is the TreeSurface it is given. Nothing loads until a node's children are
// asked for; a failed list is a row, never a popup. Node kinds dispatch through nodeKinds.ts.

import type { ObjectKind } from '../vault/objectModel';
import type { SecretVersion, VaultRef, VaultService } from '../vault/model';
import { t } from '../shared/l10n';
import type { Schedule } from './ChangeThrottle';
import { whatText } from './failureText';
import { formatFilter, type SecretFilter } from './filter';
import { kindOf, type PagedRow } from './nodeKinds';
import type { ErrorNode, LoadMoreNode, ParentNode, SecretNode, TreeNode, VaultNode } from './nodes';
import type { SecretSort } from './secretSort';
import { TreeLists, type AnyList } from './TreeLists';
import { AddedVaultRows } from './addedVaultRows';
import { RenderedRows } from './RenderedRows';
import { TreeFill, type FillTarget } from './TreeFill';
import type { TreeSurface } from './treeSurface';
import { TreeRefresh } from './TreeRefresh';
import { secretRow, vaultRow } from './treeReveal';
import { TreeRoot } from './TreeRoot';
import { errorNode, listInfo, pagedChildren, type ListInfo } from './treeRows';
import type { WelcomeState } from './welcomeState';

export type { WelcomeState } from './welcomeState';
export type { ProgressTask, TreeSurface } from './treeSurface';
export type { ListInfo } from './treeRows';

export interface TreeModelOptions {
  readonly service: VaultService;
  readonly host: TreeSurface;
  /** How long the silent sign-in check may take before the tree treats the user as signed out. */
  readonly signInTimeoutMs?: number;
  /** While a list loads all its pages, at most one change event per this many ms (default 250). */
  readonly throttleMs?: number;
  readonly schedule?: Schedule;
  /** How many lists a filter fills at once (default 4). */
  readonly fillConcurrency?: number;
}

export class TreeModel {
  readonly lists: TreeLists;
  /** A view shows the tree: a refresh re-fetches only lists under expanded nodes (else every loaded one). */
  attached = false;

  private readonly host: TreeSurface;
  private filterValue: SecretFilter | undefined;
  private readonly added: AddedVaultRows;
  private readonly rows: RenderedRows;
  private readonly root: TreeRoot;
  private readonly filling: TreeFill;
  private readonly refresh: TreeRefresh;

  constructor(private readonly options: TreeModelOptions) {
    this.host = options.host;
    this.lists = new TreeLists(options.service);
    this.added = new AddedVaultRows(() => options.service.addedVaults());
    this.rows = new RenderedRows(
      (nodes) => this.host.changed(nodes),
      () => this.added.removedTest(),
    );
    this.root = new TreeRoot({ ...options, lists: this.lists, added: this.added });
    this.filling = new TreeFill(this.host, this.rows, {
      throttleMs: options.throttleMs ?? 250,
      ...(options.schedule !== undefined ? { schedule: options.schedule } : {}),
      concurrency: options.fillConcurrency ?? 4,
      filter: () => this.filterValue,
    });
    this.refresh = new TreeRefresh(this.lists, this.host, this.rows, this.filling, {
      attached: () => this.attached,
      filter: () => this.filterValue,
    });
  }

  dispose(): void {
    this.filling.dispose();
  }

  // ---------------------------------------------------------------- what the view reads

  get filter(): SecretFilter | undefined {
    return this.filterValue;
  }

  get welcomeState(): WelcomeState | undefined {
    return this.root.welcome;
  }

  /** The node with this id, as last shown. */
  findNode(id: string): TreeNode | undefined {
    return this.rows.get(id);
  }

  parentOf(node: TreeNode): TreeNode | undefined {
    return node.parentId === undefined ? undefined : this.rows.get(node.parentId);
  }

  setExpanded(node: TreeNode, expanded: boolean): void {
    this.rows.setExpanded(node, expanded);
  }

  addedVaults(): readonly VaultRef[] {
    return this.options.service.addedVaults();
  }

  /** The children of a node (the root when undefined). Never rejects: an unexpected failure is an error row. */
  async children(node?: TreeNode): Promise<TreeNode[]> {
    let children: TreeNode[];
    try {
      children = await this.childrenOf(node);
    } catch (e) {
      children = [errorNode(node?.id ?? 'root', e, 'secrets', 'first')];
    }
    if (node !== undefined && this.added.removedTest()(node.id)) return []; // removed while its answer was on its way
    return this.rows.handOut(children);
  }

  /** The node with the properties its list holds now (a row re-rendered from an older object shows these). */
  latest<N extends TreeNode>(node: N): N {
    return kindOf(node).latest?.(this.lists, node) ?? node;
  }

  /** Loading state and counts of the node's list, for its row. */
  listInfo(node: TreeNode): ListInfo | undefined {
    const paged = kindOf(node).paged;
    return paged ? listInfo(paged, this.lists, node, this.filterValue) : undefined;
  }

  // ---------------------------------------------------------------- refresh (TreeRefresh.ts)

  /** Everything: sign-in state, subscriptions, vaults and all lists. */
  refreshAll(): void {
    this.root.forgetSignIn();
    this.lists.clear();
    this.filling.stopped.clear();
    this.host.changed(undefined);
  }

  /** The Refresh action on a row: re-fetches that row's list only (everything without a row). */
  refreshNode(node: TreeNode | undefined): Promise<void> {
    if (node === undefined) {
      this.refreshAll();
      return Promise.resolve();
    }
    return kindOf(node).refresh(this, node);
  }

  /** Re-fetches the vault's secret list (the deleted group and versions reload when next shown). */
  readonly refreshVault = (vault: VaultRef | string): Promise<void> => this.refresh.vault(vault);

  /** Re-fetches the deleted secrets of the vault, if they were shown. */
  readonly refreshDeleted = (vault: VaultRef | string): Promise<void> => this.refresh.deleted(vault);

  /** Re-fetches one secret's versions and updates its row (the vault is not listed again). */
  readonly refreshSecret = (vault: VaultRef | string, name: string): Promise<void> => this.refresh.secret(vault, name);

  /** A change whose result the caller already has: the secret's rows show it without a request. */
  readonly secretUpdated = (vault: VaultRef | string, current: SecretVersion): void =>
    this.refresh.secretUpdated(vault, current);

  /** A secret the service confirmed deleted: its row leaves its vault's list without a request. */
  readonly secretRemoved = (vault: VaultRef | string, name: string): void => this.refresh.secretRemoved(vault, name);

  /** A vault's certificates or keys changed: their groups, deleted items and versions list again where shown. */
  async objectsChanged(vault: VaultRef, kind: ObjectKind): Promise<void> {
    const shown = this.rows.where(
      (n) =>
        (n.kind === 'objectGroup' || n.kind === 'deletedObjectGroup' || n.kind === 'object') &&
        n.vault.key === vault.key &&
        (n.kind === 'object' ? n.item.kind : n.objectKind) === kind,
    );
    this.lists.objects.invalidateVault(vault, kind);
    await Promise.all(shown.map((n) => this.refreshNode(n)));
  }

  /** Invalidates a list and re-fetches its first page now when a parent is expanded (else when next shown). */
  readonly reload = (list: AnyList, parents: readonly TreeNode[]): Promise<void> => this.refresh.reload(list, parents);

  // ---------------------------------------------------------------- paging

  /** Loads the next page of a list: `node` is the Load more row or the parent itself. Returns the first new row. */
  async loadMore(node: LoadMoreNode | ParentNode): Promise<TreeNode | undefined> {
    const target = this.pagedTarget(node);
    if (!target) return undefined;
    const { parent, list } = target;
    const before = this.visibleChildren(parent).length;
    const load = list.loadMore(true);
    this.fire([parent]);
    await this.host.inView(load);
    this.fire([parent]);
    return this.firstNew(parent, before);
  }

  /** Loads every remaining page of a list under a cancellable notification. Returns the first new row. */
  async loadAll(node: LoadMoreNode | ParentNode): Promise<TreeNode | undefined> {
    const target = this.pagedTarget(node);
    if (!target) return undefined;
    const before = this.visibleChildren(target.parent).length;
    // pagedTarget() returns only paged parents, so the noun is always there.
    const noun = kindOf(target.parent).paged?.noun;
    await this.filling.fill([target], noun ? t('Loading all {0}', whatText(noun)) : t('Loading all'), true);
    return this.firstNew(target.parent, before);
  }

  /** Retries the list an error row stands for. */
  async retry(node: ErrorNode): Promise<void> {
    if (node.parentId === 'root') {
      this.refreshAll();
      return;
    }
    const parent = this.rows.get(node.parentId);
    if (parent?.kind === 'tenant') {
      // A tenant that failed: list the tenants again (the others' rows come back from the same listing).
      this.onSignInChanged();
      return;
    }
    const list = parent ? kindOf(parent).paged?.list(this.lists, parent) : undefined;
    if (!parent || !list) return;
    const load = list.loadMore(true); // after a failure this retries the failed page; a sign-in prompt is allowed
    this.fire([parent]);
    await this.host.inView(load);
    this.fire([parent]);
  }

  // ---------------------------------------------------------------- filter

  /** Sets (or clears, with undefined) the filter; lists already shown load their remaining pages. */
  async setFilter(filter: SecretFilter | undefined): Promise<void> {
    this.filterValue = filter;
    this.filling.stopped.clear();
    this.host.filterChanged(filter);
    const parents = this.rows.where((n) => kindOf(n).paged?.filtered !== undefined);
    if (filter) {
      const targets: FillTarget[] = [];
      for (const parent of parents) {
        const list = kindOf(parent).paged?.list(this.lists, parent);
        if (list?.settled && list.hasMore && !targets.some((target) => target.list === list))
          targets.push({ list, parent });
      }
      if (targets.length > 0) await this.filling.fill(targets, t('Filtering by "{0}"', formatFilter(filter)), true);
    }
    this.fire(parents);
  }

  clearFilter(): Promise<void> {
    return this.setFilter(undefined);
  }

  // ---------------------------------------------------------------- sort and certificate-backed secrets

  get secretOrder(): SecretSort {
    return this.lists.secretOrder;
  }

  /** Orders every vault's secret rows (no request): the vaults shown re-render. */
  setSecretOrder(order: SecretSort): void {
    if (order !== this.lists.secretOrder) this.rerenderVaults(() => (this.lists.secretOrder = order));
  }

  get showManaged(): boolean {
    return this.lists.showManaged;
  }

  /** Shows or hides certificate-backed secrets in every vault (no request): the vaults shown re-render. */
  setShowManaged(show: boolean): void {
    if (show !== this.lists.showManaged) this.rerenderVaults(() => (this.lists.showManaged = show));
  }

  private rerenderVaults(change: () => void): void {
    change();
    this.fire(this.rows.where((n) => n.kind === 'vault'));
  }

  // ---------------------------------------------------------------- locate (find, reveal: treeReveal.ts)

  /** The row of a vault under its group, walking the tree from the root as the view would (no request for lists already loaded). */
  vaultRow(vault: VaultRef): Promise<VaultNode | undefined> {
    return vaultRow(this, vault);
  }

  /**
   * The row of a secret, for a reveal: loads pages of its vault's secrets until the secret is there, at most
   * `maxPages` more. Undefined when it is not in the tree or the active filter hides it.
   */
  secretRow(vault: VaultRef, name: string, maxPages = 40, row?: VaultNode): Promise<SecretNode | undefined> {
    return secretRow(this, vault, name, maxPages, row);
  }

  // ---------------------------------------------------------------- outside changes

  /** Config changed: re-render from what is loaded (no network unless sign-in state is unknown). */
  rerender(): void {
    this.host.changed(undefined);
  }

  /**
   * The added vaults may have changed (one write of the setting brings both the settings event and the command that
   * wrote it here): re-renders once, only when they differ from what the tree last showed or announced. Every
   * re-render of the whole tree makes VS Code forget the rows' handles until it has listed them again, and a
   * context-menu command on a row in that window gets no argument: a second re-render for the same write used to
   * swallow the Remove of the next vault.
   */
  addedVaultsChanged(): void {
    if (!this.added.changed()) return;
    this.rows.forget(this.added.removedTest());
    this.host.changed(undefined);
  }

  /** After a sign-in or sign-out: ask for the state again and re-list subscriptions. */
  onSignInChanged(): void {
    this.root.forgetSignIn();
    this.lists.clearDiscovery();
    this.host.changed(undefined);
  }

  /** Fires a change for these nodes (the objects the view holds), each once; never for rows of a removed vault. */
  fire(nodes: readonly TreeNode[]): void {
    this.rows.fire(nodes);
  }

  // ---------------------------------------------------------------- children

  private async childrenOf(node: TreeNode | undefined): Promise<TreeNode[]> {
    if (node === undefined) return this.root.children();
    const row = kindOf(node);
    if (row.children) return row.children(this, node);
    if (!row.paged) return [];
    await this.ensureLoaded(row.paged, node);
    return this.visibleChildren(node);
  }

  /** The children of a paged parent from what is loaded. */
  private visibleChildren(parent: TreeNode): TreeNode[] {
    const paged = kindOf(parent).paged;
    return paged ? pagedChildren(paged, this.lists, parent, this.filterValue) : [];
  }

  /** First page (or, with a filter on a list it applies to, every page, cancellable). */
  private async ensureLoaded(paged: PagedRow<TreeNode>, parent: TreeNode): Promise<void> {
    const list = paged.list(this.lists, parent);
    if (!list.settled || list.loadingPhase === 'first') await this.host.inView(list.ensureFirstPage());
    // The last subscription found empty: the root now shows the "no vaults" welcome instead of its rows.
    if (parent.kind === 'subscription' && this.root.becameEmpty()) this.rerender();
    const filter = this.filterValue;
    // A fill already running for this list is joined (fill() does), so this expand too shows every match.
    if (filter && paged.filtered && list.hasMore && !this.filling.stopped.has(list)) {
      await this.filling.fill(
        [{ list, parent }],
        t('Filtering {0} by "{1}"', paged.filtered(parent), formatFilter(filter)),
        false,
      );
    }
  }

  private pagedTarget(node: LoadMoreNode | ParentNode): FillTarget | undefined {
    const parent = node.kind === 'loadMore' ? this.rows.get(node.parentId) : node;
    const list = parent ? kindOf(parent).paged?.list(this.lists, parent) : undefined;
    return parent && list ? { parent, list } : undefined;
  }

  /** The first row a load added (where the old Load more row was), to keep the user's place. */
  private firstNew(parent: TreeNode, before: number): TreeNode | undefined {
    const first = this.visibleChildren(parent)[Math.max(0, before - 1)];
    if (!first || first.kind === 'loadMore' || first.kind === 'error' || first.kind === 'message') return undefined;
    return this.rows.get(first.id) ?? first;
  }
}

// The Key Vault tree's model: paged lists per connection, children of every node, refresh and targeted refresh,
// the filter (and filling lists for it), request de-duplication (through PagedList) and change events.
// Pure (no `vscode`): the view side is the TreeSurface it is given. Nothing loads until a node's children are
// asked for; a failed list is a row, never a popup. Node kinds dispatch through nodeKinds.ts.

import { eachLimited } from '../shared/concurrency';
import type {
  SecretSummary,
  SecretVersion,
  SignInState,
  Subscription,
  Tenant,
  VaultRef,
  VaultService,
} from '../vault/model';
import { t } from '../shared/l10n';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import { ChangeThrottle, timerSchedule, type Schedule } from './ChangeThrottle';
import { failureText, whatText, type ListWhat } from './failureText';
import { formatFilter, type SecretFilter } from './filter';
import { compareNewestFirst, connectionKey } from '../vault/vaultHelpers';
import { kindOf, type PagedRow } from './nodeKinds';
import {
  ADDED_GROUP_ID,
  errorId,
  loadMoreId,
  messageId,
  secretId,
  subscriptionId,
  tenantNodeId,
  vaultNodeId,
  vaultParentId,
  type DeletedGroupNode,
  type ErrorNode,
  type LoadMoreNode,
  type MessageCode,
  type MessageNode,
  type ParentNode,
  type SecretNode,
  type SubscriptionNode,
  type TenantNode,
  type TreeNode,
  type VaultNode,
} from './nodes';
import type { PagedList } from './PagedList';
import type { SecretSort } from './secretSort';
import { TreeLists, type AnyList } from './TreeLists';
import { welcomeState, type WelcomeState } from './welcomeState';
import { AddedVaultRows } from './addedVaultRows';

export type { WelcomeState } from './welcomeState';

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

/** A cancellable task under a progress notification: `report` sets its message; `signal` aborts on Cancel. */
export type ProgressTask = (report: (message: string) => void, signal: AbortSignal) => Promise<void>;

/** The view side of the model. */
export interface TreeSurface {
  /** These nodes changed (the exact objects last handed out), or everything (undefined). */
  changed(nodes: readonly TreeNode[] | undefined): void;
  /** Shows that the view is busy while `work` runs; returns `work`. */
  inView<T>(work: Promise<T>): Promise<T>;
  /** Runs `task` under a cancellable notification; resolves when the task ends (the notification closes then). */
  withProgress(title: string, task: ProgressTask): Promise<void>;
  /** The welcome that applies changed; `detail` says why discovery failed (for the log). */
  welcomeChanged(state: WelcomeState, detail?: string): void;
  filterChanged(filter: SecretFilter | undefined): void;
}

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

interface FillTarget {
  readonly list: AnyList;
  readonly parent: TreeNode;
}

async function withTimeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<T>((resolve) => {
        timer = setTimeout(() => resolve(fallback), ms);
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** The summary of a secret as its newest version describes it (used after a targeted refresh). */
function summaryFromVersion(v: SecretVersion): SecretSummary {
  const { version, ...rest } = v;
  const suffix = `/${version}`;
  return { ...rest, id: rest.id.endsWith(suffix) ? rest.id.slice(0, -suffix.length) : rest.id };
}

function errorNode(parentId: string, error: unknown, what: ListWhat, phase: 'first' | 'more'): ErrorNode {
  const text = failureText(error, what);
  return {
    kind: 'error',
    id: errorId(parentId),
    parentId,
    message: text.message,
    detail: text.detail,
    failureKind: text.kind,
    phase,
  };
}

function subscriptionNode(s: Subscription, parentId?: string): SubscriptionNode {
  const id = subscriptionId(s.subscriptionId);
  return parentId === undefined
    ? { kind: 'subscription', id, subscription: s }
    : { kind: 'subscription', id, parentId, subscription: s };
}

/** Tenants get rows of their own when there are several, or when the one tenant needs a sign-in (never skipped). */
function showTenants(tenants: readonly Tenant[]): boolean {
  return tenants.length > 1 || tenants.some((t) => t.state === 'signInNeeded');
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

function messageNode(parentId: string | undefined, code: MessageCode, text: string): MessageNode {
  return parentId === undefined
    ? { kind: 'message', id: messageId(undefined, code), code, text }
    : { kind: 'message', id: messageId(parentId, code), parentId, code, text };
}

export class TreeModel {
  readonly lists: TreeLists;
  /** A view shows the tree: a refresh re-fetches only lists under expanded nodes (else every loaded one). */
  attached = false;

  private readonly host: TreeSurface;
  private readonly throttle: ChangeThrottle<TreeNode>;
  private filterValue: SecretFilter | undefined;
  /** Lists the user cancelled filling for the current filter (not filled again automatically). */
  private readonly filterStopped = new Set<AnyList>();
  /** Lists being filled under a progress notification right now, each with the fill that ends when it is full. */
  private readonly filling = new Map<AnyList, Promise<void>>();
  private signIn: Promise<SignInState> | undefined;
  /** The node objects last handed out, by id (change events must carry these exact objects). */
  private readonly rendered = new Map<string, TreeNode>();
  private readonly expanded = new Set<string>();
  private welcome: WelcomeState | undefined;
  private readonly added: AddedVaultRows;

  constructor(private readonly options: TreeModelOptions) {
    this.host = options.host;
    this.lists = new TreeLists(options.service);
    this.added = new AddedVaultRows(() => options.service.addedVaults());
    this.throttle = new ChangeThrottle<TreeNode>(
      options.throttleMs ?? 250,
      (nodes) => this.fire(nodes),
      options.schedule ?? timerSchedule,
    );
  }

  dispose(): void {
    this.throttle.dispose();
  }

  // ---------------------------------------------------------------- what the view reads

  get filter(): SecretFilter | undefined {
    return this.filterValue;
  }

  get welcomeState(): WelcomeState | undefined {
    return this.welcome;
  }

  /** The node with this id, as last shown. */
  findNode(id: string): TreeNode | undefined {
    return this.rendered.get(id);
  }

  parentOf(node: TreeNode): TreeNode | undefined {
    return node.parentId === undefined ? undefined : this.rendered.get(node.parentId);
  }

  setExpanded(node: TreeNode, expanded: boolean): void {
    if (expanded) this.expanded.add(node.id);
    else this.expanded.delete(node.id);
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
    children = children.map((c) => this.known(c));
    for (const c of children) this.rendered.set(c.id, c);
    return children;
  }

  /**
   * One object per row: the one already handed out for this id, brought up to date, else the new one. VS Code knows
   * a row by the object it was given and ignores a change event carrying another one, and the rows are also listed
   * by others (a reveal walking to its row, Find, tests): a new object each time made the next change of that row (a
   * page loaded for the reveal) reach nobody, and the view keep rows it no longer had.
   */
  private known(fresh: TreeNode): TreeNode {
    const known = this.rendered.get(fresh.id);
    if (known === undefined || known === fresh || known.kind !== fresh.kind) return fresh;
    const fields = known as unknown as Record<string, unknown>;
    for (const k of Object.keys(fields)) if (!Object.hasOwn(fresh, k)) delete fields[k];
    Object.assign(fields, fresh);
    return known;
  }

  /** The node with the properties its list holds now (a row re-rendered from an older object shows these). */
  latest<N extends TreeNode>(node: N): N {
    return kindOf(node).latest?.(this.lists, node) ?? node;
  }

  /** Loading state and counts of the node's list, for its row. */
  listInfo(node: TreeNode): ListInfo | undefined {
    const paged = kindOf(node).paged;
    if (!paged) return undefined;
    const list = paged.peek(this.lists, node);
    if (!list) return { loading: false, hasMore: false };
    const loaded = list.settled && !list.error ? list.items.length : undefined;
    const matching =
      loaded !== undefined && this.filterValue && paged.filtered
        ? paged.rows(this.lists, node, this.filterValue).length
        : undefined;
    const hiddenManaged =
      node.kind === 'vault' && !this.lists.showManaged
        ? this.lists.secrets(node.vault).items.filter((s) => s.managed).length
        : 0;
    return {
      loading: list.loading,
      hasMore: list.hasMore,
      ...(loaded !== undefined ? { loaded } : {}),
      ...(matching !== undefined ? { matching } : {}),
      ...(hiddenManaged > 0 ? { hiddenManaged } : {}),
    };
  }

  // ---------------------------------------------------------------- refresh

  /** Everything: sign-in state, subscriptions, vaults and all lists. */
  refreshAll(): void {
    this.signIn = undefined;
    this.lists.clear();
    this.filterStopped.clear();
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
  async refreshVault(vault: VaultRef | string): Promise<void> {
    for (const { connection, secrets } of this.lists.secretsOf(typeof vault === 'string' ? vault : vault.key)) {
      this.lists.invalidateBelow(connection);
      await this.reload(secrets, this.renderedVaults(connection));
    }
  }

  /** Re-fetches the deleted secrets of the vault, if they were shown. */
  async refreshDeleted(vault: VaultRef | string): Promise<void> {
    for (const { connection, list } of this.lists.deletedOf(typeof vault === 'string' ? vault : vault.key)) {
      const nodes = this.renderedWhere(
        (n): n is DeletedGroupNode => n.kind === 'deletedGroup' && connectionKey(n.vault) === connection,
      );
      await this.reload(list, nodes);
    }
  }

  /**
   * Re-fetches one secret's versions (one request, the vault is not listed again) and updates its row from the
   * newest version; a secret that no longer exists leaves the list, a new one joins it. Does nothing for a vault
   * whose secrets were never shown.
   */
  async refreshSecret(vault: VaultRef | string, name: string): Promise<void> {
    for (const { vault: ref, secrets } of this.lists.secretsOf(typeof vault === 'string' ? vault : vault.key)) {
      if (secrets.settled) await this.refreshOneSecret(ref, secrets, name);
      else this.lists.existing.versions(ref, name)?.invalidate();
    }
  }

  /**
   * A change whose result the caller already has (the service's answer to an update of the current version): the
   * secret's row and its version row show it without a request.
   */
  secretUpdated(vault: VaultRef | string, current: SecretVersion): void {
    for (const { vault: ref, secrets } of this.lists.secretsOf(typeof vault === 'string' ? vault : vault.key)) {
      const versions = this.lists.existing.versions(ref, current.name);
      if (versions?.settled) versions.upsert(current);
      if (secrets.settled) this.showSecret(ref, secrets, current.name, current);
    }
  }

  /**
   * A secret the service confirmed deleted: its row leaves its vault's list without a request (a bulk delete of
   * N secrets would otherwise re-read N version lists only to learn they are gone).
   */
  secretRemoved(vault: VaultRef | string, name: string): void {
    for (const { vault: ref, secrets } of this.lists.secretsOf(typeof vault === 'string' ? vault : vault.key)) {
      if (secrets.settled) this.showSecret(ref, secrets, name, undefined);
      else this.lists.existing.versions(ref, name)?.invalidate();
    }
  }

  private async refreshOneSecret(vault: VaultRef, secrets: PagedList<SecretSummary>, name: string): Promise<void> {
    const versions = this.lists.versions(vault, name);
    versions.invalidate();
    const load = versions.ensureFirstPage(true);
    this.fire(this.renderedSecrets(vault, name));
    await this.host.inView(load);
    const failure = versions.error;
    const gone =
      (failure && isKeyVaultFailure(failure.error) && failure.error.kind === 'notFound') ||
      (!failure && versions.items.length === 0);
    if (gone) this.showSecret(vault, secrets, name, undefined);
    else if (!failure) this.showSecret(vault, secrets, name, [...versions.items].sort(compareNewestFirst)[0]);
    else this.fire(this.renderedSecrets(vault, name));
  }

  /** Puts a secret's newest version in its vault's list (in name order), or takes the secret out (undefined). */
  private showSecret(
    vault: VaultRef,
    secrets: PagedList<SecretSummary>,
    name: string,
    newest: SecretVersion | undefined,
  ): void {
    const connection = connectionKey(vault);
    let membershipChanged: boolean;
    if (newest === undefined) {
      membershipChanged = secrets.remove(name);
      this.lists.dropVersions(connection, name);
    } else {
      membershipChanged = secrets.find(name) === undefined;
      secrets.upsert(summaryFromVersion(newest), (items) => {
        const at = items.findIndex((s) => s.name.localeCompare(name, undefined, { sensitivity: 'base' }) > 0);
        return at < 0 ? items.length : at;
      });
    }
    if (membershipChanged) this.fire(this.renderedVaults(connection));
    else this.fire(this.renderedSecrets(vault, name));
  }

  /** Invalidates a list and re-fetches its first page now when a parent is expanded (else when next shown). */
  async reload(list: AnyList, parents: readonly TreeNode[]): Promise<void> {
    const wasLoaded = list.settled || list.loading;
    list.invalidate();
    if (wasLoaded && (parents.some((p) => this.expanded.has(p.id)) || !this.attached)) {
      const load = list.ensureFirstPage(true);
      this.fire(parents);
      await this.host.inView(load);
      const parent = parents.find((p) => kindOf(p).paged?.filtered !== undefined);
      if (this.filterValue && list.hasMore && parent)
        await this.fill([{ list, parent }], t('Filtering by "{0}"', formatFilter(this.filterValue)), true);
    }
    this.fire(parents);
  }

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
    await this.fill([target], noun ? t('Loading all {0}', whatText(noun)) : t('Loading all'), true);
    return this.firstNew(target.parent, before);
  }

  /**
   * The row of a secret, for a reveal: shows the vault's row under its group and loads pages of its secrets until
   * the secret is there, at most `maxPages` more. Undefined when the vault is not in the tree, the secret is not in
   * it, or the active filter hides it. `row`: the vault's row when the caller has it already.
   */
  async secretRow(vault: VaultRef, name: string, maxPages = 40, row?: VaultNode): Promise<SecretNode | undefined> {
    const node = row ?? (await this.vaultRow(vault));
    if (!node) return undefined;
    const id = secretId(node.id, name);
    const list = this.lists.secrets(node.vault);
    for (let rows = await this.children(node), pages = 0; ; pages++) {
      const found = rows.find((n): n is SecretNode => n.id === id);
      if (found || !list.hasMore || pages >= maxPages) return found;
      await this.loadMore(node);
      rows = await this.children(node);
    }
  }

  /** Retries the list an error row stands for. */
  async retry(node: ErrorNode): Promise<void> {
    if (node.parentId === 'root') {
      this.refreshAll();
      return;
    }
    const parent = this.rendered.get(node.parentId);
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
    this.filterStopped.clear();
    this.host.filterChanged(filter);
    const parents = this.renderedWhere((n) => kindOf(n).paged?.filtered !== undefined);
    if (filter) {
      const targets: FillTarget[] = [];
      for (const parent of parents) {
        const list = kindOf(parent).paged?.list(this.lists, parent);
        if (list?.settled && list.hasMore && !targets.some((t) => t.list === list)) targets.push({ list, parent });
      }
      if (targets.length > 0) await this.fill(targets, t('Filtering by "{0}"', formatFilter(filter)), true);
    }
    this.fire(parents);
  }

  clearFilter(): Promise<void> {
    return this.setFilter(undefined);
  }

  // ---------------------------------------------------------------- sort

  get secretOrder(): SecretSort {
    return this.lists.secretOrder;
  }

  /** Orders every vault's secret rows (no request): the vaults shown re-render. */
  setSecretOrder(order: SecretSort): void {
    if (order === this.lists.secretOrder) return;
    this.lists.secretOrder = order;
    this.fire(this.renderedWhere((n) => n.kind === 'vault'));
  }

  get showManaged(): boolean {
    return this.lists.showManaged;
  }

  /** Shows or hides certificate-backed secrets in every vault (no request): the vaults shown re-render. */
  setShowManaged(show: boolean): void {
    if (show === this.lists.showManaged) return;
    this.lists.showManaged = show;
    this.fire(this.renderedWhere((n) => n.kind === 'vault'));
  }

  // ---------------------------------------------------------------- locate (find, reveal)

  /** The row of a vault under its group, walking the tree from the root as the view would (no request for lists already loaded). */
  async vaultRow(vault: VaultRef): Promise<VaultNode | undefined> {
    const root = await this.children();
    let group = root.find((n) => n.id === vaultParentId(vault));
    // Tenants shown: the subscription is below its tenant's row (no request: the tenants are loaded with the root).
    for (const tenant of root) {
      if (group !== undefined) break;
      if (tenant.kind === 'tenant') group = (await this.children(tenant)).find((n) => n.id === vaultParentId(vault));
    }
    return (
      group &&
      (await this.children(group)).find((n): n is VaultNode => n.kind === 'vault' && n.id === vaultNodeId(vault))
    );
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
    const removed = this.added.removedTest();
    for (const id of this.rendered.keys()) if (removed(id)) this.rendered.delete(id);
    this.host.changed(undefined);
  }

  /** After a sign-in or sign-out: ask for the state again and re-list subscriptions. */
  onSignInChanged(): void {
    this.signIn = undefined;
    this.lists.clearDiscovery();
    this.host.changed(undefined);
  }

  /** Fires a change for these nodes (the objects the view holds), each once; never for rows of a removed vault. */
  fire(nodes: readonly TreeNode[]): void {
    const seen = new Map<string, TreeNode>();
    const removed = this.added.removedTest();
    for (const n of nodes) if (!seen.has(n.id) && !removed(n.id)) seen.set(n.id, this.rendered.get(n.id) ?? n);
    if (seen.size > 0) this.host.changed([...seen.values()]);
  }

  // ---------------------------------------------------------------- children

  private async childrenOf(node: TreeNode | undefined): Promise<TreeNode[]> {
    if (node === undefined) return this.rootChildren();
    const row = kindOf(node);
    if (row.children) return row.children(this, node);
    if (!row.paged) return [];
    await this.ensureLoaded(row.paged, node);
    return this.visibleChildren(node);
  }

  private async rootChildren(): Promise<TreeNode[]> {
    const service = this.options.service;
    this.signIn ??= withTimeout(
      service.discovery.signInState().catch((): SignInState => 'signedOut'),
      this.options.signInTimeoutMs ?? 10_000,
      'signedOut',
    );
    const state = await this.signIn;
    const nodes: TreeNode[] = [];
    let tenants: ReturnType<TreeLists['tenants']> | undefined;
    if (state === 'signedIn') {
      // A listing a sign-in or selection change replaced meanwhile is not answered from: the new one is.
      do await this.host.inView((tenants = this.lists.tenants()).ensureFirstPage());
      while (tenants !== this.lists.tenants());
      const listed = tenants.items;
      const selection = service.discovery.selectionSource?.();
      if (selection === 'azureResources' && !tenants.error)
        nodes.push(messageNode(undefined, 'selection', t('Subscriptions selected in Azure Resources')));
      if (tenants.error) {
        nodes.push(errorNode('root', tenants.error.error, 'subscriptions', 'first'));
      } else if (showTenants(listed)) {
        // Several tenants, or one that needs a sign-in of its own: one row per tenant, none skipped.
        for (const tenant of listed) nodes.push({ kind: 'tenant', id: tenantNodeId(tenant), tenant });
      } else {
        const only = listed[0];
        if (only?.state === 'failed') nodes.push(errorNode('root', only.failure, 'subscriptions', 'first'));
        else if (only === undefined || only.subscriptions.length === 0)
          nodes.push(messageNode(undefined, 'noSubscriptions', t('No subscriptions selected')));
        else for (const s of only.subscriptions) nodes.push(subscriptionNode(s));
      }
    } else if (state === 'signedOut') {
      nodes.push(messageNode(undefined, 'signIn', t('Sign in to Azure…')));
    }
    // The added vaults as they are now, not when the root was asked for: a removal meanwhile wins.
    if (this.added.show().length > 0) nodes.push({ kind: 'vaultGroup', id: ADDED_GROUP_ID });
    const welcome = this.rootWelcome(state);
    if (welcome !== this.welcome) {
      this.welcome = welcome;
      const failure = welcome === 'discoveryFailed' ? this.discoveryFailure(tenants) : undefined;
      this.host.welcomeChanged(
        welcome,
        failure !== undefined ? failureText(failure, 'subscriptions').detail : undefined,
      );
    }
    // VS Code shows a view's welcome only while the view has no row.
    return welcome === '' ? nodes : [];
  }

  /** Why discovery failed: listing the tenants, or the only tenant's subscriptions. */
  private discoveryFailure(tenants: ReturnType<TreeLists['tenants']> | undefined): unknown {
    if (tenants?.error) return tenants.error.error;
    const only = tenants?.items.length === 1 ? tenants.items[0] : undefined;
    return only?.state === 'failed' ? only.failure : undefined;
  }

  /**
   * The welcome for the root from what is loaded (lists nothing itself). Tenant rows (several tenants, or one
   * needing its own sign-in) are rows, so no welcome applies then.
   */
  private rootWelcome(signIn: SignInState): WelcomeState {
    const tenants = signIn === 'signedIn' ? this.lists.tenants() : undefined;
    const listed = tenants?.items ?? [];
    const single = tenants !== undefined && !tenants.error && !showTenants(listed);
    const only = single ? listed[0] : undefined;
    const subs = only?.state === 'ready' ? only.subscriptions : single ? [] : undefined;
    const vaultLists = subs?.map((s) => this.lists.existing.vaults(s.subscriptionId));
    const complete = vaultLists?.every((l) => l?.settled === true && !l.error && !l.hasMore);
    return welcomeState({
      signIn,
      addedVaults: this.options.service.addedVaults().length,
      discoveryFailed: tenants?.error !== undefined || only?.state === 'failed',
      ...(subs !== undefined && only?.state !== 'failed' ? { subscriptions: subs.length } : {}),
      ...(complete === true && vaultLists
        ? { vaultsFound: vaultLists.reduce((n, l) => n + (l?.items.length ?? 0), 0) }
        : {}),
    });
  }

  /** The children of a paged parent from what is loaded: lead rows, filtered items, then Load more or an error. */
  private visibleChildren(parent: TreeNode): TreeNode[] {
    const paged = kindOf(parent).paged;
    if (!paged) return [];
    const list = paged.list(this.lists, parent);
    const failure = list.error;
    if (failure?.phase === 'first') return [errorNode(parent.id, failure.error, paged.noun, 'first')];
    const filter = paged.filtered ? this.filterValue : undefined;
    const rows = paged.rows(this.lists, parent, filter);
    const out = [...(paged.lead?.(parent) ?? []), ...rows];
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

  /** First page (or, with a filter on a list it applies to, every page, cancellable). */
  private async ensureLoaded(paged: PagedRow<TreeNode>, parent: TreeNode): Promise<void> {
    const list = paged.list(this.lists, parent);
    if (!list.settled || list.loadingPhase === 'first') await this.host.inView(list.ensureFirstPage());
    // The last subscription found empty: the root now shows the "no vaults" welcome instead of its rows.
    if (parent.kind === 'subscription' && this.welcome !== 'noVaults' && this.rootWelcome('signedIn') === 'noVaults')
      this.rerender();
    const filter = this.filterValue;
    // A fill already running for this list is joined (fill() does), so this expand too shows every match.
    if (filter && paged.filtered && list.hasMore && !this.filterStopped.has(list)) {
      await this.fill(
        [{ list, parent }],
        t('Filtering {0} by "{1}"', paged.filtered(parent), formatFilter(filter)),
        false,
      );
    }
  }

  /**
   * Loads every remaining page of the given lists (a few at once) under one cancellable notification, which closes
   * as soon as the last page is in. `live`: the parents re-render while pages arrive (throttled), else only the
   * caller shows the result. A list another fill is loading is not loaded twice: this waits for that fill, so
   * whoever asks (the view's expand beside a reveal's, a filter set meanwhile) gets the full list, not its first
   * pages.
   */
  private async fill(targets: readonly FillTarget[], title: string, live: boolean): Promise<void> {
    const running = new Set<Promise<void>>();
    for (const { list } of targets) {
      const fill = this.filling.get(list);
      if (fill) running.add(fill);
    }
    const todo = targets.filter(
      (t, i) => !this.filling.has(t.list) && targets.findIndex((o) => o.list === t.list) === i,
    );
    if (todo.length > 0) {
      const fill = this.loadAllOf(todo, title, live).finally(() => {
        for (const { list } of todo) this.filling.delete(list);
        this.throttle.flush();
        if (live) this.fire(todo.map((t) => t.parent));
      });
      for (const { list } of todo) this.filling.set(list, fill);
      running.add(fill);
    }
    await Promise.all(running);
  }

  /** The fill itself: every remaining page of each list, a few lists at once, under one cancellable notification. */
  private async loadAllOf(todo: readonly FillTarget[], title: string, live: boolean): Promise<void> {
    await this.host.withProgress(title, async (report, signal) => {
      const loaded = new Map<AnyList, number>();
      await eachLimited(todo, this.options.fillConcurrency ?? 4, async ({ list, parent }) => {
        if (signal.aborted) return;
        if (live) this.fire([parent]);
        await list.loadAll(
          signal,
          (n) => {
            loaded.set(list, n);
            report(
              t(
                '{0} loaded',
                [...loaded.values()].reduce((a, b) => a + b, 0),
              ),
            );
            if (live) this.throttle.push([parent]);
          },
          live,
        );
        if (signal.aborted && this.filterValue) this.filterStopped.add(list);
      });
    });
  }

  // ---------------------------------------------------------------- helpers

  private pagedTarget(node: LoadMoreNode | ParentNode): FillTarget | undefined {
    const parent = node.kind === 'loadMore' ? this.rendered.get(node.parentId) : node;
    const list = parent ? kindOf(parent).paged?.list(this.lists, parent) : undefined;
    return parent && list ? { parent, list } : undefined;
  }

  /** The first row a load added (where the old Load more row was), to keep the user's place. */
  private firstNew(parent: TreeNode, before: number): TreeNode | undefined {
    const first = this.visibleChildren(parent)[Math.max(0, before - 1)];
    if (!first || first.kind === 'loadMore' || first.kind === 'error' || first.kind === 'message') return undefined;
    return this.rendered.get(first.id) ?? first;
  }

  private renderedWhere<N extends TreeNode>(test: (n: TreeNode) => n is N): N[];
  private renderedWhere(test: (n: TreeNode) => boolean): TreeNode[];
  private renderedWhere(test: (n: TreeNode) => boolean): TreeNode[] {
    return [...this.rendered.values()].filter(test);
  }

  private renderedSecrets(vault: VaultRef, name: string): SecretNode[] {
    const connection = connectionKey(vault);
    return this.renderedWhere(
      (n): n is SecretNode => n.kind === 'secret' && n.secret.name === name && connectionKey(n.vault) === connection,
    );
  }

  private renderedVaults(connection: string): VaultNode[] {
    return this.renderedWhere((n): n is VaultNode => n.kind === 'vault' && connectionKey(n.vault) === connection);
  }
}

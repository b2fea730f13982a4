// The Key Vault tree: TreeDataProvider plus its model (paged lists per parent, in-flight de-duplication,
// targeted refresh, filter). Nothing loads until a node is expanded; a failed list is a row, never a popup.

import * as vscode from 'vscode';
import type { DeletedSecret, SecretSummary, SecretVersion, SignInState, Subscription, VaultRef, VaultService } from '../vault/model';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import { failureText, type ListWhat } from './failureText';
import { formatFilter, matchesFilter, type SecretFilter } from './filter';
import {
  ADDED_GROUP_ID, connectionKey, deletedGroupId, deletedSecretId, errorId, loadMoreId, messageId, secretId, secretKey, subscriptionId,
  vaultKeyOfConnection, vaultNodeId, vaultParentId, versionId,
  type DeletedGroupNode, type ErrorNode, type LoadMoreNode, type MessageCode, type MessageNode, type ParentNode, type SecretNode, type SubscriptionNode,
  type TreeNode, type VaultNode,
} from './nodes';
import { PagedList } from './PagedList';
import type { StateOptions } from './secretState';
import { toTreeItem, type ListInfo } from './treeItems';

export const VIEW_ID = 'keyVaultSecrets.vaults';
/** Context key: which welcome view applies when the tree is empty ('signedOut' | 'noSubscriptions' | 'noVaults' | ''). */
export const CONTEXT_WELCOME = 'keyVaultSecrets.welcome';
/** Context key: a filter is active (shows Clear Filter). */
export const CONTEXT_FILTER_ACTIVE = 'keyVaultSecrets.filterActive';

export type WelcomeState = 'signedOut' | 'noSubscriptions' | 'noVaults' | '';

export interface KeyVaultTreeOptions {
  readonly service: VaultService;
  readonly viewId?: string;
  /** Days before expiry that count as "expiring". Read on every render. */
  readonly expiryWarningDays: () => number;
  readonly now?: () => Date;
  /** How long the silent sign-in check may take before the tree treats the user as signed out. */
  readonly signInTimeoutMs?: number;
}

type AnyList = PagedList<Subscription> | PagedList<VaultRef> | PagedList<SecretSummary> | PagedList<DeletedSecret> | PagedList<SecretVersion>;

function byNewest(a: SecretVersion, b: SecretVersion): number {
  const ta = (a.createdOn ?? a.updatedOn)?.getTime() ?? 0;
  const tb = (b.createdOn ?? b.updatedOn)?.getTime() ?? 0;
  return tb - ta;
}

async function withTimeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<T>((resolve) => { timer = setTimeout(() => resolve(fallback), ms); })]);
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

export class KeyVaultTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  readonly viewId: string;
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  private view: vscode.TreeView<TreeNode> | undefined;
  private filterValue: SecretFilter | undefined;
  /** Lists the user cancelled filling for the current filter (not filled again automatically). */
  private filterStopped = new Set<AnyList>();
  /** Lists being filled under a progress notification right now. */
  private readonly filling = new Set<AnyList>();

  private signIn: Promise<SignInState> | undefined;
  private subscriptions: PagedList<Subscription> | undefined;
  private readonly vaultLists = new Map<string, PagedList<VaultRef>>();
  private readonly secretLists = new Map<string, PagedList<SecretSummary>>();
  private readonly deletedLists = new Map<string, PagedList<DeletedSecret>>();
  private readonly versionLists = new Map<string, PagedList<SecretVersion>>();
  /** The VaultRef each connection key was first seen with. */
  private readonly connections = new Map<string, VaultRef>();
  /** The node objects last handed to VS Code, by id (events must carry these exact objects). */
  private readonly rendered = new Map<string, TreeNode>();
  private readonly expanded = new Set<string>();
  private welcome: WelcomeState | undefined;

  constructor(private readonly options: KeyVaultTreeOptions) {
    this.viewId = options.viewId ?? VIEW_ID;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }

  /** Connects the TreeView (for reveal, the filter description and expansion tracking). */
  attach(view: vscode.TreeView<TreeNode>): vscode.Disposable {
    this.view = view;
    this.updateFilterUi();
    return vscode.Disposable.from(
      view.onDidExpandElement((e) => this.expanded.add(e.element.id)),
      view.onDidCollapseElement((e) => this.expanded.delete(e.element.id)),
    );
  }

  // ---------------------------------------------------------------- TreeDataProvider

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(node, this.stateOptions(), this.listInfo(node));
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parentId === undefined ? undefined : this.rendered.get(node.parentId);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    let children: TreeNode[];
    try {
      children = await this.childrenOf(node);
    } catch (e) {
      // An unexpected failure still becomes a row: getChildren never rejects and never pops up.
      const parentId = node?.id ?? 'root';
      const text = failureText(e, 'secrets');
      children = [{ kind: 'error', id: errorId(parentId), parentId, message: text.message, detail: text.detail, failureKind: text.kind, phase: 'first' }];
    }
    for (const c of children) this.rendered.set(c.id, c);
    return children;
  }

  // ---------------------------------------------------------------- public API (commands, tests)

  get filter(): SecretFilter | undefined {
    return this.filterValue;
  }

  /** What the view's title bar shows next to its name (the active filter). */
  get viewDescription(): string | undefined {
    return this.view?.description;
  }

  /** The message shown above the tree's rows (the active filter). */
  get viewMessage(): string | undefined {
    return this.view?.message;
  }

  get welcomeState(): WelcomeState | undefined {
    return this.welcome;
  }

  /** The node with this id, as last shown. */
  findNode(id: string): TreeNode | undefined {
    return this.rendered.get(id);
  }

  /** Everything: sign-in state, subscriptions, vaults and all lists. */
  refreshAll(): void {
    this.signIn = undefined;
    this.subscriptions = undefined;
    this.vaultLists.clear();
    this.secretLists.clear();
    this.deletedLists.clear();
    this.versionLists.clear();
    this.connections.clear();
    this.filterStopped.clear();
    this.changeEmitter.fire(undefined);
  }

  /** Refresh for the Refresh action on a row: re-fetches that row's list only. */
  async refreshNode(node: TreeNode | undefined): Promise<void> {
    switch (node?.kind) {
      case 'vault':
        return this.refreshVault(node.vault);
      case 'deletedGroup':
      case 'deletedSecret':
        return this.refreshDeleted(node.vault);
      case 'secret':
        return this.refreshSecret(node.vault, node.secret.name);
      case 'version':
        return this.refreshSecret(node.vault, node.version.name);
      case 'subscription': {
        const list = this.vaultLists.get(node.subscription.subscriptionId);
        if (list) await this.reload(list, [node]);
        return;
      }
      case 'vaultGroup':
        this.fire([node]);
        return;
      default:
        this.refreshAll();
    }
  }

  /** Re-fetches the vault's secret list (the deleted group and versions reload when next shown). */
  async refreshVault(vault: VaultRef | string): Promise<void> {
    const key = typeof vault === 'string' ? vault : vault.key;
    for (const [connection, list] of this.secretLists) {
      if (vaultKeyOfConnection(connection) !== key) continue;
      this.deletedLists.get(connection)?.invalidate();
      for (const [k, versions] of this.versionLists) if (k.startsWith(`${connection}\n`)) versions.invalidate();
      await this.reload(list, this.renderedVaults(connection));
    }
  }

  /** Same as refreshVault (the name the commands use). */
  refreshSecrets(vault: VaultRef | string): void {
    void this.refreshVault(vault);
  }

  /** Re-fetches the deleted secrets of the vault, if they were shown. */
  async refreshDeleted(vault: VaultRef | string): Promise<void> {
    const key = typeof vault === 'string' ? vault : vault.key;
    for (const [connection, list] of this.deletedLists) {
      if (vaultKeyOfConnection(connection) !== key) continue;
      const nodes = [...this.rendered.values()].filter((n): n is DeletedGroupNode => n.kind === 'deletedGroup' && connectionKey(n.vault) === connection);
      await this.reload(list, nodes);
    }
  }

  /**
   * Re-fetches one secret's versions (one request, the vault is not listed again) and updates its row from the
   * newest version; a secret that no longer exists leaves the list, a new one joins it. Does nothing for a vault
   * whose secrets were never shown.
   */
  async refreshSecret(vault: VaultRef | string, name: string): Promise<void> {
    const key = typeof vault === 'string' ? vault : vault.key;
    for (const [connection, secrets] of this.secretLists) {
      if (vaultKeyOfConnection(connection) !== key) continue;
      const vaultRef = this.connections.get(connection);
      if (!secrets.settled || vaultRef === undefined) {
        this.versionLists.get(secretKey(connection, name))?.invalidate();
        continue;
      }
      await this.refreshOneSecret(vaultRef, secrets, name);
    }
  }

  private async refreshOneSecret(vault: VaultRef, secrets: PagedList<SecretSummary>, name: string): Promise<void> {
    const connection = connectionKey(vault);
    const versions = this.versionsList(vault, name);
    const secretNodes = (): SecretNode[] =>
      [...this.rendered.values()].filter((n): n is SecretNode => n.kind === 'secret' && n.secret.name === name && connectionKey(n.vault) === connection);
    versions.invalidate();
    const load = versions.ensureFirstPage(true);
    this.fire(secretNodes());
    await this.inViewProgress(load);
    const failure = versions.error;
    const newest = [...versions.items].sort(byNewest)[0];
    let membershipChanged = false;
    if ((failure && isKeyVaultFailure(failure.error) && failure.error.kind === 'notFound') || (!failure && newest === undefined)) {
      membershipChanged = secrets.remove(name);
      this.versionLists.delete(secretKey(connection, name));
    } else if (newest !== undefined) {
      membershipChanged = secrets.find(name) === undefined;
      secrets.upsert(summaryFromVersion(newest), (items) => {
        const at = items.findIndex((s) => s.name.localeCompare(name, undefined, { sensitivity: 'base' }) > 0);
        return at < 0 ? items.length : at;
      });
    }
    if (membershipChanged) this.fire(this.renderedVaults(connection));
    else this.fire(secretNodes());
  }

  /** Loads the next page of a list: `node` is the Load more row or the parent itself. */
  async loadMore(node: LoadMoreNode | ParentNode): Promise<void> {
    const parent = node.kind === 'loadMore' ? this.rendered.get(node.parentId) : node;
    if (!parent) return;
    const list = this.listOf(parent);
    if (!list) return;
    const before = this.visibleChildren(parent, list).length;
    const load = list.loadMore(true);
    this.fire([parent]);
    await this.inViewProgress(load);
    this.fire([parent]);
    await this.revealNew(parent, list, before);
  }

  /** Loads every remaining page of a list, with a cancellable notification. */
  async loadAll(node: LoadMoreNode | ParentNode): Promise<void> {
    const parent = node.kind === 'loadMore' ? this.rendered.get(node.parentId) : node;
    if (!parent) return;
    const list = this.listOf(parent);
    if (!list) return;
    const before = this.visibleChildren(parent, list).length;
    await this.fill([{ list, parent }], `Loading all ${this.noun(parent)}`);
    await this.revealNew(parent, list, before);
  }

  /** Retries the list an error row stands for. */
  async retry(node: ErrorNode): Promise<void> {
    if (node.parentId === 'root') {
      this.refreshAll();
      return;
    }
    const parent = this.rendered.get(node.parentId);
    if (!parent) return;
    const list = this.listOf(parent);
    if (!list) return;
    const load = list.loadMore(true); // after a failure this retries the failed page; a sign-in prompt is allowed
    this.fire([parent]);
    await this.inViewProgress(load);
    this.fire([parent]);
  }

  /** Sets (or clears, with undefined) the filter; lists already shown load their remaining pages. */
  async setFilter(filter: SecretFilter | undefined): Promise<void> {
    this.filterValue = filter;
    this.filterStopped.clear();
    this.updateFilterUi();
    if (filter) {
      const targets: Array<{ list: AnyList; parent: TreeNode }> = [];
      for (const node of this.rendered.values()) {
        if (node.kind === 'vault' || node.kind === 'deletedGroup') {
          const list = this.listOf(node);
          if (list?.settled && list.hasMore && !targets.some((t) => t.list === list)) targets.push({ list, parent: node });
        }
      }
      if (targets.length > 0) await this.fill(targets, `Filtering by "${formatFilter(filter)}"`);
    }
    this.fire([...this.rendered.values()].filter((n) => n.kind === 'vault' || n.kind === 'deletedGroup'));
  }

  clearFilter(): Promise<void> {
    return this.setFilter(undefined);
  }

  /** Config or sign-in changed: re-render from what is loaded (no network unless sign-in state is unknown). */
  onAddedVaultsChanged(): void {
    this.changeEmitter.fire(undefined);
  }

  onSettingsChanged(): void {
    this.changeEmitter.fire(undefined);
  }

  /** After a sign-in or sign-out: ask for the state again and re-list subscriptions. */
  onSignInChanged(): void {
    this.signIn = undefined;
    this.subscriptions = undefined;
    this.vaultLists.clear();
    this.changeEmitter.fire(undefined);
  }

  /** Diagnostics for tests: requests started per list kind for one vault. */
  requestCounts(vaultKey: string): { secrets: number; deleted: number; versions: number } {
    const sum = (map: ReadonlyMap<string, AnyList>): number =>
      [...map].filter(([k]) => vaultKeyOfConnection(k) === vaultKey).reduce((n, [, l]) => n + l.requestCount, 0);
    return { secrets: sum(this.secretLists), deleted: sum(this.deletedLists), versions: sum(this.versionLists) };
  }

  // ---------------------------------------------------------------- children

  private async childrenOf(node: TreeNode | undefined): Promise<TreeNode[]> {
    if (node === undefined) return this.rootChildren();
    switch (node.kind) {
      case 'subscription':
        return this.subscriptionChildren(node);
      case 'vaultGroup':
        return this.options.service.addedVaults().map((v) => this.vaultNode(v));
      case 'vault':
      case 'deletedGroup':
      case 'secret': {
        const list = this.listOf(node);
        if (!list) return [];
        await this.ensureLoaded(list, node);
        return this.visibleChildren(node, list);
      }
      default:
        return [];
    }
  }

  private async rootChildren(): Promise<TreeNode[]> {
    const service = this.options.service;
    const added = service.addedVaults();
    this.signIn ??= withTimeout(
      service.discovery.signInState().catch((): SignInState => 'signedOut'),
      this.options.signInTimeoutMs ?? 10_000,
      'signedOut',
    );
    const state = await this.signIn;
    const nodes: TreeNode[] = [];
    let welcome: WelcomeState = '';
    if (state === 'signedIn') {
      this.subscriptions ??= new PagedList<Subscription>(
        async (_t, o) => ({ items: await service.discovery.listSubscriptions(o) }),
        (s) => s.subscriptionId,
      );
      const subs = this.subscriptions;
      await this.inViewProgress(subs.ensureFirstPage());
      if (subs.error) {
        nodes.push(this.errorNode('root', subs.error.error, 'subscriptions', 'first'));
      } else if (subs.items.length === 0) {
        if (added.length === 0) welcome = 'noSubscriptions';
        else nodes.push(this.messageNode(undefined, 'noSubscriptions', 'No subscriptions selected'));
      }
      for (const s of subs.items) nodes.push({ kind: 'subscription', id: subscriptionId(s.subscriptionId), subscription: s });
    } else if (added.length === 0) {
      welcome = state === 'signedOut' ? 'signedOut' : 'noVaults';
    } else if (state === 'signedOut') {
      nodes.push(this.messageNode(undefined, 'signIn', 'Sign in to Azure to list the vaults of your subscriptions'));
    }
    if (added.length > 0) nodes.push({ kind: 'vaultGroup', id: ADDED_GROUP_ID });
    if (welcome !== this.welcome) {
      this.welcome = welcome;
      void vscode.commands.executeCommand('setContext', CONTEXT_WELCOME, welcome);
    }
    return nodes;
  }

  private async subscriptionChildren(node: SubscriptionNode): Promise<TreeNode[]> {
    const list = this.vaultListOf(node.subscription);
    await this.ensureLoaded(list, node);
    if (list.error) return [this.errorNode(node.id, list.error.error, 'vaults', list.error.phase)];
    if (list.items.length === 0) return [this.messageNode(node.id, 'noVaults', 'No key vaults in this subscription')];
    return list.items.map((v) => this.vaultNode(v));
  }

  /** The children of a paged parent from what is loaded: filtered items, then a Load more row or an error row. */
  private visibleChildren(parent: TreeNode, list: AnyList): TreeNode[] {
    const out: TreeNode[] = [];
    const failure = list.error;
    if (parent.kind === 'vault') {
      if (failure?.phase === 'first') return [this.errorNode(parent.id, failure.error, 'secrets', 'first')];
      out.push({ kind: 'deletedGroup', id: deletedGroupId(parent.id), parentId: parent.id, vault: parent.vault });
      const secrets = (list as PagedList<SecretSummary>).items.filter((s) => matchesFilter(s, this.filterValue));
      for (const s of secrets) out.push({ kind: 'secret', id: secretId(parent.id, s.name), parentId: parent.id, vault: parent.vault, secret: s });
      if (secrets.length === 0 && !list.hasMore && !failure) {
        out.push(this.filterValue && list.items.length > 0
          ? this.messageNode(parent.id, 'noMatches', 'No secrets match the filter')
          : this.messageNode(parent.id, 'noSecrets', 'No secrets'));
      }
    } else if (parent.kind === 'deletedGroup') {
      if (failure?.phase === 'first') return [this.errorNode(parent.id, failure.error, 'deleted secrets', 'first')];
      const vaultId = parent.parentId;
      const deleted = (list as PagedList<DeletedSecret>).items.filter((d) => matchesFilter(d, this.filterValue));
      for (const d of deleted) {
        out.push({ kind: 'deletedSecret', id: deletedSecretId(vaultId, d.name), parentId: parent.id, vault: parent.vault, deleted: d });
      }
      if (deleted.length === 0 && !list.hasMore && !failure) {
        out.push(this.filterValue && list.items.length > 0
          ? this.messageNode(parent.id, 'noMatches', 'No deleted secrets match the filter')
          : this.messageNode(parent.id, 'noDeleted', 'No deleted secrets'));
      }
    } else if (parent.kind === 'secret') {
      if (failure?.phase === 'first') return [this.errorNode(parent.id, failure.error, 'versions', 'first')];
      const versions = [...(list as PagedList<SecretVersion>).items].sort(byNewest);
      versions.forEach((v, i) => out.push({
        kind: 'version', id: versionId(parent.id, v.version), parentId: parent.id, vault: parent.vault, version: v, current: i === 0,
      }));
      if (versions.length === 0 && !list.hasMore && !failure) out.push(this.messageNode(parent.id, 'noVersions', 'No versions'));
    }
    if (failure?.phase === 'more') {
      out.push(this.errorNode(parent.id, failure.error, this.noun(parent), 'more'));
    } else if (list.hasMore) {
      out.push({ kind: 'loadMore', id: loadMoreId(parent.id), parentId: parent.id, loadedCount: list.items.length, loading: list.loading });
    }
    return out;
  }

  // ---------------------------------------------------------------- lists

  private listOf(node: TreeNode): AnyList | undefined {
    switch (node.kind) {
      case 'vault':
        return this.secretsList(node.vault);
      case 'deletedGroup':
        return this.deletedList(node.vault);
      case 'secret':
        return this.versionsList(node.vault, node.secret.name);
      case 'subscription':
        return this.vaultListOf(node.subscription);
      default:
        return undefined;
    }
  }

  private secretsList(vault: VaultRef): PagedList<SecretSummary> {
    const connection = this.connection(vault);
    let list = this.secretLists.get(connection);
    if (!list) {
      list = new PagedList<SecretSummary>((token, o) => this.options.service.clientFor(vault).listSecrets(token, o), (s) => s.name);
      this.secretLists.set(connection, list);
    }
    return list;
  }

  private deletedList(vault: VaultRef): PagedList<DeletedSecret> {
    const connection = this.connection(vault);
    let list = this.deletedLists.get(connection);
    if (!list) {
      list = new PagedList<DeletedSecret>((token, o) => this.options.service.clientFor(vault).listDeleted(token, o), (d) => d.name);
      this.deletedLists.set(connection, list);
    }
    return list;
  }

  private versionsList(vault: VaultRef, name: string): PagedList<SecretVersion> {
    const key = secretKey(this.connection(vault), name);
    let list = this.versionLists.get(key);
    if (!list) {
      list = new PagedList<SecretVersion>((token, o) => this.options.service.clientFor(vault).listVersions(name, token, o), (v) => v.version);
      this.versionLists.set(key, list);
    }
    return list;
  }

  private vaultListOf(subscription: Subscription): PagedList<VaultRef> {
    let list = this.vaultLists.get(subscription.subscriptionId);
    if (!list) {
      list = new PagedList<VaultRef>(
        async (_t, o) => ({ items: await this.options.service.discovery.listVaults(subscription, o) }),
        (v) => v.key,
      );
      this.vaultLists.set(subscription.subscriptionId, list);
    }
    return list;
  }

  /** First page (or, with a filter on a secrets/deleted list, every page, cancellable). */
  private async ensureLoaded(list: AnyList, parent: TreeNode): Promise<void> {
    if (!list.settled || list.loadingPhase === 'first') await this.inViewProgress(list.ensureFirstPage());
    const wanted = this.filterValue && (parent.kind === 'vault' || parent.kind === 'deletedGroup') && list.hasMore;
    // A fill already running for this list (its progress re-renders the parent) is not started again.
    if (wanted && this.filterValue && !this.filterStopped.has(list) && !this.filling.has(list)) {
      await this.fill([{ list, parent }], `Filtering ${parent.kind === 'vault' ? parent.vault.name : 'deleted secrets'} by "${formatFilter(this.filterValue)}"`, false);
    }
  }

  /** Loads every remaining page of the given lists under one cancellable notification. */
  private async fill(targets: ReadonlyArray<{ list: AnyList; parent: TreeNode }>, title: string, fireEach = true): Promise<void> {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        try {
          for (const { list, parent } of targets) {
            if (controller.signal.aborted) break;
            if (this.filling.has(list)) continue;
            this.filling.add(list);
            const run = list.loadAll(controller.signal, (n) => {
              progress.report({ message: `${n} loaded` });
              if (fireEach) this.fire([parent]);
            }, fireEach);
            if (fireEach) this.fire([parent]);
            try {
              await run;
            } finally {
              this.filling.delete(list);
            }
            if (controller.signal.aborted && this.filterValue) this.filterStopped.add(list);
          }
        } finally {
          sub.dispose();
          if (fireEach) this.fire(targets.map((t) => t.parent));
        }
      },
    );
  }

  /** Invalidate and re-fetch the first page now when the parent is expanded (else when it is next shown). */
  private async reload(list: AnyList, parents: TreeNode[]): Promise<void> {
    const wasLoaded = list.settled || list.loading;
    list.invalidate();
    if (wasLoaded && (parents.some((p) => this.expanded.has(p.id)) || this.view === undefined)) {
      const load = list.ensureFirstPage(true);
      this.fire(parents);
      await this.inViewProgress(load);
      if (this.filterValue && list.hasMore && parents.some((p) => p.kind === 'vault' || p.kind === 'deletedGroup')) {
        const parent = parents[0];
        if (parent) await this.fill([{ list, parent }], `Filtering by "${formatFilter(this.filterValue)}"`);
      }
    }
    this.fire(parents);
  }

  // ---------------------------------------------------------------- helpers

  private stateOptions(): StateOptions {
    return { now: this.options.now?.() ?? new Date(), expiryWarningDays: this.options.expiryWarningDays() };
  }

  private listInfo(node: TreeNode): ListInfo | undefined {
    if (node.kind !== 'vault' && node.kind !== 'deletedGroup' && node.kind !== 'secret' && node.kind !== 'subscription') return undefined;
    const list = node.kind === 'subscription' ? this.vaultLists.get(node.subscription.subscriptionId)
      : node.kind === 'vault' ? this.secretLists.get(connectionKey(node.vault))
        : node.kind === 'deletedGroup' ? this.deletedLists.get(connectionKey(node.vault))
          : this.versionLists.get(secretKey(connectionKey(node.vault), node.secret.name));
    if (!list) return { loading: false, hasMore: false };
    const loaded = list.settled && !list.error ? list.items.length : undefined;
    let matching: number | undefined;
    if (loaded !== undefined && this.filterValue && (node.kind === 'vault' || node.kind === 'deletedGroup')) {
      matching = (list.items as ReadonlyArray<SecretSummary | DeletedSecret>).filter((s) => matchesFilter(s, this.filterValue)).length;
    }
    return {
      loading: list.loading,
      hasMore: list.hasMore,
      ...(loaded !== undefined ? { loaded } : {}),
      ...(matching !== undefined ? { matching } : {}),
    };
  }

  private vaultNode(v: VaultRef): VaultNode {
    return { kind: 'vault', id: vaultNodeId(v), parentId: vaultParentId(v), vault: v };
  }

  /** The connection key of a vault, remembering the VaultRef it stands for. */
  private connection(vault: VaultRef): string {
    const key = connectionKey(vault);
    if (!this.connections.has(key)) this.connections.set(key, vault);
    return key;
  }

  private renderedVaults(connection: string): VaultNode[] {
    return [...this.rendered.values()].filter((n): n is VaultNode => n.kind === 'vault' && connectionKey(n.vault) === connection);
  }

  private errorNode(parentId: string, error: unknown, what: ListWhat, phase: 'first' | 'more'): ErrorNode {
    const text = failureText(error, what);
    return { kind: 'error', id: errorId(parentId), parentId, message: text.message, detail: text.detail, failureKind: text.kind, phase };
  }

  private messageNode(parentId: string | undefined, code: MessageCode, text: string): MessageNode {
    return parentId === undefined ? { kind: 'message', id: messageId(undefined, code), code, text } : { kind: 'message', id: messageId(parentId, code), parentId, code, text };
  }

  private noun(parent: TreeNode): ListWhat {
    switch (parent.kind) {
      case 'deletedGroup':
        return 'deleted secrets';
      case 'secret':
        return 'versions';
      case 'subscription':
        return 'vaults';
      default:
        return 'secrets';
    }
  }

  /** Fires a change for these nodes (the exact objects VS Code holds). */
  private fire(nodes: readonly TreeNode[]): void {
    const seen = new Set<string>();
    for (const n of nodes) {
      if (seen.has(n.id)) continue;
      seen.add(n.id);
      this.changeEmitter.fire(this.rendered.get(n.id) ?? n);
    }
  }

  private inViewProgress<T>(p: Promise<T>): Promise<T> {
    void vscode.window.withProgress({ location: { viewId: this.viewId } }, () => p.catch(() => undefined));
    return p;
  }

  /** Keeps the user's place: selects the first item that the load added. */
  private async revealNew(parent: TreeNode, list: AnyList, before: number): Promise<void> {
    if (!this.view?.visible) return;
    const children = this.visibleChildren(parent, list);
    // `before` counted the old Load more row; the first new item sits where that row was.
    const first = children[Math.max(0, before - 1)];
    if (!first || first.kind === 'loadMore' || first.kind === 'error' || first.kind === 'message') return;
    try {
      await this.view.reveal(this.rendered.get(first.id) ?? first, { select: true, focus: false });
    } catch {
      // The row went away meanwhile: there is no place to keep.
    }
  }

  private updateFilterUi(): void {
    if (this.view) {
      const text = this.filterValue ? formatFilter(this.filterValue) : undefined;
      this.view.description = text ? `Filter: ${text}` : undefined;
      // A single view's description is hidden in the container title, so the message says it too.
      this.view.message = text ? `Filtered by ${text} (secrets and deleted secrets). Clear it from the title bar.` : undefined;
    }
    void vscode.commands.executeCommand('setContext', CONTEXT_FILTER_ACTIVE, this.filterValue !== undefined);
  }
}

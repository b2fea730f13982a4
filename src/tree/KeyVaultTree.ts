// The Vaults view's TreeDataProvider: a thin layer over the vscode-free TreeModel. It hands VS Code the model's
// nodes and their tree items, forwards change events, reveals the first new row after a load, tracks expansion
// and keeps the view's filter text and context keys in step.

import { onAppScan } from '../vault/apps/appScanStore';
import * as vscode from 'vscode';
import { logWarn } from '../ui/log';
import { showInView, withProgress } from '../ui/progress';
import type { SecretVersion, VaultRef, VaultService } from '../vault/model';
import type { SecretFilter } from './filter';
import { formatFilter } from './filter';
import type { ErrorNode, LoadMoreNode, ParentNode, TreeNode, VaultNode } from './nodes';
import type { StateOptions } from './secretState';
import { markdown, toTreeItem } from './treeItems';
import { vaultTooltip } from './tooltips';
import { objectFacts } from './objectHover';
import { objectTooltip } from './objectRows';
import { vaultDirectory } from '../vault/VaultDirectory';
import { TreeModel, type TreeSurface, type WelcomeState } from './TreeModel';
import { VIEWS } from './views';
import { t } from '../shared/l10n';

export type { WelcomeState } from './TreeModel';

export const VIEW_ID = VIEWS.vaults.id;
/** Context key: which welcome view applies when the tree is empty (a WelcomeState of welcomeState.ts). */
export const CONTEXT_WELCOME = 'keyVaultSecrets.welcome';
/** Context key: a filter is active (shows Clear Filter). */
export const CONTEXT_FILTER_ACTIVE = 'keyVaultSecrets.filterActive';

export interface KeyVaultTreeOptions {
  readonly service: VaultService;
  readonly viewId?: string;
  /** Days before expiry that count as "expiring". Read on every render. */
  readonly expiryWarningDays: () => number;
  readonly now?: () => Date;
  /** How long the silent sign-in check may take before the tree treats the user as signed out. */
  readonly signInTimeoutMs?: number;
}

export class KeyVaultTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  readonly viewId: string;
  readonly model: TreeModel;
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private view: vscode.TreeView<TreeNode> | undefined;
  /** The value last set on the welcome context key (VS Code has no API to read a context key back). */
  private welcomeContextValue: WelcomeState | undefined;

  constructor(private readonly options: KeyVaultTreeOptions) {
    this.viewId = options.viewId ?? VIEW_ID;
    const host: TreeSurface = {
      changed: (nodes) => this.changeEmitter.fire(nodes === undefined ? undefined : [...nodes]),
      inView: (work) => {
        showInView(this.viewId, work);
        return work;
      },
      withProgress: (title, task) => withProgress(title, (signal, step) => task(step, signal)),
      welcomeChanged: (state, detail) => {
        if (detail !== undefined) logWarn(`Listing subscriptions failed: ${detail}`);
        void vscode.commands.executeCommand('setContext', CONTEXT_WELCOME, state).then(() => {
          this.welcomeContextValue = state;
        });
      },
      filterChanged: () => this.updateFilterUi(),
    };
    this.model = new TreeModel({
      service: options.service,
      host,
      ...(options.signInTimeoutMs !== undefined ? { signInTimeoutMs: options.signInTimeoutMs } : {}),
    });
    // A new scan of the deployed apps changes the secret rows' "Used by": re-render from what is loaded.
    this.stopAppScans = onAppScan(() => this.model.rerender());
  }

  private readonly stopAppScans: () => void;

  dispose(): void {
    this.stopAppScans();
    this.model.dispose();
    this.changeEmitter.dispose();
  }

  /** Connects the TreeView (for reveal, the filter description and expansion tracking). */
  attach(view: vscode.TreeView<TreeNode>): vscode.Disposable {
    this.view = view;
    this.model.attached = true;
    this.updateFilterUi();
    return vscode.Disposable.from(
      view.onDidExpandElement((e) => this.model.setExpanded(e.element, true)),
      view.onDidCollapseElement((e) => this.model.setExpanded(e.element, false)),
    );
  }

  // ---------------------------------------------------------------- TreeDataProvider

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(this.model.latest(node), this.stateOptions(), this.model.listInfo(node));
  }

  /**
   * On hover: a discovered vault's tooltip gains its guards (one ARM read, kept with the vault); a certificate or
   * key row's gains its subject and issuer, or its type, size and operations (one read of that version, kept).
   */
  async resolveTreeItem(
    item: vscode.TreeItem,
    node: TreeNode,
    token: vscode.CancellationToken,
  ): Promise<vscode.TreeItem> {
    if (node.kind === 'object' || node.kind === 'objectVersion') {
      const abort = new AbortController();
      const stop = token.onCancellationRequested(() => abort.abort());
      let details: Awaited<ReturnType<typeof objectFacts>>;
      try {
        details = await objectFacts(node.vault, node.item, abort.signal);
      } finally {
        stop.dispose();
      }
      if (details !== undefined && !token.isCancellationRequested) {
        const current = node.kind === 'objectVersion' ? node.current : undefined;
        item.tooltip = objectTooltip(node.item, this.stateOptions(), current, details);
      }
      return item;
    }
    if (node.kind !== 'vault' || node.vault.source !== 'discovered') return item;
    const guards = await vaultDirectory()
      .access.guards(node.vault)
      .catch(() => undefined);
    if (guards !== undefined && !token.isCancellationRequested)
      item.tooltip = markdown(vaultTooltip(node.vault, guards));
    return item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.model.parentOf(node);
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    return this.model.children(node);
  }

  // ---------------------------------------------------------------- public API (commands, tests)

  get filter(): SecretFilter | undefined {
    return this.model.filter;
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
    return this.model.welcomeState;
  }

  /** The welcome context key as VS Code has it (set once the setContext command has run). */
  get welcomeContext(): WelcomeState | undefined {
    return this.welcomeContextValue;
  }

  findNode(id: string): TreeNode | undefined {
    return this.model.findNode(id);
  }

  refreshAll(): void {
    this.model.refreshAll();
  }

  refreshNode(node: TreeNode | undefined): Promise<void> {
    return this.model.refreshNode(node);
  }

  refreshVault(vault: VaultRef | string): Promise<void> {
    return this.model.refreshVault(vault);
  }

  refreshDeleted(vault: VaultRef | string): Promise<void> {
    return this.model.refreshDeleted(vault);
  }

  refreshSecret(vault: VaultRef | string, name: string): Promise<void> {
    return this.model.refreshSecret(vault, name);
  }

  /**
   * Shows and selects a secret's row (its vault's pages load until it is there). False when it cannot be shown.
   * The vault's row is revealed first: VS Code answers that once it has re-rendered what it was asked to (a refresh
   * just before, e.g. Refresh All), and a reveal that lands while VS Code re-renders the rows it selects among loses
   * its selection. So only the pages loaded here re-render the vault, and the last reveal waits for those.
   */
  async revealSecret(vault: VaultRef, name: string): Promise<boolean> {
    const view = this.view;
    const vaultRow = view && (await this.model.vaultRow(vault));
    if (!view || !vaultRow) return false;
    await view.reveal(vaultRow, { select: false, focus: false });
    const row = await this.model.secretRow(vault, name, undefined, vaultRow);
    if (!row) return false;
    await view.reveal(row, { select: true, focus: true });
    return true;
  }

  /** The ids of the selected rows (tests). */
  get selectedIds(): readonly string[] {
    return this.view?.selection.map((n) => n.id) ?? [];
  }

  /** The service confirmed the secret deleted: its row goes without a request. */
  secretRemoved(vault: VaultRef | string, name: string): void {
    this.model.secretRemoved(vault, name);
  }

  /** The caller has the service's answer for the current version (an update): the rows show it without a request. */
  secretUpdated(vault: VaultRef | string, current: SecretVersion): void {
    this.model.secretUpdated(vault, current);
  }

  async loadMore(node: LoadMoreNode | ParentNode): Promise<void> {
    await this.reveal(await this.model.loadMore(node));
  }

  async loadAll(node: LoadMoreNode | ParentNode): Promise<void> {
    await this.reveal(await this.model.loadAll(node));
  }

  retry(node: ErrorNode): Promise<void> {
    return this.model.retry(node);
  }

  setFilter(filter: SecretFilter | undefined): Promise<void> {
    return this.model.setFilter(filter);
  }

  clearFilter(): Promise<void> {
    return this.model.clearFilter();
  }

  /** `keyVaultSecrets.vaults` was written: re-render once if the added vaults differ from what the tree shows. */
  onAddedVaultsChanged(): void {
    this.model.addedVaultsChanged();
  }

  /** Config changed: re-render from what is loaded (no network unless sign-in state is unknown). */
  onSettingsChanged(): void {
    this.model.rerender();
  }

  onSignInChanged(): void {
    this.model.onSignInChanged();
  }

  /** Shows and selects a vault's row (find: a vault that could not be listed). Undefined when it is not in the tree. */
  async revealVault(vault: VaultRef): Promise<VaultNode | undefined> {
    const node = await this.model.vaultRow(vault);
    if (node && this.view) await this.view.reveal(node, { select: true, focus: true, expand: true });
    return node;
  }

  /** The rows selected in the view (a keybinding acts on these). */
  get selection(): readonly TreeNode[] {
    return this.view?.selection ?? [];
  }

  /** Diagnostics for tests: requests started per list kind for one vault. */
  requestCounts(vaultKey: string): { secrets: number; deleted: number; versions: number } {
    return this.model.lists.requestCounts(vaultKey);
  }

  // ---------------------------------------------------------------- helpers

  private stateOptions(): StateOptions {
    return { now: this.options.now?.() ?? new Date(), expiryWarningDays: this.options.expiryWarningDays() };
  }

  /** Keeps the user's place: selects the first row a load added. */
  private async reveal(node: TreeNode | undefined): Promise<void> {
    if (!node || !this.view?.visible) return;
    try {
      await this.view.reveal(node, { select: true, focus: false });
    } catch {
      // The row went away meanwhile: there is no place to keep.
    }
  }

  private updateFilterUi(): void {
    const filter = this.model.filter;
    if (this.view) {
      const text = filter ? formatFilter(filter) : undefined;
      this.view.description = text ? t('Filter: {0}', text) : undefined;
      // A single view's description is hidden in the container title, so the message says it too.
      this.view.message = text
        ? t('Filtered by {0} (secrets and deleted secrets). Clear it from the title bar.', text)
        : undefined;
    }
    void vscode.commands.executeCommand('setContext', CONTEXT_FILTER_ACTIVE, filter !== undefined);
  }
}

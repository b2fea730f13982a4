// The "Expiring Secrets" view: a thin TreeDataProvider over expiringSecrets() (src/tree/expiring.ts). It reads the
// Vaults tree's loaded lists (no request of its own) and re-renders when they change; its rows are secret nodes,
// so the secret commands (Set New Version, Edit Properties, Show Details) take them as they are.

import * as vscode from 'vscode';
import { markdownText } from '../shared/markup';
import { expiringObjects, expiringSecrets, type ExpiringObject, type ExpiringSecret } from './expiring';
import { expiringObjectItem } from './expiringObjectItem';
import type { ObjectNode } from './objectNodes';
import type { KeyVaultTree } from './KeyVaultTree';
import { contextValueOf } from './nodeKinds';
import { secretId, vaultNodeId, type SecretNode } from './nodes';
import type { VaultRef } from '../vault/model';
import { formatDateTime } from '../shared/dates';
import { relativeTime, type StateOptions } from './secretState';
import { VIEWS, type CreateView } from './views';
import { t } from '../shared/l10n';
import { showInView } from '../ui/progress';

export const EXPIRING_VIEW_ID = VIEWS.expiring.id;

/** A vault's row: its secrets that need attention are its children (so the vault's name is never cut off). */
export interface ExpiringVaultRow {
  readonly kind: 'expiringVault';
  readonly id: string;
  readonly vault: VaultRef;
  readonly secrets: readonly SecretNode[];
  /** Its certificates and keys that need attention, after its secrets. */
  readonly objects: readonly ObjectNode[];
}

/** A row: a vault, a secret (as the Vaults tree's nodes are), or one line (loading, nothing found). */
export type ExpiringRow =
  SecretNode | ObjectNode | ExpiringVaultRow | { readonly kind: 'note'; readonly id: string; readonly text: string };

export interface ExpiringViewOptions {
  readonly tree: KeyVaultTree;
  readonly expiryWarningDays: () => number;
  readonly now?: () => Date;
}

export class ExpiringView implements vscode.TreeDataProvider<ExpiringRow>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly subscription: vscode.Disposable;
  /** Listings of every vault under way (Show/Refresh): the view says it is loading until the last one ends. */
  private listing = 0;

  constructor(private readonly options: ExpiringViewOptions) {
    this.subscription = options.tree.onDidChangeTreeData(() => this.changeEmitter.fire(undefined));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  /** Re-render from what is loaded now. */
  changed(): void {
    this.changeEmitter.fire(undefined);
  }

  /**
   * Runs `list` (the listing of every vault) with the view shown as loading: a progress bar on the view and a
   * "Listing every vault…" row above what is found so far, until it ends, however it ends.
   */
  async whileListing<T>(list: () => Promise<T>): Promise<T> {
    this.listing++;
    this.changed();
    try {
      const work = list();
      showInView(EXPIRING_VIEW_ID, work);
      return await work;
    } finally {
      this.listing--;
      this.changed();
    }
  }

  stateOptions(): StateOptions {
    return { now: this.options.now?.() ?? new Date(), expiryWarningDays: this.options.expiryWarningDays() };
  }

  /** The rows as they are now (soonest first): also what the daily check counts. */
  rows(): ExpiringSecret[] {
    return expiringSecrets(this.options.tree.model.lists, this.stateOptions());
  }

  /** The certificates and keys that expired or expire soon, soonest first (also counted by the daily check). */
  objectRows(): ExpiringObject[] {
    return expiringObjects(this.options.tree.model.lists, this.stateOptions());
  }

  /** Whether any vault's list is loaded (else the view says to Refresh). */
  private anyLoaded(): boolean {
    return this.options.tree.model.lists.allSecrets().some((c) => c.secrets.settled);
  }

  getChildren(row?: ExpiringRow): ExpiringRow[] {
    if (row !== undefined) return row.kind === 'expiringVault' ? [...row.secrets, ...row.objects] : [];
    const rows = this.rows();
    const objects = this.objectRows();
    const loading: ExpiringRow[] =
      this.listing > 0 ? [{ kind: 'note', id: 'expiring:loading', text: t('Listing every vault…') }] : [];
    if (rows.length + objects.length === 0 && loading.length > 0) return loading;
    if (rows.length + objects.length === 0) {
      const days = this.options.expiryWarningDays();
      const text = this.anyLoaded()
        ? t('Nothing expired or expiring within {0} days in the vaults listed so far', days)
        : t('No vault listed yet: Refresh lists every vault');
      return [{ kind: 'note', id: 'expiring:note', text }];
    }
    // One row per vault, in the order of its soonest item of any kind; under it its secrets, then its certificates
    // and keys, each soonest first.
    const groups = new Map<string, { vault: VaultRef; secrets: SecretNode[]; objects: ObjectNode[] }>();
    const soonest = (e: Date | undefined): number => e?.getTime() ?? Number.POSITIVE_INFINITY;
    const order = [
      ...rows.map((r) => ({ vault: r.vault, at: soonest(r.secret.expiresOn) })),
      ...objects.map((o) => ({ vault: o.vault, at: soonest(o.item.expiresOn) })),
    ].sort((a, b) => a.at - b.at);
    for (const { vault } of order) {
      const id = vaultNodeId(vault);
      if (!groups.has(id)) groups.set(id, { vault, secrets: [], objects: [] });
    }
    const groupOf = (vault: VaultRef): { id: string; group: { secrets: SecretNode[]; objects: ObjectNode[] } } => {
      const id = vaultNodeId(vault);
      let group = groups.get(id);
      if (group === undefined) groups.set(id, (group = { vault, secrets: [], objects: [] }));
      return { id, group };
    };
    for (const { vault, secret } of rows) {
      const { id, group } = groupOf(vault);
      group.secrets.push({ kind: 'secret', id: `expiring:${secretId(id, secret.name)}`, parentId: id, vault, secret });
    }
    for (const { vault, kind, item } of objects) {
      const { id, group } = groupOf(vault);
      group.objects.push({ kind: 'object', id: `expiring:${id}/${kind}/${item.name}`, parentId: id, vault, item });
    }
    return [
      ...loading,
      ...[...groups].map(([id, { vault, secrets, objects: vaultObjects }]): ExpiringRow => ({
        kind: 'expiringVault',
        id: `expiring:${id}`,
        vault,
        secrets,
        objects: vaultObjects,
      })),
    ];
  }

  getTreeItem(row: ExpiringRow): vscode.TreeItem {
    if (row.kind === 'expiringVault') {
      const item = new vscode.TreeItem(row.vault.name, vscode.TreeItemCollapsibleState.Expanded);
      item.id = row.id;
      item.iconPath = new vscode.ThemeIcon('key');
      item.tooltip = row.vault.url;
      return item;
    }
    if (row.kind === 'note') {
      const item = new vscode.TreeItem(row.text, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon(row.id === 'expiring:loading' ? 'loading~spin' : 'info');
      item.id = row.id;
      return item;
    }
    if (row.kind === 'object') return expiringObjectItem(row, this.stateOptions().now);
    const { now } = this.stateOptions();
    const expires = row.secret.expiresOn ?? now;
    const expired = expires.getTime() <= now.getTime();
    const item = new vscode.TreeItem(row.secret.name, vscode.TreeItemCollapsibleState.None);
    item.id = row.id;
    const when = (spoken: boolean): string =>
      `${expired ? t('expired') : t('expires')} ${relativeTime(expires, now, spoken)}`;
    // Under its vault's row: a narrow sidebar cuts the end of a row, so the row holds only the time.
    item.description = when(false);
    item.accessibilityInformation = {
      label: t('secret {0}, {1}, in vault {2}', row.secret.name, when(true), row.vault.name),
    };
    item.iconPath = new vscode.ThemeIcon(
      expired ? 'error' : 'warning',
      new vscode.ThemeColor(expired ? 'list.errorForeground' : 'list.warningForeground'),
    );
    const md = new vscode.MarkdownString(
      t(
        '**{0}** in {1}\n\n{2} {3}',
        markdownText(row.secret.name),
        markdownText(row.vault.name),
        expired ? t('Expired') : t('Expires'),
        markdownText(formatDateTime(expires)),
      ),
    );
    md.isTrusted = false;
    md.supportHtml = false;
    item.tooltip = md;
    item.contextValue = contextValueOf('secret', [
      expired ? 'expired' : 'expiring',
      row.secret.managed ? 'managed' : '',
      'inExpiringView',
    ]);
    return item;
  }
}

/**
 * Creates the Expiring Secrets view (no request: it shows what the Vaults tree has loaded). `createView`: the view
 * activation made for it (src/tree/views.ts), else a new one.
 */
export function registerExpiringView(
  context: vscode.ExtensionContext,
  options: ExpiringViewOptions,
  createView: CreateView = (id, o) => vscode.window.createTreeView(id, o),
): ExpiringView {
  const provider = new ExpiringView(options);
  context.subscriptions.push(
    provider,
    createView(EXPIRING_VIEW_ID, { treeDataProvider: provider, ...VIEWS.expiring.options }),
  );
  return provider;
}

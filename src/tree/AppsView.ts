// The "Deployed Apps" view: a thin TreeDataProvider over the rows of appsRows.ts, from the last scan of the deployed
// apps (src/vault/apps/appScanStore.ts). Opening it sends no request: with no scan it is empty and its welcome
// offers Check Deployed Apps; Refresh scans again (the command), and every scan re-renders it. Each reference row
// has its status icon, a tooltip with the identity and details, and "Reveal Secret in Vaults View".

import * as vscode from 'vscode';
import { statusAdvice, type AppKind, type AppUsage } from '../shared/appUsage';
import { t } from '../shared/l10n';
import { markdownText, plainLine } from '../shared/markup';
import { APPS_PER_SUBSCRIPTION } from '../vault/apps/AppScanner';
import { lastAppScan, onAppScan } from '../vault/apps/appScanStore';
import {
  appChildren,
  problemText,
  rootRows,
  subscriptionChildren,
  subscriptionDescription,
  type AppsRow,
} from './appsRows';
import { markdown } from './treeItems';
import { VIEWS, type CreateView } from './views';

export const APPS_VIEW_ID = VIEWS.apps.id;

const KIND_WORDS: Readonly<Record<AppKind, () => string>> = {
  appService: () => t('App Service'),
  functionApp: () => t('Function App'),
  containerApp: () => t('Container App'),
};
const KIND_ICONS: Readonly<Record<AppKind, string>> = {
  appService: 'globe',
  functionApp: 'symbol-event',
  containerApp: 'package',
};

/** The status icon of a reference: resolved, denied, not found, or another failure (Container Apps report none). */
function statusIcon(status: string | undefined): vscode.ThemeIcon {
  if (status === undefined) return new vscode.ThemeIcon('circle-outline');
  if (status === 'Resolved') return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  if (status === 'AccessToKeyVaultDenied')
    return new vscode.ThemeIcon('lock', new vscode.ThemeColor('list.errorForeground'));
  if (/NotFound$/.test(status)) return new vscode.ThemeIcon('question', new vscode.ThemeColor('list.errorForeground'));
  return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
}

/** A reference's tooltip: status and what it means, the secret it names, the identity, the details (all ARM text). */
export function referenceTooltip(u: AppUsage): string {
  const status = u.status ?? t('status not reported (Container App)');
  const advice = statusAdvice(u.status);
  const vault = u.vaultName ?? u.vaultHost ?? '';
  const lines = [
    `**${markdownText(u.setting)}** · ${markdownText(advice === undefined ? status : `${status} — ${advice}`)}`,
    t('Secret: {0} in {1}', markdownText(u.secretName), markdownText(vault)),
    u.secretVersion !== undefined
      ? t('Pinned to version {0}', markdownText(u.secretVersion))
      : t('Reads the current version'),
    t('Identity: {0}', u.identity !== undefined ? markdownText(u.identity) : t('not reported')),
  ];
  if (u.details !== undefined) lines.push(t('Details: {0}', markdownText(u.details)));
  return lines.join('  \n');
}

export class AppsView implements vscode.TreeDataProvider<AppsRow>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly stop = onAppScan(() => this.changeEmitter.fire(undefined));

  dispose(): void {
    this.stop();
    this.changeEmitter.dispose();
  }

  getChildren(row?: AppsRow): AppsRow[] {
    const scan = lastAppScan();
    if (row === undefined) return rootRows(scan);
    if (row.kind === 'appsSubscription')
      return subscriptionChildren(row.sub, row.scan, { appsPerSubscription: APPS_PER_SUBSCRIPTION });
    if (row.kind === 'appsApp') return appChildren(row);
    return [];
  }

  getTreeItem(row: AppsRow): vscode.TreeItem {
    const item = new vscode.TreeItem('', vscode.TreeItemCollapsibleState.None);
    item.id = row.id;
    switch (row.kind) {
      case 'appsNote':
        item.label = row.text;
        item.iconPath = new vscode.ThemeIcon(row.icon);
        break;
      case 'appsSubscription':
        item.label = plainLine(row.sub.name);
        item.description = subscriptionDescription(row.sub, row.scan);
        item.iconPath = new vscode.ThemeIcon('key');
        item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
        item.contextValue = 'kvAppsSubscription';
        break;
      case 'appsApp':
        item.label = plainLine(row.label);
        item.description = KIND_WORDS[row.appKind]();
        item.iconPath = new vscode.ThemeIcon(KIND_ICONS[row.appKind]);
        item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
        item.contextValue = 'kvAppsApp';
        break;
      case 'appsProblem':
        item.label = plainLine(problemText(row.problem));
        item.iconPath = new vscode.ThemeIcon(row.problem.reason === 'unreadable' ? 'eye-closed' : 'warning');
        item.contextValue = 'kvAppsUnread';
        break;
      case 'appsReference': {
        const u = row.use;
        item.label = plainLine(u.setting);
        item.description = plainLine(`${u.secretName} · ${u.status ?? t('status not reported')}`);
        item.iconPath = statusIcon(u.status);
        item.tooltip = markdown(referenceTooltip(u));
        item.accessibilityInformation = {
          label: t('{0} reads secret {1}: {2}', u.setting, u.secretName, u.status ?? t('status not reported')),
        };
        item.contextValue = 'kvAppReference';
        break;
      }
    }
    return item;
  }
}

/** Creates the Deployed Apps view (no request: it shows the last scan). */
export function registerAppsView(context: vscode.ExtensionContext, createView: CreateView): AppsView {
  const provider = new AppsView();
  context.subscriptions.push(provider, createView(APPS_VIEW_ID, { treeDataProvider: provider, ...VIEWS.apps.options }));
  return provider;
}

// Node -> vscode.TreeItem: the only place that builds TreeItems. Labels, descriptions, icons, tooltips,
// context values and click commands; the text itself comes from the pure helpers.

import * as vscode from 'vscode';
import type { TreeNode } from './nodes';
import { contextValueOf } from './nodes';
import {
  deletedDescription, isPurgeable, secretDescription, shortVersion, stateFlags, stateIcon, versionDescription, type IconSpec, type StateOptions,
} from './secretState';
import { deletedTooltip, escapeMarkdown, secretTooltip, vaultTooltip, versionTooltip } from './tooltips';

export const COMMAND_LOAD_MORE = 'keyVaultSecrets.loadMore';
export const COMMAND_RETRY = 'keyVaultSecrets.retry';
export const COMMAND_SIGN_IN = 'keyVaultSecrets.signIn';

/** What the tree knows about a node's list, for its row. */
export interface ListInfo {
  /** Its list is loading (a spinner replaces the icon). */
  readonly loading: boolean;
  /** Its list has more pages. */
  readonly hasMore: boolean;
  /** Items loaded so far, when loaded. */
  readonly loaded?: number;
  /** Items matching the active filter, when a filter is active and the list is loaded. */
  readonly matching?: number;
}

function icon(spec: IconSpec): vscode.ThemeIcon {
  return spec.color === undefined ? new vscode.ThemeIcon(spec.id) : new vscode.ThemeIcon(spec.id, new vscode.ThemeColor(spec.color));
}

function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text);
  md.supportHtml = false;
  md.isTrusted = false;
  return md;
}

const SPINNER = new vscode.ThemeIcon('loading~spin');

function countText(info: ListInfo | undefined, noun: string): string | undefined {
  if (info?.loaded === undefined) return undefined;
  const loaded = `${info.loaded}${info.hasMore ? '+' : ''}`;
  return info.matching !== undefined ? `${info.matching} of ${loaded} match` : `${loaded} ${noun}`;
}

export function toTreeItem(node: TreeNode, opts: StateOptions, info?: ListInfo): vscode.TreeItem {
  const C = vscode.TreeItemCollapsibleState;
  let item: vscode.TreeItem;
  switch (node.kind) {
    case 'subscription': {
      item = new vscode.TreeItem(node.subscription.name, C.Collapsed);
      item.iconPath = info?.loading ? SPINNER : new vscode.ThemeIcon('azure');
      const sub = node.subscription;
      item.tooltip = markdown(`**${escapeMarkdown(sub.name)}**\n\nSubscription ${escapeMarkdown(sub.subscriptionId)}  \nTenant ${escapeMarkdown(sub.tenantId)}`);
      item.contextValue = contextValueOf('subscription', []);
      break;
    }
    case 'vaultGroup': {
      item = new vscode.TreeItem('Added vaults', C.Expanded);
      item.iconPath = new vscode.ThemeIcon('link');
      item.tooltip = 'Vaults added by URL (other tenants, private endpoints, local emulators)';
      item.contextValue = contextValueOf('vaultGroup', []);
      break;
    }
    case 'vault': {
      item = new vscode.TreeItem(node.vault.name, C.Collapsed);
      const parts = [node.vault.url.replace(/^https:\/\//, '')];
      const count = info?.matching !== undefined ? countText(info, 'secrets') : undefined;
      if (count) parts.push(count);
      item.description = parts.join(' · ');
      item.iconPath = info?.loading ? SPINNER : new vscode.ThemeIcon(node.vault.emulator ? 'vm' : 'lock');
      item.tooltip = markdown(vaultTooltip(node.vault));
      item.contextValue = contextValueOf('vault', [
        node.vault.source, node.vault.emulator ? 'emulator' : '', info?.hasMore ? 'hasMore' : '', info?.loaded !== undefined ? 'loaded' : '',
      ]);
      break;
    }
    case 'deletedGroup': {
      item = new vscode.TreeItem('Deleted secrets', C.Collapsed);
      item.description = countText(info, 'deleted');
      item.iconPath = info?.loading ? SPINNER : new vscode.ThemeIcon('trash');
      item.tooltip = 'Soft-deleted secrets of this vault: recover them, or purge them before their scheduled purge date';
      item.contextValue = contextValueOf('deletedGroup', [info?.hasMore ? 'hasMore' : '', info?.loaded !== undefined ? 'loaded' : '']);
      break;
    }
    case 'deletedSecret': {
      const d = node.deleted;
      item = new vscode.TreeItem(d.name, C.None);
      item.description = deletedDescription(d, opts.now);
      item.iconPath = new vscode.ThemeIcon('trash', new vscode.ThemeColor('disabledForeground'));
      item.tooltip = markdown(deletedTooltip(d, opts));
      item.contextValue = contextValueOf('deletedSecret', [isPurgeable(d) ? 'purgeable' : '', d.managed ? 'managed' : '']);
      break;
    }
    case 'secret': {
      const s = node.secret;
      const flags = stateFlags(s, opts);
      item = new vscode.TreeItem(s.name, C.Collapsed);
      item.description = secretDescription(s, opts);
      item.iconPath = info?.loading ? SPINNER : icon(stateIcon(flags, 'key'));
      item.tooltip = markdown(secretTooltip(s, opts));
      item.contextValue = contextValueOf('secret', [...flags, s.enabled ? 'enabled' : '', info?.hasMore ? 'hasMore' : '']);
      break;
    }
    case 'version': {
      const v = node.version;
      const flags = stateFlags({ ...v, managed: false }, opts);
      item = new vscode.TreeItem(shortVersion(v.version), C.None);
      item.description = versionDescription(v, node.current, opts);
      item.iconPath = icon(stateIcon(flags, node.current ? 'pass-filled' : 'history'));
      item.tooltip = markdown(versionTooltip(v, node.current, opts));
      item.contextValue = contextValueOf('version', [...flags, node.current ? 'current' : '', v.enabled ? 'enabled' : '', v.managed ? 'managed' : '']);
      break;
    }
    case 'loadMore': {
      item = new vscode.TreeItem(node.loading ? 'Loading…' : 'Load more…', C.None);
      item.description = `${node.loadedCount} loaded`;
      item.iconPath = node.loading ? SPINNER : new vscode.ThemeIcon('more');
      item.tooltip = 'Load the next page (25 items). Right-click for Load All.';
      item.contextValue = contextValueOf('loadMore', [node.loading ? 'loading' : '']);
      if (!node.loading) item.command = { command: COMMAND_LOAD_MORE, title: 'Load More', arguments: [node] };
      break;
    }
    case 'error': {
      const signIn = node.failureKind === 'unauthenticated';
      item = new vscode.TreeItem(node.message, C.None);
      item.description = signIn ? 'Sign in' : 'Retry';
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
      item.tooltip = markdown(`${escapeMarkdown(node.detail)}\n\n${signIn ? 'Click to sign in and retry.' : 'Click to retry.'}`);
      item.contextValue = contextValueOf('error', [node.failureKind, node.phase]);
      item.command = { command: COMMAND_RETRY, title: 'Retry', arguments: [node] };
      break;
    }
    case 'message': {
      item = new vscode.TreeItem(node.text, C.None);
      item.iconPath = new vscode.ThemeIcon(node.code === 'signIn' ? 'account' : 'info');
      item.contextValue = contextValueOf('message', [node.code]);
      if (node.code === 'signIn') item.command = { command: COMMAND_SIGN_IN, title: 'Sign in to Azure' };
      break;
    }
  }
  item.id = node.id;
  return item;
}

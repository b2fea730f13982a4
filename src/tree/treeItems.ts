// Node -> vscode.TreeItem: the only place that builds TreeItems, one builder per node kind. Labels, descriptions,
// icons, tooltips, context values and click commands; the text itself comes from the pure helpers.

import * as vscode from 'vscode';
import { COMMANDS } from '../shared/commandIds';
import { t } from '../shared/l10n';
import { markdownText } from '../shared/markup';
import { defaultVaultDisplayName, isKeyVaultHost } from '../shared/vaultUrl';
import type { VaultRef } from '../vault/model';
import { isPinned } from '../vault/pinnedVaults';
import { contextValueOf, type NodeOf } from './nodeKinds';
import type { NodeKind, TreeNode } from './nodes';
import {
  deletedDescription,
  isPurgeable,
  secretDescription,
  shortVersion,
  stateFlags,
  stateIcon,
  versionDescription,
  type IconSpec,
  type StateOptions,
} from './secretState';
import type { ListInfo } from './TreeModel';
import { OBJECT_ITEMS } from './objectItems';
import { objectDescription } from './objectRows';
import { deletedTooltip, secretTooltip, vaultTooltip, versionTooltip } from './tooltips';
import { usedByMarkdown } from './usedBy';
import { lastAppScan } from '../vault/apps/appScanStore';
import { mayFix } from '../ui/deniedAccess';

function icon(spec: IconSpec): vscode.ThemeIcon {
  return spec.color === undefined
    ? new vscode.ThemeIcon(spec.id)
    : new vscode.ThemeIcon(spec.id, new vscode.ThemeColor(spec.color));
}

export function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text);
  md.supportHtml = false;
  md.isTrusted = false;
  return md;
}

const SPINNER = new vscode.ThemeIcon('loading~spin');

function countText(info: ListInfo | undefined, noun: string): string | undefined {
  if (info?.loaded === undefined) return undefined;
  const loaded = `${info.loaded}${info.hasMore ? '+' : ''}`;
  return info.matching !== undefined ? t('{0} of {1} match', info.matching, loaded) : t('{0} {1}', loaded, noun);
}

type ItemBuilder<N extends TreeNode> = (node: N, opts: StateOptions, info: ListInfo | undefined) => vscode.TreeItem;

const C = vscode.TreeItemCollapsibleState;

const ITEMS: { readonly [K in NodeKind]: ItemBuilder<NodeOf<K>> } = {
  tenant: (node) => {
    const tenant = node.tenant;
    const account = tenant.account?.label;
    const who = account !== undefined ? t('Account {0}', markdownText(account)) : '';
    let item: vscode.TreeItem;
    if (tenant.state === 'signInNeeded') {
      item = new vscode.TreeItem(t('Sign in to {0}…', tenant.name), C.None);
      item.iconPath = new vscode.ThemeIcon('sign-in');
      item.tooltip = markdown(
        `**${markdownText(tenant.name)}**\n\n${t('This tenant needs a sign-in of its own (multi-factor authentication, conditional access or a guest account). Click to sign in; its subscriptions and vaults then appear here.')}\n\n${who}`,
      );
      item.command = { command: COMMANDS.signInTenant, title: t('Sign in to tenant'), arguments: [node] };
    } else {
      const failed = tenant.state === 'failed';
      item = new vscode.TreeItem(tenant.name, C.Expanded);
      item.iconPath = failed
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
        : new vscode.ThemeIcon('organization');
      const lines = [t('Tenant {0}', markdownText(tenant.tenantId))];
      if (tenant.domain !== undefined) lines.push(markdownText(tenant.domain));
      item.tooltip = markdown([`**${markdownText(tenant.name)}**`, lines.join('  \n'), who].join('\n\n'));
    }
    // The account first: with several accounts, it is what tells two rows apart.
    item.description = [account, tenant.state === 'failed' ? t('could not be listed') : undefined]
      .filter((p) => p !== undefined)
      .join(' · ');
    item.contextValue = contextValueOf('tenant', [tenant.state]);
    return item;
  },
  subscription: (node, _opts, info) => {
    const item = new vscode.TreeItem(node.subscription.name, C.Collapsed);
    item.iconPath = info?.loading ? SPINNER : new vscode.ThemeIcon('azure');
    const sub = node.subscription;
    item.tooltip = markdown(
      t(
        '**{0}**\n\nSubscription {1}  \nTenant {2}',
        markdownText(sub.name),
        markdownText(sub.subscriptionId),
        markdownText(sub.tenantId),
      ),
    );
    item.contextValue = contextValueOf('subscription', []);
    return item;
  },
  vaultGroup: () => {
    const item = new vscode.TreeItem(t('Added vaults'), C.Expanded);
    item.iconPath = new vscode.ThemeIcon('link');
    item.tooltip = t('Vaults added by URL (other tenants, private endpoints, local emulators)');
    item.contextValue = contextValueOf('vaultGroup', []);
    return item;
  },
  vault: (node, _opts, info) => {
    const item = new vscode.TreeItem(node.vault.name, C.Collapsed);
    const pinned = isPinned(node.vault);
    item.description = [pinned ? t('pinned') : '', vaultDescription(node.vault, info)]
      .filter((p) => p !== '')
      .join(' · ');
    item.iconPath = info?.loading
      ? SPINNER
      : new vscode.ThemeIcon(pinned ? 'pinned' : node.vault.emulator ? 'vm' : 'lock');
    item.tooltip = markdown(vaultTooltip(node.vault));
    item.contextValue = contextValueOf('vault', [
      node.vault.source,
      node.vault.origin === 'workspace' ? 'workspace' : '',
      node.vault.emulator ? 'emulator' : '',
      info?.hasMore ? 'hasMore' : '',
      info?.loaded !== undefined ? 'loaded' : '',
      pinned ? 'pinned' : 'unpinned',
    ]);
    return item;
  },
  deletedGroup: (_node, _opts, info) => {
    const item = new vscode.TreeItem(t('Deleted secrets'), C.Collapsed);
    item.description = countText(info, t('deleted'));
    item.iconPath = info?.loading ? SPINNER : new vscode.ThemeIcon('trash');
    item.tooltip = t(
      'Soft-deleted secrets of this vault: recover them, or purge them before their scheduled purge date',
    );
    item.contextValue = contextValueOf('deletedGroup', [
      info?.hasMore ? 'hasMore' : '',
      info?.loaded !== undefined ? 'loaded' : '',
    ]);
    return item;
  },
  deletedSecret: (node, opts) => {
    const d = node.deleted;
    const item = new vscode.TreeItem(d.name, C.None);
    item.description = deletedDescription(d, opts.now);
    item.iconPath = new vscode.ThemeIcon('trash', new vscode.ThemeColor('disabledForeground'));
    item.tooltip = markdown(deletedTooltip(d, opts));
    item.contextValue = contextValueOf('deletedSecret', [
      isPurgeable(d) ? 'purgeable' : '',
      d.managed ? 'managed' : '',
    ]);
    return item;
  },
  secret: (node, opts, info) => {
    const s = node.secret;
    const flags = stateFlags(s, opts);
    const item = new vscode.TreeItem(s.name, C.Collapsed);
    item.description = secretDescription(s, opts);
    item.iconPath = info?.loading ? SPINNER : icon(stateIcon(flags, 'key'));
    const usedBy = usedByMarkdown(lastAppScan(), node.vault, s.name, opts.now);
    item.tooltip = markdown(usedBy === undefined ? secretTooltip(s, opts) : `${secretTooltip(s, opts)}\n\n${usedBy}`);
    item.contextValue = contextValueOf('secret', [
      ...flags,
      s.enabled ? 'enabled' : '',
      info?.hasMore ? 'hasMore' : '',
      node.vault.source === 'discovered' ? 'discovered' : '',
    ]);
    // A click selects the row and leaves it collapsed (VS Code expands a row with a command only from its twistie),
    // so the rows below do not move under the next Ctrl+click of a multi-selection.
    item.command = { command: COMMANDS.selectRow, title: t('Select') };
    return item;
  },
  version: (node, opts) => {
    const v = node.version;
    const flags = stateFlags({ ...v, managed: false }, opts);
    const item = new vscode.TreeItem(shortVersion(v.version), C.None);
    item.description = versionDescription(v, node.current, opts, node.sharesDay === true);
    item.iconPath = icon(stateIcon(flags, node.current ? 'pass-filled' : 'history'));
    item.tooltip = markdown(versionTooltip(v, node.current, opts));
    item.contextValue = contextValueOf('version', [
      ...flags,
      node.current ? 'current' : '',
      v.enabled ? 'enabled' : '',
      v.managed ? 'managed' : '',
      node.vault.source === 'discovered' ? 'discovered' : '',
    ]);
    return item;
  },
  ...OBJECT_ITEMS,
  loadMore: (node) => {
    const item = new vscode.TreeItem(node.loading ? t('Loading…') : t('Load more…'), C.None);
    item.description = t('{0} loaded', node.loadedCount);
    item.iconPath = node.loading ? SPINNER : new vscode.ThemeIcon('more');
    item.tooltip = t('Load the next page (25 items). Right-click for Load All.');
    item.contextValue = contextValueOf('loadMore', [node.loading ? 'loading' : '']);
    if (!node.loading) item.command = { command: COMMANDS.loadMore, title: t('Load More'), arguments: [node] };
    return item;
  },
  error: (node) => {
    const signIn = node.failureKind === 'unauthenticated';
    const fix = node.denied !== undefined && mayFix(node.denied);
    const item = new vscode.TreeItem(node.message, C.None);
    item.description = signIn ? t('Sign in') : fix ? t('Fix access or retry') : t('Retry');
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    const click = signIn
      ? t('Click to sign in and retry.')
      : fix
        ? t('Click to see how to fix access, or to retry.')
        : t('Click to retry.');
    item.tooltip = markdown(`${markdownText(node.detail)}\n\n${click}`);
    item.contextValue = contextValueOf('error', [node.failureKind, node.phase]);
    item.command = { command: COMMANDS.retry, title: t('Retry'), arguments: [node] };
    return item;
  },
  message: (node) => {
    const item = new vscode.TreeItem(node.text, C.None);
    item.iconPath = new vscode.ThemeIcon(node.code === 'signIn' ? 'account' : 'info');
    item.contextValue = contextValueOf('message', [node.code]);
    if (node.code === 'signIn') {
      item.tooltip = t('Sign in to Azure to list the vaults of your subscriptions');
      item.command = { command: COMMANDS.signIn, title: t('Sign in to Azure') };
    }
    if (node.code === 'selection') {
      item.iconPath = new vscode.ThemeIcon('filter');
      item.tooltip = t(
        'Key Vault Secrets has no subscription selection of its own, so it lists the subscriptions chosen in the Azure Resources extension. Click to choose here instead.',
      );
      item.command = { command: COMMANDS.selectSubscriptions, title: t('Select Subscriptions…') };
    }
    return item;
  },
};

/**
 * A vault row, the decisive part first (a narrow sidebar cuts the end): the filter's match count, "workspace" for a
 * vault listed by the workspace's settings, then the host (and port) unless the name already says it.
 */
function vaultDescription(v: VaultRef, info: ListInfo | undefined): string {
  const parts: string[] = [];
  const count = info?.matching !== undefined ? countText(info, t('secrets')) : undefined;
  if (count) parts.push(count);
  if (info?.hiddenManaged !== undefined) parts.push(t('{0} certificate-backed hidden', info.hiddenManaged));
  if (v.origin === 'workspace') parts.push(t('workspace'));
  const authority = v.url.replace(/^https:\/\//, '');
  if (defaultVaultDisplayName(v.url) !== v.name || !isKeyVaultHost(authority)) parts.push(authority);
  return parts.join(' · ');
}

/** What a screen reader says a row is, before its label (rows whose label says it have none). */
const SPOKEN_KIND: { readonly [K in NodeKind]?: (node: NodeOf<K>) => string } = {
  tenant: () => t('directory'),
  subscription: () => t('subscription'),
  vault: () => t('vault'),
  secret: () => t('secret'),
  version: () => t('version'),
  deletedSecret: () => t('deleted secret'),
  object: (node) => (node.item.kind === 'certificate' ? t('certificate') : t('key')),
  objectVersion: () => t('version'),
  deletedObject: (node) => (node.deleted.kind === 'certificate' ? t('deleted certificate') : t('deleted key')),
};

/** A row's description with its times in words, where it has times (the rest read their description as shown). */
const SPOKEN_DESCRIPTION: { readonly [K in NodeKind]?: (node: NodeOf<K>, opts: StateOptions) => string } = {
  secret: (node, opts) => secretDescription(node.secret, { ...opts, spoken: true }),
  version: (node, opts) =>
    versionDescription(node.version, node.current, { ...opts, spoken: true }, node.sharesDay === true),
  deletedSecret: (node, opts) => deletedDescription(node.deleted, opts.now, true),
  object: (node, opts) => objectDescription(node.item, { ...opts, spoken: true }),
};

/**
 * The row as a screen reader reads it: "secret api-key, expires in 5 days, text/plain". What the row is, its
 * label, then the description's parts as a spoken list (the " · " that separates them on screen is not read well).
 */
function spokenRow<N extends TreeNode>(node: N, item: vscode.TreeItem, opts: StateOptions): string {
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  const spokenDescription = SPOKEN_DESCRIPTION[node.kind] as ((n: N, o: StateOptions) => string) | undefined;
  const description = spokenDescription?.(node, opts) ?? (typeof item.description === 'string' ? item.description : '');
  const what = (SPOKEN_KIND[node.kind] as ((n: N) => string) | undefined)?.(node);
  return [what === undefined ? label : `${what} ${label}`, ...description.split(' · ')]
    .filter((p) => p !== '')
    .join(', ');
}

export function toTreeItem<N extends TreeNode>(node: N, opts: StateOptions, info?: ListInfo): vscode.TreeItem {
  const item = (ITEMS[node.kind] as unknown as ItemBuilder<N>)(node, opts, info);
  item.id = node.id;
  item.accessibilityInformation = { label: spokenRow(node, item, opts) };
  return item;
}

// Creates the Vaults view and registers the tree's own commands (refresh, paging, retry, filter, add vault,
// sign in). No network work here: everything waits for the user to expand a node.

import * as vscode from 'vscode';
import { parseVaultUrl } from '../shared/vaultUrl';
import type { VaultService } from '../vault/model';
import { formatFilter, parseFilter, type SecretFilter } from './filter';
import { KeyVaultTree, VIEW_ID } from './KeyVaultTree';
import type { LoadMoreNode, ParentNode, TreeNode } from './nodes';
import { COMMAND_LOAD_MORE, COMMAND_RETRY, COMMAND_SIGN_IN } from './treeItems';

export const TREE_COMMANDS = {
  refresh: 'keyVaultSecrets.refresh',
  loadMore: COMMAND_LOAD_MORE,
  loadAll: 'keyVaultSecrets.loadAll',
  retry: COMMAND_RETRY,
  filter: 'keyVaultSecrets.filter',
  clearFilter: 'keyVaultSecrets.clearFilter',
  addVault: 'keyVaultSecrets.addVault',
  removeVault: 'keyVaultSecrets.removeVault',
  signIn: COMMAND_SIGN_IN,
} as const;

const SETTINGS = 'keyVaultSecrets';

function isNode(x: unknown): x is TreeNode {
  return typeof x === 'object' && x !== null && typeof (x as { kind?: unknown }).kind === 'string' && typeof (x as { id?: unknown }).id === 'string';
}

function isPagedTarget(x: unknown): x is LoadMoreNode | ParentNode {
  return isNode(x) && ['loadMore', 'subscription', 'vault', 'deletedGroup', 'secret'].includes(x.kind);
}

/**
 * Runs a command inside the extension's one error boundary (injected by activate(), which owns it):
 * cancellation is silent, any other failure is logged with values masked and shown once.
 */
export type CommandRunner = (label: string, fn: () => Promise<void> | void) => Promise<void>;

/** A host on this machine, where a local emulator may run (lowkey-vault names its vaults `NAME.localhost`). */
function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || host.startsWith('127.');
}

interface AddedVaultSetting {
  url: string;
  name?: string;
  emulator?: boolean;
  caFile?: string;
}

async function addVault(tree: KeyVaultTree, urlArg?: unknown): Promise<void> {
  const input = typeof urlArg === 'string' ? urlArg : await vscode.window.showInputBox({
    title: 'Add Vault by URL (1/2)',
    prompt: 'The vault URL, as shown on the vault\'s overview page in the Azure portal',
    placeHolder: 'https://contoso.vault.azure.net',
    ignoreFocusOut: true,
    validateInput: (v) => {
      const r = parseVaultUrl(v);
      return r.ok ? undefined : r.message;
    },
  });
  if (input === undefined) return;
  const parsed = parseVaultUrl(input);
  if (!parsed.ok) throw new Error(parsed.message);
  const url = parsed.url;
  const config = vscode.workspace.getConfiguration(SETTINGS);
  const current = config.get<AddedVaultSetting[]>('vaults') ?? [];
  if (current.some((v) => {
    const r = parseVaultUrl(v.url);
    return r.ok && r.url === url;
  })) {
    void vscode.window.showInformationMessage(`${url} is already in the Added vaults.`);
    return;
  }
  const host = new URL(url).hostname;
  const defaultName = host.endsWith('.azure.net') || host.includes('.vault.') ? host.split('.')[0] ?? host : host;
  const name = typeof urlArg === 'string' ? defaultName : await vscode.window.showInputBox({
    title: 'Add Vault by URL (2/2)',
    prompt: 'A display name for the vault',
    value: defaultName,
    ignoreFocusOut: true,
  });
  if (name === undefined) return;
  const entry: AddedVaultSetting = { url, ...(name.trim() ? { name: name.trim() } : {}) };
  if (isLoopback(url) && typeof urlArg !== 'string') {
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'Local Key Vault emulator', description: 'no Azure sign-in', emulator: true },
        { label: 'Azure Key Vault', description: 'sign in with Azure', emulator: false },
      ],
      { title: 'This URL is on this machine. What is it?', ignoreFocusOut: true },
    );
    if (pick === undefined) return;
    if (pick.emulator) entry.emulator = true;
  }
  await config.update('vaults', [...current, entry], vscode.ConfigurationTarget.Global);
  tree.onAddedVaultsChanged();
}

/** Removes an added vault from the settings it is in (user, workspace or folder). The vault itself is untouched. */
async function removeVault(tree: KeyVaultTree, node: unknown): Promise<void> {
  if (!isNode(node) || node.kind !== 'vault' || node.vault.source !== 'added') return;
  const key = node.vault.key;
  const config = vscode.workspace.getConfiguration(SETTINGS);
  const inspected = config.inspect<AddedVaultSetting[]>('vaults');
  const targets: Array<[AddedVaultSetting[] | undefined, vscode.ConfigurationTarget]> = [
    [inspected?.globalValue, vscode.ConfigurationTarget.Global],
    [inspected?.workspaceValue, vscode.ConfigurationTarget.Workspace],
    [inspected?.workspaceFolderValue, vscode.ConfigurationTarget.WorkspaceFolder],
  ];
  const sameVault = (v: AddedVaultSetting): boolean => {
    const r = parseVaultUrl(v.url);
    return r.ok && r.url === key;
  };
  for (const [list, target] of targets) {
    if (list?.some(sameVault)) await config.update('vaults', list.filter((v) => !sameVault(v)), target);
  }
  tree.onAddedVaultsChanged();
  vscode.window.setStatusBarMessage(`Removed ${node.vault.name} from the Vaults view (the vault itself is unchanged).`, 5000);
}

async function askFilter(tree: KeyVaultTree, arg?: unknown): Promise<SecretFilter | undefined | 'cancel'> {
  if (typeof arg === 'string') {
    const r = parseFilter(arg);
    if (!r.ok) throw new Error(r.message);
    return r.filter;
  }
  const text = await vscode.window.showInputBox({
    title: 'Filter Secrets',
    prompt: 'Name contains…; type:json for the content type; tag:env=dev or tag:env for a tag. Terms combine. Empty clears.',
    placeHolder: 'db type:text tag:env=prod',
    value: tree.filter ? formatFilter(tree.filter) : '',
    validateInput: (v) => {
      const r = parseFilter(v);
      return r.ok ? undefined : r.message;
    },
  });
  if (text === undefined) return 'cancel';
  const r = parseFilter(text);
  return r.ok ? r.filter : 'cancel';
}

/** Creates the view and the tree; returns the tree (the targeted-refresh API commands and tests use). */
export function registerTree(context: vscode.ExtensionContext, service: VaultService, run: CommandRunner): KeyVaultTree {
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration(SETTINGS);
  const tree = new KeyVaultTree({
    service,
    viewId: VIEW_ID,
    expiryWarningDays: () => {
      const days = settings().get<number>('expiryWarningDays', 30);
      return Number.isFinite(days) && days >= 0 ? days : 30;
    },
  });
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(
    tree,
    view,
    tree.attach(view),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The vault service rebuilds its discovery on these first (its listener was registered before this one).
      const discovery = ['authentication', 'subscriptions', 'testing'].some((k) => e.affectsConfiguration(`${SETTINGS}.${k}`))
        || e.affectsConfiguration('microsoft-sovereign-cloud');
      if (discovery) tree.onSignInChanged();
      else if (e.affectsConfiguration(`${SETTINGS}.vaults`)) tree.onAddedVaultsChanged();
      else if (e.affectsConfiguration(`${SETTINGS}.expiryWarningDays`)) tree.onSettingsChanged();
    }),
    vscode.authentication.onDidChangeSessions((e) => {
      if (e.provider.id === 'microsoft' || e.provider.id === 'microsoft-sovereign-cloud') tree.onSignInChanged();
    }),
    vscode.commands.registerCommand(TREE_COMMANDS.refresh, (node?: unknown) => run('Refresh', () => tree.refreshNode(isNode(node) ? node : undefined))),
    vscode.commands.registerCommand(TREE_COMMANDS.loadMore, (node?: unknown) => run('Load more', async () => {
      if (isPagedTarget(node)) await tree.loadMore(node);
    })),
    vscode.commands.registerCommand(TREE_COMMANDS.loadAll, (node?: unknown) => run('Load all', async () => {
      if (isPagedTarget(node)) await tree.loadAll(node);
    })),
    vscode.commands.registerCommand(TREE_COMMANDS.retry, (node?: unknown) => run('Retry', async () => {
      if (isNode(node) && node.kind === 'error') await tree.retry(node);
    })),
    vscode.commands.registerCommand(TREE_COMMANDS.filter, (arg?: unknown) => run('Filter secrets', async () => {
      const filter = await askFilter(tree, arg);
      if (filter !== 'cancel') await tree.setFilter(filter);
    })),
    vscode.commands.registerCommand(TREE_COMMANDS.clearFilter, () => run('Clear filter', () => tree.clearFilter())),
    vscode.commands.registerCommand(TREE_COMMANDS.addVault, (url?: unknown) => run('Add vault by URL', () => addVault(tree, url))),
    vscode.commands.registerCommand(TREE_COMMANDS.removeVault, (node?: unknown) => run('Remove from added vaults', () => removeVault(tree, node))),
    vscode.commands.registerCommand(TREE_COMMANDS.signIn, () => run('Sign in to Azure', async () => {
      const ok = await service.discovery.signIn();
      if (ok) tree.onSignInChanged();
    })),
  );
  return tree;
}

// The Vaults view's own commands (refresh, paging, retry, filter, add/remove vault, sign in): their handlers. Each
// is a row of the one command table (src/commands/commandTable.ts), run inside the error boundary like every other
// command; a handler throws to report a failure and never shows one itself.

import {
  defaultVaultDisplayName,
  isLoopbackVaultUrl,
  parseVaultUrl,
  validateVaultDisplayName,
} from '../shared/vaultUrl';
import * as vscode from 'vscode';
import { deniedHelpFor, mayFix } from '../ui/deniedAccess';
import { flash, info, input, pick } from '../ui/prompts';
import type { VaultService } from '../vault/model';
import { vaultDirectory } from '../vault/VaultDirectory';
import { addVaultToUserSettings, readAddedVaults, removeVaultFromSettings } from '../vault/settings';
import { formatFilter, parseFilter, type SecretFilter } from './filter';
import type { KeyVaultTree } from './KeyVaultTree';
import { KINDS, kindOf } from './nodeKinds';
import type { LoadMoreNode, ParentNode, TreeNode } from './nodes';
import { t } from '../shared/l10n';

/** A node of this tree as a command argument (untrusted): an object with a known kind and an id. */
function isNode(x: unknown): x is TreeNode {
  if (typeof x !== 'object' || x === null) return false;
  const { kind, id } = x as { kind?: unknown; id?: unknown };
  return typeof kind === 'string' && Object.hasOwn(KINDS, kind) && typeof id === 'string';
}

function isPagedTarget(x: unknown): x is LoadMoreNode | ParentNode {
  return isNode(x) && (x.kind === 'loadMore' || kindOf(x).paged !== undefined);
}

async function addVault(tree: KeyVaultTree, urlArg?: unknown): Promise<void> {
  const given =
    typeof urlArg === 'string'
      ? urlArg
      : await input({
          title: t('Add Vault by URL (1/2)'),
          prompt: t("The vault URL, as shown on the vault's overview page in the Azure portal"),
          placeHolder: 'https://contoso.vault.azure.net',
          ignoreFocusOut: true,
          validateInput: (v) => {
            const r = parseVaultUrl(v);
            return r.ok ? undefined : r.message;
          },
        });
  if (given === undefined) return;
  const parsed = parseVaultUrl(given);
  if (!parsed.ok) throw new Error(parsed.message);
  const url = parsed.url;
  const already = (): void => void info(t('{0} is already in the Added vaults.', url));
  if (readAddedVaults().vaults.some((v) => v.key === url && v.origin !== 'workspace')) {
    already();
    return;
  }
  const defaultName = defaultVaultDisplayName(url);
  const name =
    typeof urlArg === 'string'
      ? defaultName
      : await input({
          title: t('Add Vault by URL (2/2)'),
          prompt: t('A display name for the vault'),
          value: defaultName,
          ignoreFocusOut: true,
          validateInput: (v) => validateVaultDisplayName(v),
        });
  if (name === undefined) return;
  const nameProblem = validateVaultDisplayName(name);
  if (nameProblem !== undefined) throw new Error(nameProblem);
  let emulator = false;
  if (isLoopbackVaultUrl(url, 'user') && typeof urlArg !== 'string') {
    const kind = await pick(
      [
        { label: t('Local Key Vault emulator'), description: t('no Azure sign-in'), data: true },
        { label: t('Azure Key Vault'), description: t('sign in with Azure'), data: false },
      ],
      { title: t('This URL is on this machine. What is it?'), ignoreFocusOut: true },
    );
    if (kind === undefined) return;
    emulator = kind.data;
  }
  const added = await addVaultToUserSettings({
    url,
    ...(name.trim() ? { name: name.trim() } : {}),
    ...(emulator ? { emulator } : {}),
  });
  if (added) tree.onAddedVaultsChanged();
  else already();
}

/**
 * Removes an added vault from the settings it is in (user, workspace or folder). The vault itself is untouched. Without
 * an added vault's row (VS Code sends none when the menu was used while the view re-rendered its rows), it asks which.
 */
async function removeVault(tree: KeyVaultTree, service: VaultService, node: unknown): Promise<void> {
  let vault = isNode(node) && node.kind === 'vault' && node.vault.source === 'added' ? node.vault : undefined;
  if (vault === undefined) {
    const added = service.addedVaults();
    if (added.length === 0) {
      void info(t('There are no added vaults to remove from the Vaults view.'));
      return;
    }
    const chosen = await pick(
      added.map((v) => ({ label: v.name, description: v.url, data: v })),
      { title: t('Remove which vault from the Vaults view?') },
    );
    if (chosen === undefined) return;
    vault = chosen.data;
  }
  await removeVaultFromSettings(vault.key);
  tree.onAddedVaultsChanged();
  flash(t('Removed {0} from the Vaults view (the vault itself is unchanged).', vault.name));
}

/**
 * What to filter (or find) by, in the filter's syntax: a string argument as is, else an input box. 'cancel' when the
 * user cancelled; undefined is "no filter". `empty` says what an empty box means; `value` is the box's first text.
 */
export async function askFilter(
  arg: unknown,
  options: { readonly title: string; readonly empty: string; readonly value?: string },
): Promise<SecretFilter | undefined | 'cancel'> {
  if (typeof arg === 'string') {
    const r = parseFilter(arg);
    if (!r.ok) throw new Error(r.message);
    return r.filter;
  }
  const text = await input({
    title: options.title,
    prompt: t(
      'Name contains…; type:json for the content type; tag:env=dev or tag:env for a tag. Terms combine. {0}',
      options.empty,
    ),
    placeHolder: 'db type:text tag:env=prod',
    value: options.value ?? '',
    validateInput: (v) => {
      const r = parseFilter(v);
      return r.ok ? undefined : r.message;
    },
  });
  if (text === undefined) return 'cancel';
  const r = parseFilter(text);
  return r.ok ? r.filter : 'cancel';
}

// The handlers, each a row of the one command table (src/commands/commandTable.ts).

/** Refresh a row (or the whole view): a vault's kept guards are read again on the next look, too. */
export function refreshRow(tree: KeyVaultTree, node: unknown): Promise<void> {
  const row = isNode(node) ? node : undefined;
  if (row === undefined) vaultDirectory().access.forgetAll();
  else if (row.kind === 'vault') vaultDirectory().access.forget(row.vault);
  return tree.refreshNode(row);
}

export async function loadMoreRow(tree: KeyVaultTree, node: unknown): Promise<void> {
  if (isPagedTarget(node)) await tree.loadMore(node);
}

export async function loadAllRow(tree: KeyVaultTree, node: unknown): Promise<void> {
  if (isPagedTarget(node)) await tree.loadAll(node);
}

/** A vault's name for a title: the known vault's, else its host's first label. */
function vaultNameOf(url: string | undefined): string {
  return url === undefined ? '' : (vaultDirectory().lookup(url)?.name ?? defaultVaultDisplayName(url));
}

/**
 * Retry a failed list. A list the vault refused offers its fix first (Grant Me Access, Add Me to the Access Policy,
 * Allow My Address: the one the vault's guards call for, as the refusal's notification does); the fix waits until
 * access works, then the list is read again.
 */
export async function retryRow(tree: KeyVaultTree, node: unknown): Promise<void> {
  if (!isNode(node) || node.kind !== 'error') return;
  const help =
    node.denied !== undefined && mayFix(node.denied) ? await deniedHelpFor(node.denied, node.accessModel) : undefined;
  if (help?.fix !== undefined) {
    const fix = help.fix;
    const chosen = await pick(
      [
        { label: fix.label, description: t('then list again'), data: 'fix' as const },
        { label: t('Retry'), description: t('list again as you are'), data: 'retry' as const },
      ],
      {
        title: t('{0}: {1}', vaultNameOf(node.denied?.vaultUrl), node.message),
        placeHolder: help.sentence ?? t('This vault refused the list.'),
      },
    );
    if (chosen === undefined) return;
    if (chosen.data === 'fix') await vscode.commands.executeCommand(fix.command, fix.argument);
  }
  await tree.retry(node);
}

export async function filterSecrets(tree: KeyVaultTree, arg: unknown): Promise<void> {
  const filter = await askFilter(arg, {
    title: t('Filter Secrets'),
    empty: 'Empty clears.',
    value: tree.filter ? formatFilter(tree.filter) : '',
  });
  if (filter !== 'cancel') await tree.setFilter(filter);
}

export const clearFilter = (tree: KeyVaultTree): Promise<void> => tree.clearFilter();

export { addVault, removeVault };

export async function signIn(tree: KeyVaultTree, service: VaultService): Promise<void> {
  if (await service.discovery.signIn()) tree.onSignInChanged();
}

/**
 * A tenant row that needs its own sign-in: VS Code's sign-in for that tenant (as the row's account); its
 * subscriptions and vaults then appear.
 */
export async function signInTenant(tree: KeyVaultTree, service: VaultService, node: unknown): Promise<void> {
  if (!isNode(node) || node.kind !== 'tenant') return;
  const discovery = service.discovery;
  if (await (discovery.signInTenant?.(node.tenant) ?? discovery.signIn())) tree.onSignInChanged();
}

// Show/Hide Certificate-Backed Secrets (as `az keyvault secret list --include-managed` does), remembered per
// workspace, and the keybindings' bridge: a key pressed in the Vaults view runs a command on the selected row.

import * as vscode from 'vscode';
import { COMMANDS, type CommandName } from '../shared/commandIds';
import type { KeyVaultTree } from '../tree/KeyVaultTree';
import { flash } from '../ui/prompts';
import { t } from '../shared/l10n';

export const MANAGED_STATE_KEY = 'keyVaultSecrets.hideManaged';
/** Context key: certificate-backed secrets are hidden (the view title offers Show, else Hide). */
export const CONTEXT_MANAGED_HIDDEN = 'keyVaultSecrets.managedHidden';

export interface ToggleDeps {
  readonly tree: KeyVaultTree;
  readonly state: vscode.Memento;
}

export async function setManagedHidden(deps: ToggleDeps, hidden: boolean, quiet = false): Promise<void> {
  deps.tree.model.setShowManaged(!hidden);
  await vscode.commands.executeCommand('setContext', CONTEXT_MANAGED_HIDDEN, hidden);
  if (quiet) return;
  await deps.state.update(MANAGED_STATE_KEY, hidden);
  flash(
    hidden ? t('Certificate-backed secrets hidden (each vault says how many)') : t('Certificate-backed secrets shown'),
    'eye',
  );
}

/** Puts back this workspace's choice (no request). */
export function restoreManagedHidden(deps: ToggleDeps): void {
  if (deps.state.get<unknown>(MANAGED_STATE_KEY) === true) void setManagedHidden(deps, true, true);
}

/** The commands a key may run on the selected row of the Vaults view (and only these). */
const KEYED: ReadonlySet<CommandName> = new Set<CommandName>(['showValue', 'copyValue', 'refresh', 'deleteSecret']);

/**
 * A keybinding's command: runs `args.command` on the Vaults view's selected row (VS Code gives a keybinding's
 * command no row).
 */
export async function onSelectedRow(tree: KeyVaultTree, args: unknown): Promise<void> {
  const name = typeof args === 'object' && args !== null ? (args as { command?: unknown }).command : undefined;
  if (typeof name !== 'string' || !KEYED.has(name as CommandName)) return;
  const row = tree.selection[0];
  // Value and delete keys act on a secret or version row only; Refresh on any row (nothing selected: everything).
  if (name !== 'refresh' && row?.kind !== 'secret' && row?.kind !== 'version') return;
  await vscode.commands.executeCommand(COMMANDS[name as CommandName], row);
}

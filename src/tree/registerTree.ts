// Creates the Vaults view and keeps it in step with settings and sign-in changes. No network work here:
// everything waits for the user to expand a node. The tree's commands are in treeCommands.ts (registered by the
// one command table).

import * as vscode from 'vscode';
import { onObjectChange, onSecretChange } from '../vault/changes';
import type { VaultRef, VaultService } from '../vault/model';
import { AZURE_RESOURCES_SELECTION, readExpiryWarningDays, settingId, SETTING_KEYS } from '../vault/settings';
import { followChange } from './followChange';
import { KeyVaultTree, VIEW_ID } from './KeyVaultTree';
import { VIEWS, type CreateView } from './views';

/**
 * Creates the view and the tree; returns the tree (the targeted-refresh API commands and tests use). `createView`:
 * the view activation made for it (src/tree/views.ts), else a new one.
 */
export function registerTree(
  context: vscode.ExtensionContext,
  service: VaultService,
  createView: CreateView = (id, o) => vscode.window.createTreeView(id, o),
): KeyVaultTree {
  const tree = new KeyVaultTree({ service, viewId: VIEW_ID, expiryWarningDays: readExpiryWarningDays });
  const view = createView(VIEW_ID, { treeDataProvider: tree, ...VIEWS.vaults.options });
  shown = tree;
  context.subscriptions.push(
    tree,
    view,
    tree.attach(view),
    onSecretChange((c) => followChange(tree, c)),
    // Only the changed vault's group of that type (and its shown versions) lists again.
    onObjectChange((c) => void tree.model.objectsChanged(c.vault, c.objectKind)),
    {
      dispose: () => {
        if (shown === tree) shown = undefined;
      },
    },
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The vault service rebuilds its discovery on these first (its listener was registered before this one).
      const discovery =
        [
          SETTING_KEYS.authentication,
          SETTING_KEYS.subscriptions,
          SETTING_KEYS.testingArmEndpoint,
          SETTING_KEYS.testingArmCaFile,
        ].some((k) => e.affectsConfiguration(settingId(k))) ||
        e.affectsConfiguration('microsoft-sovereign-cloud') ||
        e.affectsConfiguration(`${AZURE_RESOURCES_SELECTION.section}.${AZURE_RESOURCES_SELECTION.key}`);
      if (discovery) tree.onSignInChanged();
      else if (e.affectsConfiguration(settingId(SETTING_KEYS.vaults))) tree.onAddedVaultsChanged();
      else if (e.affectsConfiguration(settingId(SETTING_KEYS.expiryWarningDays))) tree.onSettingsChanged();
    }),
    vscode.authentication.onDidChangeSessions((e) => {
      if (e.provider.id === 'microsoft' || e.provider.id === 'microsoft-sovereign-cloud') tree.onSignInChanged();
    }),
  );
  return tree;
}

/** The Vaults view of this window, once made. */
let shown: KeyVaultTree | undefined;

/** Shows and selects a secret's row in the Vaults view (the references hover's Reveal); false when it cannot. */
export async function revealSecretRow(vault: VaultRef, name: string): Promise<boolean> {
  return shown === undefined ? false : shown.revealSecret(vault, name);
}

// The extension's tree views, their ids and options in one place. Activation creates the views with these before
// any tree code is loaded (src/lazyActivation.ts); registerTree and registerExpiringView hand their providers to
// those views when the tree code loads. A new option for a view goes here, not into a createTreeView call.

import type * as vscode from 'vscode';

/** A view's options other than its provider. */
export type ViewOptions = Omit<vscode.TreeViewOptions<unknown>, 'treeDataProvider' | 'dragAndDropController'>;

export const VIEWS = {
  vaults: {
    id: 'keyVaultSecrets.vaults',
    // Delete, enable/disable, back up, copy and export act on every selected row (src/commands/selection.ts).
    options: { showCollapseAll: true, canSelectMany: true },
  },
  expiring: { id: 'keyVaultSecrets.expiring', options: {} },
  apps: { id: 'keyVaultSecrets.apps', options: {} },
} as const satisfies Readonly<Record<string, { readonly id: string; readonly options: ViewOptions }>>;

/** Makes the view of a provider: the activation's view waiting for it, or vscode.window.createTreeView. */
export type CreateView = <T>(id: string, options: vscode.TreeViewOptions<T>) => vscode.TreeView<T>;

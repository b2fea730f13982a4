// Sort Secrets…: the order of every vault's secret rows (name, last updated, expiry), remembered per workspace.

import type * as vscode from 'vscode';
import type { KeyVaultTree } from '../tree/KeyVaultTree';
import { isSecretSort, SECRET_SORT_LABELS, SECRET_SORTS, type SecretSort } from '../tree/secretSort';
import { flash, pick } from '../ui/prompts';
import { t } from '../shared/l10n';

/** Where the order is kept (workspaceState: per workspace, never in settings). */
export const SORT_STATE_KEY = 'keyVaultSecrets.secretSort';

export interface SortDeps {
  readonly tree: KeyVaultTree;
  readonly state: vscode.Memento;
}

/** Puts back the order this workspace last used (no request). */
export function restoreSecretOrder(deps: SortDeps): void {
  const saved = deps.state.get<unknown>(SORT_STATE_KEY);
  if (isSecretSort(saved)) deps.tree.model.setSecretOrder(saved);
}

export async function sortSecrets(deps: SortDeps, arg?: unknown): Promise<void> {
  let order: SecretSort | undefined;
  if (typeof arg === 'string') {
    if (!isSecretSort(arg)) throw new Error(t('Secrets can be sorted by {0}.', SECRET_SORTS.join(', ')));
    order = arg;
  } else {
    const current = deps.tree.model.secretOrder;
    const chosen = await pick(
      SECRET_SORTS.map((s) => ({
        label: SECRET_SORT_LABELS[s],
        ...(s === current ? { description: t('current') } : {}),
        data: s,
      })),
      {
        title: t('Sort Secrets By'),
        placeHolder: t('The order of the secrets in every vault (this workspace remembers it)'),
      },
    );
    order = chosen?.data;
  }
  if (order === undefined) return;
  deps.tree.model.setSecretOrder(order);
  await deps.state.update(SORT_STATE_KEY, order);
  flash(t('Secrets sorted by {0}', SECRET_SORT_LABELS[order].toLowerCase()), 'list-ordered');
}

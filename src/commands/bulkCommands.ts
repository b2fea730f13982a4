// The command side of the multi-selection actions: when several tree rows are selected, Delete, Enable, Disable
// and Back Up act on all of them (src/transfer/bulkActions.ts); one row (or none: the palette) keeps the single
// command's behaviour. Back Up to Folder… takes the selection, a vault row (all its secrets) or a picked vault.

import { exportSecrets } from '../transfer/exportSecrets';
import type { ActionContext } from '../ui/ErrorBoundary';
import { bulkBackup, bulkDelete, bulkSetEnabled, type BulkRow } from '../transfer/bulkActions';
import { t } from '../shared/l10n';
import { pickVault } from '../ui/pickVault';
import { oneVault, selectionOf } from './selection';
import type { Services } from './services';

type Handler = (s: Services, arg: unknown, action: ActionContext, selected?: unknown) => Promise<unknown>;

/** The selected rows when there are several of them; undefined for one row or none (the single command runs). */
function manyRows(arg: unknown, selected: unknown): readonly BulkRow[] | undefined {
  const { targets } = selectionOf(arg, selected);
  return targets.length > 1 ? targets : undefined;
}

/** A single-row command that, with several rows selected, runs `bulk` on all of them instead. */
export function orBulk(
  single: (s: Services, arg: unknown, action: ActionContext) => Promise<unknown>,
  bulk: (rows: readonly BulkRow[]) => Promise<void>,
): Handler {
  return (s, arg, action, selected) => {
    const rows = manyRows(arg, selected);
    return rows === undefined ? single(s, arg, action) : bulk(rows);
  };
}

export const bulkDeleteRows = (rows: readonly BulkRow[]): Promise<void> => bulkDelete(rows);
export const bulkEnableRows = (rows: readonly BulkRow[]): Promise<void> => bulkSetEnabled(rows, true);
export const bulkDisableRows = (rows: readonly BulkRow[]): Promise<void> => bulkSetEnabled(rows, false);

/** Back Up to Folder…: the selected rows (a vault row = all its secrets), or all secrets of a picked vault. */
export async function backupToFolder(arg: unknown, selected?: unknown): Promise<void> {
  const { targets } = selectionOf(arg, selected);
  const rows: readonly BulkRow[] =
    targets.length > 0 ? targets : [{ kind: 'vault', vault: await pickVault(t('Back Up to Folder')) }];
  await bulkBackup(rows);
}

/**
 * Export with secret rows selected: those secrets (of one vault; a version row stands for its secret) through
 * io's exportSecrets; otherwise (a vault row, the palette) `whole` exports a vault as before.
 */
export function exportSelectedOr(whole: (s: Services, arg: unknown) => Promise<void>): Handler {
  return async (s, arg, _action, selected) => {
    const { targets } = selectionOf(arg, selected);
    const secrets = targets.filter((x) => x.kind === 'secret');
    if (secrets.length === 0 || secrets.length !== targets.length) return whole(s, arg);
    const vault = oneVault(secrets, t('Export Secrets'));
    await exportSecrets(vault, [...new Set(secrets.map((x) => x.name))]);
  };
}

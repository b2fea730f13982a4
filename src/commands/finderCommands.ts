// The rows of the one command table for the commands across vaults: find, sort, expiring secrets and
// the certificate-backed toggle. registerCommands.ts registers them inside the error boundary like every other row.

import { FINDER_COMMAND_NAMES, type FinderCommandName } from '../shared/commandIds';
import type * as vscode from 'vscode';
import { readDailyExpiryCheck } from '../vault/settings';
import { refreshExpiring, scheduleDailyExpiryCheck } from './expiring';
import { findSecret, type FinderDeps } from './findSecret';
import { restoreSecretOrder, sortSecrets } from './sortSecrets';
import { onSelectedRow, restoreManagedHidden, setManagedHidden } from './viewToggles';

export type { FinderDeps } from './findSecret';

type Row = readonly [title: string, run: (arg: unknown) => Promise<void>];

/** The rows; also puts back this workspace's sort order and schedules the opt-in daily check (no request now). */
export function finderCommands(
  deps: FinderDeps,
  subscriptions: vscode.Disposable[],
): ReadonlyArray<readonly [FinderCommandName, ...Row]> {
  restoreSecretOrder(deps);
  restoreManagedHidden(deps);
  subscriptions.push(scheduleDailyExpiryCheck(deps, readDailyExpiryCheck));
  const rows: { readonly [N in FinderCommandName]: Row } = {
    findSecret: ['Find secret in all vaults', (arg) => findSecret(deps, arg)],
    sortSecrets: ['Sort secrets', (arg) => sortSecrets(deps, arg)],
    refreshExpiring: ['Refresh expiring secrets', () => refreshExpiring(deps)],
    hideManaged: ['Hide certificate-backed secrets', () => setManagedHidden(deps, true)],
    showManaged: ['Show certificate-backed secrets', () => setManagedHidden(deps, false)],
    onSelectedRow: ['Run on the selected row', (args) => onSelectedRow(deps.tree, args)],
  };
  return FINDER_COMMAND_NAMES.map((n) => [n, ...rows[n]] as const);
}

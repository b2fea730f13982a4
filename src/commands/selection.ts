// The rows a command was run on. With `canSelectMany`, VS Code runs a tree command with two arguments: the row
// that was clicked and every selected row (`selected` includes the clicked one; a right-click outside the
// selection passes the clicked row alone or a selection without it). From the palette both are absent.
// Both arguments are untrusted (another extension may run our commands with anything): each row is read by
// toTarget (targets.ts), so a vault must be a known one and names and versions follow Key Vault's rules.

import { t } from '../shared/l10n';
import { groupByVault } from '../transfer/bulkRun';
import type { VaultRef } from '../vault/model';
import { targetOf, type SecretTarget, type Target } from './targets';

/** A selection larger than this is refused in words (a tree shows at most a few thousand rows; bounds the work). */
export const MAX_SELECTION = 5000;

export interface Selection {
  /** The rows that are ours, in the order of the selection, each once. */
  readonly targets: readonly Target[];
  /** Rows of other kinds (subscriptions, "Load more", error rows) that were selected and are left out. */
  readonly skipped: number;
}

/** One key per row: a secret, a version of it and its deleted form are different rows. */
export function targetKey(target: Target): string {
  const vault = target.vault.key;
  switch (target.kind) {
    case 'vault':
      return `vault|${vault}`;
    case 'deleted':
      return `deleted|${vault}|${target.name}`;
    case 'secret':
      return `secret|${vault}|${target.name}|${target.version ?? ''}`;
  }
}

/**
 * The targets of a tree command's `(clicked, selected)` arguments. The selection is used when it holds the
 * clicked row (or no row was clicked); otherwise the clicked row alone, as VS Code does for a right-click outside
 * the selection. Throws, in words, when a row names a vault that is not one of the user's (nothing is done then)
 * or the selection is too large. Empty (no rows) = the palette: the command picks.
 */
export function selectionOf(clicked: unknown, selected: unknown): Selection {
  const rows = rowsOf(clicked, selected);
  if (rows.length > MAX_SELECTION)
    throw new Error(t('Select at most {0} rows for one action ({1} are selected).', MAX_SELECTION, rows.length));
  const targets: Target[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const row of rows) {
    const target = targetOf({}, row);
    if (target === undefined) {
      skipped++;
      continue;
    }
    const key = targetKey(target);
    if (seen.has(key)) continue;
    seen.add(key);
    targets.push(target);
  }
  return { targets, skipped };
}

function rowsOf(clicked: unknown, selected: unknown): readonly unknown[] {
  if (Array.isArray(selected) && selected.length > 0) {
    if (clicked === undefined || selected.includes(clicked)) return selected;
  }
  return clicked === undefined ? [] : [clicked];
}

/** Splits targets into whole secrets (secret rows without a version) and the rest (vaults, versions, deleted). */
export function wholeSecrets(targets: readonly Target[]): {
  readonly secrets: readonly SecretTarget[];
  readonly others: readonly Target[];
} {
  const secrets: SecretTarget[] = [];
  const others: Target[] = [];
  for (const target of targets) {
    if (target.kind === 'secret' && target.version === undefined) secrets.push(target);
    else others.push(target);
  }
  return { secrets, others };
}

/** The one vault of a selection; throws, in words, when it spans several (`action` names what was asked). */
export function oneVault(targets: readonly Target[], action: string): VaultRef {
  const groups = groupByVault(targets);
  const first = groups[0];
  if (first === undefined) throw new Error(t('{0}: nothing is selected.', action));
  if (groups.length > 1)
    throw new Error(
      t(
        '{0} works on one vault at a time, and the selection spans {1} vaults ({2}). Select rows of one vault.',
        action,
        groups.length,
        groups.map((g) => g.vault.name).join(', '),
      ),
    );
  return first.vault;
}

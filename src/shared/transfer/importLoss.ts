// What applying an import plan loses, for the destructive-action gate: the existing secrets that get a new version
// from the file, and the deleted secrets the user chose to purge. Only the plan decides: a row is purged only when
// it is a conflict (the name is deleted in the vault) and the choice is purge; a choice posted for any other row
// changes nothing.

import type { GateVault, Loss } from '../destructive';
import { t } from '../l10n';
import type { PlanRow } from './importPlan';

/** The losses of applying `rows` to `vault`, in the order they are asked: overwrites, then purges (typed). */
export function importLosses(rows: readonly PlanRow[], vault: GateVault): Loss[] {
  const overwritten = rows.filter((r) => r.outcome === 'newVersion').map((r) => r.target);
  const purged = rows.filter((r) => r.outcome === 'conflict' && r.choice === 'purge').map((r) => r.target);
  return [
    ...(overwritten.length > 0
      ? [
          {
            kind: 'overwrite' as const,
            groups: [{ vault, names: overwritten }],
            from: overwritten.length === 1 ? t("the file's value") : t("the file's values"),
          },
        ]
      : []),
    ...(purged.length > 0 ? [{ kind: 'purge' as const, groups: [{ vault, names: purged }] }] : []),
  ];
}

// Export Secrets… as CSV or TSV: each secret's current value with its properties (content type, tags, dates,
// enabled), one GetSecret each (tableRows.ts), serialized exactly (secretTable.ts). Cells a spreadsheet would run
// as formulas (starting with =, +, -, @, a tab or CR) are written as they are, so the file imports back unchanged,
// and the export names the secrets that have one: the user is told, never a value silently altered.

import { t } from '../shared/l10n';
import { formulaLikeRows, serializeSecretTable, tableDelimiterOf } from '../shared/transfer/secretTable';
import { UserCancelled } from '../ui/UserCancelled';
import { withProgress } from '../ui/progress';
import type { VaultClient, VaultRef } from '../vault/model';
import { readTableRows } from './tableRows';

/** Reads every value with its properties and answers the file's text, who was left out (and why), and notes. */
export async function tableText(
  client: VaultClient,
  vault: VaultRef,
  names: readonly string[],
  path: string,
): Promise<{ text: string; left: string[]; notes: string[] }> {
  let cancelled = false;
  const { rows, left } = await withProgress(
    t('Reading {0} values from {1}…', names.length, vault.name),
    async (signal, step) => {
      const read = await readTableRows(client, names, {
        signal,
        stop: () => signal.aborted,
        onRead: (done) => step(t('{0} of {1}', done, names.length)),
      });
      cancelled = signal.aborted;
      return read;
    },
  );
  if (cancelled) throw new UserCancelled();
  const risky = formulaLikeRows(rows);
  const notes =
    risky.length > 0
      ? [
          t(
            'In {0} secrets a cell starts with =, +, -, @, a tab or a line break ({1}): it is written exactly, so the file imports back unchanged, but a spreadsheet may run it as a formula. Open the file in a spreadsheet only as text.',
            risky.length,
            risky.join(', '),
          ),
        ]
      : [];
  return { text: serializeSecretTable(rows, tableDelimiterOf(path) ?? ','), left, notes };
}

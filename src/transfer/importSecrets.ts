// Import Secrets…: a `.env`, flat JSON, CSV or TSV file into a vault. The file is read (size-limited, parsed as untrusted
// text), each key mapped to a secret name by the visible rule, the vault's state read with the fewest requests
// (list once, deleted list once, one GetSecret per existing name), and the preview opened. Nothing is sent to
// the vault before the user applies the preview.

import { basename } from 'node:path';
import * as vscode from 'vscode';
import { t } from '../shared/l10n';
import { MAX_TRANSFER_FILE_BYTES } from '../shared/transfer/dotenv';
import { parseTransferFile } from '../shared/transfer/flatJson';
import { namesToRead, type PlanEntry } from '../shared/transfer/importPlan';
import { variableToSecret } from '../shared/transfer/nameMapping';
import { isTableEntry } from '../shared/transfer/secretTable';
import { UserCancelled } from '../ui/UserCancelled';
import { openDialog } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import type { VaultRef } from '../vault/model';
import { vaultDirectory } from '../vault/VaultDirectory';
import { ImportPreviewPanel } from './importPreviewPanel';
import { listVaultState, readCurrentValues } from './importVaultState';
import { localPath } from './ownerOnlyFile';
import { readPickedFile } from './pickedFile';

/** Opens the import preview for a file (asked when not given) into `vault`; answers the panel (tests use it). */
export async function importSecrets(vault: VaultRef, file?: vscode.Uri): Promise<ImportPreviewPanel> {
  const picked =
    file ??
    (await openDialog({
      title: t('Import secrets into {0}', vault.name),
      openLabel: t('Preview Import'),
      canSelectMany: false,
      filters: {
        [t('Environment or JSON file')]: ['env', 'json'],
        [t('CSV or TSV file')]: ['csv', 'tsv'],
        [t('All files')]: ['*'],
      },
      // The file to import is usually the workspace's own .env: the dialog starts in the workspace folder.
      ...(vscode.workspace.workspaceFolders?.[0] !== undefined
        ? { defaultUri: vscode.workspace.workspaceFolders[0].uri }
        : {}),
    }));
  if (picked === undefined) throw new UserCancelled();
  const path = localPath(picked, t('Choose a file on the machine the extension runs on.'));
  const bytes = await readPickedFile(path, MAX_TRANSFER_FILE_BYTES);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(t('{0} is not UTF-8 text.', basename(path)));
  }
  const parsed = parseTransferFile(path, text);
  const fileProblems = parsed.problems.map((p) => p.message);
  if (parsed.entries.length === 0)
    throw new Error([t('{0} has no entries to import.', basename(path)), ...fileProblems.slice(0, 5)].join(' '));
  // A CSV/TSV row names its secret as it is (no mapping) and brings its properties, or why it is refused.
  const entries: PlanEntry[] = parsed.entries.map((e) =>
    isTableEntry(e)
      ? {
          key: e.key,
          target: e.key,
          value: e.value,
          fields: e.fields,
          ...(e.refusal !== undefined ? { refusal: e.refusal } : {}),
        }
      : { key: e.key, target: variableToSecret(e.key), value: e.value },
  );
  const client = vaultDirectory().clientFor(vault);
  const state = await withProgress(t('Comparing {0} entries with {1}…', entries.length, vault.name), async (signal) => {
    const s = await listVaultState(client, { signal });
    await readCurrentValues(client, s, namesToRead(entries, s.existing), { signal });
    return s;
  });
  return ImportPreviewPanel.show(vault, client, { fileName: basename(path), entries, fileProblems }, state);
}

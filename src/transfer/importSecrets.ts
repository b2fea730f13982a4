// Import Secrets…: a `.env` or flat JSON file into a vault. The file is read (size-limited, parsed as untrusted
// text), each key mapped to a secret name by the visible rule, the vault's state read with the fewest requests
// (list once, deleted list once, one GetSecret per existing name), and the preview opened. Nothing is sent to
// the vault before the user applies the preview.

import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type * as vscode from 'vscode';
import { t } from '../shared/l10n';
import { MAX_TRANSFER_FILE_BYTES } from '../shared/transfer/dotenv';
import { parseTransferFile } from '../shared/transfer/flatJson';
import { namesToRead, type PlanEntry } from '../shared/transfer/importPlan';
import { variableToSecret } from '../shared/transfer/nameMapping';
import { UserCancelled } from '../ui/UserCancelled';
import { openDialog } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { interactiveClient } from '../vault/interactiveClient';
import type { VaultRef } from '../vault/model';
import type { TransferHost } from './exportSecrets';
import { ImportPreviewPanel } from './importPreviewPanel';
import { listVaultState, readCurrentValues } from './importVaultState';
import { localPath } from './ownerOnlyFile';

/**
 * Reads at most `limit` bytes of a file the user picked; refuses a larger one (without reading it all). Used for
 * every picked file of the transfer commands.
 */
export async function readPickedFile(path: string, limit: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > limit)
      throw new Error(t('{0} is larger than {1} KB: it is not read.', basename(path), Math.round(limit / 1024)));
    const buffer = new Uint8Array(limit + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > limit)
        throw new Error(t('{0} is larger than {1} KB: it is not read.', basename(path), Math.round(limit / 1024)));
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/** Opens the import preview for a file (asked when not given) into `vault`; answers the panel (tests use it). */
export async function importSecrets(
  host: TransferHost & { readonly extensionUri: vscode.Uri },
  vault: VaultRef,
  file?: vscode.Uri,
): Promise<ImportPreviewPanel> {
  const picked =
    file ??
    (await openDialog({
      title: t('Import secrets into {0}', vault.name),
      openLabel: t('Preview Import'),
      canSelectMany: false,
      filters: { [t('Environment or JSON file')]: ['env', 'json'], [t('All files')]: ['*'] },
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
  const entries: PlanEntry[] = parsed.entries.map((e) => ({
    key: e.key,
    target: variableToSecret(e.key),
    value: e.value,
  }));
  const client = interactiveClient(host.clientFor(vault));
  const state = await withProgress(t('Comparing {0} entries with {1}…', entries.length, vault.name), async (signal) => {
    const s = await listVaultState(client, { signal });
    await readCurrentValues(client, s, namesToRead(entries, s.existing), { signal });
    return s;
  });
  return ImportPreviewPanel.show(host, vault, client, { fileName: basename(path), entries, fileProblems }, state);
}

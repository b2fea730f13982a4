// Where a keyVaultSecrets.envFile entry may point: a file inside the configuration's workspace folder, after
// symbolic links are resolved (a link inside the folder to a file outside it is outside). A relative entry is
// relative to that folder. No `vscode`, so the bad-input catalogue runs this very rule.

import { isAbsolute, join } from 'node:path';
import { isWithin } from '../platform/processes';
import { t } from '../shared/l10n';

/** The file's path, or why it is refused (no folder, outside the folder, or not there). */
export function mappingFilePath(
  folder: string | undefined,
  entry: string,
): { readonly path: string } | { readonly refused: string } {
  const path = folder === undefined || isAbsolute(entry) ? entry : join(folder, entry);
  if (folder === undefined || !isWithin(folder, path))
    return {
      refused: t('{0} is not a file inside the workspace folder of this configuration.', JSON.stringify(entry)),
    };
  return { path };
}

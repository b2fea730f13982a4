// The commands that move secrets between files and a vault: what they were run on (a vault or secret
// row, a details panel's target, the palette's pickers) becomes the target of the src/transfer/ entry point.

import { t } from '../shared/l10n';
import { exportSecrets } from '../transfer/exportSecrets';
import { importSecrets } from '../transfer/importSecrets';
import { saveValueToFile, setValueFromFile } from '../transfer/valueFile';
import { resolveSecret, resolveVault } from './pickers';
import type { Services } from './services';

export async function exportSecretsCommand(s: Services, arg: unknown): Promise<void> {
  await exportSecrets((await resolveVault(s, arg, t('Export Secrets'))).vault);
}

export async function importSecretsCommand(s: Services, arg: unknown): Promise<void> {
  await importSecrets((await resolveVault(s, arg, t('Import Secrets'))).vault);
}

export async function setValueFromFileCommand(s: Services, arg: unknown): Promise<void> {
  await setValueFromFile(await resolveSecret(s, arg, t('Set Value from File')));
}

export async function saveValueToFileCommand(s: Services, arg: unknown): Promise<void> {
  await saveValueToFile(await resolveSecret(s, arg, t('Save Value to File')));
}

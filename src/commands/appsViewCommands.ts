// The Deployed Apps view's own commands: Refresh scans the apps again (the view re-renders from the new scan), and
// Reveal Secret in Vaults View shows the secret a reference row names in the Vaults view, when that vault is known.
// A row argument is untrusted: only its secret name and vault (name or host) are read, each checked.

import { vaultHostOf, type AppUsage } from '../shared/appUsage';
import { t } from '../shared/l10n';
import { isSecretName } from '../shared/validation';
import { isRecord } from '../shared/webviewMessages/validate';
import { revealSecretRow } from '../tree/registerTree';
import { info } from '../ui/prompts';
import type { VaultRef, VaultService } from '../vault/model';
import { vaultDirectory } from '../vault/VaultDirectory';
import { checkDeployedApps } from './appsCommands';

/** Refresh of the view: a new scan (cancellable, with progress); the view shows what it found. */
export async function refreshDeployedApps(service: VaultService): Promise<void> {
  await checkDeployedApps(service);
}

type Named = Pick<AppUsage, 'secretName' | 'vaultName' | 'vaultHost'>;

function referenceOf(arg: unknown): Named | undefined {
  if (!isRecord(arg) || arg.kind !== 'appsReference' || !isRecord(arg.use)) return undefined;
  const { secretName, vaultName, vaultHost } = arg.use;
  if (typeof secretName !== 'string' || !isSecretName(secretName)) return undefined;
  return {
    secretName,
    ...(typeof vaultName === 'string' ? { vaultName } : {}),
    ...(typeof vaultHost === 'string' ? { vaultHost } : {}),
  };
}

/** The known vault a reference names: by its URL's host, else by its name (unique within a cloud). */
function vaultNamed(ref: Named, known: readonly VaultRef[]): VaultRef | undefined {
  const byHost = ref.vaultHost === undefined ? undefined : known.find((v) => vaultHostOf(v.url) === ref.vaultHost);
  const name = ref.vaultName?.toLowerCase();
  return byHost ?? (name === undefined ? undefined : known.find((v) => v.name.toLowerCase() === name));
}

export async function revealAppSecret(arg?: unknown): Promise<void> {
  const ref = referenceOf(arg);
  if (ref === undefined) throw new Error(t('Choose a Key Vault reference in the Deployed Apps view.'));
  const vault = vaultNamed(ref, vaultDirectory().known());
  if (vault === undefined) {
    void info(t('The vault of "{0}" is not in the Vaults view.', ref.secretName));
    return;
  }
  if (!(await revealSecretRow(vault, ref.secretName)))
    void info(t('Secret "{0}" is not shown in the Vaults view (is a filter on?).', ref.secretName));
}

// A refused request (403) explained in the vault's own terms and paired with its fix: the vault's guards (one ARM
// read, kept with the vault) add a sentence to the message ("this vault uses Azure RBAC; you have no role on it
// that can list the secrets of"), and the notification offers the fix that matches what refused it.

import { COMMANDS, type CommandId } from '../shared/commandIds';
import { t } from '../shared/l10n';
import { deniedSentence } from '../vault/accessGuards';
import { operationDoing } from '../vault/errors';
import { isKeyVaultFailure, type AccessModel, type DeniedRequest } from '../vault/KeyVaultFailure';
import { vaultDirectory } from '../vault/VaultDirectory';

/** The argument a refusal's notification passes to its fix (src/commands/accessFixArgs.ts reads it). */
export const DENIED_ARGUMENT = 'keyVaultSecrets.deniedRequest';

export function deniedArgument(denied: DeniedRequest): { readonly kind: string; readonly denied: DeniedRequest } {
  return { kind: DENIED_ARGUMENT, denied };
}

/** How long a notification waits for the vault's guards before it is shown without them. */
const GUARD_WAIT_MS = 10_000;

export interface DeniedHelp {
  readonly sentence?: string;
  readonly fix?: { readonly label: string; readonly command: CommandId; readonly argument: unknown };
}

/** The guards' sentence and the fix for a refused request to a discovered vault; undefined for anything else. */
export async function deniedHelp(e: unknown): Promise<DeniedHelp | undefined> {
  if (!isKeyVaultFailure(e) || e.kind !== 'forbidden' || e.denied === undefined) return undefined;
  return deniedHelpFor(e.denied, e.accessModel);
}

/** Whether a refusal may have a fix: it names one of the user's discovered vaults (their guards can be read). */
export function mayFix(denied: DeniedRequest): boolean {
  try {
    return denied.vaultUrl !== undefined && vaultDirectory().lookup(denied.vaultUrl)?.source === 'discovered';
  } catch {
    return false;
  }
}

/** The same for a refusal kept apart from its error (a tree row that failed to list). */
export async function deniedHelpFor(
  denied: DeniedRequest,
  accessModel: AccessModel | undefined,
): Promise<DeniedHelp | undefined> {
  if (denied.vaultUrl === undefined) return undefined;
  let vault;
  try {
    vault = vaultDirectory().lookup(denied.vaultUrl ?? '');
  } catch {
    return undefined;
  }
  if (vault === undefined || vault.source !== 'discovered') return undefined;
  const read = vaultDirectory().access.read(vault);
  if (read === undefined) return undefined;
  const guards = await Promise.race([
    read.then((r) => r.guards).catch(() => undefined),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), GUARD_WAIT_MS)),
  ]);
  const doing = operationDoing(denied.operation) ?? t('use');
  const sentence = guards === undefined ? undefined : deniedSentence(guards, `${doing} it`);
  const argument = deniedArgument(denied);
  const model =
    accessModel === 'firewall' || guards?.defaultAction === 'Deny' || guards?.publicNetworkAccess === 'Disabled'
      ? 'firewall'
      : (guards?.permissionModel ?? accessModel);
  const fix =
    model === 'firewall'
      ? denied.publicAccessDisabled === true
        ? undefined
        : { label: t('Allow My Address'), command: COMMANDS.allowMyAddress, argument }
      : model === 'rbac'
        ? { label: t('Grant Me Access'), command: COMMANDS.grantAccess, argument }
        : model === 'accessPolicy'
          ? { label: t('Add Me to the Access Policy'), command: COMMANDS.addToAccessPolicy, argument }
          : undefined;
  return { ...(sentence !== undefined ? { sentence } : {}), ...(fix !== undefined ? { fix } : {}) };
}

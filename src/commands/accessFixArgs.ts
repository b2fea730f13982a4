// What an access fix acts on: a vault row (its context menu), a vault picked from the palette, or the refusal a
// notification offered the fix for. Arguments are untrusted (another extension may run our commands): the vault
// must be one of the user's known vaults, the refusal's fields are checked one by one and anything else dropped.

import type { CommandContext } from './commandTable';
import { resolveVault } from './pickers';
import { t } from '../shared/l10n';
import { isSecretName } from '../shared/validation';
import { DENIED_ARGUMENT } from '../ui/deniedAccess';
import { isRecord } from '../shared/webviewMessages/validate';
import { isSecretPermission, type SecretPermission } from '../vault/accessGuards';
import { operationDoing, policyPermissionOf, SECRET_OPERATIONS, type VaultOperation } from '../vault/errors';
import type { DeniedRequest } from '../vault/KeyVaultFailure';
import type { VaultRef } from '../vault/model';
import { vaultDirectory } from '../vault/VaultDirectory';

export interface FixArgument {
  readonly vault: VaultRef;
  readonly denied?: DeniedRequest;
  /** The access-policy secret permission the refused request needed. */
  readonly permission?: SecretPermission;
}

/** A refused request from an argument, its fields checked; undefined when it is not one. */
function deniedOf(arg: unknown): DeniedRequest | undefined {
  if (!isRecord(arg) || arg.kind !== DENIED_ARGUMENT || !isRecord(arg.denied)) return undefined;
  const d = arg.denied;
  const operation = SECRET_OPERATIONS.find((o) => o === d.operation);
  if (operation === undefined || typeof d.vaultUrl !== 'string') return undefined;
  const address =
    typeof d.clientAddress === 'string' && /^[0-9A-Fa-f:.]{2,45}$/.test(d.clientAddress) ? d.clientAddress : undefined;
  return {
    operation,
    vaultUrl: d.vaultUrl,
    ...(isSecretName(d.secretName) ? { secretName: d.secretName } : {}),
    ...(address !== undefined ? { clientAddress: address } : {}),
    ...(d.publicAccessDisabled === true ? { publicAccessDisabled: true } : {}),
  };
}

/** The vault and refusal a fix acts on; the palette picks the vault. */
export async function fixArgument(c: CommandContext, arg: unknown, title: string): Promise<FixArgument> {
  const denied = deniedOf(arg);
  if (denied === undefined) return { vault: (await resolveVault(c, arg, title)).vault };
  const vault = vaultDirectory().lookup(denied.vaultUrl ?? '');
  if (vault === undefined) throw new Error(t('{0} is not one of your vaults.', denied.vaultUrl ?? ''));
  const permission = policyPermissionOf(denied.operation);
  return { vault, denied, ...(isSecretPermission(permission) ? { permission } : {}) };
}

/** What an operation does, before "vault X". */
export function doingText(operation: VaultOperation): string {
  return operationDoing(operation) ?? t('use');
}

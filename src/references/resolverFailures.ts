// How the reference resolver reads a failed request: the Resolution it stands for, whether it was a cancel, and
// the stand-in for a deleted secret the service only says is disabled. Pure (no `vscode`).

import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { DeletedSecret, VaultRef } from '../vault/model';
import { userMessage } from '../vault/vaultHelpers';
import type { Resolution } from './referenceState';

export function deletedPlaceholder(vault: VaultRef, name: string): DeletedSecret {
  return { vaultUrl: vault.url, name, id: `${vault.url}/secrets/${name}`, enabled: false, tags: {}, managed: false };
}

export function isCancel(e: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true || (isKeyVaultFailure(e) && e.kind === 'cancelled');
}

/** forbidden / signed out / unreachable, with the permission the operation needs when the service did not say. */
export function failureResolution(e: unknown, permission: string): Resolution {
  const message = userMessage(e);
  if (isKeyVaultFailure(e)) {
    if (e.kind === 'forbidden') return { status: 'forbidden', permission: e.permission ?? permission, message };
    if (e.kind === 'unauthenticated') return { status: 'signedOut', message };
  }
  return { status: 'unreachable', message };
}

// How the resolver's requests end when they do not answer: a failure shown on the reference (forbidden, signed
// out, unreachable), a cancellation, or a request the automatic check's budget did not allow. Pure (no `vscode`).

import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { DeletedSecret, VaultRef } from '../vault/model';
import { userMessage } from '../vault/userMessage';
import type { Resolution } from './referenceState';

/**
 * The requests one automatic check (one document, one refresh) may still send; `spent` once one was refused.
 * Each request is counted, so a file of thousands of references costs at most the budget per refresh.
 */
export class RequestBudget {
  spent = false;
  constructor(private left: number) {}
  take(): boolean {
    if (this.left <= 0) {
      this.spent = true;
      return false;
    }
    this.left--;
    return true;
  }
}

/** A request the budget did not allow: the reference is reported "not checked", never as a failure. */
export class BudgetSpent extends Error {}

/** What a disabled secret's deleted lookup stands for (the service would not say more). */
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

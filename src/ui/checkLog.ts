// The log lines of the checks that run in the background (the references check, the expiry check, the vault
// discovery): one line per failure, naming the check, where (a vault's host, a subscription), the operation, and why
// (the failure's kind and message). The line goes through the log's masks; no value is ever passed to it.

import { hostOf } from '../shared/destructive';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { VaultRef } from '../vault/model';
import { logWarn } from './log';

/** Why a request failed, for the log: the failure's kind, HTTP status and message (never a value). */
export function failureReason(e: unknown): string {
  if (isKeyVaultFailure(e)) return `${e.kind}${e.status !== undefined ? ` ${e.status}` : ''}: ${e.message}`;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

/** Where a vault is, for the log: its host (two vaults may share a display name). */
export function vaultWhere(vault: VaultRef): string {
  return `${vault.name} (${hostOf(vault.url)})`;
}

/** One line: `check` could not do `operation` on `where`, and why. */
export function logCheckFailure(check: string, where: string, operation: string, e: unknown): void {
  logWarn(`${check}: ${operation} on ${where} failed (${failureReason(e)})`);
}

// How a certificate or key call runs, the same way for both clients and as the secrets client does: the SDK is
// loaded and the client built before the call's clock starts, then one timeout plus the caller's signal, and every
// failure mapped to words that say what to do (errors/objects.ts). Names and versions are checked before anything
// is sent.

import { isSecretName, isSecretVersion } from '../shared/validation';
import { t } from '../shared/l10n';
import { DEFAULT_TIMEOUT_MS, outcomeContext, runCall } from './callContext';
import { retryWhileBeingDeleted, type ChangeTiming } from './changeRequests';
import { toObjectFailure, type ObjectOperation } from './errors/objects';
import type { FailureContext } from './errors';
import { KeyVaultFailure } from './KeyVaultFailure';
import type { CallOptions, VaultRef } from './model';
import type { ObjectKind } from './objectModel';
import type { SecretClientConnection } from './secretClientConnection';

export interface ObjectClientOptions extends SecretClientConnection {
  readonly defaultTimeoutMs?: number;
  /** Delay between the SDK poller's polls (create, delete, recover) and conflict retries. Default 2000 ms. */
  readonly pollIntervalMs?: number;
  /** How long purge keeps retrying while the service still reports "being deleted". Default 15 s. */
  readonly transientConflictRetryMs?: number;
  readonly authentication?: FailureContext['authentication'];
}

export class ObjectCaller<C> {
  readonly intervalMs: number;
  private readonly timing: ChangeTiming;

  constructor(
    private readonly kind: ObjectKind,
    private readonly vault: VaultRef,
    private readonly options: ObjectClientOptions,
    private readonly sdk: () => Promise<C>,
  ) {
    this.intervalMs = options.pollIntervalMs ?? 2000;
    this.timing = {
      intervalMs: this.intervalMs,
      conflictRetryMs: options.transientConflictRetryMs ?? 15_000,
      pollBudgetMs: 60_000,
    };
  }

  /** Runs one operation on `name` (checked first; undefined for vault-wide calls). */
  run<T>(
    operation: ObjectOperation,
    name: string | undefined,
    callOptions: CallOptions | undefined,
    fn: (sdk: C, signal: AbortSignal) => Promise<T>,
    extra: { readonly version?: string; readonly redact?: readonly string[] } = {},
  ): Promise<T> {
    return this.sdk().then((sdk) =>
      runCall(
        callOptions,
        this.options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS,
        async (signal) => {
          if (name !== undefined) this.checkName(name);
          if (extra.version !== undefined && extra.version !== '') this.checkVersion(extra.version);
          return fn(sdk, signal);
        },
        (error, outcome) =>
          toObjectFailure(error, {
            kind: this.kind,
            operation,
            vaultName: this.vault.name,
            vaultUrl: this.vault.url,
            ...(name !== undefined ? { name } : {}),
            ...(extra.version ? { version: extra.version } : {}),
            ...(extra.redact !== undefined ? { redact: extra.redact } : {}),
            ...outcomeContext(outcome),
            authentication: this.options.emulator === true ? 'emulator' : (this.options.authentication ?? 'vscode'),
            ...(this.vault.caFile !== undefined ? { caFile: this.vault.caFile } : {}),
          }),
      ),
    );
  }

  /** Retries while the service reports a transient 409 (being deleted), for a bounded time. */
  whileBeingDeleted<T>(signal: AbortSignal, send: () => Promise<T>): Promise<T> {
    return retryWhileBeingDeleted(this.timing, signal, send);
  }

  private checkName(name: string): void {
    if (isSecretName(name)) return;
    throw new KeyVaultFailure(
      'badParameter',
      this.kind === 'certificate'
        ? t('A certificate name is 1-127 letters, digits and dashes.')
        : t('A key name is 1-127 letters, digits and dashes.'),
      { field: 'name' },
    );
  }

  private checkVersion(version: string): void {
    if (isSecretVersion(version)) return;
    const shown = JSON.stringify(String(version).slice(0, 40));
    throw new KeyVaultFailure('badParameter', t('{0} is not a version id (letters and digits only).', shown), {
      field: 'version',
    });
  }
}

/** A backup the service returned: refused when empty (nothing could be restored from it). */
export function nonEmptyBackup(bytes: Uint8Array | undefined, kind: ObjectKind, name: string): Uint8Array {
  if (bytes !== undefined && bytes.byteLength > 0) return bytes;
  throw new KeyVaultFailure(
    'unknown',
    kind === 'certificate'
      ? t('Key Vault returned an empty backup for certificate "{0}". Try again.', name)
      : t('Key Vault returned an empty backup for key "{0}". Try again.', name),
  );
}

/** A backup file the user picked: refused before anything is sent when it is empty. */
export function checkBackupFile(backup: Uint8Array): void {
  if (backup instanceof Uint8Array && backup.byteLength > 0) return;
  throw new KeyVaultFailure('badParameter', t('The backup file is empty. Choose a file made by "Back up".'), {
    field: 'backup',
  });
}

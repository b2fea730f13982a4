// How a change request of the secrets client goes out: sent once (an answer lost on a dropped connection is
// decided by re-reading the state, never by a blind resend), a transient "being deleted" conflict ridden out for
// a bounded time, and an accepted delete or recover confirmed by polling under its own budget.

import type { SecretClient } from '@azure/keyvault-secrets' with { 'resolution-mode': 'import' };
import { t } from '../shared/l10n';
import { formatDuration } from '../shared/duration';
import { abortableDelay, currentCall, isAmbiguousSend, runCall } from './callContext';
import { toKeyVaultFailure, type VaultOperation } from './errors';
import { KeyVaultFailure } from './KeyVaultFailure';
import type { RawSecretBundle } from './mapping';
import type { CallOptions } from './model';

/**
 * Sends a request the service must not receive twice. The SDK's retry does not re-send it after a dropped
 * connection (noBlindResendPolicy); `onAmbiguous` decides instead, by re-reading the state or sending once
 * more where a repeat is harmless. A second drop ends in AmbiguousSendError, reported as 'unconfirmed'.
 */
export async function sendOnce<T>(send: () => Promise<T>, onAmbiguous: () => Promise<T>): Promise<T> {
  const call = currentCall();
  if (call !== undefined) call.nonIdempotent = true;
  try {
    try {
      return await send();
    } catch (e) {
      if (!isAmbiguousSend(e)) throw e;
    }
    return await onAmbiguous();
  } finally {
    if (call !== undefined) call.nonIdempotent = false;
  }
}

/** How long and how often a change is retried or its confirmation polled. */
export interface ChangeTiming {
  /** Delay between polls and between conflict retries. */
  readonly intervalMs: number;
  /** How long a transient conflict is retried. */
  readonly conflictRetryMs: number;
  /** Budget of the confirmation polls after an accepted change. */
  readonly pollBudgetMs: number;
}

/** Retries while the service reports a transient 409 (ObjectIsBeingDeleted / being recovered), for a bounded time. */
export async function retryWhileBeingDeleted<T>(
  timing: ChangeTiming,
  signal: AbortSignal,
  send: () => Promise<T>,
  pattern: RegExp = TRANSIENT_CONFLICT,
): Promise<T> {
  const deadline = Date.now() + timing.conflictRetryMs;
  for (;;) {
    try {
      return await send();
    } catch (error) {
      if (!isTransientConflict(error, pattern) || Date.now() + timing.intervalMs > deadline) throw error;
      await abortableDelay(timing.intervalMs, signal);
    }
  }
}

/** What an unconfirmed change says: which operation on which secret, and what the service accepted. */
export interface AcceptedChange {
  readonly operation: 'deleteSecret' | 'recoverDeleted';
  readonly vaultName: string;
  readonly secretName: string;
  readonly acceptedText: string;
}

/**
 * The confirmation of an accepted change: `poll` runs with its own budget (pollBudgetMs) and the caller's signal
 * until it answers, and any failure, hang or cancellation becomes an 'unconfirmed' failure ("sent; not yet
 * confirmed"), never the failure of the change itself.
 */
export function confirmAccepted<R>(
  options: CallOptions | undefined,
  timing: ChangeTiming,
  change: AcceptedChange,
  sdk: () => Promise<SecretClient>,
  poll: (sdk: SecretClient, signal: AbortSignal) => Promise<R | undefined>,
): Promise<R> {
  const pollOptions: CallOptions = {
    ...(options?.signal !== undefined ? { signal: options.signal } : {}),
    interactive: options?.interactive === true,
    timeoutMs: timing.pollBudgetMs,
  };
  return runCall(
    pollOptions,
    timing.pollBudgetMs,
    async (signal) => {
      const client = await sdk();
      for (;;) {
        const result = await poll(client, signal);
        if (result !== undefined) return result;
        await abortableDelay(timing.intervalMs, signal);
      }
    },
    (error, outcome) => {
      const operation: VaultOperation = change.operation === 'deleteSecret' ? 'getDeleted' : 'getValue';
      const reason = outcome.cancelled
        ? t('you stopped waiting')
        : outcome.timedOut
          ? t('the result did not show within {0}', formatDuration(timing.pollBudgetMs))
          : toKeyVaultFailure(error, {
              operation,
              vaultName: change.vaultName,
              secretName: change.secretName,
            }).message.replace(/\.$/, '');
      return new KeyVaultFailure(
        'unconfirmed',
        t('{0} ({1}). The change was sent: refresh the vault in a few seconds to see it.', change.acceptedText, reason),
        { cause: error },
      );
    },
  );
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * One confirmation poll, as the SDK's pollers read the answers: 200 = done (the read result), 404 = not yet
 * (undefined), 403 = done but hidden (a disabled secret's SecretDisabled, or no `get`): the accepted answer.
 */
export async function pollOnce<R>(read: () => Promise<R>, hidden: () => R): Promise<R | undefined> {
  try {
    return await read();
  } catch (e) {
    if (statusOf(e) === 403) return hidden();
    if (statusOf(e) === 404) return undefined;
    throw e;
  }
}

/** A catch handler: the given statuses become undefined (the state is decided by a re-read), anything else is re-thrown. */
export function unlessStatus(...statuses: number[]): (e: unknown) => undefined {
  return (e: unknown) => {
    const status = statusOf(e);
    if (status !== undefined && statuses.includes(status)) return undefined;
    throw e;
  };
}

export async function readOrUndefined<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (e) {
    if (statusOf(e) === 404) return undefined;
    throw e;
  }
}

/** The two operations the SDK offers only behind a poller, sent without it (the SDK's generated client). */
interface RawSecretsOps {
  deleteSecret(name: string, options: { abortSignal?: AbortSignal }): Promise<RawSecretBundle>;
  recoverDeletedSecret(name: string, options: { abortSignal?: AbortSignal }): Promise<RawSecretBundle>;
}

/**
 * The SDK's pollers cost requests we do not want (recover reads the secret before it POSTs) and hide whether the
 * DELETE/POST was accepted before a poll failed; its generated client sends each request alone, through the same
 * pipeline (auth, our policies). Pinned to @azure/keyvault-secrets 4.x; checked at run time.
 */
export function rawOps(sdk: SecretClient): RawSecretsOps {
  const inner = (sdk as unknown as { client?: Partial<RawSecretsOps> }).client;
  if (typeof inner?.deleteSecret !== 'function' || typeof inner.recoverDeletedSecret !== 'function') {
    throw new KeyVaultFailure(
      'unknown',
      t(
        'This version of the Azure Key Vault SDK is not supported by the extension (no generated client). Reinstall the extension.',
      ),
    );
  }
  return inner as RawSecretsOps;
}

const TRANSIENT_CONFLICT = /currently being (deleted|recovered)/i;

function isTransientConflict(error: unknown, pattern: RegExp): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { statusCode?: unknown; message?: unknown };
  return e.statusCode === 409 && typeof e.message === 'string' && pattern.test(e.message);
}

// Runs one action over many items (delete, enable/disable, back up): a few at a time (src/shared/concurrency.ts),
// cancellable between items, and ends with an outcome per item: done, failed (and why, in the service's words
// as the vault layer put them) or not attempted (and why). No `vscode` here, so the bench runs it as it is.
// Cancelling stops items from starting; an item already sent is allowed to finish, so every outcome is true.

import { eachLimited } from '../shared/concurrency';
import { t } from '../shared/l10n';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { VaultRef } from '../vault/model';
import { userMessage } from '../vault/userMessage';

/** At most this many requests of one bulk action are in flight at once (polite to the vault's throttling). */
export const BULK_CONCURRENCY = 4;

export type ItemOutcome<T> =
  | { readonly item: T; readonly status: 'done' }
  | { readonly item: T; readonly status: 'failed'; readonly reason: string; readonly error: unknown }
  | { readonly item: T; readonly status: 'notAttempted'; readonly reason: string };

export interface BulkResult<T> {
  /** In the order of the items. */
  readonly outcomes: readonly ItemOutcome<T>[];
  /** The user cancelled: the items that had not started are `notAttempted`. */
  readonly cancelled: boolean;
}

export interface RunOptions {
  /** Aborted = the user cancelled: no further item starts. */
  readonly signal?: AbortSignal;
  readonly limit?: number;
  /** After each item that ended (done or failed): how many have ended so far. */
  readonly onProgress?: (ended: number, total: number) => void;
}

/** Whether a failure means the request was not sent to completion by the user's choice (a cancelled request). */
function wasCancelled(e: unknown): boolean {
  if (isKeyVaultFailure(e)) return e.kind === 'cancelled';
  return e instanceof Error && (e.name === 'AbortError' || e.name === 'UserCancelled');
}

/**
 * Runs `work` over `items`, at most `limit` at a time. `work` gets no cancel signal on purpose: a request once
 * sent is awaited (its own timeout bounds it), so the report never says "not attempted" of something that
 * happened.
 */
export async function runEach<T>(
  items: readonly T[],
  work: (item: T) => Promise<void>,
  options: RunOptions = {},
): Promise<BulkResult<T>> {
  const outcomes = new Map<number, ItemOutcome<T>>();
  let ended = 0;
  const indexed = items.map((item, index) => ({ item, index }));
  await eachLimited(indexed, options.limit ?? BULK_CONCURRENCY, async ({ item, index }) => {
    if (options.signal?.aborted === true) {
      outcomes.set(index, { item, status: 'notAttempted', reason: t('cancelled before it started') });
      return;
    }
    try {
      await work(item);
      outcomes.set(index, { item, status: 'done' });
    } catch (e) {
      if (wasCancelled(e)) outcomes.set(index, { item, status: 'notAttempted', reason: t('cancelled') });
      else outcomes.set(index, { item, status: 'failed', reason: userMessage(e), error: e });
    }
    ended++;
    options.onProgress?.(ended, items.length);
  });
  return {
    outcomes: indexed.map(({ item, index }) => outcomes.get(index) ?? { item, status: 'notAttempted', reason: '' }),
    cancelled: options.signal?.aborted === true,
  };
}

/** Items refused before anything is sent (a version row for a delete, a certificate-backed secret…). */
export function refused<T>(item: T, reason: string): ItemOutcome<T> {
  return { item, status: 'notAttempted', reason };
}

export interface BulkReport {
  /** One line: counts of each outcome. */
  readonly summary: string;
  /** One line per item, done first, then failed (with why), then not attempted (with why). */
  readonly lines: readonly string[];
  readonly done: number;
  readonly failed: number;
  readonly notAttempted: number;
}

/** The per-item report of a bulk action; `label` names an item as the user knows it (never a value). */
export function bulkReport<T>(
  title: string,
  outcomes: readonly ItemOutcome<T>[],
  label: (item: T) => string,
  cancelled = false,
): BulkReport {
  const done = outcomes.filter((o) => o.status === 'done');
  const failed = outcomes.filter((o) => o.status === 'failed');
  const skipped = outcomes.filter((o) => o.status === 'notAttempted');
  const lines = [
    ...done.map((o) => t('Done: {0}', label(o.item))),
    ...failed.map((o) => t('Failed: {0}: {1}', label(o.item), o.reason)),
    ...skipped.map((o) => t('Not attempted: {0}: {1}', label(o.item), o.reason)),
  ];
  const counts = t('{0} done, {1} failed, {2} not attempted', done.length, failed.length, skipped.length);
  return {
    summary: cancelled ? t('{0} (cancelled): {1}.', title, counts) : t('{0}: {1}.', title, counts),
    lines,
    done: done.length,
    failed: failed.length,
    notAttempted: skipped.length,
  };
}

/** A failure the vault layer reported as "sent, not confirmed yet": the change may well have happened. */
export function mayHaveHappened(outcome: ItemOutcome<unknown>): boolean {
  return (
    outcome.status === 'done' ||
    (outcome.status === 'failed' && isKeyVaultFailure(outcome.error) && outcome.error.kind === 'unconfirmed')
  );
}

/** Items grouped by their vault, vaults in the order they first appear (a selection may span several). */
export function groupByVault<T extends { readonly vault: VaultRef }>(
  items: readonly T[],
): Array<{ readonly vault: VaultRef; readonly items: T[] }> {
  const groups = new Map<string, { vault: VaultRef; items: T[] }>();
  for (const item of items) {
    const group = groups.get(item.vault.key) ?? { vault: item.vault, items: [] };
    group.items.push(item);
    groups.set(item.vault.key, group);
  }
  return [...groups.values()];
}

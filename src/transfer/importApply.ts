// Applying an import plan: one Set per written entry (after a recover or a purge for a conflict the user chose
// to resolve), a few at a time. Cancelling stops between entries: no request is aborted half-way, so every
// entry ends as written, failed or not attempted, and the result says exactly which. No vscode: the preview
// panel runs it under its progress notification, the benchmark runs it as is.

import { eachLimited } from '../shared/concurrency';
import { maskText } from '../shared/maskText';
import {
  resultWithoutWrite,
  writes,
  type PlanEntry,
  type PlanRow,
  type ResultKind,
  type ResultRow,
} from '../shared/transfer/importPlan';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { VaultClient } from '../vault/model';
import { userMessage } from '../vault/vaultHelpers';
import type { ChangeKind } from '../webviews/PanelHost';

/** Entries written at once. */
export const WRITE_CONCURRENCY = 4;
/** After a purge, Key Vault takes a moment before the name can be used again: Set is retried this often. */
const PURGE_SETTLE_TRIES = 20;
const PURGE_SETTLE_MS = 500;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface ApplyOptions {
  /** Aborted = start no further entry (the ones under way finish and are reported). */
  readonly signal?: AbortSignal;
  /** Before an entry starts (`current`) and after it ended. */
  readonly onProgress?: (done: number, total: number, current?: string) => void;
  /** A secret changed in the vault (the tree and editors follow). */
  readonly changed?: (name: string, kind: ChangeKind) => void;
}

/** Writes one row; answers how it ended. */
async function write(client: VaultClient, row: PlanRow, value: string, options: ApplyOptions): Promise<ResultKind> {
  const name = row.target;
  let kind: ResultKind = row.outcome === 'newVersion' ? 'newVersion' : 'created';
  if (row.outcome === 'conflict' && row.choice === 'recover') {
    await client.recoverDeleted(name);
    options.changed?.(name, 'recovered');
    kind = 'recovered';
  } else if (row.outcome === 'conflict' && row.choice === 'purge') {
    await client.purgeDeleted(name);
    options.changed?.(name, 'purged');
    kind = 'purgedAndCreated';
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await client.setSecret(name, { value });
      break;
    } catch (e) {
      const settling =
        kind === 'purgedAndCreated' &&
        isKeyVaultFailure(e) &&
        (e.kind === 'beingDeleted' || e.kind === 'deletedButRecoverable');
      if (!settling || attempt >= PURGE_SETTLE_TRIES) throw e;
      await sleep(PURGE_SETTLE_MS);
    }
  }
  options.changed?.(name, kind === 'created' || kind === 'purgedAndCreated' ? 'created' : 'newVersion');
  return kind;
}

/** Runs the plan; one result per row, in the plan's order. `entries[row.index]` holds each row's value. */
export async function applyImport(
  client: VaultClient,
  rows: readonly PlanRow[],
  entries: readonly PlanEntry[],
  options: ApplyOptions = {},
): Promise<ResultRow[]> {
  const results = new Map<number, ResultRow>();
  const toWrite = rows.filter(writes);
  let done = 0;
  for (const row of rows)
    if (!writes(row))
      results.set(row.index, { index: row.index, key: row.key, target: row.target, result: resultWithoutWrite(row) });
  await eachLimited(toWrite, WRITE_CONCURRENCY, async (row) => {
    const base = { index: row.index, key: row.key, target: row.target };
    if (options.signal?.aborted === true) {
      results.set(row.index, { ...base, result: 'notRun' });
      return;
    }
    options.onProgress?.(done, toWrite.length, row.target);
    try {
      results.set(row.index, { ...base, result: await write(client, row, entries[row.index].value, options) });
    } catch (e) {
      // The service's words, with the entry's value masked should they ever quote it.
      results.set(row.index, {
        ...base,
        result: 'failed',
        message: maskText(userMessage(e), [entries[row.index].value]),
      });
    }
    options.onProgress?.(++done, toWrite.length);
  });
  return rows.map((r) => results.get(r.index) ?? { index: r.index, key: r.key, target: r.target, result: 'notRun' });
}

// Applying an import plan: one Set per written entry (after a recover or a purge for a conflict the user chose
// to resolve), a few at a time. Cancelling stops between entries: no request is aborted half-way, so every
// entry ends as written, unconfirmed (sent, its answer lost), failed or not attempted, and the result says
// which. No vscode: the preview panel runs it under its progress notification, the benchmark runs it as is.

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
import { secretNameKey } from '../shared/transfer/nameMapping';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { VaultClient } from '../vault/model';
import { userMessage } from '../vault/userMessage';
import type { ChangeKind } from '../vault/changes';
import type { KeptFields } from './importVaultState';

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

/** What a new version of a name keeps (ImportVaultState.kept), by secretNameKey. */
export type KeptByName = ReadonlyMap<string, KeptFields>;

/** The changed-notice kind of a write of `row`. */
const changeOf = (kind: ResultKind): ChangeKind =>
  kind === 'created' || kind === 'purgedAndCreated' ? 'created' : 'newVersion';

/**
 * Writes one row; answers how it ended. A new version of a live or recovered secret keeps its content type and
 * tags (keptFields); a created one, or one created after a purge, has none. A CSV/TSV row's own properties
 * (entry.fields) are sent with its value and take the place of the kept ones they name.
 */
async function write(
  client: VaultClient,
  row: PlanRow,
  entry: PlanEntry,
  kept: KeptByName,
  options: ApplyOptions,
): Promise<ResultKind> {
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
  const fields = kind === 'newVersion' || kind === 'recovered' ? kept.get(secretNameKey(name)) : undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      await client.setSecret(name, { value: entry.value, ...fields, ...entry.fields });
      break;
    } catch (e) {
      if (isKeyVaultFailure(e) && e.kind === 'unconfirmed') throw new Unconfirmed(e, changeOf(kind));
      const settling =
        kind === 'purgedAndCreated' &&
        isKeyVaultFailure(e) &&
        (e.kind === 'beingDeleted' || e.kind === 'deletedButRecoverable');
      if (!settling || attempt >= PURGE_SETTLE_TRIES) throw e;
      await sleep(PURGE_SETTLE_MS);
    }
  }
  options.changed?.(name, changeOf(kind));
  return kind;
}

/** A write whose answer was lost (twice): it may be in the vault. */
class Unconfirmed extends Error {
  constructor(
    readonly failure: Error,
    readonly change: ChangeKind,
  ) {
    super(failure.message);
    this.name = 'Unconfirmed';
  }
}

/** Runs the plan; one result per row, in the plan's order. `entries[row.index]` holds each row's value. */
export async function applyImport(
  client: VaultClient,
  rows: readonly PlanRow[],
  entries: readonly PlanEntry[],
  kept: KeptByName,
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
      results.set(row.index, { ...base, result: await write(client, row, entries[row.index], kept, options) });
    } catch (e) {
      // Unconfirmed: it may be in the vault, so the tree and editors re-read it, and the result says so apart.
      if (e instanceof Unconfirmed) options.changed?.(row.target, e.change);
      // The service's words, with the entry's value masked should they ever quote it.
      results.set(row.index, {
        ...base,
        result: e instanceof Unconfirmed ? 'unconfirmed' : 'failed',
        message: maskText(userMessage(e instanceof Unconfirmed ? e.failure : e), [entries[row.index].value]),
      });
    }
    options.onProgress?.(++done, toWrite.length);
  });
  return rows.map((r) => results.get(r.index) ?? { index: r.index, key: r.key, target: r.target, result: 'notRun' });
}

// The rows of a CSV/TSV export: each secret's current value with the properties of its current version, one
// GetSecret each, a few at a time. A secret that cannot be read (disabled, not permitted) is left out and named
// with the service's reason. No vscode: Export runs it under its progress notification, the tests and the bench
// as is.

import { eachLimited } from '../shared/concurrency';
import type { TableRow } from '../shared/transfer/secretTable';
import type { CallOptions, VaultClient } from '../vault/model';
import { userMessage } from '../vault/userMessage';
import { READ_CONCURRENCY } from './importVaultState';

export interface TableRowsOptions extends Pick<CallOptions, 'signal'> {
  /** Before each read: answers true to stop (a cancelled export). */
  readonly stop?: () => boolean;
  /** After each read. */
  readonly onRead?: (done: number) => void;
}

/** The rows of `names`, sorted by name, and who was left out (`name: why`). */
export async function readTableRows(
  client: VaultClient,
  names: readonly string[],
  options: TableRowsOptions = {},
): Promise<{ rows: TableRow[]; left: string[] }> {
  const read = new Map<string, TableRow>();
  const left: string[] = [];
  let done = 0;
  await eachLimited(names, READ_CONCURRENCY, async (name) => {
    if (options.stop?.() === true) return;
    try {
      const { value, properties: p } = await client.getValue(
        name,
        undefined,
        options.signal !== undefined ? { signal: options.signal } : {},
      );
      read.set(name, {
        name,
        value,
        tags: p.tags,
        enabled: p.enabled,
        ...(p.contentType !== undefined && p.contentType !== '' ? { contentType: p.contentType } : {}),
        ...(p.notBefore !== undefined ? { notBefore: p.notBefore } : {}),
        ...(p.expiresOn !== undefined ? { expiresOn: p.expiresOn } : {}),
      });
    } catch (e) {
      if (options.signal?.aborted === true) throw e;
      left.push(`${name}: ${userMessage(e)}`);
    }
    options.onRead?.(++done);
  });
  const rows = [...names]
    .sort((a, b) => a.localeCompare(b))
    .flatMap((n) => {
      const row = read.get(n);
      return row === undefined ? [] : [row];
    });
  return { rows, left };
}

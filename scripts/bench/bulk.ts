// Benchmark of bulk delete on a multi-selection (issue 13): N selected secrets deleted through the extension's own
// bulk runner (src/transfer/bulkRun.ts: BULK_CONCURRENCY at a time, cancellable between items) and the real vault
// layer (SecretsVaultClient: DeleteSecret, then its poller reads the deleted secret until it is visible) against
// the local Key Vault server. Requests come from the server's counters and are compared with the fewest the API
// allows: one DeleteSecret and one GetDeletedSecret (the confirmation) per secret. The command adds no request
// before the deletes (the rows carry the recovery level) and none after (a confirmed delete takes its row out of
// the tree without one). Wall time is compared with the least the latency allows at that concurrency.
// Measured and printed, never asserted.
//
//   npx tsx scripts/bench/bulk.ts [--count 100] [--latency 0 --latency 50] [--runs 3]
// `benchBulkDelete()` is exported so `npm run bench` can include it (one line there).

import { parseArgs } from 'node:util';
import { BULK_CONCURRENCY, runEach } from '../../src/transfer/bulkRun';
import type { VaultRef } from '../../src/vault/model';
import { listAll } from '../../src/vault/listing';
import { startBenchServer, type BenchServer } from './serverProcess';
import { median } from './stats';
import { newClient } from './vaultActions';

export const BULK_COUNT = 100;

export interface BulkBenchRow {
  readonly latencyMs: number;
  readonly count: number;
  readonly wallMs: number;
  readonly requests: Readonly<Record<string, number>>;
  readonly total: number;
  readonly minimum: number;
  /** The least wall time the latency allows: two requests in a row per secret, BULK_CONCURRENCY at a time. */
  readonly leastMs: number;
  readonly done: number;
}

const minimumRequests = (count: number): Record<string, number> => ({ DeleteSecret: count, GetDeletedSecret: count });

async function oneRun(
  emu: BenchServer,
  name: string,
  count: number,
): Promise<Omit<BulkBenchRow, 'latencyMs' | 'leastMs'>> {
  const { url } = await emu.addVault({ name, recoverableDays: 7, generate: { count, prefix: 'bulk-' } });
  const vault: VaultRef = { key: url, url, name, source: 'added', emulator: true, caFile: emu.caFile };
  const client = newClient(emu, vault);
  // The selection: the vault's rows, as the tree lists them (not timed, not counted).
  const names = (await listAll((token) => client.listSecrets(token))).map((s) => s.name);
  await emu.resetCounts();
  const started = performance.now();
  const result = await runEach(names, async (secret) => {
    await client.deleteSecret(secret);
  });
  const wallMs = performance.now() - started;
  const { Challenge: _challenge, ...requests } = await emu.counts(name);
  return {
    count: names.length,
    wallMs,
    requests,
    total: Object.values(requests).reduce((a, b) => a + b, 0),
    minimum: Object.values(minimumRequests(names.length)).reduce((a, b) => a + b, 0),
    done: result.outcomes.filter((o) => o.status === 'done').length,
  };
}

export async function benchBulkDelete(
  latenciesMs: readonly number[] = [0, 50],
  runs = 3,
  count = BULK_COUNT,
): Promise<BulkBenchRow[]> {
  const emu = await startBenchServer({ seed: { vaults: [] } });
  try {
    const rows: BulkBenchRow[] = [];
    for (const latencyMs of latenciesMs) {
      const measured: Array<Omit<BulkBenchRow, 'latencyMs' | 'leastMs'>> = [];
      for (let run = 0; run < runs; run++) {
        await emu.clearFaults();
        if (latencyMs > 0) await emu.injectFault({ kind: 'latency', ms: latencyMs });
        measured.push(await oneRun(emu, `bench-bulk-${latencyMs}-${run}`, count));
      }
      await emu.clearFaults();
      const last = measured[measured.length - 1];
      if (last === undefined) continue;
      const leastMs = Math.ceil(last.count / BULK_CONCURRENCY) * 2 * latencyMs;
      rows.push({ ...last, latencyMs, leastMs, wallMs: Math.round(median(measured.map((m) => m.wallMs))) });
    }
    return rows;
  } finally {
    await emu.stop();
  }
}

export function formatBulkBench(rows: readonly BulkBenchRow[]): string {
  const count = rows[0]?.count ?? BULK_COUNT;
  const lines = [
    `bulk delete: ${count} selected secrets, ${BULK_CONCURRENCY} at a time; minimum ${Object.entries(
      minimumRequests(count),
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')} (nothing before, nothing after: rows carry the recovery level, a confirmed delete drops its row)`,
  ];
  for (const r of rows)
    lines.push(
      `  ${`${r.latencyMs} ms`.padEnd(6)} requests ${r.total} (minimum ${r.minimum}; ${Object.entries(r.requests)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})  wall ${r.wallMs} ms (median; least ${r.leastMs} ms)  deleted ${r.done}/${r.count}`,
    );
  return lines.join('\n');
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      latency: { type: 'string', multiple: true },
      runs: { type: 'string' },
      count: { type: 'string' },
    },
  });
  const latencies = (values.latency ?? ['0', '50']).map(Number);
  benchBulkDelete(latencies, Number(values.runs ?? 3), Number(values.count ?? BULK_COUNT))
    .then((rows) => console.log(formatBulkBench(rows)))
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}

// Benchmark of Run and debug with secrets' launch resolution: a launch configuration's keyVaultSecrets.env of 20
// references (to 20 distinct secrets, in both App Service syntaxes) goes through the extension's own steps that
// send requests: the mapping rules (src/shared/run/runMapping.ts), where each reference points among the user's
// vaults (ReferenceResolver.locate, no request) and the shared value reader (src/transfer/readValues.ts: one
// GetSecret per distinct secret, BULK_CONCURRENCY at a time), through the real vault layer against the local Key
// Vault server. The client's sign-in challenge is answered before timing (a launch after the first has it).
// Goal: requests = one GetSecret per reference, and wall ≤ 1.2 × (one round trip per concurrency slot), i.e.
// ceil(20 / BULK_CONCURRENCY) × the round trip of one GetSecret measured just before (median of 5, at the same
// injected latency: the latency plus what the server and the client take).
//
//   npx tsx scripts/bench/runResolution.ts [--latency 0 --latency 50] [--runs 3]
// `benchRunResolution()` is exported so `npm run bench` can include it (one line there).

import { parseArgs } from 'node:util';
import { ReferenceResolver } from '../../src/references/ReferenceResolver';
import { inlineEntries, runPlan } from '../../src/shared/run/runMapping';
import { BULK_CONCURRENCY } from '../../src/transfer/bulkRun';
import { readValues, type WantedVariable } from '../../src/transfer/readValues';
import type { VaultRef } from '../../src/vault/model';
import { startBenchServer, type BenchServer } from './serverProcess';
import { median } from './stats';
import { newClient } from './vaultActions';

export const RUN_REFERENCES = 20;
/** How far above the least wall time a launch's resolution may be. */
const WALL_GOAL = 1.2;

export interface RunBenchRow {
  readonly latencyMs: number;
  readonly references: number;
  readonly requests: number;
  readonly wallMs: number;
  /** The round trip of one GetSecret at this latency (median of 5 measured one after another). */
  readonly roundTripMs: number;
  /** One round trip per concurrency slot: ceil(references / BULK_CONCURRENCY) × roundTripMs. */
  readonly leastMs: number;
  readonly resolved: number;
}

async function oneRun(
  emu: BenchServer,
  vault: VaultRef,
): Promise<Omit<RunBenchRow, 'latencyMs' | 'leastMs' | 'roundTripMs'> & { readonly roundTrip: number }> {
  const client = newClient(emu, vault);
  const resolver = new ReferenceResolver({
    clientFor: () => client,
    knownVaults: () => Promise.resolve([vault]),
    expiryWarningDays: () => 0,
  });
  // The sign-in challenge (a launch after the first has its token): not timed, not counted.
  await client.getValue('run-19');
  const trips: number[] = [];
  for (let i = 0; i < 5; i++) {
    const at = performance.now();
    await client.getValue('run-19');
    trips.push(performance.now() - at);
  }
  const env = Object.fromEntries(
    Array.from({ length: RUN_REFERENCES }, (_, i) => [
      `VAR_${i}`,
      i % 2 === 0
        ? `@Microsoft.KeyVault(SecretUri=${vault.url}/secrets/run-${String(i).padStart(2, '0')})`
        : `@Microsoft.KeyVault(VaultName=${vault.name};SecretName=run-${String(i).padStart(2, '0')})`,
    ]),
  );
  await emu.resetCounts();
  const started = performance.now();
  const plan = runPlan([{ origin: 'keyVaultSecrets.env', entries: inlineEntries(env).entries, inline: true }]);
  const wanted: WantedVariable[] = [];
  for (const row of plan.variables) {
    const where = await resolver.locate(row.ref);
    if (where.vault === undefined) throw new Error(`${row.key}: not one of the vaults`);
    wanted.push({ key: row.key, vault: where.vault, name: row.ref.name });
  }
  const { env: resolved, failed } = await readValues(wanted, {
    clientFor: () => client,
    concurrency: BULK_CONCURRENCY,
  });
  const wallMs = performance.now() - started;
  if (failed.length > 0) throw new Error(`${failed.length} references failed`);
  const { Challenge: _challenge, ...counts } = await emu.counts(vault.name);
  return {
    references: plan.variables.length,
    requests: Object.values(counts).reduce((a, b) => a + b, 0),
    wallMs,
    resolved: Object.keys(resolved).length,
    roundTrip: median(trips),
  };
}

export async function benchRunResolution(latenciesMs: readonly number[] = [0, 50], runs = 3): Promise<RunBenchRow[]> {
  const emu = await startBenchServer({
    seed: { vaults: [{ name: 'bench-run', generate: { count: RUN_REFERENCES, prefix: 'run-' } }] },
  });
  try {
    const url = emu.vaults['bench-run']?.url ?? '';
    const vault: VaultRef = { key: url, url, name: 'bench-run', source: 'added', emulator: true, caFile: emu.caFile };
    const rows: RunBenchRow[] = [];
    for (const latencyMs of latenciesMs) {
      const measured: Array<Awaited<ReturnType<typeof oneRun>>> = [];
      await emu.clearFaults();
      if (latencyMs > 0) await emu.injectFault({ kind: 'latency', ms: latencyMs });
      for (let run = 0; run < runs; run++) measured.push(await oneRun(emu, vault));
      await emu.clearFaults();
      const last = measured[measured.length - 1];
      if (last === undefined) continue;
      const roundTripMs = Math.round(median(measured.map((m) => m.roundTrip)));
      const leastMs = Math.ceil(last.references / BULK_CONCURRENCY) * roundTripMs;
      const { roundTrip: _trip, ...row } = last;
      rows.push({ ...row, latencyMs, roundTripMs, leastMs, wallMs: Math.round(median(measured.map((m) => m.wallMs))) });
    }
    return rows;
  } finally {
    await emu.stop();
  }
}

/** The rows that miss the goal (requests = references; wall ≤ 1.2 × least, where latency is injected). */
export function runResolutionFailures(rows: readonly RunBenchRow[]): string[] {
  return rows.flatMap((r) => [
    ...(r.requests !== r.references
      ? [`launch resolution at ${r.latencyMs} ms: ${r.requests} requests for ${r.references} references`]
      : []),
    ...(r.latencyMs > 0 && r.wallMs > WALL_GOAL * r.leastMs
      ? [`launch resolution at ${r.latencyMs} ms: wall ${r.wallMs} ms > ${WALL_GOAL} × ${r.leastMs} ms`]
      : []),
  ]);
}

export function formatRunResolutionBench(rows: readonly RunBenchRow[]): string {
  const lines = [
    `launch resolution: ${RUN_REFERENCES} references to ${RUN_REFERENCES} secrets, ${BULK_CONCURRENCY} reads at a time; goal: requests = ${RUN_REFERENCES} GetSecret, wall ≤ ${WALL_GOAL} × one round trip per concurrency slot`,
  ];
  for (const r of rows) {
    const ratio = ` = ${(r.wallMs / r.leastMs).toFixed(2)} × least ${r.leastMs} ms, round trip ${r.roundTripMs} ms`;
    const met = r.latencyMs > 0 ? (r.wallMs <= WALL_GOAL * r.leastMs ? ' (met)' : ' (NOT met)') : '';
    lines.push(
      `  ${`${r.latencyMs} ms`.padEnd(6)} requests ${r.requests} (minimum ${r.references})  wall ${r.wallMs} ms (median${ratio})${met}  resolved ${r.resolved}/${r.references}`,
    );
  }
  return lines.join('\n');
}

if (require.main === module) {
  const { values } = parseArgs({
    options: { latency: { type: 'string', multiple: true }, runs: { type: 'string' } },
  });
  const latencies = (values.latency ?? ['0', '50']).map(Number);
  benchRunResolution(latencies, Number(values.runs ?? 3))
    .then((rows) => {
      console.log(formatRunResolutionBench(rows));
      const failures = runResolutionFailures(rows);
      for (const f of failures) console.log(`  FAILED: ${f}`);
      if (failures.length > 0) process.exitCode = 1;
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}

// Benchmark of Import Secrets from File… (issue 13): a 200-entry `.env` into a vault of 150 secrets (100 entries
// unchanged, 50 new versions, 50 created), through the extension's own import code (parse, name mapping, the
// vault's state read with the fewest requests, the plan, the apply) and the real vault layer against the local
// Key Vault server. Requests come from the server's counters and are compared with the fewest the API allows:
// the list's pages (25 a page, plus the empty page a full last page links to), the deleted list once, one
// GetSecret per existing name, one SetSecret per written entry. Measured and printed, never asserted.
//
//   npx tsx scripts/bench/import.ts [--latency 0 --latency 50] [--runs 3]
// `benchImport()` is exported so `npm run bench` can include it (one line there).

import { parseArgs } from 'node:util';
import { parseDotenv } from '../../src/shared/transfer/dotenv';
import { namesToRead, planImport, type PlanEntry } from '../../src/shared/transfer/importPlan';
import { variableToSecret } from '../../src/shared/transfer/nameMapping';
import { applyImport } from '../../src/transfer/importApply';
import { listVaultState, readCurrentValues } from '../../src/transfer/importVaultState';
import type { VaultRef } from '../../src/vault/model';
import { startBenchServer, type BenchServer } from './serverProcess';
import { median } from './stats';
import { newClient } from './vaultActions';

const EXISTING = 150;
const UNCHANGED = 100;
const CREATED = 50;
const PAGE = 25;

export interface ImportBenchRow {
  readonly latencyMs: number;
  readonly entries: number;
  readonly wallMs: number;
  readonly requests: Readonly<Record<string, number>>;
  readonly total: number;
  readonly minimum: number;
  readonly results: Readonly<Record<string, number>>;
}

/** The file: IMP_000..IMP_099 with the seeded values, IMP_100..IMP_149 changed, NEW_000..NEW_049 new. */
function envFile(): string {
  const lines: string[] = [];
  for (let i = 0; i < EXISTING; i++)
    lines.push(`IMP_${String(i).padStart(3, '0')}=${i < UNCHANGED ? `value-${i}` : `changed-${i}`}`);
  for (let i = 0; i < CREATED; i++) lines.push(`NEW_${String(i).padStart(3, '0')}="fresh value ${i}"`);
  return lines.join('\n');
}

const minimumRequests = (): Record<string, number> => ({
  GetSecrets: Math.floor(EXISTING / PAGE) + 1,
  GetDeletedSecrets: 1,
  GetSecret: EXISTING,
  SetSecret: EXISTING - UNCHANGED + CREATED,
});

async function oneRun(emu: BenchServer, name: string): Promise<Omit<ImportBenchRow, 'latencyMs'>> {
  const { url } = await emu.addVault({ name, generate: { count: EXISTING, prefix: 'imp-' } });
  const vault: VaultRef = { key: url, url, name, source: 'added', emulator: true, caFile: emu.caFile };
  const client = newClient(emu, vault);
  await client.listDeleted(); // the challenge and the SDK's lazy load, before the clock starts
  await emu.resetCounts();
  const started = performance.now();
  const parsed = parseDotenv(envFile());
  const entries: PlanEntry[] = parsed.entries.map((e) => ({
    key: e.key,
    target: variableToSecret(e.key),
    value: e.value,
  }));
  const state = await listVaultState(client);
  await readCurrentValues(client, state, namesToRead(entries, state.existing));
  const rows = planImport(entries, state);
  const results = await applyImport(client, rows, entries, state.kept);
  const wallMs = performance.now() - started;
  const { Challenge: _challenge, ...requests } = await emu.counts(name);
  const tally: Record<string, number> = {};
  for (const r of results) tally[r.result] = (tally[r.result] ?? 0) + 1;
  return {
    entries: entries.length,
    wallMs,
    requests,
    total: Object.values(requests).reduce((a, b) => a + b, 0),
    minimum: Object.values(minimumRequests()).reduce((a, b) => a + b, 0),
    results: tally,
  };
}

export async function benchImport(latenciesMs: readonly number[] = [0, 50], runs = 3): Promise<ImportBenchRow[]> {
  const emu = await startBenchServer({ seed: { vaults: [] } });
  try {
    const rows: ImportBenchRow[] = [];
    for (const latencyMs of latenciesMs) {
      const measured: Array<Omit<ImportBenchRow, 'latencyMs'>> = [];
      for (let run = 0; run < runs; run++) {
        await emu.clearFaults();
        if (latencyMs > 0) await emu.injectFault({ kind: 'latency', ms: latencyMs });
        measured.push(await oneRun(emu, `bench-import-${latencyMs}-${run}`));
      }
      await emu.clearFaults();
      const last = measured[measured.length - 1];
      rows.push({ ...last, latencyMs, wallMs: Math.round(median(measured.map((m) => m.wallMs))) });
    }
    return rows;
  } finally {
    await emu.stop();
  }
}

export function formatImportBench(rows: readonly ImportBenchRow[]): string {
  const min = minimumRequests();
  const lines = [
    `import: ${rows[0]?.entries ?? 0}-entry .env into a vault of ${EXISTING} (${UNCHANGED} unchanged, ${EXISTING - UNCHANGED} new versions, ${CREATED} created); minimum ${Object.entries(
      min,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  ];
  for (const r of rows)
    lines.push(
      `  ${`${r.latencyMs} ms`.padEnd(6)} requests ${r.total} (minimum ${r.minimum}; ${Object.entries(r.requests)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})  wall ${r.wallMs} ms (median)  results ${Object.entries(r.results)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  return lines.join('\n');
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      latency: { type: 'string', multiple: true, default: ['0', '50'] },
      runs: { type: 'string', default: '3' },
    },
  });
  benchImport(values.latency.map(Number), Number(values.runs)).then(
    (rows) => console.log(formatImportBench(rows)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}

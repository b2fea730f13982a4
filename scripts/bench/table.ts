// Benchmark of CSV import and export (issue 26) against the local Key Vault server, through the extension's own
// code and the real vault layer. Import: a 200-row CSV with every column into a vault of 150 secrets (100 rows
// unchanged, 50 new versions, 50 created), the same scenario and minimum as the .env import bench (list pages,
// the deleted list once, one GetSecret per existing name, one SetSecret per written row). Export: the 150 secrets
// with their properties (list pages, one GetSecret each), serialized. Requests from the server's counters;
// measured and printed, never asserted.
//
//   npx tsx scripts/bench/table.ts [--latency 0 --latency 50] [--runs 3]
// `benchTable()` is exported so `npm run bench` can include it (one line there).

import { parseArgs } from 'node:util';
import { namesToRead, planImport, type PlanEntry } from '../../src/shared/transfer/importPlan';
import { isTableEntry, parseCsv, serializeSecretTable } from '../../src/shared/transfer/secretTable';
import { applyImport } from '../../src/transfer/importApply';
import { listVaultState, readCurrentValues } from '../../src/transfer/importVaultState';
import { readTableRows } from '../../src/transfer/tableRows';
import { listAll } from '../../src/vault/listing';
import type { VaultRef } from '../../src/vault/model';
import { startBenchServer, type BenchServer } from './serverProcess';
import { median } from './stats';
import { newClient } from './vaultActions';

const EXISTING = 150;
const UNCHANGED = 100;
const CREATED = 50;
const PAGE = 25;

export interface TableBenchRow {
  readonly action: 'import' | 'export';
  readonly latencyMs: number;
  readonly wallMs: number;
  readonly total: number;
  readonly minimum: number;
  readonly requests: Readonly<Record<string, number>>;
}

const name = (prefix: string, i: number): string => `${prefix}${String(i).padStart(3, '0')}`;

/** The CSV: tab-000..099 with the seeded values, tab-100..149 changed, new-000..049 new; every column filled. */
function csvFile(): string {
  const rows = ['name,value,contentType,tags,notBefore,expires,enabled'];
  const props = 'text/plain,"{""env"":""prod""}",2026-01-01T00:00:00Z,2030-01-01T00:00:00Z,true';
  for (let i = 0; i < EXISTING; i++)
    rows.push(`${name('tab-', i)},${i < UNCHANGED ? `value-${i}` : `"changed, ${i}"`},${props}`);
  for (let i = 0; i < CREATED; i++) rows.push(`${name('new-', i)},"fresh ""value"" ${i}",${props}`);
  return rows.join('\r\n');
}

const pages = Math.floor(EXISTING / PAGE) + 1;
export const TABLE_MINIMUM: Readonly<Record<TableBenchRow['action'], Readonly<Record<string, number>>>> = {
  import: {
    GetSecrets: pages,
    GetDeletedSecrets: 1,
    GetSecret: EXISTING,
    SetSecret: EXISTING - UNCHANGED + CREATED,
  },
  export: { GetSecrets: pages, GetSecret: EXISTING },
};

async function measured(
  emu: BenchServer,
  vault: string,
  action: TableBenchRow['action'],
  work: () => Promise<unknown>,
): Promise<Omit<TableBenchRow, 'latencyMs'>> {
  await emu.resetCounts();
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  const { Challenge: _challenge, ...requests } = await emu.counts(vault);
  return {
    action,
    wallMs,
    requests,
    total: Object.values(requests).reduce((a, b) => a + b, 0),
    minimum: Object.values(TABLE_MINIMUM[action]).reduce((a, b) => a + b, 0),
  };
}

async function oneRun(emu: BenchServer, vaultName: string): Promise<Array<Omit<TableBenchRow, 'latencyMs'>>> {
  const { url } = await emu.addVault({ name: vaultName, generate: { count: EXISTING, prefix: 'tab-' } });
  const vault: VaultRef = { key: url, url, name: vaultName, source: 'added', emulator: true, caFile: emu.caFile };
  const client = newClient(emu, vault);
  await client.listDeleted(); // the challenge and the SDK's lazy load, before the clock starts
  const exported = await measured(emu, vaultName, 'export', async () => {
    const names = (await listAll((token) => client.listSecrets(token))).map((s) => s.name);
    const { rows } = await readTableRows(client, names);
    return serializeSecretTable(rows, ',');
  });
  const imported = await measured(emu, vaultName, 'import', async () => {
    const entries: PlanEntry[] = parseCsv(csvFile())
      .entries.filter(isTableEntry)
      .map((e) => ({ ...e, target: e.key }));
    const state = await listVaultState(client);
    await readCurrentValues(client, state, namesToRead(entries, state.existing));
    await applyImport(client, planImport(entries, state), entries, state.kept);
  });
  return [imported, exported];
}

export async function benchTable(latenciesMs: readonly number[] = [0, 50], runs = 3): Promise<TableBenchRow[]> {
  const emu = await startBenchServer({ seed: { vaults: [] } });
  try {
    const out: TableBenchRow[] = [];
    for (const latencyMs of latenciesMs) {
      const all: Array<Array<Omit<TableBenchRow, 'latencyMs'>>> = [];
      for (let run = 0; run < runs; run++) {
        await emu.clearFaults();
        if (latencyMs > 0) await emu.injectFault({ kind: 'latency', ms: latencyMs });
        all.push(await oneRun(emu, `bench-table-${latencyMs}-${run}`));
      }
      await emu.clearFaults();
      for (const [i, last] of (all[all.length - 1] ?? []).entries())
        out.push({ ...last, latencyMs, wallMs: Math.round(median(all.map((r) => r[i].wallMs))) });
    }
    return out;
  } finally {
    await emu.stop();
  }
}

export function formatTableBench(rows: readonly TableBenchRow[]): string {
  const lines = [
    `csv: import of ${EXISTING + CREATED} rows with every column into a vault of ${EXISTING} (${UNCHANGED} unchanged, ${EXISTING - UNCHANGED} new versions, ${CREATED} created); export of its ${EXISTING} secrets with their properties`,
  ];
  for (const r of rows)
    lines.push(
      `  ${r.action.padEnd(6)} ${`${r.latencyMs} ms`.padEnd(6)} requests ${r.total} (minimum ${r.minimum}; ${Object.entries(
        r.requests,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})  wall ${r.wallMs} ms (median)`,
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
  benchTable(values.latency.map(Number), Number(values.runs)).then(
    (rows) => console.log(formatTableBench(rows)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}

// Benchmark of checking Key Vault references (issue 12): a file with 200 references over 3 vaults of 300 secrets,
// resolved by the extension's resolver through the real vault layer against the local Key Vault server, cold (new
// clients, empty cache) and warm (the same file again, and 20 hovers). Requests come from the server's counters;
// the minimum is the 3 vaults' list pages (25 secrets a page): any fewer and some reference is not known.
// Numbers are measured and printed, never asserted.
//
//   npx tsx scripts/benchReferences.ts [--latency 0 --latency 50] [--runs 5]
// `benchReferences()` is exported so `npm run bench` can include it.

import { parseArgs } from 'node:util';
import { ReferenceResolver } from '../src/references/ReferenceResolver';
import { parseReferences, type KeyVaultReference } from '../src/shared/references/parseReferences';
import type { VaultRef } from '../src/vault/model';
import { clientCache } from './bench/vaultActions';
import type { EmulatorState } from '../test/emulator/server';
import { startBenchServer, type BenchServer } from './bench/serverProcess';

const VAULTS = { 'bench-refs-1': 'app-', 'bench-refs-2': 'svc-', 'bench-refs-3': 'job-' } as const;
const SECRETS_PER_VAULT = 300;
export const REFERENCE_COUNT = 200;
const REFERENCES = REFERENCE_COUNT;
const PAGE = 25;

export interface ReferenceBenchRow {
  readonly latencyMs: number;
  readonly references: number;
  readonly coldMs: number;
  readonly coldRequests: number;
  readonly coldChallenges: number;
  readonly warmMs: number;
  readonly warmRequests: number;
  readonly minimumRequests: number;
}

function referenceFile(emu: EmulatorState): string {
  const names = Object.keys(VAULTS) as Array<keyof typeof VAULTS>;
  const lines: string[] = [];
  for (let i = 0; i < REFERENCES; i++) {
    const vault = names[i % names.length];
    const name = `${VAULTS[vault]}${String((i * 7) % SECRETS_PER_VAULT).padStart(3, '0')}`;
    const url = emu.vaults[vault]?.url ?? '';
    lines.push(
      i % 2 === 0
        ? `K${i}=@Microsoft.KeyVault(SecretUri=${url}/secrets/${name}/)`
        : `K${i}=@Microsoft.KeyVault(VaultName=${vault};SecretName=${name})`,
    );
  }
  return lines.join('\n');
}

async function counted(emu: BenchServer): Promise<{ requests: number; challenges: number }> {
  let requests = 0;
  let challenges = 0;
  for (const vault of Object.keys(VAULTS)) {
    for (const [route, n] of Object.entries(await emu.counts(vault))) {
      if (route === 'Challenge') challenges += n;
      else requests += n;
    }
  }
  return { requests, challenges };
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export async function benchReferences(
  latenciesMs: readonly number[] = [0, 50],
  runs = 5,
): Promise<ReferenceBenchRow[]> {
  const emu = await startBenchServer({
    seed: {
      vaults: Object.entries(VAULTS).map(([name, prefix]) => ({
        name,
        generate: { count: SECRETS_PER_VAULT, prefix },
      })),
    },
  });
  try {
    const known: VaultRef[] = Object.keys(VAULTS).map((name) => {
      const url = emu.vaults[name]?.url ?? '';
      return { key: url, url, name, source: 'added', emulator: true, caFile: emu.caFile };
    });
    const refs: KeyVaultReference[] = [...parseReferences(referenceFile(emu)).references];
    if (refs.length !== REFERENCES) throw new Error(`expected ${REFERENCES} references, parsed ${refs.length}`);
    const rows: ReferenceBenchRow[] = [];
    for (const latencyMs of latenciesMs) {
      await emu.clearFaults();
      if (latencyMs > 0) await emu.injectFault({ kind: 'latency', ms: latencyMs });
      const cold: number[] = [];
      const warm: number[] = [];
      let coldRequests = 0;
      let coldChallenges = 0;
      let warmRequests = 0;
      for (let run = 0; run < runs; run++) {
        const resolver = new ReferenceResolver({
          clientFor: clientCache(emu),
          knownVaults: () => Promise.resolve(known),
          expiryWarningDays: () => 30,
        });
        await emu.resetCounts();
        let t = performance.now();
        const first = await resolver.resolveAll(refs);
        cold.push(performance.now() - t);
        const bad = first.find((r) => r.status !== 'enabled');
        if (bad !== undefined) throw new Error(`a reference resolved to ${bad.status}: ${bad.message ?? ''}`);
        const c = await counted(emu);
        coldRequests = Math.max(coldRequests, c.requests);
        coldChallenges = Math.max(coldChallenges, c.challenges);
        await emu.resetCounts();
        t = performance.now();
        await resolver.resolveAll(refs);
        for (const ref of refs.slice(0, 20)) await resolver.peek(ref);
        warm.push(performance.now() - t);
        warmRequests = Math.max(warmRequests, (await counted(emu)).requests);
      }
      rows.push({
        latencyMs,
        references: refs.length,
        coldMs: Math.round(median(cold) * 10) / 10,
        coldRequests,
        coldChallenges,
        warmMs: Math.round(median(warm) * 100) / 100,
        warmRequests,
        minimumRequests: Object.keys(VAULTS).length * Math.ceil(SECRETS_PER_VAULT / PAGE),
      });
    }
    return rows;
  } finally {
    await emu.stop();
  }
}

export function formatReferenceBench(rows: readonly ReferenceBenchRow[]): string {
  const lines = [
    'references check: 200 references, 3 vaults x 300 secrets (median of runs)',
    '  latency  cold ms  cold requests (+401 challenges)  warm ms  warm requests  minimum',
  ];
  for (const r of rows) {
    lines.push(
      `  ${`${r.latencyMs} ms`.padEnd(7)}  ${String(r.coldMs).padStart(7)}  ${`${r.coldRequests} (+${r.coldChallenges})`.padStart(30)}  ${String(r.warmMs).padStart(7)}  ${String(r.warmRequests).padStart(13)}  ${String(r.minimumRequests).padStart(7)}`,
    );
  }
  return lines.join('\n');
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      latency: { type: 'string', multiple: true, default: ['0', '50'] },
      runs: { type: 'string', default: '5' },
    },
  });
  benchReferences(values.latency.map(Number), Number(values.runs)).then(
    (rows) => console.log(formatReferenceBench(rows)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}

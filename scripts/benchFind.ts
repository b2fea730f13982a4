// Bench for Find Secret in All Vaults (issue 18): 10 vaults of 300 secrets on the local Key Vault server with
// 50 ms latency per request; the search's wall time against the slowest vault's own listing (goal ≤ 1.2×), and
// its request count against the minimum (each page once).
//   npx tsx scripts/benchFind.ts [--latency 50] [--runs 3] [--vaults 10] [--secrets 300]

import { parseArgs } from 'node:util';
import { searchAllVaults } from '../src/tree/searchVaults';
import { TreeModel, type TreeHost } from '../src/tree/TreeModel';
import type { VaultRef, VaultService } from '../src/vault/model';
import { startEmulator } from '../test/emulator/server';
import { clientCache, vaultRef } from './bench/vaultActions';

const { values } = parseArgs({
  options: {
    latency: { type: 'string', default: '50' },
    runs: { type: 'string', default: '3' },
    vaults: { type: 'string', default: '10' },
    secrets: { type: 'string', default: '300' },
  },
});
const latencyMs = Number(values.latency);
const runs = Number(values.runs);
const vaultCount = Number(values.vaults);
const secretCount = Number(values.secrets);

const host: TreeHost = {
  changed: () => undefined,
  inView: (w) => w,
  withProgress: (_t, task) => task(() => undefined, new AbortController().signal),
  welcomeChanged: () => undefined,
  filterChanged: () => undefined,
};

function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const names = Array.from({ length: vaultCount }, (_, i) => `find${i}`);
  const emu = await startEmulator({
    seed: { vaults: names.map((name) => ({ name, generate: { count: secretCount, prefix: `${name}-s-` } })) },
  });
  try {
    const known: VaultRef[] = names.map((name) => vaultRef(emu, name));
    const service = (): VaultService => {
      const clientFor = clientCache(emu);
      return {
        addedVaults: () => known,
        clientFor,
        discovery: {
          signInState: () => Promise.resolve('notApplicable'),
          signIn: () => Promise.resolve(false),
          listSubscriptions: () => Promise.resolve([]),
          listVaults: () => Promise.resolve([]),
        },
      };
    };
    if (latencyMs > 0) emu.injectFault({ kind: 'latency', ms: latencyMs });
    const alone: number[] = [];
    const find: number[] = [];
    let requests: Record<string, number> = {};
    for (let run = 0; run < runs; run++) {
      // Each vault's own listing (a fresh model and clients each time: the Key Vault challenge included, as for find).
      const own: number[] = [];
      for (const v of known) {
        const model = new TreeModel({ service: service(), host });
        const t = performance.now();
        await model.lists.secrets(v).loadAll();
        own.push(performance.now() - t);
      }
      alone.push(Math.max(...own));
      const svc = service();
      const model = new TreeModel({ service: svc, host });
      emu.resetCounts();
      const t = performance.now();
      let rows = 0;
      for await (const r of searchAllVaults(model, svc, undefined, new AbortController().signal)) rows = r.length;
      find.push(performance.now() - t);
      if (rows !== vaultCount * secretCount) throw new Error(`find returned ${rows} rows`);
      requests = emu.counts();
    }
    // A full page comes with a continuation link (the server cannot know nothing follows), so a vault whose count is a
    // multiple of 25 ends with one empty page: 300 secrets are 13 requests, as the tree's own Load All makes.
    const pages = vaultCount * (Math.floor(secretCount / 25) + 1);
    const ratio = median(find) / median(alone);
    console.log(
      `find across ${vaultCount} vaults × ${secretCount} secrets at ${latencyMs} ms: ${median(find).toFixed(0)} ms; slowest vault alone ${median(alone).toFixed(0)} ms; ratio ${ratio.toFixed(2)}× (goal ≤ 1.2×); GetSecrets ${requests.GetSecrets ?? 0} (minimum ${pages}: each page once); all requests ${JSON.stringify(requests)}`,
    );
  } finally {
    await emu.stop();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

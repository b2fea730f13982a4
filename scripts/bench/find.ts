// Find Secret in All Vaults (src/tree/searchVaults.ts over the tree model and the real vault layer): every vault
// of equal size listed to the end, the rows checked, against one vault's own listing through the same tree model.
// Requests against the minimum (each page once); wall time against the least the latency allows: the vaults are
// listed side by side, so one vault's pages one after another.
//
// In `npm run bench` (its vaults on the main local server). On its own, on a local server of its own process:
//   npm run bench:find [-- --quick] [--runs 3] [--latency 50 ...]

import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { EmulatorState, VaultSeed } from '../../test/emulator/server';
import { SEARCH_CONCURRENCY, searchAllVaults, type SearchRow } from '../../src/tree/searchVaults';
import { TreeModel, type TreeSurface } from '../../src/tree/TreeModel';
import { PAGE_SIZE } from '../../src/vault/secretPages';
import type { VaultService } from '../../src/vault/model';
import { runActions, type Action } from './actions';
import { startBenchServer } from './serverProcess';
import { formatCounts } from './stats';
import { addedVaultsService, clientCache, vaultRef } from './vaultActions';

export interface FindShape {
  readonly vaults: number;
  /** Secrets in each vault. */
  readonly secrets: number;
}

export const FULL_FIND: FindShape = { vaults: 10, secrets: 300 };
export const QUICK_FIND: FindShape = { vaults: 4, secrets: 100 };

const findVault = (i: number): string => `bench-find-${i + 1}`;
const prefix = (i: number): string => `find-${i + 1}-s-`;

/** The list requests for `n` items: this API sends a nextLink on every full page, so a multiple of 25 ends with an empty one. */
const pagesFor = (n: number): number => Math.floor(n / PAGE_SIZE) + 1;

export function findVaults(shape: FindShape): VaultSeed[] {
  return Array.from({ length: shape.vaults }, (_, i) => ({
    name: findVault(i),
    generate: { count: shape.secrets, prefix: prefix(i) },
  }));
}

/** No view in front of the model: the search reports its rows itself (a quick pick). */
const host: TreeSurface = {
  changed: () => undefined,
  inView: (w) => w,
  withProgress: (_title, task) => task(() => undefined, new AbortController().signal),
  welcomeChanged: () => undefined,
  filterChanged: () => undefined,
};

function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(`unexpected outcome: ${message}`);
}

/** `emu` must hold findVaults(shape). */
export function findActions(emu: EmulatorState, shape: FindShape): Action<unknown>[] {
  const names = Array.from({ length: shape.vaults }, (_, i) => findVault(i));
  // One warm client per vault, reused by every run (the extension keeps one per vault); a new set for the challenge run.
  const warm = clientCache(emu);
  let clientFor = warm;
  const service = (): VaultService => addedVaultsService(emu, names, (vault) => clientFor(vault));
  const client = (kind: 'warm' | 'new'): void => {
    clientFor = kind === 'new' ? clientCache(emu) : warm;
  };
  const pages = pagesFor(shape.secrets);
  // More vaults than the search lists at once would queue; the least wall time counts the rounds.
  const rounds = Math.ceil(shape.vaults / SEARCH_CONCURRENCY);

  // A new model each run (nothing listed yet, as after opening VS Code): the search fills the tree's own lists.
  const findAll: Action<{ model: TreeModel; service: VaultService }> = {
    id: 'findAllVaults',
    label: `find in all vaults: ${shape.vaults} vaults × ${shape.secrets} secrets`,
    minimum: { GetSecrets: shape.vaults * pages },
    minimumWallMs: (latency) => rounds * pages * latency,
    minimumWallNote: `the vaults are searched side by side (up to ${SEARCH_CONCURRENCY} at once), so one vault's ${pages} pages one after another${rounds > 1 ? `, ${rounds} times` : ''}`,
    note: 'every secret matches (no filter): each page of each vault once, through the tree model’s own lists',
    client,
    prepare() {
      const svc = service();
      return Promise.resolve({ model: new TreeModel({ service: svc, host }), service: svc });
    },
    async act({ model, service: svc }) {
      const t0 = performance.now();
      let rows: readonly SearchRow[] = [];
      let updates = 0;
      for await (const r of searchAllVaults(model, svc, undefined, new AbortController().signal)) {
        rows = r;
        updates++;
      }
      const wallMs = performance.now() - t0;
      const failures = rows.filter((r) => r.kind === 'failure');
      expect(failures.length === 0, `${failures.length} vaults failed: ${failures.map((f) => f.where).join(', ')}`);
      for (let i = 0; i < shape.vaults; i++) {
        const hits = rows.filter((r) => r.kind === 'hit' && r.vault.name === findVault(i));
        const names = new Set(hits.map((h) => (h.kind === 'hit' ? h.secret.name : '')));
        expect(
          hits.length === shape.secrets && names.size === shape.secrets,
          `${findVault(i)}: ${hits.length} rows (${names.size} distinct), ${shape.secrets} secrets in the vault`,
        );
        expect(
          [...names].every((n) => n.startsWith(prefix(i))),
          `${findVault(i)}: a row names a secret of another vault`,
        );
      }
      expect(rows.length === shape.vaults * shape.secrets, `${rows.length} rows in all`);
      return { wallMs, rows: rows.length, updates };
    },
  };

  // One vault's Load All through the same tree model, alone: what the search across all of them is read against.
  const last = names[names.length - 1] ?? findVault(0);
  const oneVault: Action<TreeModel> = {
    id: 'findOneVault',
    label: `find: one vault's listing alone (${shape.secrets} secrets)`,
    scope: last,
    minimum: { GetSecrets: pages },
    note: 'the same tree model and client, Load All of one of those vaults',
    client,
    prepare: () => Promise.resolve(new TreeModel({ service: service(), host })),
    async act(model) {
      const list = model.lists.secrets(vaultRef(emu, last));
      await list.loadAll();
      expect(list.items.length === shape.secrets && !list.hasMore, `${list.items.length} secrets listed`);
    },
  };
  return [oneVault, findAll] as Action<unknown>[];
}

// `npm run bench:find`: the find lines only, on a local server of their own process.
if (require.main === module) {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      latency: { type: 'string', multiple: true },
    },
    strict: true,
  });
  const shape = values.quick ? QUICK_FIND : FULL_FIND;
  const latenciesMs = (values.latency ?? (values.quick ? ['50'] : ['0', '50'])).map(Number);
  const runs = Number(values.runs ?? (values.quick ? '1' : '3'));
  const say = (line: string): void => console.log(`[bench:find] ${line}`);
  void (async () => {
    say(`a local server (its own process): ${shape.vaults} vaults × ${shape.secrets} secrets`);
    const emu = await startBenchServer({ seed: { vaults: findVaults(shape) } });
    try {
      const results = await runActions(emu, findActions(emu, shape), { runs, latenciesMs, log: say });
      for (const r of results) {
        const ratios = Object.entries(r.wall)
          .filter(([, t]) => t.ratio !== undefined)
          .map(([l, t]) => `${t.ratio}× the least wall time at ${l} ms (${t.minimumMs} ms)`);
        say(
          `${r.label}: ${formatCounts(r.requests)} (minimum ${formatCounts(r.minimum)})${ratios.length > 0 ? `; ${ratios.join(', ')}` : ''}`,
        );
        if (r.error !== undefined || r.overMinimum > 0) {
          say(`FAIL ${r.label}: ${r.error ?? `${r.overMinimum} requests over its minimum`}`);
          process.exitCode = 1;
        }
      }
      const all = results.find((r) => r.id === 'findAllVaults');
      const one = results.find((r) => r.id === 'findOneVault');
      for (const l of latenciesMs) {
        const a = all?.wall[String(l)]?.medianMs;
        const b = one?.wall[String(l)]?.medianMs;
        if (a !== undefined && b !== undefined && b > 0)
          say(`find in all vaults / one vault alone at ${l} ms: ${(a / b).toFixed(2)}`);
      }
    } finally {
      await emu.stop();
    }
  })().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}

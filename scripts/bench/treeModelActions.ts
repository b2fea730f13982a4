// Actions through the tree model (src/tree/TreeModel.ts, vscode-free) over the real vault layer, with a view
// in front of it that re-renders what the model says changed, as VS Code does (the children of changed rows
// that are expanded): Load All on a large vault, and a filter across several vaults. Besides requests and
// wall time: the change events the model fired, the view's re-renders, and the heap the loaded rows added.

import { Agent, request } from 'node:https';
import { performance } from 'node:perf_hooks';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { EmulatorState, VaultSeed } from '../../test/emulator/server';
import type { SecretSummary, VaultService } from '../../src/vault/model';
import { PAGE_SIZE } from '../../src/vault/secretPages';
import { SERVICE_VERSION } from '../../src/vault/secretClientConnection';
import { EMULATOR_TOKEN } from '../../src/vault/credentials';
import { parseFilter } from '../../src/tree/filter';
import type { TreeNode, VaultNode } from '../../src/tree/nodes';
import { PagedList } from '../../src/tree/PagedList';
import { TreeModel, type TreeSurface } from '../../src/tree/TreeModel';
import type { Action } from './actions';
import { formatBytes } from './stats';
import { addedVaultsService, clientCache, newClient, vaultRef } from './vaultActions';

export interface TreeShape {
  /** Secrets of the Load All vault. */
  readonly large: number;
  /** Secrets of each vault the filter fills at once. */
  readonly filterVaults: readonly number[];
}

export const FULL_TREE: TreeShape = { large: 10_000, filterVaults: [250, 500, 750, 1000] };
export const QUICK_TREE: TreeShape = { large: 1_000, filterVaults: [50, 100, 150, 200] };

const LARGE_VAULT = 'bench-large';
const filterVault = (i: number): string => `bench-filter-${i + 1}`;

/** The list requests for `n` items: this API sends a nextLink on every full page. */
const pagesFor = (n: number): number => Math.floor(n / PAGE_SIZE) + 1;

export function treeModelVaults(shape: TreeShape): VaultSeed[] {
  return [
    { name: LARGE_VAULT, generate: { count: shape.large, prefix: 'large-' } },
    ...shape.filterVaults.map((count, i) => ({ name: filterVault(i), generate: { count, prefix: `app-${i + 1}-` } })),
  ];
}

/** A full garbage collection (the bench runs without --expose-gc; V8 allows turning it on at run time). */
function collect(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

/** The view: which rows are expanded, and a re-render of each expanded row the model says changed. */
class View implements TreeSurface {
  events = 0;
  renders = 0;
  private readonly expanded = new Set<string>();
  private readonly pending = new Set<Promise<unknown>>();
  model: TreeModel | undefined;

  expand(node: TreeNode | undefined): Promise<TreeNode[]> {
    const model = this.model;
    if (model === undefined) throw new Error('no model');
    this.expanded.add(node?.id ?? '');
    if (node !== undefined) model.setExpanded(node, true);
    return model.children(node);
  }

  changed(nodes: readonly TreeNode[] | undefined): void {
    this.events++;
    for (const node of nodes ?? [undefined]) {
      if (!this.expanded.has(node?.id ?? '')) continue;
      this.renders++;
      const p = this.model?.children(node) ?? Promise.resolve([]);
      this.pending.add(p);
      void p.finally(() => this.pending.delete(p));
    }
  }

  inView<T>(work: Promise<T>): Promise<T> {
    return work;
  }

  async withProgress(
    _title: string,
    task: (report: (message: string) => void, signal: AbortSignal) => Promise<void>,
  ): Promise<void> {
    await task(() => undefined, new AbortController().signal);
  }

  welcomeChanged(): void {}
  filterChanged(): void {}

  /** Until every re-render the events asked for has finished. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}

interface Expanded {
  readonly model: TreeModel;
  readonly view: View;
  readonly vaults: readonly VaultNode[];
  readonly heapBefore: number;
}

export function treeModelActions(emu: EmulatorState, shape: TreeShape): Action<unknown>[] {
  // One warm client per vault, reused by every model (the extension keeps one per vault).
  const clients = clientCache(emu);
  const service = (names: readonly string[]): VaultService => addedVaultsService(emu, names, clients);
  /** A new model and view with these vaults expanded (their first pages loaded): what the user sees before acting. */
  const expanded = async (names: readonly string[]): Promise<Expanded> => {
    const view = new View();
    const model = new TreeModel({ service: service(names), host: view });
    model.attached = true;
    view.model = model;
    const group = (await view.expand(undefined)).find((n) => n.kind === 'vaultGroup');
    if (group === undefined) throw new Error('no Added vaults group');
    const vaultNodes = (await view.expand(group)).filter((n): n is VaultNode => n.kind === 'vault');
    for (const v of vaultNodes) await view.expand(v);
    if (vaultNodes.length !== names.length)
      throw new Error(`${vaultNodes.length} vault rows for ${names.length} vaults`);
    await view.settled();
    view.events = 0;
    view.renders = 0;
    collect();
    return { model, view, vaults: vaultNodes, heapBefore: process.memoryUsage().heapUsed };
  };
  const secretRows = async (s: Expanded, vault: TreeNode): Promise<TreeNode[]> =>
    (await s.model.children(vault)).filter((n) => n.kind === 'secret');

  const largePages = pagesFor(shape.large);
  const loadAll: Action<Expanded> = {
    id: 'treeLoadAll',
    label: `tree: Load All (${shape.large.toLocaleString('en')} secrets)`,
    minimum: { GetSecrets: largePages - 1 },
    note: 'after the first page; through the tree model, its view re-rendering the vault on each change event',
    runs: 1,
    prepare: () => expanded([LARGE_VAULT]),
    async act(s) {
      const vault = s.vaults[0];
      if (vault === undefined) throw new Error('no vault row');
      const t0 = performance.now();
      await s.model.loadAll(vault);
      await s.view.settled();
      const wallMs = performance.now() - t0;
      const rows = await secretRows(s, vault);
      if (rows.length !== shape.large)
        throw new Error(`unexpected outcome: ${rows.length} secret rows after Load All, ${shape.large} in the vault`);
      collect();
      const heap = process.memoryUsage().heapUsed - s.heapBefore;
      return {
        wallMs,
        'heap added': formatBytes(heap),
        'change events': s.view.events,
        'view re-renders': s.view.renders,
      };
    },
  };

  // The same pages through the vault layer alone (PagedList, no model, no view): what the tree adds is the difference.
  const pagedOnly: Action<PagedList<SecretSummary>> = {
    id: 'pagedLoadAll',
    label: `vault layer: load all (${shape.large.toLocaleString('en')} secrets), no tree`,
    minimum: { GetSecrets: largePages - 1 },
    note: 'after the first page; PagedList over the vault client, as the tree model pages',
    runs: 1,
    async prepare() {
      const client = newClient(emu, vaultRef(emu, LARGE_VAULT));
      const list = new PagedList<SecretSummary>(
        (token, options) => client.listSecrets(token, options),
        (x) => x.name,
      );
      await list.ensureFirstPage();
      return list;
    },
    async act(list) {
      await list.loadAll();
      if (list.items.length !== shape.large || list.hasMore)
        throw new Error(`unexpected outcome: ${list.items.length} secrets loaded`);
    },
  };

  // The same pages as bare HTTPS GETs, each sent as soon as the previous answer's nextLink is parsed: what one
  // round trip per page costs on this machine (injected latency, the server's own work, TLS, JSON), the "pages ×
  // RTT" the Load All goal is measured against. The two actions above, divided by this one, are what our code adds.
  const wire: Action<WireChain> = {
    id: 'wireLoadAll',
    label: `wire: the same pages, bare HTTPS (${shape.large.toLocaleString('en')} secrets)`,
    minimum: { GetSecrets: largePages - 1 },
    note: 'after the first page; node:https GETs following nextLink, no SDK, no mapping: pages × RTT on this machine',
    runs: 1,
    async prepare() {
      const chain = new WireChain(emu, LARGE_VAULT);
      await chain.first();
      return chain;
    },
    async act(chain) {
      const count = await chain.rest();
      chain.close();
      if (count !== shape.large) throw new Error(`unexpected outcome: ${count} secrets over the wire`);
    },
  };

  const filterPages = shape.filterVaults.map((n) => pagesFor(n) - 1);
  const filterAction = (which: readonly number[], id: string, label: string): Action<Expanded> => ({
    id,
    label,
    minimum: { GetSecrets: which.reduce((sum, i) => sum + (filterPages[i] ?? 0), 0) },
    minimumWallMs: (latency) => Math.max(...which.map((i) => filterPages[i] ?? 0)) * latency,
    minimumWallNote: "the vaults fill at the same time: the largest vault's remaining pages, one after another",
    runs: 1,
    prepare: () => expanded(which.map(filterVault)),
    async act(s) {
      const parsed = parseFilter('matches-nothing');
      if (!parsed.ok || parsed.filter === undefined) throw new Error('the filter text does not parse');
      const t0 = performance.now();
      await s.model.setFilter(parsed.filter);
      await s.view.settled();
      const wallMs = performance.now() - t0;
      for (const v of s.vaults) {
        const info = s.model.listInfo(v);
        if (info?.hasMore !== false || (await secretRows(s, v)).length !== 0)
          throw new Error(`unexpected outcome: ${v.id} is not filtered to nothing with every page loaded`);
      }
      return { wallMs, 'change events': s.view.events };
    },
  });
  const all = shape.filterVaults.map((_, i) => i);
  const largest = all.reduce((a, b) => ((shape.filterVaults[b] ?? 0) > (shape.filterVaults[a] ?? 0) ? b : a), 0);
  return [
    wire,
    pagedOnly,
    loadAll,
    filterAction(
      [largest],
      'filterOneVault',
      `tree: filter, largest vault alone (${shape.filterVaults[largest] ?? 0})`,
    ),
    filterAction(all, 'filterVaults', `tree: filter across ${all.length} vaults (${shape.filterVaults.join('/')})`),
  ] as Action<unknown>[];
}

/** A vault's secrets list page after page over one kept-alive TLS connection, as bare HTTPS GETs. */
class WireChain {
  private readonly agent: Agent;
  private next: string | undefined;
  private items = 0;

  constructor(
    emu: EmulatorState,
    private readonly vault: string,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: 1, ca: emu.caPem });
    const url = emu.vaults[vault]?.url;
    if (url === undefined) throw new Error(`the emulator has no vault ${vault}`);
    this.next = `${url}/secrets?api-version=${SERVICE_VERSION}&maxresults=${PAGE_SIZE}`;
  }

  async first(): Promise<void> {
    await this.page();
  }

  /** Every remaining page; the number of secrets listed in all. */
  async rest(): Promise<number> {
    while (this.next !== undefined) await this.page();
    return this.items;
  }

  close(): void {
    this.agent.destroy();
  }

  private page(): Promise<void> {
    const url = this.next;
    if (url === undefined) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const req = request(url, { agent: this.agent, headers: { authorization: `Bearer ${EMULATOR_TOKEN}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          if (res.statusCode !== 200) {
            reject(new Error(`GET ${this.vault} secrets: ${res.statusCode ?? 'no status'}`));
            return;
          }
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
            value?: unknown[];
            nextLink?: string | null;
          };
          this.items += body.value?.length ?? 0;
          this.next = typeof body.nextLink === 'string' && body.nextLink !== '' ? body.nextLink : undefined;
          resolve();
        });
      });
      req.on('error', reject);
      req.end();
    });
  }
}

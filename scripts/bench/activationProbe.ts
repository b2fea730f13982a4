// Child process of the activation benchmark (bundled to one CommonJS file and run with plain `node
// --expose-gc`, so no TypeScript loader skews the numbers). Loads the extension bundle with a stub
// `vscode` module, calls activate() and waits for its promise, and prints one JSON line (ProbeResult) on
// stdout. Node's ES-module machinery is started first, with a module of its own, and timed on its own.
// Input (environment): BENCH_BUNDLE (path of extension.js), BENCH_TYPINGS (@types/vscode index.d.ts),
// BENCH_SETTINGS (JSON of settings by full key), BENCH_SETTLE_MS (how long to wait after activate()),
// BENCH_CONTROL_URL (the local server's control API: its request counters), BENCH_VIEW_ID and
// BENCH_VAULT (then, after activation, the view's tree is expanded as a user would: root, Added
// vaults, that vault's first page, to time the first expand with the lazy load of the Azure SDK).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { apiNamesFromTypings, createVscodeStub } from './vscodeStub';
import { isNode, type BenchNode } from './treeNode';

/** Set by the instrumented bundle's markers (scripts/bench/build.ts). */
const EVALUATED_KEY = '__kvBenchEvaluated';

export interface ProbeResult {
  readonly requireMs: number;
  /** CPU time (user + system) of the require: less sensitive than wall time to other processes on the machine. */
  readonly requireCpuMs: number;
  /** activate() until the promise it returns settles (it may load the activation entry asynchronously). */
  readonly activateMs: number;
  readonly activateCpuMs: number;
  /**
   * Starting Node's ES-module machinery (the loader, import.meta, createRequire), measured before the require with
   * a module of its own: once per process, and VS Code's extension host (itself ES modules) has it running
   * already, so require + activate() are measured after it. Reported on its own line.
   */
  readonly esmLoaderMs: number;
  readonly esmLoaderCpuMs: number;
  /** heapUsed after a full GC, before the require and after activate(). */
  readonly heapBefore: number;
  readonly heapAfter: number;
  /** Modules Node itself loaded for the bundle during require + activate (builtins; `vscode` is the stub). */
  readonly requiredModules: readonly string[];
  /** Bundled node_modules files evaluated (instrumented bundles only; empty otherwise). */
  readonly evaluated: readonly string[];
  /** vscode API calls by path during activate(). */
  readonly vscodeCalls: Readonly<Record<string, number>>;
  readonly subscriptions: number;
  readonly returned: string;
  /** Requests the local server counted between the start and BENCH_SETTLE_MS after activate(). */
  readonly activationRequests: Readonly<Record<string, number>>;
  readonly firstExpand?: FirstExpand;
}

export interface FirstExpand {
  /** getChildren(root): sign-in state, subscriptions (test-only ARM endpoint), the Added vaults group. */
  readonly rootMs: number;
  readonly groupMs: number;
  /** getChildren(vault): the first page of secrets, including the SDK's lazy load and the challenge. */
  readonly vaultMs: number;
  readonly secretsShown: number;
  readonly requests: Readonly<Record<string, number>>;
  readonly heapAfter: number;
  /** Bundled node_modules files evaluated by then (instrumented bundles only). */
  readonly evaluated: readonly string[];
}

interface TreeProvider {
  getChildren(node?: unknown): unknown;
}

async function childrenOf(provider: TreeProvider, node: BenchNode | undefined): Promise<BenchNode[]> {
  const result: unknown = await provider.getChildren(node);
  if (!Array.isArray(result)) throw new Error(`getChildren(${node?.id ?? 'root'}) returned no array`);
  const nodes = result.filter(isNode);
  const error = nodes.find((n) => n.kind === 'error');
  if (error !== undefined)
    throw new Error(`the tree shows an error under ${node?.id ?? 'root'}: ${String(error.message)}`);
  return nodes;
}

async function serverCounts(controlUrl: string | undefined): Promise<Record<string, number>> {
  if (controlUrl === undefined || controlUrl === '') return {};
  const response = await fetch(`${controlUrl}/counts`);
  if (!response.ok) throw new Error(`GET ${controlUrl}/counts: ${response.status}`);
  const counts = (await response.json()) as Record<string, number>;
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

function evaluatedFiles(): string[] {
  const evaluated = (globalThis as Record<string, unknown>)[EVALUATED_KEY];
  return evaluated instanceof Set ? [...(evaluated as Set<string>)].map(String).sort() : [];
}

async function expandVault(
  provider: TreeProvider,
  vaultName: string,
  controlUrl: string | undefined,
  before: Record<string, number>,
): Promise<FirstExpand> {
  const t0 = performance.now();
  const root = await childrenOf(provider, undefined);
  const t1 = performance.now();
  const group = root.find((n) => n.kind === 'vaultGroup');
  if (group === undefined) throw new Error(`no Added vaults group at the root: ${root.map((n) => n.kind).join(', ')}`);
  const vaults = await childrenOf(provider, group);
  const t2 = performance.now();
  const vault = vaults.find((n) => n.kind === 'vault' && n.vault?.name === vaultName);
  if (vault === undefined) throw new Error(`no vault ${vaultName} under Added vaults`);
  const secrets = (await childrenOf(provider, vault)).filter((n) => n.kind === 'secret');
  const t3 = performance.now();
  const after = await serverCounts(controlUrl);
  const requests: Record<string, number> = {};
  for (const [op, n] of Object.entries(after)) if (n - (before[op] ?? 0) > 0) requests[op] = n - (before[op] ?? 0);
  gc();
  return {
    rootMs: t1 - t0,
    groupMs: t2 - t1,
    vaultMs: t3 - t2,
    secretsShown: secrets.length,
    requests,
    heapAfter: process.memoryUsage().heapUsed,
    evaluated: evaluatedFiles(),
  };
}

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error('run with --expose-gc');
  collect();
  collect();
}

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;

async function main(): Promise<void> {
  const bundle = env('BENCH_BUNDLE');
  const settings = JSON.parse(env('BENCH_SETTINGS')) as Record<string, unknown>;
  const settleMs = Number(process.env.BENCH_SETTLE_MS ?? '300');
  const stub = createVscodeStub({
    apiNames: apiNamesFromTypings(readFileSync(env('BENCH_TYPINGS'), 'utf8')),
    settings,
    extensionPath: process.cwd(),
  });

  const required = new Set<string>();
  const moduleInternals = Module as unknown as { _load: Load };
  const originalLoad = moduleInternals._load;
  moduleInternals._load = function load(request: string, parent: unknown, isMain: boolean): unknown {
    required.add(request);
    if (request === 'vscode') return stub.module;
    return originalLoad.call(this, request, parent, isMain);
  };

  const warmUp = join(mkdtempSync(join(tmpdir(), 'kv-esm-')), 'warm-up.mjs');
  writeFileSync(warmUp, "import { createRequire } from 'node:module';\ncreateRequire(import.meta.url);\n");
  const esmCpu0 = process.cpuUsage();
  const esm0 = performance.now();
  // A non-literal specifier: the bundler leaves this import() alone.
  await import(String(pathToFileURL(warmUp)));
  const esmLoaderMs = performance.now() - esm0;
  const esmCpu = process.cpuUsage(esmCpu0);
  rmSync(dirname(warmUp), { recursive: true, force: true });

  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const extension = createRequire(__filename)(bundle) as { activate?: (context: unknown) => unknown };
  const t1 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  if (typeof extension.activate !== 'function') throw new Error(`${bundle} exports no activate()`);
  const cpu1 = process.cpuUsage();
  const t1b = performance.now();
  const returned: unknown = await extension.activate(stub.context);
  const t2 = performance.now();
  const activateCpu = process.cpuUsage(cpu1);
  // Anything activate() started asynchronously (it should start nothing) gets time to reach the network.
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  const requiredModules = [...required].sort();
  const evaluated = evaluatedFiles();
  const controlUrl = process.env.BENCH_CONTROL_URL;
  const activationRequests = await serverCounts(controlUrl);

  const viewId = process.env.BENCH_VIEW_ID;
  const vaultName = process.env.BENCH_VAULT;
  let firstExpand: FirstExpand | undefined;
  if (viewId !== undefined && viewId !== '' && vaultName !== undefined && vaultName !== '') {
    const provider = stub.treeDataProviders.get(viewId);
    if (
      typeof provider !== 'object' ||
      provider === null ||
      typeof (provider as { getChildren?: unknown }).getChildren !== 'function'
    ) {
      throw new Error(`activate() registered no tree data provider for ${viewId}`);
    }
    firstExpand = await expandVault(provider as TreeProvider, vaultName, controlUrl, activationRequests);
  }
  moduleInternals._load = originalLoad;

  const result: ProbeResult = {
    requireMs: t1 - t0,
    requireCpuMs: (cpu.user + cpu.system) / 1000,
    activateMs: t2 - t1b,
    activateCpuMs: (activateCpu.user + activateCpu.system) / 1000,
    esmLoaderMs,
    esmLoaderCpuMs: (esmCpu.user + esmCpu.system) / 1000,
    heapBefore,
    heapAfter,
    requiredModules,
    evaluated,
    vscodeCalls: Object.fromEntries([...stub.calls].filter(([path]) => !path.includes('()')).sort()),
    subscriptions: stub.subscriptions.length,
    returned: returned === undefined ? 'undefined' : typeof returned,
    activationRequests,
    ...(firstExpand !== undefined ? { firstExpand } : {}),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);

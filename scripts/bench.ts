// `npm run bench`: the benchmarks. Numbers are measured and reported, never asserted in tests.
//
// What it measures:
//  1. Vault actions through the real vault layer (SecretsVaultClient; PagedList paging as the tree does)
//     against the local Key Vault server (test/emulator) seeded with 313 secrets, most with several
//     versions: show a vault, load more, load all, show a value, list versions, load all versions,
//     deleted secrets, set, edit properties, delete, recover (also with a 2.5 s service window).
//     For each: requests by operationId on a warm client, compared with the fewest the API allows;
//     the extra 401 challenge when the action is a new client's first call; median wall time
//     with 0 ms and with injected latency per request (default 50 ms), and its ratio to the least that
//     latency allows (the minimum requests one after another, unless the action says otherwise).
//     The same for actions through the tree model (Load All, a filter across vaults), Find Secret in All Vaults
//     (scripts/bench/find.ts: 10 vaults of 300 secrets, side by side), tree rows and discovery.
//  2. Activation: time to require the production bundle and to run activate() in a fresh `node`
//     (a stub `vscode` module; median of several processes), heap used, the Node modules it loads,
//     that activation sends no request (server counters stay 0), and which bundled node_modules
//     files (@azure/* included) are evaluated at activation (an instrumented build).
//     Then, in the same process, the view's first expand as a user does it (root, Added vaults, one
//     vault's first page through the tree data provider): time, requests, and the files it loads.
//  3. Sizes: dist/extension.js (the activation entry), dist/lazy/ (loaded on first use), dist/webview/*,
//     and the .vsix from package.json's own `package` script (checked to carry every bundle built).
//  4. Key Vault references (scripts/benchReferences.ts): checking a 200-reference file over 3 vaults of
//     300 secrets, cold and warm: requests against the minimum (the vaults' list pages cold, none warm).
//  5. Parsing (scripts/bench/parse.ts): every parser of untrusted text on 2 MB ordinary and hostile inputs.
// Builds happen in a temporary copy of the package; the repository's dist/ is not touched.
// Prints tables and writes test-artifacts/bench/results.json.
//
// Exit status 1 when an action fails (throws, or its request counts change between runs), when an action
// or activation sends more requests than its recorded minimum (request counts are exact), or when the
// .vsix lacks a bundle or is over 1 MiB. Times are reported, never asserted.
//
//   npm run bench
//   npm run bench -- --quick          CI: small seeds, one run, one latency (50 ms), 2 activation runs
//   npm run bench -- --runs 9 --latency 50 --latency 150 --activation-runs 7 --no-vsix

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify, parseArgs } from 'node:util';
import type { FirstExpand, ProbeResult } from './bench/activationProbe';
import { runActions, type ActionResult } from './bench/actions';
import { startBenchServer, type BenchServer } from './bench/serverProcess';
import {
  buildProbe,
  copyPackage,
  instrumentedBundle,
  packageVsix,
  productionBuild,
  VSIX_MAX_BYTES,
  zipEntries,
  type PackageCopy,
} from './bench/build';
import { benchReferences, formatReferenceBench, REFERENCE_COUNT, type ReferenceBenchRow } from './benchReferences';
import { benchImport, formatImportBench } from './bench/import';
import { benchTable, formatTableBench } from './bench/table';
import { benchBulkDelete, formatBulkBench } from './bench/bulk';
import { benchRunResolution, formatRunResolutionBench } from './bench/runResolution';
import { benchParse, formatParseBench, parseFailures } from './bench/parse';
import { formatBytes, formatCounts, formatMs, median, round, sumCounts, table } from './bench/stats';
import {
  discoveryActions,
  discoverySeed,
  FULL_DISCOVERY,
  ONE_TENANT,
  QUICK_DISCOVERY,
  QUICK_ONE_TENANT,
} from './bench/discoveryActions';
import { FULL_APPS, QUICK_APPS, appsActions, appsSeed } from './bench/apps';
import {
  driverSettings,
  hostDriverFile,
  startHostDriver,
  TREE_VAULT,
  treeCommandActions,
  treeCommandVault,
  type HostDriver,
} from './bench/treeCommandActions';
import { FULL_TREE, QUICK_TREE, treeModelActions, treeModelVaults } from './bench/treeModelActions';
import { objectTreeActions, objectTreeVaults } from './bench/objectTreeActions';
import { certificateActions, certificateVaults } from './bench/certificateActions';
import { keyPolicyActions, keyPolicyVaults } from './bench/keyPolicyActions';
import { findActions, findVaults, FULL_FIND, QUICK_FIND } from './bench/find';
import { benchSeed, READ_VAULT, vaultLayerActions } from './bench/vaultActions';

const REPO = resolve(__dirname, '..');
const OUT_DIR = join(REPO, 'test-artifacts', 'bench');
const run = promisify(execFile);

/** The Vaults view's id, from the manifest (src/tree/KeyVaultTree.ts imports `vscode`, so not from there). */
function viewId(): string {
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
    contributes?: { views?: Record<string, { id?: unknown }[]> };
  };
  const id = Object.values(manifest.contributes?.views ?? {}).flat()[0]?.id;
  if (typeof id !== 'string') throw new Error('package.json contributes no view');
  return id;
}

function say(line: string): void {
  console.log(`[bench] ${line}`);
}

interface Options {
  readonly runs: number;
  readonly latenciesMs: readonly number[];
  readonly activationRuns: number;
  readonly vsix: boolean;
  /** CI: small seeds, one run, the injected latency only, no service-window actions. */
  readonly quick: boolean;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      latency: { type: 'string', multiple: true },
      'activation-runs': { type: 'string' },
      'no-vsix': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const quick = values.quick;
  const positive = (text: string, what: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a positive integer, got "${text}"`);
    return n;
  };
  const latencies = (values.latency ?? ['50']).map((l) => {
    const n = Number(l);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--latency must be >= 0, got "${l}"`);
    return n;
  });
  const injected = latencies.filter((l) => l > 0);
  if (quick && injected.length === 0) throw new Error('--quick needs an injected --latency above 0');
  return {
    runs: positive(values.runs ?? (quick ? '1' : '5'), '--runs'),
    latenciesMs: quick ? injected.slice(0, 1) : [0, ...injected],
    activationRuns: positive(values['activation-runs'] ?? (quick ? '2' : '5'), '--activation-runs'),
    vsix: !values['no-vsix'],
    quick,
  };
}

// ------------------------------------------------------------------------------------------ activation

interface ActivationResult {
  readonly runs: number;
  readonly requireMs: { readonly median: number; readonly min: number; readonly max: number };
  readonly requireCpuMs: { readonly median: number; readonly min: number; readonly max: number };
  /** Until the promise activate() returns settles. */
  readonly activateMs: { readonly median: number; readonly min: number; readonly max: number };
  readonly activateCpuMs: { readonly median: number; readonly min: number; readonly max: number };
  /** require + activate() in the same process, summed per process. */
  readonly totalMs: { readonly median: number; readonly min: number; readonly max: number };
  readonly totalCpuMs: { readonly median: number; readonly min: number; readonly max: number };
  /** Node's ES-module machinery started before the require (once per process; VS Code's extension host has it). */
  readonly esmLoaderMs: { readonly median: number; readonly min: number; readonly max: number };
  readonly esmLoaderCpuMs: { readonly median: number; readonly min: number; readonly max: number };
  readonly heapUsedDeltaBytes: number;
  readonly heapUsedAfterBytes: number;
  /** Requests the server saw from the start of require() to BENCH_SETTLE_MS after activate(), summed over all runs. */
  readonly requestsDuringActivation: Readonly<Record<string, number>>;
  /** After activation, in the same process: the view's root, Added vaults, then one vault's first page. */
  readonly firstExpand: {
    readonly rootMs: number;
    readonly groupMs: number;
    readonly vaultMs: number;
    readonly secretsShown: number;
    readonly requests: Readonly<Record<string, number>>;
    readonly heapUsedAfterBytes: number;
    readonly evaluatedNodeModulesFiles: number;
    readonly evaluatedAzureFiles: number;
  };
  readonly modulesRequired: readonly string[];
  readonly vscodeCalls: Readonly<Record<string, number>>;
  readonly subscriptions: number;
  readonly bundledNodeModulesFiles: number;
  readonly bundledAzureFiles: number;
  readonly evaluatedNodeModulesFiles: readonly string[];
  readonly evaluatedAzureFiles: readonly string[];
}

async function probe(
  probeFile: string,
  bundle: string,
  settings: Readonly<Record<string, unknown>>,
  controlUrl: string,
): Promise<ProbeResult> {
  const { stdout } = await run(process.execPath, ['--expose-gc', probeFile], {
    env: {
      ...process.env,
      BENCH_BUNDLE: bundle,
      BENCH_TYPINGS: join(REPO, 'node_modules', '@types', 'vscode', 'index.d.ts'),
      BENCH_SETTINGS: JSON.stringify(settings),
      BENCH_SETTLE_MS: '300',
      BENCH_CONTROL_URL: controlUrl,
      BENCH_VIEW_ID: viewId(),
      BENCH_VAULT: READ_VAULT,
    },
    timeout: 60_000,
  });
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as ProbeResult;
}

function spread(values: readonly number[]): { median: number; min: number; max: number } {
  return { median: round(median(values), 2), min: round(Math.min(...values), 2), max: round(Math.max(...values), 2) };
}

async function measureActivation(emu: BenchServer, copy: PackageCopy, runs: number): Promise<ActivationResult> {
  const probeFile = join(copy.dir, 'bench-probe.cjs');
  await buildProbe(REPO, probeFile);
  const instrumentedDir = join(copy.dir, 'bench-instrumented');
  const bundled = await instrumentedBundle(copy.dir, instrumentedDir);
  const instrumented = join(instrumentedDir, 'extension.js');
  const bundle = join(copy.dir, 'dist', 'extension.js');
  // An added emulator vault and the test-only ARM endpoint: if activation reached for the network, the
  // server would count it.
  const settings = {
    'keyVaultSecrets.vaults': [
      { url: emu.vaults[READ_VAULT].url, name: READ_VAULT, emulator: true, caFile: emu.caFile },
    ],
    'keyVaultSecrets.testing.armEndpoint': emu.armUrl,
    'keyVaultSecrets.testing.armCaFile': emu.caFile,
  };
  const results: ProbeResult[] = [];
  const requests: Record<string, number> = {};
  const count = (r: ProbeResult): void => {
    for (const [op, n] of Object.entries(r.activationRequests)) requests[op] = (requests[op] ?? 0) + n;
  };
  for (let i = 0; i < runs; i++) {
    await emu.resetCounts();
    const r = await probe(probeFile, bundle, settings, emu.controlUrl);
    count(r);
    results.push(r);
  }
  await emu.resetCounts();
  const marked = await probe(probeFile, instrumented, settings, emu.controlUrl);
  count(marked);
  const first = results[0];
  if (first === undefined) throw new Error('no activation run');
  const expandOf = (r: ProbeResult): FirstExpand => {
    if (r.firstExpand === undefined) throw new Error('the probe did not expand the vault');
    return r.firstExpand;
  };
  const expanded = results.map(expandOf);
  const markedExpand = expandOf(marked);
  const isAzure = (f: string): boolean => f.startsWith('@azure/') || f.startsWith('@azure-rest/');
  return {
    runs,
    requireMs: spread(results.map((r) => r.requireMs)),
    requireCpuMs: spread(results.map((r) => r.requireCpuMs)),
    activateMs: spread(results.map((r) => r.activateMs)),
    activateCpuMs: spread(results.map((r) => r.activateCpuMs)),
    totalMs: spread(results.map((r) => r.requireMs + r.activateMs)),
    totalCpuMs: spread(results.map((r) => r.requireCpuMs + r.activateCpuMs)),
    esmLoaderMs: spread(results.map((r) => r.esmLoaderMs)),
    esmLoaderCpuMs: spread(results.map((r) => r.esmLoaderCpuMs)),
    heapUsedDeltaBytes: Math.round(median(results.map((r) => r.heapAfter - r.heapBefore))),
    heapUsedAfterBytes: Math.round(median(results.map((r) => r.heapAfter))),
    requestsDuringActivation: Object.fromEntries(Object.entries(requests).filter(([, n]) => n > 0)),
    firstExpand: {
      rootMs: round(median(expanded.map((e) => e.rootMs)), 2),
      groupMs: round(median(expanded.map((e) => e.groupMs)), 2),
      vaultMs: round(median(expanded.map((e) => e.vaultMs)), 2),
      secretsShown: expandOf(first).secretsShown,
      requests: expandOf(first).requests,
      heapUsedAfterBytes: Math.round(median(expanded.map((e) => e.heapAfter))),
      evaluatedNodeModulesFiles: markedExpand.evaluated.length,
      evaluatedAzureFiles: markedExpand.evaluated.filter(isAzure).length,
    },
    modulesRequired: first.requiredModules.filter((m) => m !== bundle),
    vscodeCalls: first.vscodeCalls,
    subscriptions: first.subscriptions,
    bundledNodeModulesFiles: bundled.length,
    bundledAzureFiles: bundled.filter(isAzure).length,
    evaluatedNodeModulesFiles: marked.evaluated,
    evaluatedAzureFiles: marked.evaluated.filter(isAzure),
  };
}

// ------------------------------------------------------------------------------------------ sizes

interface SizeResult {
  readonly extensionJsBytes: number;
  /** What activate() evaluates besides extension.js: lazy/extension.mjs and the chunks it imports statically. */
  readonly activationFiles: Readonly<Record<string, number>>;
  /** dist/lazy/*.mjs: the packages loaded on first use. */
  readonly lazy: Readonly<Record<string, number>>;
  readonly webview: Readonly<Record<string, number>>;
  readonly vsixBytes?: number;
  /** Built files (dist/, maps excluded) the .vsix does not carry. */
  readonly vsixMissing?: readonly string[];
  readonly vsixCommand?: string;
  readonly buildMs: number;
  readonly packageMs?: number;
}

function filesIn(dist: string, sub: string): Record<string, number> {
  const dir = join(dist, sub);
  const out: Record<string, number> = {};
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).sort()) out[`dist/${sub}/${f}`] = statSync(join(dir, f)).size;
  return out;
}

/**
 * An ES module of the build and the modules it imports statically (transitively), by path under dist/, with their
 * sizes: what evaluating it loads. Empty when the file does not exist (a build without the activation entry).
 */
function staticImportsOf(dist: string, entry: string): Record<string, number> {
  const out: Record<string, number> = {};
  const visit = (file: string): void => {
    const path = join(dist, file);
    if (file in out || !existsSync(path)) return;
    const text = readFileSync(path, 'utf8');
    out[file] = statSync(path).size;
    // `from"./x.mjs"` and `import"./x.mjs"`; a dynamic `import("./x.mjs")` has a parenthesis and is not followed.
    for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*["'](\.\/[^"']+\.mjs)["']/g)) {
      const target = m[1];
      if (target !== undefined) visit(join(file, '..', target));
    }
  };
  visit(entry);
  return out;
}

// ------------------------------------------------------------------------------------------ report

const sumOf = (sizes: Readonly<Record<string, number>>): number => Object.values(sizes).reduce((a, b) => a + b, 0);

function printActions(results: readonly ActionResult[], latencies: readonly number[]): void {
  const header = ['action', 'requests (warm client)', 'min', 'extra', 'new client'];
  for (const l of latencies) header.push(`${l} ms/req`, ...(l > 0 ? ['× min'] : []));
  const rows = results.map((r) => {
    const row = [
      r.label,
      formatCounts(r.requests),
      String(sumCounts(r.minimum)),
      r.error !== undefined ? 'error' : r.overMinimum === 0 ? '0' : `+${r.overMinimum}`,
      r.cold === undefined ? '-' : `+${r.cold.Challenge ?? 0} challenge`,
    ];
    for (const l of latencies) {
      const t = r.wall[String(l)];
      row.push(t === undefined ? '-' : formatMs(t.medianMs));
      if (l > 0) row.push(t?.ratio === undefined ? '-' : t.ratio.toFixed(2));
    }
    return row;
  });
  const right = [2, 3];
  for (let i = 5; i < header.length; i++) right.push(i);
  console.log(table(header, rows, right));
}

/** A median with its range, as the activation table shows it. */
function spreadText(s: { readonly median: number; readonly min: number; readonly max: number }): string {
  return `${formatMs(s.median)} (min ${formatMs(s.min)}, max ${formatMs(s.max)})`;
}

function printActivation(a: ActivationResult): void {
  const rows: string[][] = [
    [
      "before: Node's ES-module machinery (once per process, running in VS Code's extension host; not counted below)",
      `${spreadText(a.esmLoaderMs)}; CPU ${spreadText(a.esmLoaderCpuMs)}`,
    ],
    ['require(dist/extension.js)', spreadText(a.requireMs)],
    ['require: CPU time (user + system)', spreadText(a.requireCpuMs)],
    ['activate() (until its promise settles)', spreadText(a.activateMs)],
    ['activate(): CPU time (user + system)', spreadText(a.activateCpuMs)],
    ['require + activate()', spreadText(a.totalMs)],
    ['require + activate(): CPU time', spreadText(a.totalCpuMs)],
    [
      'heap used by require + activate',
      `${formatBytes(a.heapUsedDeltaBytes)} (heap used after: ${formatBytes(a.heapUsedAfterBytes)})`,
    ],
    [
      'requests during activation',
      Object.keys(a.requestsDuringActivation).length === 0 ? '0' : formatCounts(a.requestsDuringActivation),
    ],
    ['modules Node loaded', a.modulesRequired.join(', ')],
    ['node_modules files evaluated', `${a.evaluatedNodeModulesFiles.length} of ${a.bundledNodeModulesFiles} bundled`],
    ['@azure files evaluated', `${a.evaluatedAzureFiles.length} of ${a.bundledAzureFiles} bundled`],
    ['first expand: view root (sign-in, subscriptions)', formatMs(a.firstExpand.rootMs)],
    ['first expand: Added vaults', formatMs(a.firstExpand.groupMs)],
    [
      'first expand: vault (SDK load, TLS, challenge, page)',
      `${formatMs(a.firstExpand.vaultMs)} (${a.firstExpand.secretsShown} secrets shown)`,
    ],
    ['first expand: requests', formatCounts(a.firstExpand.requests)],
    ['first expand: heap used after', formatBytes(a.firstExpand.heapUsedAfterBytes)],
    [
      'first expand: node_modules / @azure files evaluated',
      `${a.firstExpand.evaluatedNodeModulesFiles} / ${a.firstExpand.evaluatedAzureFiles}`,
    ],
    [
      'registered (commands, views, ...)',
      `${a.subscriptions} disposables; ${a.vscodeCalls['commands.registerCommand'] ?? 0} commands`,
    ],
  ];
  console.log(table(['activation (median of ' + String(a.runs) + ' fresh node processes)', 'value'], rows));
}

function printSizes(s: SizeResult): void {
  const rows: string[][] = [
    ['dist/extension.js (package.json "main")', formatBytes(s.extensionJsBytes), String(s.extensionJsBytes)],
  ];
  const activation = sumOf(s.activationFiles);
  if (activation > 0)
    rows.push([
      `activation loads: lazy/extension.mjs + ${Object.keys(s.activationFiles).length - 1} chunks it imports`,
      formatBytes(activation),
      String(activation),
    ]);
  const lazy = sumOf(s.lazy);
  if (lazy > 0)
    rows.push([
      `dist/lazy/ (${Object.keys(s.lazy).length} files, loaded on first use)`,
      formatBytes(lazy),
      String(lazy),
    ]);
  for (const [f, n] of Object.entries(s.webview)) rows.push([f, formatBytes(n), String(n)]);
  if (s.vsixBytes !== undefined) rows.push([`.vsix (npm run package)`, formatBytes(s.vsixBytes), String(s.vsixBytes)]);
  console.log(table(['file (production build)', 'size', 'bytes'], rows, [1, 2]));
}

/** Why the run fails (exit 1): errors, requests over the minimum, a .vsix without a bundle or over its size. Never times. */
function failures(
  actions: readonly ActionResult[],
  activation: ActivationResult | undefined,
  sizes: SizeResult,
): string[] {
  const out: string[] = [];
  for (const a of actions) {
    if (a.error !== undefined) out.push(`${a.label}: ${a.error}`);
    else if (a.overMinimum > 0)
      out.push(`${a.label}: ${formatCounts(a.requests)}, ${a.overMinimum} over its minimum ${formatCounts(a.minimum)}`);
  }
  if (activation !== undefined && Object.keys(activation.requestsDuringActivation).length > 0) {
    out.push(`activation sent requests (minimum: none): ${formatCounts(activation.requestsDuringActivation)}`);
  }
  if (sizes.vsixMissing !== undefined && sizes.vsixMissing.length > 0)
    out.push(`the .vsix lacks ${sizes.vsixMissing.join(', ')} (see .vscodeignore)`);
  if (sizes.vsixBytes !== undefined && sizes.vsixBytes > VSIX_MAX_BYTES)
    out.push(`the .vsix is ${formatBytes(sizes.vsixBytes)}, over its limit of ${formatBytes(VSIX_MAX_BYTES)}`);
  return out;
}

/** The references check fails only on requests: cold above its minimum, or any request when warm. */
function referenceFailures(rows: readonly ReferenceBenchRow[]): string[] {
  return rows.flatMap((r) => [
    ...(r.coldRequests > r.minimumRequests
      ? [`references check at ${r.latencyMs} ms, cold: ${r.coldRequests} requests, minimum ${r.minimumRequests}`]
      : []),
    ...(r.warmRequests > 0
      ? [`references check at ${r.latencyMs} ms, warm: ${r.warmRequests} requests, minimum 0`]
      : []),
  ]);
}

// ------------------------------------------------------------------------------------------ main

async function main(): Promise<void> {
  const options = readOptions();
  const started = performance.now();
  const copy = copyPackage(REPO);
  let emu: BenchServer | undefined;
  let discoveryEmu: BenchServer | undefined;
  let driver: HostDriver | undefined;
  try {
    say(`${options.quick ? 'quick run; ' : ''}production build in ${copy.dir}`);
    const buildMs = await productionBuild(copy.dir);
    const dist = join(copy.dir, 'dist');
    const extensionJsBytes = statSync(join(dist, 'extension.js')).size;
    const activationFiles = staticImportsOf(dist, 'lazy/extension.mjs');
    const lazy = filesIn(dist, 'lazy');
    const webview = filesIn(dist, 'webview');
    let vsix: Pick<SizeResult, 'vsixBytes' | 'vsixMissing' | 'vsixCommand' | 'packageMs'> = {};
    if (options.vsix) {
      say("npm run package (package.json's own script)");
      const packaged = await packageVsix(copy.dir);
      // What the package script's own build (vscode:prepublish) left in dist/ must all be in the .vsix.
      const built = [
        'dist/extension.js',
        'dist/ThirdPartyNotices.txt',
        ...Object.keys(filesIn(dist, 'lazy')),
        ...Object.keys(filesIn(dist, 'webview')),
      ];
      const entries = new Set(zipEntries(packaged.file));
      vsix = {
        vsixBytes: statSync(packaged.file).size,
        vsixMissing: built.filter((f) => !entries.has(`extension/${f}`)),
        vsixCommand: packaged.command,
        packageMs: round(packaged.ms, 0),
      };
    }
    const sizes: SizeResult = {
      extensionJsBytes,
      activationFiles,
      lazy,
      webview,
      buildMs: round(buildMs, 0),
      ...vsix,
    };

    say('starting the local Key Vault server (its own process)');
    const seed = benchSeed();
    const treeShape = options.quick ? QUICK_TREE : FULL_TREE;
    const findShape = options.quick ? QUICK_FIND : FULL_FIND;
    emu = await startBenchServer({
      seed: {
        ...seed,
        vaults: [
          ...seed.vaults,
          treeCommandVault(),
          ...treeModelVaults(treeShape),
          ...findVaults(findShape),
          ...objectTreeVaults(),
          ...certificateVaults(),
          ...keyPolicyVaults(),
        ],
      },
    });

    say(`activation: ${options.activationRuns} fresh node processes + 1 instrumented`);
    const activation = await measureActivation(emu, copy, options.activationRuns);

    say(
      `actions: ${options.runs} run${options.runs === 1 ? '' : 's'} each (after a warm-up) at ${options.latenciesMs.join(', ')} ms injected latency per request`,
    );
    const runOptions = { runs: options.runs, latenciesMs: options.latenciesMs, log: say };
    const actions = await runActions(emu, await vaultLayerActions(emu, { slow: !options.quick }), runOptions);

    say(`tree model: Load All on ${treeShape.large} secrets, a filter across ${treeShape.filterVaults.length} vaults`);
    actions.push(...(await runActions(emu, treeModelActions(emu, treeShape), runOptions)));

    say('tree model: opening a vault with its certificates and keys');
    actions.push(...(await runActions(emu, objectTreeActions(emu), runOptions)));

    say('certificates: create self-signed (through its pending operation) and import a PFX');
    actions.push(...(await runActions(emu, certificateActions(emu), runOptions)));
    say('keys and certificates: create, rotate, rotation and certificate policies');
    actions.push(...(await runActions(emu, keyPolicyActions(emu), runOptions)));

    say(`Find Secret in All Vaults: ${findShape.vaults} vaults × ${findShape.secrets} secrets`);
    actions.push(...(await runActions(emu, findActions(emu, findShape), runOptions)));

    say('actions on tree rows: the production bundle in a child process (stub vscode, a minimal view)');
    await buildProbe(REPO, hostDriverFile(copy.dir), 'hostDriver');
    driver = await startHostDriver(hostDriverFile(copy.dir), {
      BENCH_BUNDLE: join(copy.dir, 'dist', 'extension.js'),
      BENCH_TYPINGS: join(REPO, 'node_modules', '@types', 'vscode', 'index.d.ts'),
      BENCH_SETTINGS: JSON.stringify(driverSettings(emu)),
      BENCH_VIEW_ID: viewId(),
    });
    const treeUrl = emu.vaults[TREE_VAULT]?.url ?? '';
    const treeVaultUrl = (): string => treeUrl;
    actions.push(...(await runActions(emu, treeCommandActions(driver, treeVaultUrl), runOptions)));
    driver.stop();
    driver = undefined;

    const shape = options.quick ? QUICK_DISCOVERY : FULL_DISCOVERY;
    const discovery = discoverySeed(shape);
    say(
      `starting a second local server for discovery: ${shape.tenants} tenants × ${shape.subscriptionsPerTenant} subscriptions × ${shape.vaultsPerSubscription} vaults`,
    );
    discoveryEmu = await startBenchServer({ seed: discovery.seed, tenantId: discovery.homeTenant });
    actions.push(...(await runActions(discoveryEmu, discoveryActions(discoveryEmu, shape), runOptions)));
    await discoveryEmu.stop();
    discoveryEmu = undefined;
    const oneTenant = options.quick ? QUICK_ONE_TENANT : ONE_TENANT;
    const single = discoverySeed(oneTenant);
    say(
      `a third local server, one tenant: ${oneTenant.subscriptionsPerTenant} subscriptions × ${oneTenant.vaultsPerSubscription} vaults`,
    );
    discoveryEmu = await startBenchServer({ seed: single.seed, tenantId: single.homeTenant });
    actions.push(...(await runActions(discoveryEmu, discoveryActions(discoveryEmu, oneTenant, false), runOptions)));
    await discoveryEmu.stop();
    discoveryEmu = undefined;
    const appsShape = options.quick ? QUICK_APPS : FULL_APPS;
    say(`a fourth local server, deployed apps: ${appsShape.subscriptions} subscriptions × ${appsShape.apps} apps`);
    discoveryEmu = await startBenchServer({ seed: appsSeed(appsShape) });
    actions.push(...(await runActions(discoveryEmu, appsActions(discoveryEmu, appsShape), runOptions)));

    say(`references: a ${REFERENCE_COUNT}-reference file over 3 vaults of 300 secrets, cold and warm`);
    const references = await benchReferences(options.latenciesMs, options.runs);

    const results = {
      date: new Date().toISOString(),
      machine: {
        node: process.version,
        platform: process.platform,
        arch: process.arch,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? '',
        totalMemBytes: totalmem(),
      },
      commit: await gitCommit(),
      options,
      actions,
      activation,
      sizes,
      references,
      durationMs: 0,
    };
    results.durationMs = round(performance.now() - started, 0);
    mkdirSync(OUT_DIR, { recursive: true });
    const outFile = join(OUT_DIR, options.quick ? 'results-quick.json' : 'results.json');
    writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);

    console.log('');
    console.log(
      `Actions (${options.runs} run${options.runs === 1 ? '' : 's'}, median wall time; requests by operationId from the server's counters; × min = wall time / the least the latency allows)`,
    );
    printActions(actions, options.latenciesMs);
    for (const a of actions.filter((x) => x.note !== undefined || x.minimumWallNote !== undefined)) {
      console.log(
        `  ${a.label}: ${[a.note, a.minimumWallNote !== undefined ? `least wall time: ${a.minimumWallNote}` : undefined].filter((t) => t !== undefined).join('; ')}`,
      );
    }
    // [what, action, divided by action × times, the goal (issue 14) when there is one]: each read against what this
    // machine measures for the same work without our code (a round trip is a bare HTTPS GET at the injected latency).
    const readings: ReadonlyArray<readonly [string, string, string, number, number | undefined]> = [
      ['tree: filter across vaults / largest vault alone', 'filterVaults', 'filterOneVault', 1, 1.2],
      ['find in all vaults / one vault alone', 'findAllVaults', 'findOneVault', 1, 1.2],
      ['tree: Load All / the same pages without the tree', 'treeLoadAll', 'pagedLoadAll', 1, undefined],
      ['tree: Load All / pages × RTT (the same pages, bare HTTPS)', 'treeLoadAll', 'wireLoadAll', 1, 1.05],
      ['vault layer: load all / pages × RTT (the same pages, bare HTTPS)', 'pagedLoadAll', 'wireLoadAll', 1, undefined],
      ['discovery / the dependency chain (3 × one round trip, bare HTTPS)', 'discovery', 'wireRoundTrip', 3, 1.2],
      ['discovery / the same requests, bare HTTPS', 'discovery', 'wireDiscovery', 1, undefined],
      [
        'bare HTTPS discovery / the dependency chain (3 × one round trip)',
        'wireDiscovery',
        'wireRoundTrip',
        3,
        undefined,
      ],
      [
        'one-tenant discovery / its chain (2 × one round trip, bare HTTPS)',
        'discoveryOneTenant',
        'wireRoundTrip',
        2,
        1.2,
      ],
    ];
    for (const [what, of, to, times, goal] of readings) {
      const a = actions.find((x) => x.id === of);
      const b = actions.find((x) => x.id === to);
      const ratios = options.latenciesMs
        // A chain of round trips means nothing without latency: at 0 ms it is the server's own work.
        .filter((l) => l > 0 || times === 1)
        .map((l) => [l, a?.wall[String(l)]?.medianMs, b?.wall[String(l)]?.medianMs] as const)
        .filter((r): r is readonly [number, number, number] => r[1] !== undefined && r[2] !== undefined && r[2] > 0)
        .map(([l, x, y]) => {
          const ratio = x / (y * times);
          const verdict =
            goal === undefined || l === 0
              ? ''
              : ratio <= goal
                ? ' (goal ≤ ' + goal + ': met)'
                : ' (goal ≤ ' + goal + ': NOT met)';
          return `${ratio.toFixed(2)} at ${l} ms${verdict}`;
        });
      if (ratios.length > 0) console.log(`  ${what}: ${ratios.join(', ')}`);
    }
    for (const a of actions.filter((x) => x.observed !== undefined)) {
      console.log(
        `  ${a.label}: ${Object.entries(a.observed ?? {})
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
    }
    console.log('');
    console.log(formatReferenceBench(references));
    console.log('');
    console.log(formatImportBench(await benchImport(options.latenciesMs, Math.min(options.runs, 3))));
    console.log('');
    console.log(formatTableBench(await benchTable(options.latenciesMs, Math.min(options.runs, 3))));
    console.log('');
    console.log(formatBulkBench(await benchBulkDelete(options.latenciesMs, Math.min(options.runs, 3))));
    console.log('');
    console.log(formatRunResolutionBench(await benchRunResolution(options.latenciesMs, Math.min(options.runs, 3))));
    console.log('');
    const parsing = benchParse(options.quick ? 1 : 3);
    console.log(formatParseBench(parsing));
    console.log('');
    printActivation(activation);
    console.log('');
    printSizes(sizes);
    console.log('');
    const failed = [
      ...failures(actions, activation, sizes),
      ...referenceFailures(references),
      ...parseFailures(parsing),
    ];
    const atMinimum = actions.filter((a) => a.error === undefined && a.overMinimum === 0).length;
    say(`wrote ${outFile} (${(results.durationMs / 1000).toFixed(1)} s)`);
    say(
      `${atMinimum} of ${actions.length} actions at their minimum requests; activation ${Object.keys(activation.requestsDuringActivation).length === 0 ? 'sent no request' : 'sent requests'}${sizes.vsixMissing !== undefined ? `; .vsix carries ${sizes.vsixMissing.length === 0 ? 'every bundle' : 'NOT every bundle'}` : ''}`,
    );
    for (const f of failed) say(`FAIL ${f}`);
    if (failed.length > 0) process.exitCode = 1;
  } finally {
    driver?.stop();
    if (emu !== undefined) await emu.stop();
    if (discoveryEmu !== undefined) await discoveryEmu.stop();
    copy.remove();
  }
}

async function gitCommit(): Promise<string> {
  try {
    const { stdout } = await run('git', ['rev-parse', 'HEAD'], { cwd: REPO });
    const dirty =
      (
        await run('git', ['status', '--porcelain', '--', 'src', 'media', 'package.json', 'esbuild.mjs'], { cwd: REPO })
      ).stdout.trim() !== '';
    return `${stdout.trim()}${dirty ? ' (with uncommitted changes)' : ''}`;
  } catch {
    return 'unknown';
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);

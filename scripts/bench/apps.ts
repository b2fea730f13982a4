// Check Deployed Apps (src/vault/apps/AppScanner.ts through the real ArmVaultDiscovery): every App Service app,
// Function App, slot and Container App of the subscriptions, each site's Key Vault references read. Requests against
// the minimum (one list per subscription and kind, one slot list and two reference lists per site, two per slot);
// wall time against the dependency chain at the scan's concurrency bound: the subscriptions (the tenant list beside
// them), then the app lists, then every app's and slot's requests through APP_SCAN_CONCURRENCY slots.
//
// In `npm run bench`. On its own, on a local server of its own process:
//   npm run bench:apps [-- --quick] [--runs 3] [--latency 50 ...]

import { parseArgs } from 'node:util';
import type { ContainerAppSeed, SiteSeed } from '../../test/emulator/appsSeed';
import { ARM_SCOPE } from '../../test/emulator/faults';
import type { EmulatorState, SeedFile } from '../../test/emulator/server';
import { ArmVaultDiscovery } from '../../src/vault/ArmVaultDiscovery';
import { APP_SCAN_CONCURRENCY, APPS_PER_SUBSCRIPTION, AppScanner } from '../../src/vault/apps/AppScanner';
import { appChildren, rootRows, subscriptionChildren, type AppsRow } from '../../src/tree/appsRows';
import { staticTokenCredential } from '../../src/vault/credentials';
import { runActions, type Action } from './actions';
import { startBenchServer } from './serverProcess';
import { formatCounts } from './stats';

export interface AppsShape {
  readonly subscriptions: number;
  /** Apps per subscription: a quarter are Container Apps, the rest sites, a third of those with a slot. */
  readonly apps: number;
}

export const FULL_APPS: AppsShape = { subscriptions: 3, apps: 40 };
export const QUICK_APPS: AppsShape = { subscriptions: 2, apps: 12 };

const subscriptionId = (s: number): string =>
  `a0b1c2d3-${String(s + 1).padStart(4, '0')}-4e5f-8a6b-000000000a${s + 10}`;

interface Counted {
  readonly sites: number;
  readonly slots: number;
  readonly containerApps: number;
  /** The uses a scan must find. */
  readonly uses: number;
}

function counted(shape: AppsShape): Counted {
  const containerApps = Math.floor(shape.apps / 4);
  const sites = shape.apps - containerApps;
  const slots = Math.ceil(sites / 3);
  return {
    sites: sites * shape.subscriptions,
    slots: slots * shape.subscriptions,
    containerApps: containerApps * shape.subscriptions,
    uses: (sites * 2 + slots + containerApps) * shape.subscriptions,
  };
}

export function appsSeed(shape: AppsShape): SeedFile {
  const c = counted({ ...shape, subscriptions: 1 });
  const subscriptions = [];
  const vaults = [];
  const sites: SiteSeed[] = [];
  const containerApps: ContainerAppSeed[] = [];
  for (let s = 0; s < shape.subscriptions; s++) {
    const sub = subscriptionId(s);
    const vault = `bench-apps-kv-${s + 1}`;
    subscriptions.push({ subscriptionId: sub, displayName: `Apps ${s + 1}` });
    vaults.push({
      name: vault,
      subscriptionId: sub,
      secrets: [
        { name: 'db-password', versions: [{ value: 'x' }] },
        { name: 'api-key', versions: [{ value: 'y' }] },
      ],
    });
    for (let a = 0; a < c.sites; a++)
      sites.push({
        name: `app-${s + 1}-${a + 1}`,
        subscriptionId: sub,
        resourceGroup: 'rg-apps',
        kind: a % 2 === 0 ? 'functionapp' : 'app',
        appSettings: [
          { setting: 'DB_PASSWORD', vault, secret: 'db-password' },
          { setting: 'API_KEY', vault, secret: 'api-key', denied: true },
        ],
        ...(a % 3 === 0
          ? { slots: [{ name: 'staging', appSettings: [{ setting: 'DB_PASSWORD', vault, secret: 'db-password' }] }] }
          : {}),
      });
    for (let a = 0; a < c.containerApps; a++)
      containerApps.push({
        name: `ca-${s + 1}-${a + 1}`,
        subscriptionId: sub,
        resourceGroup: 'rg-apps',
        secrets: [{ name: 'db', vault, secret: 'db-password' }],
      });
  }
  return { subscriptions, vaults, apps: { sites, containerApps } };
}

export function appsActions(emu: EmulatorState, shape: AppsShape): Action<unknown>[] {
  const c = counted(shape);
  const afterLists = c.sites * 3 + c.slots * 2;
  const rounds = 2 + Math.ceil(afterLists / APP_SCAN_CONCURRENCY);
  const scan: Action<AppScanner> = {
    id: 'appsScan',
    label: `check deployed apps: ${shape.subscriptions} subs × ${shape.apps} apps (${c.slots} slots)`,
    scope: ARM_SCOPE,
    minimum: {
      ArmListTenants: 1,
      ArmListSubscriptions: 1,
      ArmListSites: shape.subscriptions,
      ArmListContainerApps: shape.subscriptions,
      ArmListSlots: c.sites,
      ArmListAppSettingReferences: c.sites + c.slots,
      ArmListConnectionStringReferences: c.sites + c.slots,
    },
    minimumWallMs: (latency) => rounds * latency,
    minimumWallNote: `the dependency chain at ${APP_SCAN_CONCURRENCY} requests at once: subscriptions (beside the tenant list), the app lists, then ${afterLists} app and slot requests in ${rounds - 2} rounds (${rounds} round trips)`,
    // A new discovery and scanner each run: nothing cached from the run before.
    prepare: () =>
      Promise.resolve(
        new AppScanner(
          new ArmVaultDiscovery({
            credential: staticTokenCredential(),
            armEndpoint: emu.armUrl,
            caPem: () => Promise.resolve(emu.caPem),
            subscriptionFilter: () => [],
            signInState: () => Promise.resolve('signedIn'),
            signIn: () => Promise.resolve(true),
            authentication: 'emulator',
          }),
        ),
      ),
    async act(scanner) {
      const result = await scanner.scan();
      if (result.usages.length !== c.uses || result.problems.length !== 0)
        throw new Error(
          `unexpected outcome: ${result.usages.length} uses (${c.uses} seeded), ${result.problems.length} apps not read`,
        );
      return { uses: result.usages.length };
    },
  };
  // The Deployed Apps view: opened before any scan it shows its welcome (no request); its first render with rows is
  // the one after Refresh: the scan's requests and nothing more, then every row (subscriptions, apps and slots,
  // references) built from memory.
  const view: Action<AppScanner> = {
    ...scan,
    id: 'appsViewFirstRender',
    label: `Deployed Apps view, first render after Refresh: ${shape.subscriptions} subs × ${shape.apps} apps`,
    note: 'opening the view before a scan renders its welcome with no request; the rows come from the scan in memory',
    async act(scanner) {
      if (rootRows(undefined).length !== 0) throw new Error('the view rendered rows before any scan');
      const result = await scanner.scan();
      let rows = 0;
      const walk = (list: readonly AppsRow[]): void => {
        for (const row of list) {
          rows++;
          if (row.kind === 'appsSubscription')
            walk(subscriptionChildren(row.sub, row.scan, { appsPerSubscription: APPS_PER_SUBSCRIPTION }));
          else if (row.kind === 'appsApp') walk(appChildren(row));
        }
      };
      walk(rootRows(result));
      const expected = shape.subscriptions + c.sites + c.slots + c.containerApps + c.uses;
      if (rows !== expected) throw new Error(`the view rendered ${rows} rows, ${expected} expected`);
      return { rows };
    },
  };
  return [scan, view] as Action<unknown>[];
}

// `npm run bench:apps`: the deployed apps line only, on a local server of its own process.
if (require.main === module) {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      latency: { type: 'string', multiple: true },
    },
    strict: true,
  });
  const shape = values.quick ? QUICK_APPS : FULL_APPS;
  const latenciesMs = (values.latency ?? (values.quick ? ['50'] : ['0', '50'])).map(Number);
  const runs = Number(values.runs ?? (values.quick ? '1' : '3'));
  const say = (line: string): void => console.log(`[bench:apps] ${line}`);
  void (async () => {
    say(`a local server (its own process): ${shape.subscriptions} subscriptions × ${shape.apps} apps`);
    const emu = await startBenchServer({ seed: appsSeed(shape) });
    try {
      for (const r of await runActions(emu, appsActions(emu, shape), { runs, latenciesMs, log: say })) {
        const ratios = Object.entries(r.wall)
          .filter(([, t]) => t.ratio !== undefined)
          .map(([l, t]) => `${t.ratio}× the dependency chain at ${l} ms (${t.minimumMs} ms; median ${t.medianMs} ms)`);
        say(
          `${r.label}: ${formatCounts(r.requests)} (minimum ${formatCounts(r.minimum)})${ratios.length > 0 ? `; ${ratios.join(', ')}` : ''}`,
        );
        // The 1.2× goal is the scan's; the view's line is held to its requests (its time is reported).
        const over = r.id === 'appsScan' && Object.values(r.wall).some((t) => t.ratio !== undefined && t.ratio > 1.2);
        if (r.error !== undefined || r.overMinimum > 0 || over) {
          say(
            `FAIL ${r.label}: ${r.error ?? (r.overMinimum > 0 ? `${r.overMinimum} requests over its minimum` : 'wall time over 1.2× the chain')}`,
          );
          process.exitCode = 1;
        }
      }
    } finally {
      await emu.stop();
    }
  })().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}

// The deployed-apps scan against the local server's ARM: which apps (and slots) use which secret with what status,
// never a value-listing request, a subscription without apps, an app the user may not read, throttled answers, a
// scan cancelled half way, the per-subscription limit, and no more requests than the listed resources need.

import * as assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server';
import type { SiteSeed } from '../../emulator/appsSeed';
import { ARM_SCOPE } from '../../emulator/faults';
import { ArmVaultDiscovery } from '../../../src/vault/ArmVaultDiscovery';
import { AppScanner } from '../../../src/vault/apps/AppScanner';
import { staticTokenCredential } from '../../../src/vault/credentials';
import { appLabel, usageLine, usagesOf, type AppScan } from '../../../src/shared/appUsage';
import { start } from './helpers';

const SUB_A = '00000000-0000-0000-0000-0000000000a1';
const SUB_EMPTY = '00000000-0000-0000-0000-0000000000b2';
const SUB_MANY = '00000000-0000-0000-0000-0000000000c3';
const MANY = 7;

function scannerOn(emu: Emulator, maxRetries = 0): AppScanner {
  return new AppScanner(
    new ArmVaultDiscovery({
      credential: staticTokenCredential(),
      armEndpoint: emu.armUrl,
      caPem: () => Promise.resolve(emu.caPem),
      subscriptionFilter: () => [],
      signInState: () => Promise.resolve('signedIn'),
      signIn: () => Promise.resolve(true),
      retryOptions: { maxRetries, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
    }),
  );
}

const armRequests = (emu: Emulator): Record<string, number> => emu.counts(ARM_SCOPE);

describe('deployed apps scan against the local server', function () {
  this.timeout(30_000);
  let emu: Emulator;
  before(async () => {
    const many: SiteSeed[] = Array.from({ length: MANY }, (_, i) => ({
      name: `bulk-${i}`,
      subscriptionId: SUB_MANY,
      resourceGroup: 'rg-bulk',
      appSettings: [{ setting: 'SHARED', vault: 'vault-a', secret: 'shared' }],
    }));
    emu = await start({
      subscriptions: [
        { subscriptionId: SUB_A, displayName: 'Apps' },
        { subscriptionId: SUB_EMPTY, displayName: 'Empty' },
        { subscriptionId: SUB_MANY, displayName: 'Many' },
      ],
      vaults: [
        {
          name: 'vault-a',
          subscriptionId: SUB_A,
          secrets: [
            { name: 'db-password', versions: [{ value: 'v1' }] },
            { name: 'api-key', versions: [{ value: 'v2' }] },
            { name: 'shared', versions: [{ value: 'v3' }] },
          ],
        },
      ],
      apps: {
        sites: [
          {
            name: 'func-orders',
            subscriptionId: SUB_A,
            resourceGroup: 'rg',
            kind: 'functionapp',
            appSettings: [
              { setting: 'DB_PASSWORD', vault: 'vault-a', secret: 'db-password' },
              { setting: 'API_KEY', vault: 'vault-a', secret: 'api-key', denied: true },
              { setting: 'OLD', vault: 'vault-a', secret: 'old-token' },
            ],
            connectionStrings: [{ setting: 'Db', vault: 'vault-a', secret: 'db-password', nameSyntax: true }],
            slots: [
              {
                name: 'staging',
                appSettings: [{ setting: 'ORDERS_KEY', vault: 'vault-a', secret: 'api-key', denied: true }],
              },
            ],
          },
          { name: 'app-locked', subscriptionId: SUB_A, resourceGroup: 'rg', unreadable: true },
          ...many,
        ],
        containerApps: [
          {
            name: 'ca-one',
            subscriptionId: SUB_A,
            resourceGroup: 'rg',
            secrets: [{ name: 'db', vault: 'vault-a', secret: 'db-password' }, { name: 'plain' }],
          },
        ],
      },
    });
  });
  after(async () => {
    await emu.stop();
  });
  afterEach(() => emu.clearFaults());

  const vaultA = (): { name: string; url: string } => ({ name: 'vault-a', url: emu.vaults['vault-a']?.url ?? '' });

  it('finds every app, slot and container app using a secret, with its status, and never lists a value', async () => {
    const listingsBefore = emu.valueListings?.() ?? -1;
    const scan = await scannerOn(emu).scan();
    const lines = (secret: string): string[] => usagesOf(scan, vaultA(), secret).map(usageLine);
    assert.deepEqual(lines('db-password'), [
      'ca-one (db) · status not reported (Container App)',
      'func-orders (Db) · Resolved',
      'func-orders (DB_PASSWORD) · Resolved',
    ]);
    assert.deepEqual(lines('API-KEY'), [
      "func-orders (API_KEY) · AccessToKeyVaultDenied — the app's identity cannot read it",
      "func-orders/staging (ORDERS_KEY) · AccessToKeyVaultDenied — the app's identity cannot read it",
    ]);
    assert.deepEqual(lines('old-token'), [
      'func-orders (OLD) · SecretNotFound — the secret it names does not exist (deleted or misspelled)',
    ]);
    // Another vault of the same name elsewhere is not this one: the match is by host or by vault name.
    assert.deepEqual(usagesOf(scan, { name: 'other', url: 'https://other.vault.azure.net' }, 'db-password'), []);
    const usage = usagesOf(scan, vaultA(), 'db-password').find((u) => u.settingKind === 'appSetting');
    assert.equal(usage?.identity, 'SystemAssigned');
    assert.equal(usage?.kind, 'functionApp');
    assert.match(
      usage?.portalUrl ?? '',
      /^https:\/\/portal\.azure\.com\/#.*\/resource\/subscriptions\/.*\/sites\/func-orders\//,
    );
    assert.equal(emu.valueListings?.(), listingsBefore, 'no request to a value-listing endpoint');
  });

  it('says a subscription without apps has none, and lists an app the user may not read as such', async () => {
    const scan = await scannerOn(emu).scan();
    const empty = scan.subscriptions.find((s) => s.subscriptionId === SUB_EMPTY);
    assert.deepEqual(empty, { subscriptionId: SUB_EMPTY, name: 'Empty', apps: 0, more: 0 });
    assert.deepEqual(
      scan.problems.map((p) => [appLabel(p), p.reason]),
      [['app-locked', 'unreadable']],
    );
  });

  it('sends exactly the requests the listed resources need', async () => {
    emu.resetCounts();
    await scannerOn(emu).scan();
    const c = armRequests(emu);
    const sites = 2 + MANY;
    assert.equal(c.ArmListSites, 3, 'one site list per subscription');
    assert.equal(c.ArmListContainerApps, 3, 'one container app list per subscription');
    assert.equal(c.ArmListSlots, sites, 'one slot list per site');
    // Both reference lists per site (the unreadable one is refused) and per slot.
    assert.equal(c.ArmListAppSettingReferences, sites + 1);
    assert.equal(c.ArmListConnectionStringReferences, sites + 1);
    assert.equal(c.ArmGetSite, undefined);
    assert.equal(c.ArmGetContainerApp, undefined);
  });

  it('waits out a throttled answer (429 Retry-After) and reports an app still throttled after the retries', async () => {
    emu.injectFault({
      kind: '429',
      vault: ARM_SCOPE,
      route: 'ArmListAppSettingReferences',
      times: 1,
      retryAfterMs: 30,
    });
    const retried = await scannerOn(emu, 2).scan();
    assert.equal(retried.problems.filter((p) => p.reason === 'throttled').length, 0);
    assert.equal(usagesOf(retried, vaultA(), 'shared').length, MANY);
    emu.clearFaults();
    emu.injectFault({ kind: '429', vault: ARM_SCOPE, route: 'ArmListSlots', retryAfterMs: 10 });
    const throttled = await scannerOn(emu, 1).scan();
    const reasons = new Set(throttled.problems.filter((p) => p.app !== 'app-locked').map((p) => p.reason));
    assert.deepEqual([...reasons], ['throttled']);
    assert.equal(throttled.problems.length, 2 + MANY);
  });

  it('lists at most the per-subscription limit of apps and counts the rest', async () => {
    const scan = await scannerOn(emu).scan({ appsPerSubscription: 3 });
    const many = scan.subscriptions.find((s) => s.subscriptionId === SUB_MANY);
    assert.deepEqual([many?.apps, many?.more], [MANY, MANY - 3]);
    assert.equal(usagesOf(scan, vaultA(), 'shared').length, 3);
  });

  it('stops sending requests when cancelled half way, and ends as cancelled, handing over what it read marked incomplete', async () => {
    emu.resetCounts();
    emu.injectFault({ kind: 'latency', vault: ARM_SCOPE, route: 'ArmListSlots', ms: 150 });
    const controller = new AbortController();
    let known = 0;
    let partial: AppScan | undefined;
    let scan: Promise<AppScan> | undefined;
    const started = new Promise<void>((resolve) => {
      scan = scannerOn(emu).scan({
        signal: controller.signal,
        concurrency: 2,
        onPartial: (p) => (partial = p),
        onProgress: (_done, k) => {
          known = k;
          if (k > 0) resolve();
        },
      });
      scan.catch(() => resolve());
    });
    await started;
    controller.abort();
    await assert.rejects(scan ?? Promise.resolve(), (e: Error) => e.name === 'AbortError');
    // Requests already on the wire when the user cancelled may still reach the server: let them land first.
    await new Promise((r) => setTimeout(r, 100));
    const after = JSON.stringify(armRequests(emu));
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(JSON.stringify(armRequests(emu)), after, 'no request after the cancellation');
    const slotLists = armRequests(emu).ArmListSlots ?? 0;
    assert.ok(known > 0 && slotLists < 2 + MANY, `cancelled half way (${slotLists} slot lists of ${2 + MANY})`);
    // What was read is handed over, said to be incomplete: a subscription it did not finish is marked so.
    assert.equal(partial?.incomplete, true);
    assert.ok(
      partial.subscriptions.some((x) => x.incomplete === true && x.apps > 0),
      JSON.stringify(partial),
    );
  });
});

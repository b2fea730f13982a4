// Discovery through the local server's ARM endpoint: tenants, subscriptions (filter), vaults by vaultUri.
import * as assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server';
import {
  ArmVaultDiscovery,
  VAULT_LIST_CONCURRENCY,
  type ArmVaultDiscoveryOptions,
} from '../../../src/vault/ArmVaultDiscovery';
import { VaultDirectory } from '../../../src/vault/VaultDirectory';
import type { Tenant } from '../../../src/vault/model';
import { ARM_SCOPE } from '../../emulator/faults';
import { tenantToken } from '../../emulator/arm';
import { staticTokenCredential } from '../../../src/vault/credentials';
import { isKeyVaultFailure } from '../../../src/vault/KeyVaultFailure';
import { VaultServiceImpl } from '../../../src/vault/VaultServiceImpl';
import { SecretsVaultClient } from '../../../src/vault/SecretsVaultClient';
import { start } from './helpers';

const SUB_A = '00000000-0000-0000-0000-00000000000a';
const SUB_B = '00000000-0000-0000-0000-00000000000b';

/** A discovery against this server's ARM endpoint (no retries), with these options. */
function discoveryOn(emu: Emulator, options: Partial<ArmVaultDiscoveryOptions> = {}): ArmVaultDiscovery {
  return new ArmVaultDiscovery({
    credential: staticTokenCredential(),
    armEndpoint: emu.armUrl,
    caPem: () => Promise.resolve(emu.caPem),
    subscriptionFilter: () => [],
    signInState: () => Promise.resolve('signedIn'),
    signIn: () => Promise.resolve(true),
    retryOptions: { maxRetries: 0 },
    ...options,
  });
}

describe('ArmVaultDiscovery against the local server', function () {
  this.timeout(30_000);
  let emu: Emulator;
  before(async () => {
    emu = await start({
      subscriptions: [
        { subscriptionId: SUB_A, displayName: 'Alpha' },
        { subscriptionId: SUB_B, displayName: 'Beta' },
      ],
      vaults: [
        { name: 'alpha-one', subscriptionId: SUB_A, secrets: [{ name: 's', versions: [{ value: 'v' }] }] },
        { name: 'alpha-two', subscriptionId: SUB_A },
        { name: 'beta-one', subscriptionId: SUB_B },
      ],
    });
  });
  after(async () => {
    await emu.stop();
  });
  afterEach(() => emu.clearFaults());

  const discovery = (options: Partial<ArmVaultDiscoveryOptions> = {}): ArmVaultDiscovery => discoveryOn(emu, options);

  it("sends the home tenant's subscription list beside the tenant list, not after it", async () => {
    // The tenant list never answers: the account's own subscriptions were asked for all the same (a single-tenant
    // account has its vaults one round trip sooner), and the listing still ends at its budget.
    emu.injectFault({ vault: ARM_SCOPE, route: 'ArmListTenants', kind: 'hang', times: 1 });
    emu.resetCounts();
    await assert.rejects(discovery().listSubscriptions({ timeoutMs: 300 }), (e: unknown) => {
      assert.ok(isKeyVaultFailure(e));
      assert.equal(e.kind, 'timeout', e.message);
      return true;
    });
    assert.deepEqual(emu.counts(ARM_SCOPE), { ArmListTenants: 1, ArmListSubscriptions: 1 });
    // Answered, the same request serves the home tenant: one subscription list per tenant, none twice.
    emu.resetCounts();
    assert.equal((await discovery().listSubscriptions()).length, 2);
    assert.deepEqual(emu.counts(ARM_SCOPE), { ArmListTenants: 1, ArmListSubscriptions: 1 });
  });

  it('lists the subscriptions of every tenant, sorted by name', async () => {
    emu.resetCounts();
    const subs = await discovery().listSubscriptions();
    assert.deepEqual(
      subs.map((s) => [s.subscriptionId, s.name, s.tenantId]),
      [
        [SUB_A, 'Alpha', emu.tenantId],
        [SUB_B, 'Beta', emu.tenantId],
      ],
    );
    const arm = emu.counts('$arm');
    assert.equal(arm.ArmListTenants, 1);
    assert.equal(arm.ArmListSubscriptions, 1);
  });

  it('applies the subscription filter setting (case-insensitive ids)', async () => {
    const subs = await discovery({ subscriptionFilter: () => [SUB_B.toUpperCase()] }).listSubscriptions();
    assert.deepEqual(
      subs.map((s) => s.name),
      ['Beta'],
    );
  });

  it('lists the vaults of a subscription with URLs from properties.vaultUri', async () => {
    const d = discovery();
    const [alpha] = await d.listSubscriptions();
    assert.ok(alpha);
    const vaults = await d.listVaults(alpha);
    assert.deepEqual(
      vaults.map((v) => v.name),
      ['alpha-one', 'alpha-two'],
    );
    const one = vaults[0];
    assert.equal(one.url, emu.vaults['alpha-one']?.url);
    assert.equal(one.key, one.url);
    assert.equal(one.source, 'discovered');
    assert.equal(one.subscriptionId, SUB_A);
    assert.equal(one.subscriptionName, 'Alpha');
    assert.match(one.resourceId ?? '', /\/providers\/Microsoft\.KeyVault\/vaults\/alpha-one$/i);
  });

  it('a discovered vault carries no emulator flag or CA, unless the (test-only) ARM says its vaults are local', async () => {
    const [alpha] = await discovery().listSubscriptions();
    assert.ok(alpha);
    const [plain] = await discovery().listVaults(alpha);
    assert.equal(plain?.emulator, undefined);
    assert.equal(plain?.caFile, undefined);
    const [local] = await discovery({ discoveredVaultDefaults: { emulator: true, caFile: emu.caFile } }).listVaults(
      alpha,
    );
    assert.equal(local?.emulator, true);
    assert.equal(local?.caFile, emu.caFile);
    assert.equal(local?.url, plain?.url);
  });

  it('a discovered vault opens through the service with one reused client', async () => {
    const d = discovery();
    const [alpha] = await d.listSubscriptions();
    const [one] = await d.listVaults(alpha);
    const service = new VaultServiceImpl({
      discovery: d,
      readAddedVaults: () => ({ vaults: [], problems: [] }),
      createClient: (vault) =>
        new SecretsVaultClient(
          { ...vault, emulator: true },
          { credential: staticTokenCredential(), emulator: true, caPem: () => Promise.resolve(emu.caPem) },
        ),
    });
    const client = service.clientFor(one);
    assert.equal(service.clientFor(one), client);
    emu.resetCounts();
    assert.deepEqual(
      (await client.listSecrets()).items.map((s) => s.name),
      ['s'],
    );
    await client.listSecrets();
    assert.deepEqual(emu.counts('alpha-one'), { Challenge: 1, GetSecrets: 2 });
  });

  it('the directory tells its caller of a tenant whose subscriptions could not be listed (the references check logs it)', async () => {
    const service = new VaultServiceImpl({
      discovery: discovery(),
      readAddedVaults: () => ({ vaults: [], problems: [] }),
      createClient: () => assert.fail('no vault is read'),
    });
    const failed: Tenant[] = [];
    emu.injectFault({ vault: ARM_SCOPE, route: 'ArmListSubscriptions', kind: '503' });
    const vaults = await new VaultDirectory(service).list({ onFailedTenant: (tn) => failed.push(tn) });
    assert.deepEqual(vaults, [], "the failed tenant's vaults are not listed");
    assert.equal(failed.length, 1);
    assert.equal(failed[0]?.state, 'failed');
    assert.ok(isKeyVaultFailure(failed[0]?.failure), String(failed[0]?.failure));
  });

  it('ARM errors become KeyVaultFailures: throttled, timeout, network', async () => {
    emu.injectFault({ vault: '$arm', route: 'ArmListSubscriptions', kind: '429', times: 1 });
    await assert.rejects(
      discovery().listSubscriptions(),
      (e: unknown) => isKeyVaultFailure(e) && e.kind === 'throttled',
    );
    emu.injectFault({ vault: '$arm', route: 'ArmListVaults', kind: 'hang', times: 1 });
    const sub = { subscriptionId: SUB_A, name: 'Alpha', tenantId: emu.tenantId };
    await assert.rejects(
      discovery().listVaults(sub, { timeoutMs: 300 }),
      (e: unknown) => isKeyVaultFailure(e) && e.kind === 'timeout',
    );
    emu.injectFault({ vault: '$arm', route: 'ArmListTenants', kind: 'drop', times: 1 });
    await assert.rejects(discovery().listSubscriptions(), (e: unknown) => isKeyVaultFailure(e) && e.kind === 'network');
  });

  it('an unknown subscription is notFound', async () => {
    await assert.rejects(
      discovery().listVaults({
        subscriptionId: '00000000-0000-0000-0000-0000000000ff',
        name: 'x',
        tenantId: emu.tenantId,
      }),
      (e: unknown) => isKeyVaultFailure(e) && e.kind === 'notFound',
    );
  });

  it('cancellation', async () => {
    emu.injectFault({ vault: '$arm', route: 'ArmListTenants', kind: 'latency', ms: 3000, times: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(
      discovery().listSubscriptions({ signal: controller.signal }),
      (e: unknown) => isKeyVaultFailure(e) && e.kind === 'cancelled',
    );
  });
});

describe('ArmVaultDiscovery: budgets and concurrency (issue 10)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  before(async () => {
    emu = await start({
      subscriptions: [{ subscriptionId: SUB_A, displayName: 'Alpha' }],
      vaults: [{ name: 'alpha-one', subscriptionId: SUB_A }],
    });
  });
  after(async () => {
    await emu.stop();
  });
  afterEach(() => emu.clearFaults());

  it('a tenant whose subscription listing hangs ends at its own budget with a timeout message, not a hang', async () => {
    emu.injectFault({ vault: '$arm', route: 'ArmListSubscriptions', kind: 'hang', times: 1 });
    const d = discoveryOn(emu);
    try {
      await d.listSubscriptions({ timeoutMs: 400 });
      assert.fail('expected a timeout');
    } catch (e) {
      assert.ok(isKeyVaultFailure(e));
      assert.equal(e.kind, 'timeout', e.message);
    }
    // The next listing (no fault) works: the hung tenant did not poison anything.
    assert.deepEqual(
      (await d.listSubscriptions()).map((s) => s.subscriptionId),
      [SUB_A],
    );
  });
});

describe('ArmVaultDiscovery concurrency, seen from the local ARM server', function () {
  this.timeout(30_000);
  /** More subscriptions per tenant than the bound, so an unbounded client would have them all in flight. */
  const PER_TENANT = VAULT_LIST_CONCURRENCY + 5;
  const TENANTS = ['a1a1a1a1-0000-4000-8000-00000000000a', 'b2b2b2b2-0000-4000-8000-00000000000b'];
  const sub = (t: number, i: number): string => `c3c3c3c3-000${t}-4000-8000-${String(i).padStart(12, '0')}`;
  let emu: Emulator;

  before(async function () {
    emu = await start({
      tenants: TENANTS.map((tenantId, t) => ({
        tenantId,
        displayName: `Tenant ${t + 1}`,
        subscriptions: Array.from({ length: PER_TENANT }, (_, i) => ({
          subscriptionId: sub(t, i),
          displayName: `S${i}`,
        })),
      })),
      vaults: TENANTS.flatMap((_, t) =>
        Array.from({ length: PER_TENANT }, (_, i) => ({ name: `kv-${t}-${i}`, subscriptionId: sub(t, i) })),
      ),
    });
    // Only the local server reports what it saw in flight (a live target cannot).
    if (emu.armPeaks === undefined) this.skip();
  });
  after(async () => {
    await emu?.stop();
  });

  it('lists tenants side by side, and at most VAULT_LIST_CONCURRENCY vault lists of one tenant in flight at once', async () => {
    // Each ARM request takes 500 ms (long beside connection set-up on a busy machine), so requests started together are
    // in flight together at the server.
    emu.injectFault({ kind: 'latency', ms: 500, vault: ARM_SCOPE });
    emu.resetArmPeaks?.();
    const home = emu.tenantId;
    let tokenRequests = 0;
    const discovery = discoveryOn(emu, {
      credential: {
        getToken: (_scopes, options) => {
          tokenRequests++;
          return Promise.resolve({
            token: tenantToken(options?.tenantId ?? home),
            expiresOnTimestamp: Date.now() + 3600_000,
          });
        },
      },
    });
    const directory = new VaultDirectory({
      discovery,
      addedVaults: () => [],
      clientFor: () => {
        throw new Error('discovery only');
      },
    });
    const listed = await directory.list();
    emu.clearFaults();
    assert.equal(listed.length, TENANTS.length * PER_TENANT);
    const peaks = emu.armPeaks?.() ?? {};
    for (const tenant of TENANTS) {
      // Bounded: never more than the bound of one tenant's vault lists at once, and the bound is used (parallel).
      assert.equal(peaks[`ArmListVaults:${tenant}`], VAULT_LIST_CONCURRENCY, JSON.stringify(peaks));
    }
    // The seeded tenants' subscription lists were in flight together (the server's own tenant, the account's home, went
    // out beside the tenant list, before they were known) …
    assert.equal(peaks.ArmListSubscriptions, TENANTS.length, JSON.stringify(peaks));
    assert.equal(peaks[`ArmListSubscriptions:${home}`], 1, JSON.stringify(peaks));
    // … and so were both tenants' vault lists: more at once than one tenant's bound allows, never more than every
    // tenant at its bound. (How much the two tenants' windows overlap at the server depends on the machine's load.)
    assert.ok(peaks.ArmListVaults > VAULT_LIST_CONCURRENCY, JSON.stringify(peaks));
    assert.ok(peaks.ArmListVaults <= TENANTS.length * VAULT_LIST_CONCURRENCY, JSON.stringify(peaks));
    // One token per tenant for all of its clients (the home tenant's, and one for each seeded tenant), not one per
    // subscription's client: with VS Code's sign-in each is a getSession call.
    assert.equal(tokenRequests, TENANTS.length + 1);
  });
});

// Vault discovery through the real ARM SDK clients, pointed at the emulator's ARM origin.

import assert from 'node:assert/strict';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { RestError } from '@azure/core-rest-pipeline';
import { SecretClient } from '@azure/keyvault-secrets';
import { fakeCredential, raw, startFor } from './helpers';

const TENANT = '0c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5';
const SUB_A = 'aaaaaaaa-1111-4222-8333-444444444444';
const SUB_B = 'bbbbbbbb-1111-4222-8333-444444444444';

describe('emulator: ARM discovery through the ARM SDK clients', () => {
  const env = startFor({
    tenantId: TENANT,
    seed: {
      subscriptions: [
        { subscriptionId: SUB_A, displayName: 'Dev subscription' },
        { subscriptionId: SUB_B, displayName: 'Prod subscription' },
      ],
      vaults: [
        {
          name: 'dev-one',
          subscriptionId: SUB_A,
          resourceGroup: 'rg-dev',
          location: 'westeurope',
          secrets: [{ name: 'hello', versions: [{ value: 'world' }] }],
        },
        { name: 'dev-two', subscriptionId: SUB_A, resourceGroup: 'rg-dev', recoverableDays: 7 },
        {
          name: 'prod-one',
          subscriptionId: SUB_B,
          resourceGroup: 'rg-prod',
          purgeProtection: true,
          permissions: { deny: ['list'] },
        },
      ],
    },
  });

  const armOptions = (): { endpoint: string; tlsOptions: { ca: string } } => ({
    endpoint: env.get().armUrl,
    tlsOptions: { ca: env.get().caPem },
  });

  it('lists tenants (SubscriptionClient.tenants.list)', async () => {
    const c = new SubscriptionClient(fakeCredential, armOptions());
    const tenants = [];
    for await (const t of c.tenants.list()) {
      tenants.push(t);
    }
    assert.equal(tenants.length, 1);
    assert.equal(tenants[0]?.tenantId, TENANT);
    assert.equal(tenants[0]?.id, `/tenants/${TENANT}`);
  });

  it('lists subscriptions (SubscriptionClient.subscriptions.list)', async () => {
    const c = new SubscriptionClient(fakeCredential, armOptions());
    const subs = [];
    for await (const s of c.subscriptions.list()) {
      subs.push(s);
    }
    assert.deepEqual(
      subs.map((s) => [s.subscriptionId, s.displayName, s.tenantId, s.state]),
      [
        [SUB_A, 'Dev subscription', TENANT, 'Enabled'],
        [SUB_B, 'Prod subscription', TENANT, 'Enabled'],
      ],
    );
  });

  it('lists vaults by subscription with properties.vaultUri at the local vault origins', async () => {
    const emu = env.get();
    const c = new KeyVaultManagementClient(fakeCredential, SUB_A, armOptions());
    const vaults = [];
    for await (const v of c.vaults.listBySubscription()) {
      vaults.push(v);
    }
    assert.deepEqual(vaults.map((v) => v.name).sort(), ['dev-one', 'dev-two']);
    const one = vaults.find((v) => v.name === 'dev-one');
    assert.equal(one?.properties.vaultUri, `${emu.vaults['dev-one']?.url ?? ''}/`);
    assert.equal(one?.id, `/subscriptions/${SUB_A}/resourceGroups/rg-dev/providers/Microsoft.KeyVault/vaults/dev-one`);
    assert.equal(one?.location, 'westeurope');
    assert.equal(one?.properties.tenantId, TENANT);
    assert.equal(one?.properties.enableSoftDelete, true);
    const two = vaults.find((v) => v.name === 'dev-two');
    assert.equal(two?.properties.softDeleteRetentionInDays, 7);
  });

  it('reports purge protection, and lists a vault whose secrets the user may not list', async () => {
    const c = new KeyVaultManagementClient(fakeCredential, SUB_B, armOptions());
    const vaults = [];
    for await (const v of c.vaults.listBySubscription()) {
      vaults.push(v);
    }
    assert.deepEqual(
      vaults.map((v) => [v.name, v.properties.enablePurgeProtection]),
      [['prod-one', true]],
    );
  });

  it('pages vaults with $top and an absolute nextLink on the ARM origin', async () => {
    const emu = env.get();
    const r = await raw(
      emu,
      emu.armUrl,
      `/subscriptions/${SUB_A}/providers/Microsoft.KeyVault/vaults?api-version=2026-02-01&$top=1`,
    );
    const body = r.json as { value: unknown[]; nextLink?: string };
    assert.equal(body.value.length, 1);
    assert.ok(body.nextLink?.startsWith(`${emu.armUrl}/subscriptions/${SUB_A}/providers/Microsoft.KeyVault/vaults?`));
    const c = new KeyVaultManagementClient(fakeCredential, SUB_A, armOptions());
    let pages = 0;
    for await (const page of c.vaults.listBySubscription({ top: 1 }).byPage()) {
      pages++;
      assert.equal(page.length, 1);
    }
    assert.equal(pages, 2);
  });

  it('answers an unknown subscription with 404 SubscriptionNotFound', async () => {
    const c = new KeyVaultManagementClient(fakeCredential, 'cccccccc-1111-4222-8333-444444444444', armOptions());
    await assert.rejects(
      async () => {
        for await (const v of c.vaults.listBySubscription()) {
          assert.fail(v.name);
        }
      },
      (e: unknown) => e instanceof RestError && e.statusCode === 404,
    );
  });

  it('requires a bearer token on ARM too', async () => {
    const emu = env.get();
    const r = await raw(emu, emu.armUrl, '/subscriptions?api-version=2022-12-01', { auth: false });
    assert.equal(r.status, 401);
    assert.equal((r.json as { error: { code: string } }).error.code, 'AuthenticationFailed');
    assert.match(String(r.headers['www-authenticate']), /^Bearer /);
  });

  it('requires api-version on ARM', async () => {
    const emu = env.get();
    const r = await raw(emu, emu.armUrl, '/subscriptions');
    assert.equal(r.status, 400);
    assert.equal((r.json as { error: { code: string } }).error.code, 'MissingApiVersionParameter');
  });

  it('counts ARM calls under "$arm"', async () => {
    const emu = env.get();
    emu.resetCounts();
    const c = new SubscriptionClient(fakeCredential, armOptions());
    for await (const s of c.subscriptions.list()) {
      assert.ok(s.subscriptionId);
    }
    assert.deepEqual(emu.counts('$arm'), { ArmListSubscriptions: 1 });
  });

  it('discovers a vault whose vaultUri works with SecretClient as is', async () => {
    const emu = env.get();
    const c = new KeyVaultManagementClient(fakeCredential, SUB_A, armOptions());
    let uri = '';
    for await (const v of c.vaults.listBySubscription()) {
      if (v.name === 'dev-one') {
        uri = v.properties.vaultUri ?? '';
      }
    }
    const secrets = new SecretClient(uri, fakeCredential, {
      tlsOptions: { ca: emu.caPem },
      disableChallengeResourceVerification: true,
      serviceVersion: '2025-07-01',
    });
    assert.equal((await secrets.getSecret('hello')).value, 'world');
  });

  it('serves vaults added later', async () => {
    const emu = env.get();
    const added = await emu.addVault({ name: 'dev-three', subscriptionId: SUB_A });
    const c = new KeyVaultManagementClient(fakeCredential, SUB_A, armOptions());
    const uris = [];
    for await (const v of c.vaults.listBySubscription()) {
      uris.push(v.properties.vaultUri);
    }
    assert.ok(uris.includes(`${added.url}/`));
  });
});

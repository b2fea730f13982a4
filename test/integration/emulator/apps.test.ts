// The deployed apps' ARM surface of the local server: sites and slots (App Service, Function Apps), their Key Vault
// references with the statuses App Service reports, Container Apps with Key Vault secrets, an app the user may not
// read, throttling, and the counter of requests to the endpoints that list values.

import assert from 'node:assert/strict';
import { EmulatorControlClient } from '../../emulator/controlClient';
import { kv, raw, startFor, type RawResponse } from './helpers';

const SUB = 'aaaaaaaa-1111-4222-8333-444444444444';
const EMPTY_SUB = 'cccccccc-1111-4222-8333-444444444444';
const V = 'api-version=2024-04-01';
const SITE = `/subscriptions/${SUB}/resourceGroups/rg-apps/providers/Microsoft.Web/sites`;

interface RefItem {
  id: string;
  name: string;
  properties: {
    reference: string;
    status: string;
    vaultName: string;
    secretName: string;
    secretVersion: string;
    identityType: string;
    details: string;
    activeVersion?: string;
  };
}

describe('emulator: deployed apps (Microsoft.Web sites, Microsoft.App container apps)', () => {
  const env = startFor({
    seed: {
      subscriptions: [{ subscriptionId: SUB }, { subscriptionId: EMPTY_SUB }],
      vaults: [
        {
          name: 'apps-vault',
          subscriptionId: SUB,
          secrets: [
            { name: 'db-password', versions: [{ value: 'p1' }, { value: 'p2' }] },
            { name: 'api-key', versions: [{ value: 'k' }] },
          ],
        },
      ],
      apps: {
        sites: [
          {
            name: 'func-orders',
            subscriptionId: SUB,
            resourceGroup: 'rg-apps',
            kind: 'functionapp,linux',
            appSettings: [
              { setting: 'DB_PASSWORD', vault: 'apps-vault', secret: 'db-password' },
              { setting: 'API_KEY', vault: 'apps-vault', secret: 'api-key', denied: true },
              { setting: 'GONE', vault: 'apps-vault', secret: 'gone' },
              { setting: 'ELSEWHERE', vault: 'no-such-vault', secret: 'x' },
              { setting: 'PINNED', vault: 'apps-vault', secret: 'db-password', version: '0'.repeat(32) },
            ],
            connectionStrings: [{ setting: 'Db', vault: 'apps-vault', secret: 'db-password', nameSyntax: true }],
            slots: [
              {
                name: 'staging',
                appSettings: [{ setting: 'DB_PASSWORD', vault: 'apps-vault', secret: 'db-password' }],
              },
            ],
          },
          { name: 'app-web', subscriptionId: SUB, resourceGroup: 'rg-apps', kind: 'app' },
          { name: 'app-locked', subscriptionId: SUB, resourceGroup: 'rg-apps', unreadable: true },
        ],
        containerApps: [
          {
            name: 'ca-one',
            subscriptionId: SUB,
            resourceGroup: 'rg-apps',
            secrets: [{ name: 'db', vault: 'apps-vault', secret: 'db-password' }, { name: 'plain' }],
          },
        ],
      },
    },
  });
  const arm = (path: string, method = 'GET'): Promise<RawResponse> =>
    raw(env.get(), env.get().armUrl, `${path}${path.includes('?') ? '&' : '?'}${V}`, { method });
  const ctl = (): EmulatorControlClient => new EmulatorControlClient(env.get().controlUrl);
  afterEach(() => env.get().clearFaults());

  it('lists the sites of a subscription with their kind, and none for a subscription without apps', async () => {
    const r = await arm(`/subscriptions/${SUB}/providers/Microsoft.Web/sites`);
    assert.equal(r.status, 200);
    const sites = (r.json as { value: Array<{ id: string; name: string; kind: string; type: string }> }).value;
    assert.deepEqual(
      sites.map((s) => [s.name, s.kind, s.type]),
      [
        ['func-orders', 'functionapp,linux', 'Microsoft.Web/sites'],
        ['app-web', 'app', 'Microsoft.Web/sites'],
        ['app-locked', 'app', 'Microsoft.Web/sites'],
      ],
    );
    assert.equal(sites[0]?.id, `${SITE}/func-orders`);
    const empty = await arm(`/subscriptions/${EMPTY_SUB}/providers/Microsoft.Web/sites`);
    assert.deepEqual(empty.json, { value: [] });
  });

  it('lists and gets slots', async () => {
    const r = await arm(`${SITE}/func-orders/slots`);
    const slots = (r.json as { value: Array<{ id: string; name: string; type: string }> }).value;
    assert.deepEqual(
      slots.map((s) => [s.name, s.type, s.id]),
      [['func-orders/staging', 'Microsoft.Web/sites/slots', `${SITE}/func-orders/slots/staging`]],
    );
    assert.equal((await arm(`${SITE}/func-orders/slots/staging`)).status, 200);
    assert.equal((await arm(`${SITE}/func-orders/slots/nope`)).status, 404);
  });

  it('answers configreferences with each status worked out from the vault, and no values', async () => {
    const r = await arm(`${SITE}/func-orders/config/configreferences/appsettings`);
    assert.equal(r.status, 200);
    const items = (r.json as { value: RefItem[] }).value;
    const byName = new Map(items.map((i) => [i.name, i.properties]));
    assert.deepEqual(
      items.map((i) => [i.name, i.properties.status]),
      [
        ['DB_PASSWORD', 'Resolved'],
        ['API_KEY', 'AccessToKeyVaultDenied'],
        ['GONE', 'SecretNotFound'],
        ['ELSEWHERE', 'VaultNotFound'],
        ['PINNED', 'SecretVersionNotFound'],
      ],
    );
    const resolved = byName.get('DB_PASSWORD');
    assert.equal(resolved?.vaultName, 'apps-vault');
    assert.equal(resolved?.secretName, 'db-password');
    assert.equal(resolved?.identityType, 'SystemAssigned');
    assert.match(
      resolved?.reference ?? '',
      /^@Microsoft\.KeyVault\(SecretUri=https:\/\/127\.0\.0\.1:\d+\/secrets\/db-password\/\)$/,
    );
    assert.match(resolved?.activeVersion ?? '', /^[0-9a-f]{32}$/);
    assert.match(byName.get('API_KEY')?.details ?? '', /denied access/);
    assert.equal(items[0]?.id, `${SITE}/func-orders/config/configreferences/appsettings/DB_PASSWORD`);
    assert.doesNotMatch(r.text, /"p1"|"p2"|"k"/);
  });

  it('answers connection string references and slot references, in the same shape', async () => {
    const cs = (await arm(`${SITE}/func-orders/config/configreferences/connectionstrings`)).json as {
      value: RefItem[];
    };
    assert.equal(cs.value[0]?.properties.reference, '@Microsoft.KeyVault(VaultName=apps-vault;SecretName=db-password)');
    assert.equal(cs.value[0]?.properties.status, 'Resolved');
    const slot = (await arm(`${SITE}/func-orders/slots/staging/config/configreferences/appsettings`)).json as {
      value: RefItem[];
    };
    assert.deepEqual(
      slot.value.map((i) => [i.id, i.properties.status]),
      [[`${SITE}/func-orders/slots/staging/config/configreferences/appsettings/DB_PASSWORD`, 'Resolved']],
    );
    const none = (await arm(`${SITE}/app-web/config/configreferences/appsettings`)).json;
    assert.deepEqual(none, { value: [] });
  });

  it('turns a reference to SecretNotFound once its secret is deleted', async () => {
    const emu = env.get();
    await kv(emu, 'apps-vault', '/secrets/api-key', { method: 'DELETE' });
    const items = ((await arm(`${SITE}/func-orders/config/configreferences/appsettings`)).json as { value: RefItem[] })
      .value;
    assert.equal(items.find((i) => i.name === 'API_KEY')?.properties.status, 'SecretNotFound');
  });

  it('refuses the configuration of an app the user may not read (403 AuthorizationFailed)', async () => {
    const r = await arm(`${SITE}/app-locked/config/configreferences/appsettings`);
    assert.equal(r.status, 403);
    assert.equal((r.json as { error: { code: string } }).error.code, 'AuthorizationFailed');
    assert.equal((await arm(`${SITE}/app-locked/slots`)).status, 403);
  });

  it('lists container apps with their Key Vault secrets (URL and identity) and never a value', async () => {
    const r = await arm(`/subscriptions/${SUB}/providers/Microsoft.App/containerApps`);
    const apps = (r.json as { value: Array<{ name: string; properties: { configuration: { secrets: unknown[] } } }> })
      .value;
    assert.equal(apps[0]?.name, 'ca-one');
    const secrets = apps[0]?.properties.configuration.secrets as Array<Record<string, unknown>>;
    assert.equal(secrets[0]?.identity, 'system');
    assert.match(String(secrets[0]?.keyVaultUrl), /^https:\/\/127\.0\.0\.1:\d+\/secrets\/db-password$/);
    assert.deepEqual(secrets[1], { name: 'plain' });
    assert.ok(secrets.every((s) => !('value' in s)));
    const one = await arm(`/subscriptions/${SUB}/resourceGroups/rg-apps/providers/Microsoft.App/containerApps/ca-one`);
    assert.equal(one.status, 200);
  });

  it('throttles an apps route through fault injection (429 with Retry-After)', async () => {
    env.get().injectFault({ kind: '429', route: 'ArmListSites', vault: '$arm', times: 1, retryAfterSeconds: 2 });
    const r = await arm(`/subscriptions/${SUB}/providers/Microsoft.Web/sites`);
    assert.equal(r.status, 429);
    assert.equal(r.headers['retry-after'], '2');
    assert.equal((await arm(`/subscriptions/${SUB}/providers/Microsoft.Web/sites`)).status, 200);
  });

  it('counts every request to a value-listing endpoint, through the control API, across a counts reset', async () => {
    const before = await ctl().valueListings();
    assert.equal((await arm(`${SITE}/func-orders/config/appsettings/list`, 'POST')).status, 200);
    await ctl().resetCounts();
    await arm(`${SITE}/func-orders/slots/staging/config/connectionstrings/list`, 'POST');
    await arm(
      `/subscriptions/${SUB}/resourceGroups/rg-apps/providers/Microsoft.App/containerApps/ca-one/listSecrets`,
      'POST',
    );
    assert.equal(await ctl().valueListings(), before + 3);
    // Reading references is not a value listing.
    await arm(`${SITE}/func-orders/config/configreferences/appsettings`);
    assert.equal(await ctl().valueListings(), before + 3);
  });
});

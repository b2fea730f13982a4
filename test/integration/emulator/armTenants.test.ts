// Several tenants in the emulator's ARM: tenants come from the seeded subscriptions, and a token for one
// tenant lists that tenant's subscriptions only (as ARM does), so discovery across tenants can be exercised.

import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { tenantToken } from '../../emulator/arm';
import { startFor } from './helpers';

const HOME = '0c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5';
const OTHER = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const SUB_HOME = 'aaaaaaaa-1111-4222-8333-444444444444';
const SUB_OTHER = 'cccccccc-1111-4222-8333-444444444444';

/** A credential whose tokens name the tenant asked for (the home tenant when none is). */
const tenantCredential: TokenCredential = {
  getToken: (_scopes, options): Promise<AccessToken> =>
    Promise.resolve({ token: tenantToken(options?.tenantId ?? HOME), expiresOnTimestamp: Date.now() + 3600_000 }),
};

describe('emulator: ARM with several tenants', () => {
  const env = startFor({
    tenantId: HOME,
    seed: {
      subscriptions: [
        { subscriptionId: SUB_HOME, displayName: 'Home sub' },
        { subscriptionId: SUB_OTHER, displayName: 'Other sub', tenantId: OTHER },
      ],
      vaults: [
        { name: 'home-vault', subscriptionId: SUB_HOME },
        { name: 'other-vault', subscriptionId: SUB_OTHER },
      ],
    },
  });
  const options = (): { endpoint: string; tlsOptions: { ca: string } } => ({
    endpoint: env.get().armUrl,
    tlsOptions: { ca: env.get().caPem },
  });

  it('lists the home tenant first, then the tenants the seeded subscriptions name', async () => {
    const ids: (string | undefined)[] = [];
    for await (const t of new SubscriptionClient(tenantCredential, options()).tenants.list()) ids.push(t.tenantId);
    assert.deepEqual(ids, [HOME, OTHER]);
  });

  it("lists only the subscriptions of the token's tenant", async () => {
    const listed = async (tenantId: string | undefined): Promise<(string | undefined)[]> => {
      const credential: TokenCredential = {
        getToken: (s, o) => tenantCredential.getToken(s, { ...o, ...(tenantId !== undefined ? { tenantId } : {}) }),
      };
      const out: (string | undefined)[] = [];
      for await (const s of new SubscriptionClient(credential, options()).subscriptions.list())
        out.push(s.subscriptionId);
      return out;
    };
    assert.deepEqual(await listed(undefined), [SUB_HOME]);
    assert.deepEqual(await listed(OTHER), [SUB_OTHER]);
  });

  it("reports a vault's tenant as its subscription's tenant", async () => {
    const names: [string | undefined, string | undefined][] = [];
    for await (const v of new KeyVaultManagementClient(
      tenantCredential,
      SUB_OTHER,
      options(),
    ).vaults.listBySubscription())
      names.push([v.name, v.properties.tenantId]);
    assert.deepEqual(names, [['other-vault', OTHER]]);
  });
});

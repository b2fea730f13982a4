import * as assert from 'node:assert/strict';
import { portalUrl } from '../../../src/shared/portalUrl';

const ID = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/contoso';

describe('portalUrl', () => {
  it('opens the vault overview in the public portal, in the vault\'s tenant', () => {
    assert.equal(portalUrl(ID, 'tenant-1'), `https://portal.azure.com/#@tenant-1/resource${ID}/overview`);
  });

  it('opens the secrets blade when a secret is named', () => {
    assert.equal(portalUrl(ID, undefined, 'api-key'), `https://portal.azure.com/#/resource${ID}/secrets`);
  });

  it('uses the portal of a sovereign cloud when given', () => {
    assert.equal(portalUrl(ID, 't', undefined, 'https://portal.azure.cn'), `https://portal.azure.cn/#@t/resource${ID}/overview`);
  });
});

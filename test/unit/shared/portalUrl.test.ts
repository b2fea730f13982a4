import * as assert from 'node:assert/strict';
import { portalUrl, secretPortalUrl } from '../../../src/shared/portalUrl';

const ID = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/contoso';

describe('portalUrl', () => {
  it("opens the vault overview in the public portal, in the vault's tenant", () => {
    assert.equal(portalUrl(ID, 'tenant-1'), `https://portal.azure.com/#@tenant-1/resource${ID}/overview`);
  });

  it('opens the secrets blade when a secret is named', () => {
    assert.equal(portalUrl(ID, undefined, 'api-key'), `https://portal.azure.com/#/resource${ID}/secrets`);
  });

  it('uses the portal of a sovereign cloud when given', () => {
    assert.equal(
      portalUrl(ID, 't', undefined, 'https://portal.azure.cn'),
      `https://portal.azure.cn/#@t/resource${ID}/overview`,
    );
  });
});

describe('secretPortalUrl', () => {
  const VAULT = 'https://contoso.vault.azure.net';

  it("opens the secret's own page, by its identifier, in the vault's tenant", () => {
    assert.equal(
      secretPortalUrl(VAULT, '72f988bf-86f1-41af-91ab-2d7cd011db47', 'api-key'),
      'https://portal.azure.com/#@72f988bf-86f1-41af-91ab-2d7cd011db47/asset/Microsoft_Azure_KeyVault/Secret/https://contoso.vault.azure.net/secrets/api-key',
    );
  });

  it('opens one version when a version is given', () => {
    assert.equal(
      secretPortalUrl(VAULT, undefined, 'api-key', '3f2a9c0d1e2f4a5b6c7d8e9f0a1b2c3d'),
      'https://portal.azure.com/#/asset/Microsoft_Azure_KeyVault/Secret/https://contoso.vault.azure.net/secrets/api-key/3f2a9c0d1e2f4a5b6c7d8e9f0a1b2c3d',
    );
  });

  it("uses the user's cloud: the portal and the vault host of a sovereign cloud", () => {
    assert.equal(
      secretPortalUrl('https://cn-vault.vault.azure.cn/', 't1', 'db', undefined, 'https://portal.azure.cn/'),
      'https://portal.azure.cn/#@t1/asset/Microsoft_Azure_KeyVault/Secret/https://cn-vault.vault.azure.cn/secrets/db',
    );
    assert.match(
      secretPortalUrl('https://us.vault.usgovcloudapi.net', 't1', 'db', undefined, 'https://portal.azure.us'),
      /^https:\/\/portal\.azure\.us\/#@t1\/asset\//,
    );
  });

  it('normalises the vault URL by the one URL rule', () => {
    assert.equal(
      secretPortalUrl('HTTPS://Contoso.Vault.Azure.NET:443/', undefined, 'x'),
      'https://portal.azure.com/#/asset/Microsoft_Azure_KeyVault/Secret/https://contoso.vault.azure.net/secrets/x',
    );
  });

  it('refuses a name, version, vault URL or portal that could reshape the link', () => {
    assert.throws(() => secretPortalUrl(VAULT, 't', '../overview'), /secret name/);
    assert.throws(() => secretPortalUrl(VAULT, 't', 'a#b'), /secret name/);
    assert.throws(() => secretPortalUrl(VAULT, 't', 'a', '1/../x'), /version id/);
    assert.throws(() => secretPortalUrl('https://contoso.vault.azure.net/secrets/x', 't', 'a'), /vault URL/);
    assert.throws(() => secretPortalUrl('http://contoso.vault.azure.net', 't', 'a'), /vault URL/);
    assert.throws(() => secretPortalUrl(VAULT, 't', 'a', undefined, 'javascript:alert(1)'), /https origin/);
    assert.throws(() => secretPortalUrl(VAULT, 't', 'a', undefined, 'https://portal.azure.com/#@evil'), /https origin/);
  });

  it('leaves out a tenant id that is not a plain id or domain', () => {
    assert.equal(
      secretPortalUrl(VAULT, 'evil/../#x', 'a'),
      'https://portal.azure.com/#/asset/Microsoft_Azure_KeyVault/Secret/https://contoso.vault.azure.net/secrets/a',
    );
  });
});

// Reading the deployed apps' ARM answers, which are untrusted: a resource id of another shape or another
// subscription is not an app (no request is built from it), a reference that names no Key Vault secret by the rules
// is left out, a status that is not a word becomes OtherReasons, and a container app's plain secrets are not ours.
import * as assert from 'node:assert/strict';
import {
  parseContainerApp,
  parseReference,
  parseSite,
  parseSlot,
  type UsagePlace,
} from '../../../src/vault/apps/armAppsParse';

const SUB = '00000000-0000-0000-0000-0000000000a1';
const SITE = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/app-one`;
const place: UsagePlace = {
  app: { id: SITE, name: 'app-one', kind: 'appService' },
  settingKind: 'appSetting',
  portalUrl: 'https://portal.azure.com/#/resource/x/overview',
  subscriptionId: SUB,
};

describe('vault/apps: reading the deployed apps ARM answers', () => {
  it('takes a site of the subscription asked about, and its kind', () => {
    assert.deepEqual(parseSite({ id: SITE, kind: 'functionapp,linux' }, SUB), {
      id: SITE,
      name: 'app-one',
      kind: 'functionApp',
    });
    assert.equal(parseSite({ id: SITE }, SUB)?.kind, 'appService');
  });

  it('refuses a site id of another subscription, another shape, or with a path after it', () => {
    assert.equal(parseSite({ id: SITE }, '00000000-0000-0000-0000-0000000000b2'), undefined);
    assert.equal(parseSite({ id: `${SITE}/../../other` }, SUB), undefined);
    assert.equal(parseSite({ id: `https://evil.example${SITE}` }, SUB), undefined);
    assert.equal(parseSite({ id: SITE.replace('app-one', 'app one') }, SUB), undefined);
    assert.equal(parseSite('not an object', SUB), undefined);
  });

  it('takes a slot only under the site asked about', () => {
    assert.deepEqual(parseSlot({ id: `${SITE}/slots/staging` }, SITE), {
      id: `${SITE}/slots/staging`,
      name: 'staging',
    });
    assert.equal(parseSlot({ id: `${SITE.replace('app-one', 'app-two')}/slots/staging` }, SITE), undefined);
  });

  it('reads a reference by SecretUri or by vault name, and leaves out one that names no secret by the rules', () => {
    const byUri = parseReference(
      {
        name: 'DB',
        properties: {
          reference: '@Microsoft.KeyVault(SecretUri=https://kv-one.vault.azure.net/secrets/db-password/)',
          status: 'Resolved',
          secretName: 'db-password',
          identityType: 'SystemAssigned',
        },
      },
      place,
    );
    assert.equal(byUri?.vaultHost, 'kv-one.vault.azure.net');
    assert.equal(byUri?.secretName, 'db-password');
    const byName = parseReference(
      { name: 'DB', properties: { vaultName: 'kv-one', secretName: 'db', status: 'Resolved' } },
      place,
    );
    assert.equal(byName?.vaultName, 'kv-one');
    assert.equal(
      parseReference({ name: 'DB', properties: { vaultName: 'kv-one', secretName: 'bad name!' } }, place),
      undefined,
    );
    assert.equal(parseReference({ name: 'DB', properties: { secretName: 'db' } }, place), undefined, 'no vault');
    assert.equal(
      parseReference(
        { name: 'DB', properties: { reference: '@Microsoft.KeyVault(SecretUri=http://kv.example/secrets/db)' } },
        place,
      ),
      undefined,
      'not https',
    );
  });

  it('a status that is not a word becomes OtherReasons', () => {
    const u = parseReference(
      { name: 'DB', properties: { vaultName: 'kv-one', secretName: 'db', status: '[click](command:x)' } },
      place,
    );
    assert.equal(u?.status, 'OtherReasons');
  });

  it("takes a container app's Key Vault secrets, not its plain ones", () => {
    const id = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.App/containerApps/ca-one`;
    const app = parseContainerApp(
      {
        id,
        properties: {
          configuration: {
            secrets: [
              { name: 'db', keyVaultUrl: 'https://kv-one.vault.azure.net/secrets/db-password', identity: 'system' },
              { name: 'plain', value: 'never read' },
              { name: 'odd', keyVaultUrl: 'https://kv-one.vault.azure.net/keys/k' },
            ],
          },
        },
      },
      SUB,
    );
    assert.deepEqual(app?.containerSecrets, [
      { name: 'db', vaultHost: 'kv-one.vault.azure.net', secretName: 'db-password', identity: 'system' },
    ]);
  });
});

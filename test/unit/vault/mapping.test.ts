import * as assert from 'node:assert/strict';
import {
  ForgedNameError,
  hasValidName,
  toDeletedSecret,
  toSecretProperties,
  toSecretValue,
  versionFromId,
} from '../../../src/vault/mapping';

describe('mapping', () => {
  const VAULT = 'https://contoso.vault.azure.net';
  it('reads versions from ids (valid ones only)', () => {
    assert.equal(versionFromId(`${VAULT}/secrets/a/..%2f`), undefined);
    assert.equal(versionFromId(`${VAULT}/secrets/a/abc`), 'abc');
    assert.equal(versionFromId(`${VAULT}/secrets/a`), undefined);
    assert.equal(versionFromId('not a url'), undefined);
  });

  it('maps SDK properties to ours with defaults, and never copies a value', () => {
    const created = new Date(1000);
    const props = toSecretProperties(
      {
        vaultUrl: `${VAULT}/`,
        name: 'a',
        id: `${VAULT}/secrets/a/v1`,
        createdOn: created,
        managed: true,
        certificateKeyId: `${VAULT}/keys/a/v1`,
        recoveryLevel: 'Recoverable',
        recoverableDays: 90,
      },
      VAULT,
    );
    assert.deepEqual(props, {
      vaultUrl: VAULT,
      name: 'a',
      id: `${VAULT}/secrets/a/v1`,
      version: 'v1',
      enabled: true,
      createdOn: created,
      tags: {},
      managed: true,
      keyId: `${VAULT}/keys/a/v1`,
      recoveryLevel: 'Recoverable',
      recoverableDays: 90,
    });
    const value = toSecretValue(
      {
        name: 'a',
        value: 'v',
        properties: { vaultUrl: VAULT, name: 'a', version: 'v2', enabled: false, tags: { t: 'x' } },
      },
      VAULT,
    );
    assert.equal(value.value, 'v');
    assert.equal(value.properties.version, 'v2');
    assert.equal(value.properties.enabled, false);
    assert.ok(!('value' in value.properties));
  });

  it('maps deleted secrets with recovery id and dates', () => {
    const deletedOn = new Date(2000);
    const d = toDeletedSecret(
      {
        name: 'a',
        recoveryId: `${VAULT}/deletedsecrets/a`,
        deletedOn,
        properties: { vaultUrl: VAULT, name: 'a', scheduledPurgeDate: new Date(3000) },
      },
      VAULT,
    );
    assert.equal(d.recoveryId, `${VAULT}/deletedsecrets/a`);
    assert.equal(d.deletedOn, deletedOn);
    assert.equal(d.scheduledPurgeDate?.getTime(), 3000);
  });

  it('refuses names and versions from the service that break the rule, and rebuilds ids on this vault', () => {
    assert.throws(() => toSecretProperties({ vaultUrl: VAULT, name: '[x](command:evil)' }, VAULT), ForgedNameError);
    assert.throws(() => toSecretProperties({ vaultUrl: VAULT, name: 'a', version: '../b' }, VAULT), ForgedNameError);
    assert.equal(hasValidName({ name: 'ok-name' }), true);
    assert.equal(hasValidName({ name: 'a/b' }), false);
    const forged = toSecretProperties(
      {
        vaultUrl: 'https://evil.example',
        name: 'a',
        id: 'https://evil.example/secrets/a/v1',
        certificateKeyId: 'https://evil.example/keys/a',
      },
      VAULT,
    );
    assert.equal(forged.vaultUrl, VAULT);
    assert.equal(forged.id, `${VAULT}/secrets/a/v1`);
    assert.equal(forged.keyId, undefined);
    const deleted = toDeletedSecret(
      { name: 'a', recoveryId: 'https://evil.example/deletedsecrets/a', properties: { vaultUrl: VAULT, name: 'a' } },
      VAULT,
    );
    assert.equal(deleted.recoveryId, undefined);
  });
});

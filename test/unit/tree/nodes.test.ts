import * as assert from 'node:assert/strict';
import type { VaultRef } from '../../../src/vault/model';
import { deletedGroupId, secretId, vaultNodeId, vaultParentId, versionId } from '../../../src/tree/nodes';

const added: VaultRef = {
  key: 'https://127.0.0.1:8443',
  name: 'alpha',
  url: 'https://127.0.0.1:8443',
  source: 'added',
  emulator: true,
};
const discovered: VaultRef = {
  key: 'https://contoso.vault.azure.net',
  name: 'contoso',
  url: 'https://contoso.vault.azure.net',
  source: 'discovered',
  subscriptionId: 'sub-1',
};

describe('tree/nodes', () => {
  it('builds ids from the vault URL and names, distinct per group', () => {
    assert.equal(vaultNodeId(added), 'vault:added:https://127.0.0.1:8443');
    assert.equal(vaultNodeId(discovered), 'vault:sub-1:https://contoso.vault.azure.net');
    assert.equal(vaultParentId(added), 'added');
    assert.equal(vaultParentId(discovered), 'sub:sub-1');
    const v = vaultNodeId(added);
    assert.equal(secretId(v, 'api-key'), 'vault:added:https://127.0.0.1:8443/secrets/api-key');
    assert.equal(versionId(secretId(v, 'api-key'), 'abc'), 'vault:added:https://127.0.0.1:8443/secrets/api-key/abc');
    assert.notEqual(deletedGroupId(v), secretId(v, 'deleted'));
  });
});

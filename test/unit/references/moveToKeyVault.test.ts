import * as assert from 'node:assert/strict';
import { assignmentOf, looksLikeSecretAssignment, proposeSecretName } from '../../../src/references/moveToKeyVault';
import { variableToSecret } from '../../../src/shared/transfer/nameMapping';

describe('moveToKeyVault helpers', () => {
  const lines: ReadonlyArray<readonly [string, string | undefined, string | undefined, boolean]> = [
    // line, key, value, looks like a secret
    ['DB_PASSWORD=hunter2-xyz', 'DB_PASSWORD', 'hunter2-xyz', true],
    ['export API_KEY="abc123456"', 'API_KEY', 'abc123456', true],
    ["CLIENT_SECRET='s3cr3t-value'", 'CLIENT_SECRET', 's3cr3t-value', true],
    ['    "DbPassword": "p4ss-w0rd",', 'DbPassword', 'p4ss-w0rd', true],
    ['  "ConnectionStrings__Db": "Server=x;Password=y",', 'ConnectionStrings__Db', 'Server=x;Password=y', true],
    ['password: plain-yaml-value', 'password', 'plain-yaml-value', true],
    ['AZURE_LOCATION=westeurope', 'AZURE_LOCATION', 'westeurope', false],
    [
      'DB_PASSWORD=@Microsoft.KeyVault(VaultName=a;SecretName=b)',
      'DB_PASSWORD',
      '@Microsoft.KeyVault(VaultName=a;SecretName=b)',
      false,
    ],
    [
      'TOKEN="akvs://7d3e9a51-2c4b-4f6e-8a1d-5b9c0e2f4a6d/v/t"',
      'TOKEN',
      'akvs://7d3e9a51-2c4b-4f6e-8a1d-5b9c0e2f4a6d/v/t',
      false,
    ],
    ['SECRET=', undefined, undefined, false],
    ['# PASSWORD=commented', undefined, undefined, false],
    ['PWD=abc', 'PWD', 'abc', false],
    [`KEY=${'x'.repeat(5000)}`, undefined, undefined, false],
  ];
  for (const [line, key, value, secret] of lines) {
    it(JSON.stringify(line.slice(0, 60)), () => {
      const a = assignmentOf(line);
      assert.equal(a?.key, key);
      assert.equal(a === undefined ? undefined : line.slice(a.valueStart, a.valueEnd), value);
      assert.equal(looksLikeSecretAssignment(line), secret);
    });
  }
  // The same rule as Import (variableToSecret): the key's upper case is not kept.
  const names: ReadonlyArray<readonly [string, string]> = [
    ['ConnectionStrings__Db', 'connectionstrings--db'],
    ['DB_PASSWORD', 'db-password'],
    ['Identity:ClientSecret', 'identity--clientsecret'],
    ['__', 'secret'],
  ];
  for (const [key, name] of names)
    it(`proposes ${name.slice(0, 30)} for ${key.slice(0, 30)}, as Import names it`, () => {
      assert.equal(proposeSecretName(key), name);
      if (name !== 'secret') assert.equal(variableToSecret(key), name);
    });
});

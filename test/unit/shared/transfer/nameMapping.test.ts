import * as assert from 'node:assert/strict';
import { secretToVariable, validateVariableName, variableToSecret } from '../../../../src/shared/transfer/nameMapping';
import { validateSecretName } from '../../../../src/shared/validation';

describe('shared/transfer/nameMapping', () => {
  const toVariable: Array<[string, string]> = [
    ['db-password', 'DB_PASSWORD'],
    ['ApiKey', 'APIKEY'],
    ['a--b', 'A__B'],
    ['9lives', '_9LIVES'],
  ];
  for (const [name, variable] of toVariable) {
    it(`export: ${name} → ${variable}`, () => {
      assert.equal(secretToVariable(name), variable);
      assert.equal(validateVariableName(variable), undefined);
    });
  }

  const toSecret: Array<[string, string, boolean]> = [
    ['DB_PASSWORD', 'db-password', true],
    ['Api.Key', 'api-key', true],
    ['_PRIVATE_', 'private', true],
    ['A__B', 'a--b', true],
    ['ConnectionStrings:Db', 'connectionstrings--db', true],
    ['ConnectionStrings__Db', 'connectionstrings--db', true],
    ['caf\u00e9', 'caf\u00e9', false],
    ['___', '', false],
  ];
  for (const [variable, name, valid] of toSecret) {
    it(`import: ${variable} → ${JSON.stringify(name)} (${valid ? 'valid' : 'refused'})`, () => {
      assert.equal(variableToSecret(variable), name);
      assert.equal(validateSecretName(name) === undefined, valid);
    });
  }

  it('round-trips export then import for dash names', () => {
    for (const name of ['db-password', 'x', 'a-b-c-1']) assert.equal(variableToSecret(secretToVariable(name)), name);
  });

  it('refuses variable names the user types that readers would not take', () => {
    for (const bad of ['', '1A', 'A B', 'A=B', 'A"']) assert.notEqual(validateVariableName(bad), undefined);
  });
});

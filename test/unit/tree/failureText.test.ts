import * as assert from 'node:assert/strict';
import { failureText } from '../../../src/tree/failureText';
import { KeyVaultFailure } from '../../../src/vault/KeyVaultFailure';

describe('tree/failureText', () => {
  it('names the missing permission in plain words and keeps the vault layer message as the detail', () => {
    const f = new KeyVaultFailure('forbidden', 'Ask an owner to add "list" to your access policy.', {
      status: 403,
      permission: 'list',
      accessModel: 'accessPolicy',
    });
    assert.deepEqual(failureText(f, 'secrets'), {
      kind: 'forbidden',
      message: 'No list permission',
      detail: 'No permission to list secrets. Ask an owner to add "list" to your access policy.',
    });
    assert.match(failureText(f, 'deleted secrets').detail, /^No permission to list deleted secrets\. /);
  });
  it('tells a firewall apart from a permission', () => {
    const f = new KeyVaultFailure('forbidden', 'Client address is not authorized.', {
      status: 403,
      accessModel: 'firewall',
    });
    assert.equal(failureText(f, 'secrets').message, 'Blocked by the firewall');
    assert.match(failureText(f, 'secrets').detail, /^The vault's firewall blocks this network\. Client address/);
  });
  const cases: ReadonlyArray<[ConstructorParameters<typeof KeyVaultFailure>[0], string]> = [
    ['notFound', 'Vault not found'],
    ['unauthenticated', 'Signed out'],
    ['network', 'Vault unreachable'],
    ['timeout', 'Timed out'],
    ['throttled', 'Throttled: retry soon'],
    ['unknown', 'List failed'],
  ];
  it('row labels fit a narrow sidebar: at most 24 characters, the decisive words first', () => {
    for (const kind of [
      'forbidden',
      'notFound',
      'unauthenticated',
      'network',
      'timeout',
      'throttled',
      'cancelled',
      'unknown',
    ] as const) {
      for (const what of ['secrets', 'deleted secrets', 'versions', 'vaults', 'subscriptions'] as const) {
        const m = failureText(new KeyVaultFailure(kind, 'x'), what).message;
        assert.ok(m.length <= 24, `${kind}/${what}: "${m}" is ${m.length} characters`);
      }
    }
  });
  for (const [kind, message] of cases) {
    it(`${kind} -> ${message}`, () =>
      assert.equal(failureText(new KeyVaultFailure(kind, 'x'), 'secrets').message, message));
  }
  it('a missing secret while listing versions is not a missing vault', () => {
    assert.equal(failureText(new KeyVaultFailure('notFound', 'x'), 'versions').message, 'Secret gone (deleted?)');
  });
  it('anything else is a generic row with the error message as detail, never a stack', () => {
    const t = failureText(new TypeError('boom'), 'secrets');
    assert.equal(t.kind, 'unknown');
    assert.equal(t.message, 'List failed');
    assert.match(t.detail, /^Could not list secrets: boom\. Retry/);
    assert.doesNotMatch(t.detail, /at .*\.ts/);
  });
});

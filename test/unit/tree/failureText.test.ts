import * as assert from 'node:assert/strict';
import { failureText } from '../../../src/tree/failureText';
import { KeyVaultFailure } from '../../../src/vault/KeyVaultFailure';

describe('tree/failureText', () => {
  it('names the missing permission in plain words and keeps the vault layer message as the detail', () => {
    const f = new KeyVaultFailure('forbidden', 'Ask an owner to add "list" to your access policy.', { status: 403, permission: 'list', accessModel: 'accessPolicy' });
    assert.deepEqual(failureText(f, 'secrets'), { kind: 'forbidden', message: 'No permission to list secrets', detail: 'Ask an owner to add "list" to your access policy.' });
    assert.equal(failureText(f, 'deleted secrets').message, 'No permission to list deleted secrets');
  });
  it('tells a firewall apart from a permission', () => {
    const f = new KeyVaultFailure('forbidden', 'Client address is not authorized.', { status: 403, accessModel: 'firewall' });
    assert.equal(failureText(f, 'secrets').message, "The vault's firewall blocks this network");
  });
  const cases: ReadonlyArray<[ConstructorParameters<typeof KeyVaultFailure>[0], string]> = [
    ['notFound', 'Vault not found'],
    ['unauthenticated', 'Signed out: sign in to list secrets'],
    ['network', 'Cannot reach the vault'],
    ['timeout', 'Listing secrets timed out'],
    ['throttled', 'Too many requests: try again shortly'],
    ['unknown', 'Could not list secrets'],
  ];
  for (const [kind, message] of cases) {
    it(`${kind} -> ${message}`, () => assert.equal(failureText(new KeyVaultFailure(kind, 'x'), 'secrets').message, message));
  }
  it('a missing secret while listing versions is not a missing vault', () => {
    assert.equal(failureText(new KeyVaultFailure('notFound', 'x'), 'versions').message, 'Secret not found (deleted?)');
  });
  it('anything else is a generic row with the error message as detail, never a stack', () => {
    const t = failureText(new TypeError('boom'), 'secrets');
    assert.equal(t.kind, 'unknown');
    assert.equal(t.message, 'Could not list secrets');
    assert.match(t.detail, /^boom\. Retry/);
    assert.doesNotMatch(t.detail, /at .*\.ts/);
  });
});

import * as assert from 'node:assert/strict';
import { contextValueOf, KINDS, parseContextValue } from '../../../src/tree/nodeKinds';

describe('tree/nodeKinds', () => {
  it('context values: kind first, then sorted unique flags, each ending in ;', () => {
    assert.equal(contextValueOf('secret', ['managed', 'disabled', 'managed']), 'kvSecret;disabled;managed;');
    assert.equal(contextValueOf('vault', []), 'kvVault;');
    assert.match(contextValueOf('secret', ['expiring', 'disabled']), /;disabled;/);
    assert.doesNotMatch(contextValueOf('secret', ['expiring']), /;disabled;/);
    assert.deepEqual(parseContextValue('kvSecret;disabled;managed;'), {
      kind: 'kvSecret',
      flags: ['disabled', 'managed'],
    });
  });

  it('every kind has its own context name, and a row has either paged or plain children, never both', () => {
    const names = Object.values(KINDS).map((k) => k.context);
    assert.equal(new Set(names).size, names.length);
    for (const [kind, row] of Object.entries(KINDS)) {
      assert.ok(!(row.paged && row.children), `${kind} has two ways to list its children`);
    }
  });
});

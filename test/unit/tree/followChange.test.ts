// The change bus (src/vault/changes.ts) and how the Vaults view follows it (src/tree/followChange.ts): every
// subscriber hears every change in the order it subscribed, a failing one does not stop the others, and the tree
// asks for the fewest requests: none when the change carries the service's answer or a confirmed delete, one
// versions request otherwise, the deleted group only when a secret entered or left it, nothing after a failed purge.
import * as assert from 'node:assert/strict';
import { announce, onSecretChange, type ChangeKind, type SecretChange } from '../../../src/vault/changes';
import type { SecretVersion, VaultRef } from '../../../src/vault/model';
import { followChange, type ChangeFollower } from '../../../src/tree/followChange';

const vault: VaultRef = {
  key: 'https://kv1.vault.azure.net',
  url: 'https://kv1.vault.azure.net',
  name: 'kv1',
  source: 'added',
};
const current = { name: 'db', version: 'v2', enabled: true } as unknown as SecretVersion;

/** The tree calls a change causes, in order ("refreshSecret db" costs one request; the others none or a reload). */
function callsFor(change: Partial<SecretChange> & { readonly kind: ChangeKind }): string[] {
  const calls: string[] = [];
  const tree: ChangeFollower = {
    refreshSecret: (_v, name) => (calls.push(`refreshSecret ${name}`), Promise.resolve()),
    refreshDeleted: () => (calls.push('refreshDeleted'), Promise.resolve()),
    secretRemoved: (_v, name) => void calls.push(`secretRemoved ${name}`),
    secretUpdated: (_v, c) => void calls.push(`secretUpdated ${c.version}`),
  };
  followChange(tree, { vault, name: 'db', ...change });
  return calls;
}

describe('the change bus and the Vaults view that follows it', () => {
  it('tells every subscriber, in order, past one that throws, and not after dispose', () => {
    const heard: string[] = [];
    const a = onSecretChange((c) => heard.push(`a ${c.kind}`));
    const b = onSecretChange(() => {
      throw new Error('a view failed');
    });
    const c = onSecretChange((x) => heard.push(`c ${x.kind}`));
    announce({ vault, name: 'db', kind: 'created' });
    a.dispose();
    b.dispose();
    announce({ vault, name: 'db', kind: 'deleted' });
    c.dispose();
    announce({ vault, name: 'db', kind: 'purged' });
    assert.deepEqual(heard, ['a created', 'c created', 'c deleted']);
  });

  it('shows the service answer or a confirmed delete without a request', () => {
    assert.deepEqual(callsFor({ kind: 'properties', current }), ['secretUpdated v2']);
    assert.deepEqual(callsFor({ kind: 'newVersion', current }), ['secretUpdated v2']);
    assert.deepEqual(callsFor({ kind: 'deleted', gone: true }), ['secretRemoved db', 'refreshDeleted']);
  });

  it('re-reads only that secret otherwise, and the deleted group only when a secret entered or left it', () => {
    assert.deepEqual(callsFor({ kind: 'created' }), ['refreshSecret db']);
    assert.deepEqual(callsFor({ kind: 'restored' }), ['refreshSecret db']);
    assert.deepEqual(callsFor({ kind: 'deleted' }), ['refreshSecret db', 'refreshDeleted']);
    assert.deepEqual(callsFor({ kind: 'recovered' }), ['refreshSecret db', 'refreshDeleted']);
    assert.deepEqual(callsFor({ kind: 'purged' }), ['refreshDeleted']);
  });

  it('after a failed change re-reads the secret only (a failed purge: nothing)', () => {
    assert.deepEqual(callsFor({ kind: 'deleted', failed: true }), ['refreshSecret db']);
    assert.deepEqual(callsFor({ kind: 'recovered', failed: true }), ['refreshSecret db']);
    assert.deepEqual(callsFor({ kind: 'purged', failed: true }), []);
  });
});

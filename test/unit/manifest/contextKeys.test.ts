// Context keys, tied to their uses: every key package.json's `when`/`enablement` clauses read is set by the code,
// and every key the code sets is read by a clause. A key read but never set leaves a menu item, a view or a
// welcome text stuck; a key set but never read is dead state or a clause that lost its key in a rename.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clausesOf, compare, keysRead, keysSet } from './contextKeys';

const ROOT = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: unknown };

describe('context keys (package.json when clauses against setContext in src/)', () => {
  const clauses = clausesOf(pkg.contributes);
  const set = keysSet(join(ROOT, 'src'));

  it('finds the clauses and the setContext calls it checks', () => {
    assert.ok(clauses.length > 50, `only ${clauses.length} when clauses found`);
    assert.ok(set.length >= 4, `only ${set.length} setContext calls found`);
  });

  it('every key of ours a clause reads is set by the code, and every key the code sets is read', () => {
    assert.deepEqual(compare(clauses, set), { readNeverSet: [], setNeverRead: [], unknown: [], unresolved: [] });
  });

  it('reads the keys of a clause, not its values or regular expressions', () => {
    assert.deepEqual(
      keysRead('view == keyVaultSecrets.vaults && viewItem =~ /^kv(Secret|Version);/ && !(viewItem =~ /;a&&b;/)'),
      ['view', 'viewItem', 'viewItem'],
    );
    assert.deepEqual(keysRead('keyVaultSecrets.welcome != signedOut || !keyVaultSecrets.filterActive'), [
      'keyVaultSecrets.welcome',
      'keyVaultSecrets.filterActive',
    ]);
    assert.deepEqual(keysRead('false'), []);
  });

  it('reports a key read but never set, set but never read, a foreign key and a computed key', () => {
    const fixture = compare(
      ['keyVaultSecrets.a && keyVaultSecrets.typo', 'viewItm == x'],
      [
        { key: 'keyVaultSecrets.a', where: 'x.ts:1' },
        { key: 'keyVaultSecrets.orphan', where: 'x.ts:2' },
        { key: '?someVariable', where: 'x.ts:3' },
      ],
    );
    assert.deepEqual(fixture, {
      readNeverSet: ['keyVaultSecrets.typo'],
      setNeverRead: ['keyVaultSecrets.orphan'],
      unknown: ['viewItm'],
      unresolved: ['x.ts:3 someVariable'],
    });
  });
});

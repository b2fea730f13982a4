import * as assert from 'node:assert/strict';
import { compareSecrets, isSecretSort, sortSecrets } from '../../../src/tree/secretSort';
import type { SecretSummary } from '../../../src/vault/model';

const day = 86_400_000;
const now = Date.UTC(2026, 10, 29);
function secret(name: string, updatedDays?: number, expiresDays?: number): SecretSummary {
  return {
    vaultUrl: 'https://v.vault.azure.net',
    name,
    id: `https://v.vault.azure.net/secrets/${name}`,
    enabled: true,
    tags: {},
    managed: false,
    ...(updatedDays !== undefined ? { updatedOn: new Date(now + updatedDays * day) } : {}),
    ...(expiresDays !== undefined ? { expiresOn: new Date(now + expiresDays * day) } : {}),
  };
}

const items = [
  secret('alpha', -1, 30),
  secret('Beta', -10, -2),
  secret('charlie', -5),
  secret('delta', -3, 3),
  secret('echo'),
  secret('foxtrot', -3, 3),
];
const names = (list: readonly SecretSummary[]): string[] => list.map((s) => s.name);

describe('secretSort', () => {
  it("name keeps the list's own order", () => {
    assert.equal(sortSecrets(items, 'name'), items);
  });

  it('last updated: newest first, secrets without a date last, ties by name', () => {
    assert.deepEqual(names(sortSecrets(items, 'updated')), ['alpha', 'delta', 'foxtrot', 'charlie', 'Beta', 'echo']);
  });

  it('expiry: expired first, then soonest, no expiry last, ties by name', () => {
    assert.deepEqual(names(sortSecrets(items, 'expiry')), ['Beta', 'delta', 'foxtrot', 'alpha', 'charlie', 'echo']);
  });

  it('is a total order, so rows shown from the first pages keep their order as more pages arrive', () => {
    for (const order of ['updated', 'expiry'] as const) {
      const cmp = compareSecrets(order);
      const firstPage = sortSecrets(items.slice(0, 3), order);
      const all = sortSecrets(items, order);
      assert.deepEqual(
        names(all).filter((n) => names(firstPage).includes(n)),
        names(firstPage),
        order,
      );
      for (const a of items)
        for (const b of items) if (a !== b) assert.notEqual(cmp(a, b), 0, `${order}: ${a.name} ties ${b.name}`);
    }
  });

  it('knows its orders', () => {
    assert.ok(isSecretSort('expiry'));
    assert.ok(!isSecretSort('size'));
    assert.ok(!isSecretSort(undefined));
  });
});

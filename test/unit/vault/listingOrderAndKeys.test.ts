import * as assert from 'node:assert/strict';
import { KeyVaultFailure } from '../../../src/vault/KeyVaultFailure';
import type { CallOptions, Page, SecretVersion } from '../../../src/vault/model';
import { connectionKey } from '../../../src/vault/connectionKey';
import { userMessage } from '../../../src/vault/userMessage';
import { listAll } from '../../../src/vault/listing';
import { purgeAllowed } from '../../../src/vault/recoveryLevel';
import { compareNewestFirst, versionsNewestFirst } from '../../../src/vault/versionOrder';

const VAULT = 'https://contoso.vault.azure.net';

function version(id: string, createdOn?: Date): SecretVersion {
  return {
    vaultUrl: VAULT,
    name: 'api-key',
    id: `${VAULT}/secrets/api-key/${id}`,
    version: id,
    enabled: true,
    tags: {},
    managed: false,
    ...(createdOn !== undefined ? { createdOn } : {}),
  };
}

describe('listing: listAll', () => {
  it('follows continuation tokens until the last page', async () => {
    const pages: Record<string, Page<number>> = {
      '': { items: [1, 2], continuationToken: 'b' },
      b: { items: [3], continuationToken: 'c' },
      c: { items: [4] },
    };
    const asked: (string | undefined)[] = [];
    const all = await listAll((t) => {
      asked.push(t);
      return Promise.resolve(pages[t ?? ''] ?? { items: [] });
    });
    assert.deepEqual(all, [1, 2, 3, 4]);
    assert.deepEqual(asked, [undefined, 'b', 'c']);
  });

  it('has no page cap: 60 pages (1,500 versions) are all read', async () => {
    let calls = 0;
    const all = await listAll((t) => {
      calls++;
      const n = t === undefined ? 0 : Number(t);
      return Promise.resolve({
        items: Array.from({ length: 25 }, (_, i) => n * 25 + i),
        ...(n < 59 ? { continuationToken: String(n + 1) } : {}),
      });
    });
    assert.equal(calls, 60);
    assert.equal(all.length, 1500);
    assert.equal(all[1499], 1499);
  });

  it('stops with an error when the service hands back a token it already gave (it would loop forever)', async () => {
    let calls = 0;
    await assert.rejects(
      listAll(() => {
        calls++;
        return Promise.resolve({ items: [calls], continuationToken: 'same' });
      }),
      /same page twice/,
    );
    assert.equal(calls, 2);
  });
});

describe('versionOrder: versionsNewestFirst', () => {
  it('lists every page of versions, newest first, passing the signal on', async () => {
    const signal = new AbortController().signal;
    const seen: (CallOptions | undefined)[] = [];
    const client = {
      listVersions: (name: string, token?: string, options?: CallOptions): Promise<Page<SecretVersion>> => {
        assert.equal(name, 'api-key');
        seen.push(options);
        return Promise.resolve(
          token === undefined
            ? { items: [version('old', new Date('2024-01-01')), version('undated')], continuationToken: 'next' }
            : { items: [version('new', new Date('2025-06-01'))] },
        );
      },
    };
    const versions = await versionsNewestFirst(client, 'api-key', signal);
    assert.deepEqual(
      versions.map((v) => v.version),
      ['new', 'old', 'undated'],
    );
    assert.equal(seen.length, 2);
    assert.ok(seen.every((o) => o?.signal === signal));
  });
});

describe('recoveryLevel: purgeAllowed', () => {
  it('allows purge unless the recovery level says purge protection is on', () => {
    assert.equal(purgeAllowed(undefined), true);
    assert.equal(purgeAllowed('Purgeable'), true);
    assert.equal(purgeAllowed('Recoverable+Purgeable'), true);
    assert.equal(purgeAllowed('CustomizedRecoverable+Purgeable'), true);
    assert.equal(purgeAllowed('Recoverable'), false);
    assert.equal(purgeAllowed('Recoverable+ProtectedSubscription'), false);
    assert.equal(purgeAllowed('CustomizedRecoverable'), false);
  });
});

describe('failureText: userMessage', () => {
  it("shows a KeyVaultFailure's message, even an empty one", () => {
    assert.equal(
      userMessage(new KeyVaultFailure('forbidden', 'You have no get permission.')),
      'You have no get permission.',
    );
    assert.equal(userMessage(new KeyVaultFailure('unknown', '')), '');
  });

  it("shows an Error's message, and a generic line for anything else", () => {
    assert.equal(userMessage(new Error('Vault "x" has no secrets.')), 'Vault "x" has no secrets.');
    assert.equal(userMessage(new Error('')), 'Something went wrong.');
    assert.equal(userMessage('a string'), 'Something went wrong.');
    assert.equal(userMessage(undefined), 'Something went wrong.');
  });
});

describe('versionOrder and connectionKey: one newest-first order, one connection key', () => {
  it('newest first by created, then updated when created is missing, then by version id', () => {
    const v = (version: string, created?: number, updated?: number) => ({
      version,
      ...(created !== undefined ? { createdOn: new Date(created) } : {}),
      ...(updated !== undefined ? { updatedOn: new Date(updated) } : {}),
    });
    const sorted = [v('a', 1000), v('b', undefined, 3000), v('c', 2000), v('d', 2000)]
      .sort(compareNewestFirst)
      .map((x) => x.version);
    assert.deepEqual(sorted, ['b', 'd', 'c', 'a']);
  });

  it('versions created in the same second: the one the service answered as current first, the rest by version id', () => {
    const second = new Date('2026-03-01T10:00:00Z');
    const older = version('00000000000000000000000000000001', new Date(second.getTime() - 1000));
    const a = version('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', second);
    const c = version('cccccccccccccccccccccccccccccccc', second);
    const f = version('ffffffffffffffffffffffffffffffff', second);
    const ids = (list: readonly SecretVersion[]): string[] => list.map((x) => x.version.slice(0, 1));
    // Not known: a fixed order among the tie (version id descending), whatever order the list came in.
    assert.deepEqual(ids([a, older, f, c].sort(compareNewestFirst)), ['f', 'c', 'a', '0']);
    assert.deepEqual(ids([c, f, a, older].sort(compareNewestFirst)), ['f', 'c', 'a', '0']);
    // Known: the current one leads its tie, wherever it stands in the list; it never jumps a newer second.
    const current = { ...a, reportedCurrent: true as const };
    assert.deepEqual(ids([f, older, c, current].sort(compareNewestFirst)), ['a', 'f', 'c', '0']);
    assert.deepEqual(ids([current, c, f, older].sort(compareNewestFirst)), ['a', 'f', 'c', '0']);
    const stale = { ...older, reportedCurrent: true as const };
    assert.deepEqual(ids([stale, a, f].sort(compareNewestFirst)), ['f', 'a', '0']);
  });

  it('the connection key separates emulator, CA file and tenant', () => {
    const base = { key: 'https://a.vault.azure.net' };
    const keys = new Set([
      connectionKey(base),
      connectionKey({ ...base, emulator: true }),
      connectionKey({ ...base, caFile: '/ca.pem' }),
      connectionKey({ ...base, tenantId: 't' }),
    ]);
    assert.equal(keys.size, 4);
  });
});

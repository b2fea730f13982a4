import * as assert from 'node:assert/strict';
import {
  DEFAULT_SEVERITIES,
  diagnosticKind,
  propertiesStatus,
  statusText,
  type Resolution,
} from '../../../src/references/referenceState';
import type { SecretProperties } from '../../../src/vault/model';

const now = new Date('2026-11-29T12:00:00Z');
const day = 86_400_000;
const p = (over: Partial<SecretProperties>): SecretProperties => ({
  vaultUrl: 'https://a.vault.azure.net',
  name: 'x',
  id: 'i',
  enabled: true,
  tags: {},
  managed: false,
  ...over,
});

describe('referenceState', () => {
  const rows: ReadonlyArray<readonly [string, Partial<SecretProperties>, string, number?]> = [
    ['healthy', {}, 'enabled'],
    ['disabled', { enabled: false }, 'disabled'],
    ['disabled wins over expired', { enabled: false, expiresOn: new Date(now.getTime() - day) }, 'disabled'],
    ['expired', { expiresOn: new Date(now.getTime() - 1000) }, 'expired'],
    [
      'expired wins over not yet valid',
      { expiresOn: new Date(now.getTime() - 1000), notBefore: new Date(now.getTime() + day) },
      'expired',
    ],
    ['not yet valid', { notBefore: new Date(now.getTime() + day) }, 'notYetValid'],
    ['expiring in 5 days', { expiresOn: new Date(now.getTime() + 5.5 * day) }, 'expiring', 5],
    ['expiring today', { expiresOn: new Date(now.getTime() + 1000) }, 'expiring', 0],
    ['expiry beyond the warning window', { expiresOn: new Date(now.getTime() + 90 * day) }, 'enabled'],
  ];
  for (const [what, over, status, days] of rows) {
    it(what, () => {
      const s = propertiesStatus(p(over), now, 30);
      assert.equal(s.status, status);
      assert.equal(s.days, days);
    });
  }
  it('maps every status to its diagnostic kind, a healthy reference to none', () => {
    const kinds = (
      [
        'enabled',
        'disabled',
        'expired',
        'expiring',
        'notYetValid',
        'deleted',
        'notFound',
        'forbidden',
        'unreachable',
        'vaultUnknown',
        'signedOut',
        'untrusted',
      ] as const
    ).map((status) => diagnosticKind({ status }));
    assert.deepEqual(kinds, [
      undefined,
      'disabled',
      'expired',
      'expiring',
      'notYetValid',
      'deleted',
      'notFound',
      'forbidden',
      'unreachable',
      'vaultUnknown',
      undefined,
      undefined,
    ]);
    assert.equal(diagnosticKind({ status: 'enabled', pinnedNotCurrent: true }), 'pinnedNotCurrent');
    for (const k of kinds) if (k !== undefined) assert.ok(DEFAULT_SEVERITIES[k]);
  });
  it('words each state with the facts a user acts on', () => {
    const r = (x: Resolution): string => statusText(x, 'db', 'vault "a"');
    assert.match(
      r({ status: 'deleted', deleted: { ...p({}), scheduledPurgeDate: new Date('2026-12-06T00:00:00Z') } }),
      /recovered until 2026-12-06/,
    );
    assert.match(r({ status: 'forbidden', permission: 'list' }), /"list" permission/);
    assert.match(
      r({ status: 'expiring', days: 1, properties: p({ expiresOn: new Date('2026-11-30T18:00:00Z') }) }),
      /expires in 1 day \(2026-11-30\)/,
    );
    assert.match(
      r({ status: 'notFound', missingVersion: 'c'.repeat(32) }),
      /Version cccccccccccc of secret "db" does not exist/,
    );
    assert.match(r({ status: 'vaultUnknown', checkable: true }), /Check this reference/);
    assert.match(r({ status: 'vaultUnknown', checkable: false }), /never checked/);
  });
});

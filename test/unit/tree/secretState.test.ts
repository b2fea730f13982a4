import * as assert from 'node:assert/strict';
import type { DeletedSecret, SecretProperties } from '../../../src/vault/model';
import {
  deletedDescription,
  isPurgeable,
  relativeTime,
  secretDescription,
  shortVersion,
  stateFlags,
  stateIcon,
  versionDescription,
  versionsSharingADay,
} from '../../../src/tree/secretState';

const NOW = new Date('2026-11-23T12:00:00Z');
const DAY = 86_400_000;
const at = (days: number): Date => new Date(NOW.getTime() + days * DAY);
const opts = { now: NOW, expiryWarningDays: 30 };

function props(over: Partial<SecretProperties> = {}): SecretProperties {
  return {
    vaultUrl: 'https://v.vault.azure.net',
    name: 'api-key',
    id: 'https://v.vault.azure.net/secrets/api-key',
    enabled: true,
    tags: {},
    managed: false,
    ...over,
  };
}

describe('tree/secretState', () => {
  describe('stateFlags', () => {
    it('has no flags for an enabled secret without dates', () => assert.deepEqual(stateFlags(props(), opts), []));
    it('flags disabled', () => assert.deepEqual(stateFlags(props({ enabled: false }), opts), ['disabled']));
    it('flags expired at and after the expiry instant', () => {
      assert.deepEqual(stateFlags(props({ expiresOn: at(-1) }), opts), ['expired']);
      assert.deepEqual(stateFlags(props({ expiresOn: NOW }), opts), ['expired']);
    });
    it('flags expiring within the warning days, not beyond', () => {
      assert.deepEqual(stateFlags(props({ expiresOn: at(5) }), opts), ['expiring']);
      assert.deepEqual(stateFlags(props({ expiresOn: at(30) }), opts), ['expiring']);
      assert.deepEqual(stateFlags(props({ expiresOn: at(31) }), opts), []);
      assert.deepEqual(stateFlags(props({ expiresOn: at(5) }), { now: NOW, expiryWarningDays: 3 }), []);
      assert.deepEqual(stateFlags(props({ expiresOn: at(5) }), { now: NOW, expiryWarningDays: 0 }), []);
    });
    it('flags not yet active and managed, several at once', () => {
      assert.deepEqual(stateFlags(props({ notBefore: at(2) }), opts), ['notYetActive']);
      assert.deepEqual(stateFlags(props({ notBefore: at(-2) }), opts), []);
      assert.deepEqual(stateFlags(props({ enabled: false, managed: true, expiresOn: at(-3) }), opts), [
        'disabled',
        'expired',
        'managed',
      ]);
    });
  });

  describe('relativeTime', () => {
    const cases: ReadonlyArray<[number, string]> = [
      [5 * DAY + 1000, 'in 5 d'],
      [-2 * DAY - 1000, '2 d ago'],
      [3 * 3_600_000 + 5, 'in 3 h'],
      [-40 * 60_000, '40 min ago'],
      [10_000, 'just now'],
      [-10_000, 'just now'],
      [DAY - 1, 'in 23 h'],
    ];
    for (const [delta, text] of cases)
      it(`${delta} ms -> ${text}`, () => assert.equal(relativeTime(new Date(NOW.getTime() + delta), NOW), text));
  });

  describe('relativeTime in words (what a screen reader says)', () => {
    const cases: ReadonlyArray<[number, string]> = [
      [5 * DAY + 1000, 'in 5 days'],
      [DAY + 1000, 'in 1 day'],
      [-2 * DAY - 1000, '2 days ago'],
      [3 * 3_600_000 + 5, 'in 3 hours'],
      [-3_600_000 - 5, '1 hour ago'],
      [-40 * 60_000, '40 minutes ago'],
      [60_000 + 5, 'in 1 minute'],
      [10_000, 'just now'],
    ];
    for (const [delta, text] of cases)
      it(`${delta} ms -> ${text}`, () => assert.equal(relativeTime(new Date(NOW.getTime() + delta), NOW, true), text));
  });

  describe('descriptions', () => {
    it('secret: state first, then content type (a narrow sidebar cuts the end)', () => {
      assert.equal(
        secretDescription(props({ contentType: 'text/plain', expiresOn: at(5.5) }), opts),
        'expires in 5 d · text/plain',
      );
      assert.equal(secretDescription(props({ enabled: false }), opts), 'disabled');
      assert.equal(
        secretDescription(props({ managed: true, contentType: 'application/x-pkcs12' }), opts),
        'managed (certificate) · application/x-pkcs12',
      );
      assert.equal(secretDescription(props({ expiresOn: at(-3.2) }), opts), 'expired 3 d ago');
      assert.equal(secretDescription(props({ notBefore: at(2.5) }), opts), 'active in 2 d');
      assert.equal(secretDescription(props(), opts), '');
    });
    it('version: current marker, created date, state', () => {
      assert.equal(
        versionDescription(props({ createdOn: new Date('2026-11-20T08:00:00Z') }), true, opts),
        'current · 2026-11-20',
      );
      assert.equal(
        versionDescription(props({ createdOn: new Date('2026-10-02T08:00:00Z'), enabled: false }), false, opts),
        '2026-10-02 · disabled',
      );
    });
    it('version: two versions of one day show the time as well (the day alone would read alike)', () => {
      const morning = props({ createdOn: new Date('2026-11-20T08:00:00Z') });
      const evening = props({ createdOn: new Date('2026-11-20T17:45:00Z') });
      const before = props({ createdOn: new Date('2026-11-19T23:59:00Z') });
      const untimed = props();
      const sharing = versionsSharingADay([evening, morning, before, untimed]);
      assert.deepEqual(
        [evening, morning, before, untimed].map((v) => sharing.has(v)),
        [true, true, false, false],
      );
      assert.equal(versionDescription(evening, true, opts, true), 'current · 2026-11-20 17:45 UTC');
      assert.equal(versionDescription(morning, false, opts, true), '2026-11-20 08:00 UTC');
      assert.equal(versionDescription(before, false, opts, false), '2026-11-19');
    });
    it('deleted: the purge date first, then disabled, then when deleted', () => {
      const d: DeletedSecret = {
        ...props({ name: 'old-key' }),
        deletedOn: at(-2.1),
        scheduledPurgeDate: new Date('2026-12-01T00:00:00Z'),
      };
      assert.equal(deletedDescription(d, NOW), 'purge on 2026-12-01 · deleted 2 d ago');
      assert.equal(
        deletedDescription({ ...d, enabled: false, deletedOn: NOW }, NOW),
        'purge on 2026-12-01 · disabled · deleted just now',
      );
    });
    it('shortens version ids', () => {
      assert.equal(shortVersion('3f2a9c00112233445566778899aabbcc'), '3f2a9c00…');
      assert.equal(shortVersion('v1'), 'v1');
    });
  });

  it('purgeable only when the recovery level says so', () => {
    assert.equal(isPurgeable({ recoveryLevel: 'Recoverable+Purgeable' }), true);
    assert.equal(isPurgeable({ recoveryLevel: 'CustomizedRecoverable+Purgeable' }), true);
    assert.equal(isPurgeable({ recoveryLevel: 'Recoverable+ProtectedSubscription' }), false);
    assert.equal(isPurgeable({ recoveryLevel: 'Recoverable' }), false);
  });

  it('picks the icon of the most important state', () => {
    assert.deepEqual(stateIcon(['disabled', 'expired'], 'key'), { id: 'circle-slash', color: 'disabledForeground' });
    assert.deepEqual(stateIcon(['expiring', 'managed'], 'key'), { id: 'warning', color: 'list.warningForeground' });
    assert.deepEqual(stateIcon(['managed'], 'key'), { id: 'workspace-trusted' });
    assert.deepEqual(stateIcon([], 'key'), { id: 'key' });
  });
});

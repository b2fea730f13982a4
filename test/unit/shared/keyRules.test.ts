// The rules of a new key and of the two lifetime policies, and the words the policies are shown in.

import * as assert from 'node:assert/strict';
import {
  expiryOf,
  parseIsoDuration,
  rotationPolicyOf,
  validateDuration,
  validateKeyOperations,
  validateLifetimeTrigger,
  validateRotationRule,
} from '../../../src/shared/keyRules';
import { validateItemName } from '../../../src/shared/validation';
import { certificatePolicyText, rotationPolicyText } from '../../../src/commands/policyText';

describe('key rules: durations, rotation rule, lifetime trigger', () => {
  it('reads ISO 8601 durations of years, months, weeks and days, and nothing else', () => {
    assert.equal(parseIsoDuration('P90D'), 90);
    assert.equal(parseIsoDuration('p1y'), 365);
    assert.equal(parseIsoDuration('P1Y6M'), 545);
    assert.equal(parseIsoDuration('P2W'), 14);
    for (const bad of ['P', '90D', 'PT5H', 'P-1D', 'P1.5D', 'P1D ', 'forever', '', 'P1DT', 'P'.padEnd(50, '9') + 'D'])
      assert.equal(parseIsoDuration(bad.trimEnd() === bad ? bad : `${bad}x`), undefined, bad);
  });

  it('says why a duration is refused: not ISO 8601, or under the minimum', () => {
    assert.match(validateDuration('90 days', 7) ?? '', /ISO 8601/);
    assert.match(validateDuration('P3D', 7) ?? '', /at least 7 days/);
    assert.equal(validateDuration('P7D', 7), undefined);
  });

  it('ties rotation to expiry as the service does', () => {
    assert.equal(validateRotationRule({}), undefined);
    assert.match(validateRotationRule({ expiresAfter: 'P27D' }) ?? '', /at least 28 days/);
    assert.match(validateRotationRule({ rotate: { after: 'expiry', duration: 'P30D' } }) ?? '', /needs an expiry/);
    assert.match(
      validateRotationRule({ rotate: { after: 'expiry', duration: 'P60D' }, expiresAfter: 'P60D' }) ?? '',
      /less than P60D/,
    );
    assert.match(
      validateRotationRule({ rotate: { after: 'create', duration: 'P1Y' }, expiresAfter: 'P90D' }) ?? '',
      /before the version expires/,
    );
    assert.equal(
      validateRotationRule({ rotate: { after: 'create', duration: 'P60D' }, expiresAfter: 'P90D' }),
      undefined,
    );
  });

  it('keeps the notification and puts the rotate action first', () => {
    const policy = rotationPolicyOf({ rotate: { after: 'expiry', duration: 'P30D' }, expiresAfter: 'P1Y' }, [
      { action: 'Rotate', timeAfterCreate: 'P10D' },
      { action: 'Notify', timeBeforeExpiry: 'P30D' },
    ]);
    assert.deepEqual(policy, {
      expiresAfter: 'P1Y',
      lifetimeActions: [
        { action: 'Rotate', timeBeforeExpiry: 'P30D' },
        { action: 'Notify', timeBeforeExpiry: 'P30D' },
      ],
    });
  });

  it('checks key operations per type, a lifetime trigger per kind, and a key name in its own words', () => {
    assert.equal(validateKeyOperations('EC', ['sign']), undefined);
    assert.match(validateKeyOperations('EC', ['encrypt']) ?? '', /EC key cannot be allowed "encrypt"/);
    assert.match(validateKeyOperations('RSA', []) ?? '', /at least one/);
    assert.equal(validateLifetimeTrigger('percentage', '80'), undefined);
    assert.match(validateLifetimeTrigger('percentage', '100') ?? '', /1 to 99/);
    assert.match(validateLifetimeTrigger('days', '400', 12) ?? '', /1 to 324/);
    assert.equal(validateLifetimeTrigger('days', '30', 12), undefined);
    assert.match(validateItemName('bad_name', 'key') ?? '', /A key name can contain only/);
  });

  it('shows a rotation policy and a certificate policy in words, service text as plain data', () => {
    const rotation = rotationPolicyText(
      {
        expiresAfter: 'P1Y',
        lifetimeActions: [
          { action: 'Rotate', timeAfterCreate: 'P90D' },
          { action: 'Notify', timeBeforeExpiry: 'P30D' },
        ],
      },
      'k1',
      'v1',
    );
    assert.match(rotation, /Automatic rotation: rotate 90 days \(P90D\) after each version is created/);
    assert.match(rotation, /Notification: notify 30 days \(P30D\) before expiry/);
    assert.match(rotation, /New versions expire: 365 days \(P1Y\) after they are created/);
    const cert = certificatePolicyText(
      {
        subject: 'CN=evil $(alert) [x](https://e.example)',
        dnsNames: ['a.example'],
        emails: [],
        userPrincipalNames: [],
        issuerName: 'DigiCert',
        keyType: 'RSA',
        keySize: 2048,
        validityMonths: 12,
        contentType: 'application/x-pem-file',
        lifetimeActions: [{ action: 'AutoRenew', daysBeforeExpiry: 30 }],
      },
      'c1',
      'v1',
    );
    assert.match(cert, /Issuer: DigiCert \(a certificate authority\)/);
    assert.match(cert, /Subject alternative names: DNS:a\.example/);
    assert.match(cert, /Lifetime action: renew automatically 30 days before expiry/);
    assert.doesNotMatch(cert, /\$\(alert\)|\]\(https/);
  });

  it("reads a new key's expiry by the one date-time rule: a day is its end (UTC), impossible dates are refused", () => {
    const now = new Date('2026-12-07T12:00:00Z');
    assert.equal(expiryOf('  ', now), undefined);
    assert.deepEqual(expiryOf('2027-06-30', now), new Date('2027-06-30T23:59:59Z'));
    assert.deepEqual(expiryOf('2027-06-30T08:00:00+02:00', now), new Date('2027-06-30T06:00:00Z'));
    for (const bad of [
      '2027-02-30',
      '2027-02-30T00:00:00Z',
      '2027-13-01',
      '30/06/2027',
      'tomorrow',
      '2027-06-30T25:00Z',
    ])
      assert.match(String(expiryOf(bad, now)), /YYYY-MM-DD/, bad);
    assert.match(String(expiryOf('2026-12-01', now)), /future/);
  });
});

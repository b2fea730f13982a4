// Create Key, Rotate Key Now and the two lifetime policies through the vault layer's clients against the local
// Key Vault server: a key's allowed operations and expiry as chosen, an HSM key refused in a standard vault in words,
// a rotation into a new version, the rotation policy read and written (a duration the service refuses is also
// refused by our rules before sending), and a certificate's lifetime action changed with one PATCH that keeps the
// rest of its policy.

import * as assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server';
import { skipLive } from '../../live/target';
import { staticTokenCredential } from '../../../src/vault/credentials';
import { CertificatesVaultClient } from '../../../src/vault/CertificatesVaultClient';
import { KeysVaultClient } from '../../../src/vault/KeysVaultClient';
import { rotationPolicyOf, validateRotationRule } from '../../../src/shared/keyRules';
import { counts, failure, start, vaultRef } from './helpers';

const FAST = {
  credential: staticTokenCredential(),
  emulator: true,
  pollIntervalMs: 20,
  retryOptions: { maxRetries: 0 },
} as const;

describe('vault layer: create key, rotate, rotation and certificate policies', function () {
  this.timeout(60_000);
  let emu: Emulator | undefined;
  const env = (): Emulator => {
    if (emu === undefined) throw new Error('emulator not started');
    return emu;
  };
  /** The requests of the vault `kpol` since the last reset, the challenge left out (sent once per client). */
  const sent = (): Record<string, number> => {
    const { Challenge: _challenge, ...rest } = counts(env(), 'kpol');
    return rest;
  };
  const keys = (vault: string): KeysVaultClient =>
    new KeysVaultClient(vaultRef(env(), vault), { ...FAST, caPem: () => Promise.resolve(env().caPem) });
  const certificates = (vault: string): CertificatesVaultClient =>
    new CertificatesVaultClient(vaultRef(env(), vault), { ...FAST, caPem: () => Promise.resolve(env().caPem) });

  before(async function () {
    skipLive("the local server's keys and policies");
    emu = await start({
      vaults: [
        {
          name: 'kpol',
          sku: 'premium',
          certificates: [
            { name: 'site-tls', subject: 'CN=site.example', dnsNames: ['site.example', 'www.site.example'] },
          ],
        },
        { name: 'kstd', sku: 'standard' },
      ],
    } as Parameters<typeof start>[0]);
  });
  after(async () => {
    await emu?.stop();
  });

  it('creates an RSA key with the chosen operations and expiry, and an EC P-521 key, one request each', async () => {
    const client = keys('kpol');
    const expiresOn = new Date(Date.now() + 200 * 86400_000);
    env().resetCounts();
    const rsa = await client.create('enc-key', {
      keyType: 'RSA',
      keySize: 3072,
      keyOps: ['encrypt', 'decrypt'],
      expiresOn,
    });
    assert.deepEqual(sent(), { CreateKey: 1 });
    assert.equal(rsa.keySize, 3072);
    assert.deepEqual([...rsa.keyOps], ['encrypt', 'decrypt']);
    assert.equal(rsa.expiresOn?.getTime(), Math.floor(expiresOn.getTime() / 1000) * 1000);
    const ec = await client.create('sig-key', { keyType: 'EC', curve: 'P-521', keyOps: ['sign', 'verify'] });
    assert.equal(ec.curve, 'P-521');
    const hsm = await client.create('hsm-key', { keyType: 'RSA', hsm: true, keySize: 2048 });
    assert.equal(hsm.keyType, 'RSA-HSM');
  });

  it('refuses an HSM key in a standard vault in words that say to pick a software type', async () => {
    const refused = await failure(keys('kstd').create('hsm-key', { keyType: 'EC', hsm: true }), 'badParameter');
    assert.match(refused.message, /Standard vault and cannot hold HSM-protected keys/);
  });

  it('rotates a key into a new current version with one request', async () => {
    const client = keys('kpol');
    const before = await client.get('enc-key');
    env().resetCounts();
    const rotated = await client.rotate('enc-key');
    assert.deepEqual(sent(), { RotateKey: 1 });
    assert.notEqual(rotated.version, before.version);
    assert.equal((await client.get('enc-key')).version, rotated.version);
  });

  it('reads the default rotation policy, writes a new one, and a too-short expiry is refused before and by the service', async () => {
    const client = keys('kpol');
    const initial = await client.getRotationPolicy('sig-key');
    assert.deepEqual(initial.lifetimeActions, [{ action: 'Notify', timeBeforeExpiry: 'P30D' }]);
    assert.equal(initial.expiresAfter, undefined);

    const rule = { rotate: { after: 'create' as const, duration: 'P60D' }, expiresAfter: 'P1Y' };
    assert.equal(validateRotationRule(rule), undefined);
    env().resetCounts();
    const saved = await client.setRotationPolicy('sig-key', rotationPolicyOf(rule, initial.lifetimeActions));
    assert.deepEqual(sent(), { UpdateKeyRotationPolicy: 1 });
    assert.equal(saved.expiresAfter, 'P1Y');
    assert.deepEqual(
      saved.lifetimeActions.map((a) => [a.action, a.timeAfterCreate ?? a.timeBeforeExpiry]),
      [
        ['Rotate', 'P60D'],
        ['Notify', 'P30D'],
      ],
    );
    assert.deepEqual(await client.getRotationPolicy('sig-key'), saved);

    const short = { expiresAfter: 'P10D' };
    assert.match(validateRotationRule(short) ?? '', /at least 28 days/);
    const refused = await failure(
      client.setRotationPolicy('sig-key', rotationPolicyOf(short, initial.lifetimeActions)),
      'badParameter',
    );
    assert.match(refused.message, /28 days/);
    assert.match(validateRotationRule({ rotate: { after: 'expiry', duration: 'P30D' } }) ?? '', /needs an expiry/);
    assert.match(validateRotationRule({ rotate: { after: 'create', duration: 'PT5H' } }) ?? '', /ISO 8601/);
  });

  it("changes a certificate's lifetime action with one PATCH and keeps its subject, names and issuer", async () => {
    const client = certificates('kpol');
    const policy = await client.getPolicy('site-tls');
    assert.equal(policy.issuerName, 'Self');
    assert.deepEqual(policy.lifetimeActions, [{ action: 'AutoRenew', lifetimePercentage: 80 }]);
    env().resetCounts();
    const saved = await client.updateLifetimeActions(
      'site-tls',
      [{ action: 'EmailContacts', daysBeforeExpiry: 45 }],
      {},
      policy,
    );
    assert.deepEqual(sent(), { UpdateCertificatePolicy: 1 });
    assert.deepEqual(saved.lifetimeActions, [{ action: 'EmailContacts', daysBeforeExpiry: 45 }]);
    const reread = await client.getPolicy('site-tls');
    assert.deepEqual(reread.lifetimeActions, [{ action: 'EmailContacts', daysBeforeExpiry: 45 }]);
    assert.equal(reread.subject, policy.subject);
    assert.deepEqual(reread.dnsNames, policy.dnsNames);
    assert.equal(reread.issuerName, 'Self');
    assert.equal(reread.contentType, policy.contentType);
  });
});

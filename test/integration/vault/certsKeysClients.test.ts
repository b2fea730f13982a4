// The vault layer's certificates and keys clients against the local Key Vault server through the real SDKs: paged
// lists at 25 (one request per page), a self-signed creation followed to completion, details read back by Node's
// crypto, enable/disable, soft delete, recover, purge, backup/restore, import (a wrong password refused in words
// that say so, the password in no message), rotation, and the errors of CERTS-KEYS.md §5 in words that say what to do.

import * as assert from 'node:assert/strict';
import { createHash, createPublicKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import type { Emulator } from '../../emulator/server';
import { skipLive } from '../../live/target';
import { parseSubject, selfSignedCertificate } from '../../emulator/x509';
import { staticTokenCredential } from '../../../src/vault/credentials';
import { CertificatesVaultClient } from '../../../src/vault/CertificatesVaultClient';
import { KeysVaultClient } from '../../../src/vault/KeysVaultClient';
import type { CertificateOperationState } from '../../../src/vault/objectModel';
import { certificatePem, publicKeyJwk, publicKeyPem } from '../../../src/transfer/publicExports';
import { clientFor, counts, failure, start, vaultRef } from './helpers';

const FAST = {
  credential: staticTokenCredential(),
  emulator: true,
  pollIntervalMs: 20,
  retryOptions: { maxRetries: 0 },
} as const;

function certificates(emu: Emulator, vault: string): CertificatesVaultClient {
  return new CertificatesVaultClient(vaultRef(emu, vault), { ...FAST, caPem: () => Promise.resolve(emu.caPem) });
}

function keys(emu: Emulator, vault: string): KeysVaultClient {
  return new KeysVaultClient(vaultRef(emu, vault), { ...FAST, caPem: () => Promise.resolve(emu.caPem) });
}

/** A PFX protected by `password` (RSA key, self-signed certificate), as a user would import it. */
function passwordPfx(password: string): Buffer {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = Math.floor(Date.now() / 1000);
  const cer = selfSignedCertificate({
    subject: parseSubject('CN=imported.example') ?? [],
    sans: {},
    ekus: [],
    keyUsage: ['digitalSignature'],
    ca: false,
    notBefore: now - 3600,
    notAfter: now + 90 * 86400,
    privateKey,
  });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(cer.toString('binary'))));
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], password, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

async function completed(
  client: CertificatesVaultClient,
  name: string,
  first: CertificateOperationState,
): Promise<CertificateOperationState> {
  let state = first;
  for (let i = 0; i < 200 && state.status === 'inProgress'; i++) {
    await new Promise((r) => setTimeout(r, 20));
    state = await client.operation(name);
  }
  return state;
}

describe('vault layer: certificates and keys clients', function () {
  this.timeout(120_000);
  let emu: Emulator | undefined;
  const env = (): Emulator => {
    if (emu === undefined) throw new Error('emulator not started');
    return emu;
  };

  before(async function () {
    skipLive("the local server's certificates and keys");
    emu = await start({
      vaults: [
        { name: 'ckv' },
        {
          name: 'paged',
          keys: Array.from({ length: 27 }, (_, i) => ({ name: `k-${String(i).padStart(2, '0')}`, kty: 'EC' as const })),
        },
      ],
    } as Parameters<typeof start>[0]);
  });
  after(async () => {
    await emu?.stop();
  });

  it('lists keys 25 to a page, one request per page, and the rest from the continuation', async () => {
    const client = keys(env(), 'paged');
    env().resetCounts();
    const first = await client.list();
    assert.equal(first.items.length, 25);
    assert.ok(first.continuationToken, 'a continuation to the rest');
    assert.deepEqual(counts(env(), 'paged'), { Challenge: 1, GetKeys: 1 });
    const second = await client.list(first.continuationToken);
    assert.equal(second.items.length, 2);
    assert.equal(second.continuationToken, undefined);
    assert.ok(
      first.items.every(
        (k) => k.kind === 'key' && k.managed === false && k.id.startsWith(vaultRef(env(), 'paged').url),
      ),
    );
  });

  it('creates a self-signed certificate, follows its pending operation to completion, and reads it back', async () => {
    const client = certificates(env(), 'ckv');
    const started = await client.beginCreate('web-tls', {
      subject: 'CN=www.example.test',
      dnsNames: ['www.example.test'],
      validityMonths: 6,
      keyType: 'EC',
      keyCurve: 'P-256',
      contentType: 'application/x-pem-file',
    });
    assert.equal(started.name, 'web-tls');
    const done = await completed(client, 'web-tls', started);
    assert.equal(done.status, 'completed');

    const details = await client.get('web-tls');
    assert.ok(details.cer, 'the public certificate');
    const x = new X509Certificate(Buffer.from(details.cer));
    assert.equal(details.thumbprint, createHash('sha1').update(details.cer).digest('hex').toUpperCase());
    assert.match(details.x509?.subject ?? '', /CN=www\.example\.test/);
    assert.equal(details.x509?.selfSigned, true);
    assert.equal(details.x509?.validTo.getTime(), new Date(x.validTo).getTime());
    assert.equal(details.policy?.contentType, 'application/x-pem-file');
    assert.equal(details.policy?.issuerName, 'Self');
    assert.deepEqual(details.policy?.dnsNames, ['www.example.test']);
    assert.equal(details.secretVersion, details.version, 'the backing secret has the same version');

    const listed = await client.list();
    assert.deepEqual(
      listed.items.map((c) => [c.name, c.thumbprint]),
      [['web-tls', details.thumbprint]],
    );
    const versions = await client.listVersions('web-tls');
    assert.deepEqual(
      versions.items.map((v) => v.version),
      [details.version],
    );
  });

  it('disables and enables a certificate version', async () => {
    const client = certificates(env(), 'ckv');
    const { version } = await client.get('web-tls');
    const off = await client.update('web-tls', version, { enabled: false, tags: { owner: 'web' } });
    assert.equal(off.enabled, false);
    assert.deepEqual(off.tags, { owner: 'web' });
    assert.equal((await client.get('web-tls', version)).enabled, false);
    assert.equal((await client.update('web-tls', undefined, { enabled: true })).enabled, true);
  });

  it("refuses a direct delete of a certificate's key or secret, in words that send the user to the certificate", async () => {
    const keyFailure = await failure(keys(env(), 'ckv').delete('web-tls'), 'forbidden');
    assert.match(keyFailure.message, /belongs to certificate "web-tls".*on the certificate instead/);
    const secretFailure = await failure(clientFor(env(), 'ckv').deleteSecret('web-tls'), 'forbidden');
    assert.match(secretFailure.message, /belongs to certificate "web-tls".*on the certificate/);
  });

  it('backs a certificate up, soft-deletes, recovers, purges and restores it', async () => {
    const client = certificates(env(), 'ckv');
    const blob = await client.backup('web-tls');
    assert.ok(blob.byteLength > 0);
    const deleted = await client.delete('web-tls');
    assert.equal(deleted.name, 'web-tls');
    assert.ok(deleted.scheduledPurgeDate instanceof Date);
    assert.deepEqual(
      (await client.listDeleted()).items.map((d) => d.name),
      ['web-tls'],
    );
    assert.deepEqual((await client.list()).items, []);
    const reuse = await failure(client.beginCreate('web-tls', { subject: 'CN=again' }), 'deletedButRecoverable');
    assert.match(reuse.message, /deleted certificate named "web-tls".*Recover the deleted certificate, or purge it/);

    const recovered = await client.recoverDeleted('web-tls');
    assert.equal(recovered.name, 'web-tls');
    await client.delete('web-tls');
    await client.purgeDeleted('web-tls');
    const gone = await failure(client.getDeleted('web-tls'), 'notFound');
    assert.match(gone.message, /no deleted certificate named "web-tls"/);

    const restored = await client.restore(blob);
    assert.equal(restored.name, 'web-tls');
    const malformed = await failure(client.restore(new Uint8Array([1, 2, 3, 4])), 'malformedBackup');
    assert.match(malformed.message, /not a valid Key Vault certificate backup/);
  });

  it('imports a password-protected PFX, and refuses a wrong password in words that name it without showing it', async () => {
    const client = certificates(env(), 'ckv');
    const password = 'pfx-Pa55word-canary';
    const pfx = passwordPfx(password);
    const wrong = 'not-the-Pa55word';
    const refused = await failure(
      client.importCertificate('imported', { content: pfx, password: wrong, contentType: 'application/x-pkcs12' }),
      'badParameter',
    );
    assert.equal(refused.field, 'password');
    assert.match(refused.message, /password is wrong/);
    assert.doesNotMatch(refused.message, new RegExp(wrong));

    const imported = await client.importCertificate('imported', {
      content: pfx,
      password,
      contentType: 'application/x-pkcs12',
    });
    assert.match(imported.x509?.subject ?? '', /CN=imported\.example/);
    assert.equal(imported.enabled, true);
  });

  it('answers an unknown certificate in words that point at the deleted list', async () => {
    const client = certificates(env(), 'ckv');
    const missing = await failure(client.get('never-there'), 'notFound');
    assert.match(missing.message, /Certificate "never-there" was not found in vault "ckv".*Deleted certificates/);
    const bad = await failure(client.get('bad_name'), 'badParameter');
    assert.equal(bad.field, 'name');
  });

  it('creates RSA and EC keys whose public JWK Node reads, and never a private member', async () => {
    const client = keys(env(), 'ckv');
    const rsa = await client.create('wrap-key', { keyType: 'RSA', keySize: 2048, tags: { use: 'wrap' } });
    assert.equal(rsa.keyType, 'RSA');
    assert.equal(rsa.keySize, 2048);
    assert.equal(rsa.hsm, false);
    assert.ok(rsa.keyOps.includes('wrapKey'));
    const rsaPublic = createPublicKey({ key: { ...rsa.publicJwk }, format: 'jwk' });
    assert.equal(rsaPublic.asymmetricKeyDetails?.modulusLength, 2048);
    assert.deepEqual(Object.keys(rsa.publicJwk).sort(), ['e', 'kty', 'n']);

    const ec = await client.create('sign-key', { keyType: 'EC', curve: 'P-384' });
    assert.equal(ec.curve, 'P-384');
    assert.deepEqual([...ec.keyOps].sort(), ['sign', 'verify']);
    assert.equal(
      createPublicKey({ key: { ...ec.publicJwk }, format: 'jwk' }).asymmetricKeyDetails?.namedCurve,
      'secp384r1',
    );
    assert.deepEqual(Object.keys(ec.publicJwk).sort(), ['crv', 'kty', 'x', 'y']);
  });

  it('rotates a key into a new version and sets its rotation policy', async () => {
    const client = keys(env(), 'ckv');
    const before = await client.get('wrap-key');
    const policy = await client.setRotationPolicy('wrap-key', {
      expiresAfter: 'P90D',
      lifetimeActions: [{ action: 'Rotate', timeBeforeExpiry: 'P30D' }],
    });
    assert.equal(policy.expiresAfter, 'P90D');
    assert.ok(policy.lifetimeActions.some((a) => a.action === 'Rotate'));
    const rotated = await client.rotate('wrap-key');
    assert.notEqual(rotated.version, before.version);
    assert.notEqual(rotated.publicJwk.n, before.publicJwk.n);
    assert.equal((await client.listVersions('wrap-key')).items.length, 2);
    assert.ok(rotated.expiresOn instanceof Date, 'the new version expires by the policy');
  });

  it('disables, soft-deletes, recovers, purges, backs up and restores a key', async () => {
    const client = keys(env(), 'ckv');
    const expiresOn = new Date(Date.now() + 40 * 86400_000);
    const off = await client.update('sign-key', undefined, { enabled: false, expiresOn });
    assert.equal(off.enabled, false);
    assert.equal(off.expiresOn?.getTime(), Math.floor(expiresOn.getTime() / 1000) * 1000);
    const blob = await client.backup('sign-key');
    await client.delete('sign-key');
    assert.ok((await client.listDeleted()).items.some((d) => d.name === 'sign-key'));
    assert.equal((await client.getDeleted('sign-key')).name, 'sign-key');
    await client.recoverDeleted('sign-key');
    await client.delete('sign-key');
    await client.purgeDeleted('sign-key');
    const gone = await failure(client.recoverDeleted('sign-key'), 'notFound');
    assert.match(gone.message, /no deleted key named "sign-key"|Key "sign-key" was not found/);
    assert.equal((await client.restore(blob)).name, 'sign-key');
    const missing = await failure(client.rotate('nope'), 'notFound');
    assert.match(missing.message, /Key "nope" was not found in vault "ckv".*Deleted keys/);
  });

  it('exports public material that Node reads back: the certificate as PEM, a key as PEM and as JWK', async () => {
    const cert = await certificates(env(), 'ckv').get('imported');
    assert.ok(cert.cer);
    const pem = certificatePem(cert.cer);
    assert.match(
      pem,
      /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{64}\n)+[A-Za-z0-9+/=]{1,64}\n-----END CERTIFICATE-----\n$/,
    );
    const reread = new X509Certificate(pem);
    assert.equal(reread.fingerprint.replace(/:/g, ''), cert.thumbprint);
    assert.doesNotMatch(pem, /PRIVATE KEY/);

    const client = keys(env(), 'ckv');
    const rsa = await client.get('wrap-key');
    const rsaPem = publicKeyPem(rsa.publicJwk);
    assert.match(rsaPem, /^-----BEGIN PUBLIC KEY-----\n/);
    assert.equal(createPublicKey(rsaPem).export({ format: 'jwk' }).n, rsa.publicJwk.n);
    const jwkFile = JSON.parse(publicKeyJwk(rsa.publicJwk, rsa.id, rsa.keyOps)) as Record<string, unknown>;
    assert.deepEqual(Object.keys(jwkFile).sort(), ['e', 'key_ops', 'kid', 'kty', 'n']);
    assert.equal(createPublicKey({ key: jwkFile as never, format: 'jwk' }).asymmetricKeyDetails?.modulusLength, 2048);

    const ec = await client.create('export-ec', { keyType: 'EC', curve: 'P-521', hsm: false });
    const ecPem = publicKeyPem(ec.publicJwk);
    assert.equal(createPublicKey(ecPem).asymmetricKeyDetails?.namedCurve, 'secp521r1');
    assert.equal(
      createPublicKey({ key: { ...ec.publicJwk, kty: 'EC' }, format: 'jwk' }).export({ type: 'spki', format: 'pem' }),
      ecPem,
    );
    assert.throws(() => publicKeyPem({ kty: 'oct' }), /no public part/);
  });
});

// CERTS-KEYS.md §3 and §8.2 against the local server through the real CertificateClient (and the SecretClient and
// KeyClient for the certificate's secret and key), over HTTPS: create with its pending operation, the backing secret
// re-read by Node's crypto, import, versions, policy, soft delete, backup/restore and paging.

import assert from 'node:assert/strict';
import { createHash, createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { RestError } from '@azure/core-rest-pipeline';
import {
  CertificateClient,
  type CertificatePolicy,
  type ImportCertificateOptions,
  type KeyVaultCertificateWithPolicy,
} from '@azure/keyvault-certificates';
import { KeyClient } from '@azure/keyvault-keys';
import forge from 'node-forge';
import { startEmulator, type Emulator } from '../../emulator/server';
import { parseSubject, selfSignedCertificate } from '../../emulator/x509';
import { skipLive } from '../../live/target';
import { client as secretClient, errorOf, fakeCredential, HEX32, kv, uniqueName } from './helpers';

const FAST = { intervalInMs: 20 };
const SELF: CertificatePolicy = { issuerName: 'Self', subject: 'CN=unit.example' };

function certClient(emu: Emulator, vault: string): CertificateClient {
  const v = emu.vaults[vault];
  if (!v) throw new Error(`no vault ${vault}`);
  return new CertificateClient(v.url, fakeCredential, {
    tlsOptions: { ca: emu.caPem },
    disableChallengeResourceVerification: true,
    serviceVersion: '2025-07-01',
    retryOptions: { maxRetries: 0 },
  });
}

function keyClient(emu: Emulator, vault: string): KeyClient {
  const v = emu.vaults[vault];
  if (!v) throw new Error(`no vault ${vault}`);
  return new KeyClient(v.url, fakeCredential, {
    tlsOptions: { ca: emu.caPem },
    disableChallengeResourceVerification: true,
    serviceVersion: '2025-07-01',
    retryOptions: { maxRetries: 0 },
  });
}

function restError(status: number, code?: string, message?: RegExp) {
  return (e: unknown): boolean =>
    e instanceof RestError &&
    e.statusCode === status &&
    (code === undefined || e.code === code) &&
    (message === undefined || message.test(e.message));
}

/** The DER bytes of a certificate the service issued (a pending one has none). */
function cerOf(c: { cer?: Uint8Array }): Buffer {
  assert.ok(c.cer, 'the certificate has its DER bytes');
  return Buffer.from(c.cer);
}

/** PEM blocks of a bundle, in order. */
function pemBlocks(text: string): Array<{ label: string; pem: string }> {
  return [...text.matchAll(/-----BEGIN ([A-Z ]+)-----\n[\s\S]+?\n-----END \1-----\n/g)].map((m) => ({
    label: m[1] ?? '',
    pem: m[0],
  }));
}

/** A PFX protected by `password`, as a user would import it (RSA key, self-signed certificate). */
function passwordPfx(password: string, subject = 'CN=imported.example, O=Fabrikam'): Buffer {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = Math.floor(Date.now() / 1000);
  const cer = selfSignedCertificate({
    subject: parseSubject(subject) ?? [],
    sans: {},
    ekus: [],
    keyUsage: ['digitalSignature'],
    ca: false,
    notBefore: now - 3600,
    notAfter: now + 90 * 86400,
    privateKey,
  });
  const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(cer.toString('binary')));
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], password, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

describe('emulator: certificates through the CertificateClient', function () {
  this.timeout(60_000);
  let emu: Emulator | undefined;
  const env = (): Emulator => {
    if (!emu) throw new Error('emulator not started');
    return emu;
  };
  before(async function () {
    skipLive("the local server's certificates; the live suite covers secrets");
    emu = await startEmulator({ seed: { vaults: [{ name: 'alpha' }, { name: 'paging' }] } });
  });
  after(async () => {
    await emu?.stop();
  });

  async function create(name: string, policy: CertificatePolicy = SELF): Promise<KeyVaultCertificateWithPolicy> {
    const poller = await certClient(env(), 'alpha').beginCreateCertificate(name, policy, FAST);
    return poller.pollUntilDone();
  }

  it('creates a self-signed certificate through a pending operation that is in progress, then completes', async () => {
    const name = uniqueName('op');
    const posted = await kv(env(), 'alpha', `/certificates/${name}/create`, {
      method: 'POST',
      body: { policy: { x509_props: { subject: 'CN=op.example' }, issuer: { name: 'Self' } } },
    });
    assert.equal(posted.status, 202);
    assert.match(String(posted.headers.location), new RegExp(`/certificates/${name}/pending\\?api-version=`));
    assert.equal(posted.headers['retry-after'], '10');
    assert.equal((posted.json as { status: string }).status, 'inProgress');

    const whilePending = await kv(env(), 'alpha', `/certificates/${name}/`);
    assert.equal(whilePending.status, 200);
    const pendingBundle = whilePending.json as Record<string, unknown>;
    assert.equal((pendingBundle.attributes as { enabled: boolean }).enabled, false);
    assert.equal(pendingBundle.cer, undefined, 'no certificate before issuance');
    assert.equal(pendingBundle.kid, undefined);

    const first = await kv(env(), 'alpha', `/certificates/${name}/pending`);
    assert.equal((first.json as { status: string }).status, 'inProgress', 'the first read sees the operation running');
    const second = await kv(env(), 'alpha', `/certificates/${name}/pending`);
    const done = second.json as { status: string; target: string };
    assert.equal(done.status, 'completed');
    assert.equal(done.target, `${env().vaults.alpha?.url}/certificates/${name}`);
    assert.equal(second.headers['retry-after'], undefined);
  });

  it('resolves beginCreateCertificate().pollUntilDone() with cer, x5t, key and secret ids of one version', async () => {
    const name = uniqueName('created');
    const cert = await create(name, {
      ...SELF,
      subject: 'CN=created.example',
      subjectAlternativeNames: { dnsNames: ['created.example'] },
    });
    const version = cert.properties.version ?? '';
    assert.match(version, HEX32);
    assert.ok(cerOf(cert).length > 300);
    const x = new X509Certificate(cerOf(cert));
    assert.equal(x.subject, 'CN=created.example');
    assert.equal(x.issuer, x.subject, 'self-signed');
    assert.ok(x.verify(x.publicKey), 'signed by its own key');
    assert.match(String(x.subjectAltName), /DNS:created\.example/);
    const sha1 = createHash('sha1').update(cerOf(cert)).digest('hex');
    assert.equal(Buffer.from(cert.properties.x509Thumbprint ?? []).toString('hex'), sha1);
    assert.equal(cert.keyId, `${env().vaults.alpha?.url}/keys/${name}/${version}`);
    assert.equal(cert.secretId, `${env().vaults.alpha?.url}/secrets/${name}/${version}`);
    assert.equal(cert.properties.enabled, true);
    assert.equal(Math.floor((cert.properties.notBefore?.getTime() ?? 0) / 1000), Date.parse(x.validFrom) / 1000);
    assert.equal(cert.policy?.issuerName, 'Self');
    assert.equal(cert.policy?.contentType, 'application/x-pkcs12');
    assert.equal(cert.policy?.keyType, 'RSA');
    assert.equal(cert.policy?.keySize, 2048);
  });

  it("serves a PEM certificate's secret as the PKCS#8 key first and the certificate, both readable by Node", async () => {
    const name = uniqueName('pem');
    const cert = await create(name, { ...SELF, subject: 'CN=pem.example', contentType: 'application/x-pem-file' });
    const secret = await secretClient(env(), 'alpha').getSecret(name);
    assert.equal(secret.properties.managed, true);
    assert.equal(secret.properties.contentType, 'application/x-pem-file');
    assert.equal(secret.properties.certificateKeyId, cert.keyId);
    const blocks = pemBlocks(secret.value ?? '');
    assert.deepEqual(
      blocks.map((b) => b.label),
      ['PRIVATE KEY', 'CERTIFICATE'],
    );
    const key = createPrivateKey(blocks[0]?.pem ?? '');
    const x = new X509Certificate(blocks[1]?.pem ?? '');
    assert.ok(x.checkPrivateKey(key), 'the key belongs to the certificate');
    assert.deepEqual(Buffer.from(x.raw), cerOf(cert));
  });

  it("serves a PKCS#12 certificate's secret as a PFX with an empty password, and converts it to PEM", async () => {
    const name = uniqueName('pfx');
    const cert = await create(name);
    const secret = await secretClient(env(), 'alpha').getSecret(name);
    assert.equal(secret.properties.contentType, 'application/x-pkcs12');
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.decode64(secret.value ?? '')), '');
    const bags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
    assert.equal(bags.length, 1);

    const asPem = await secretClient(env(), 'alpha').getSecret(name, { outContentType: 'application/x-pem-file' });
    const blocks = pemBlocks(asPem.value ?? '');
    const keyBlock = blocks.find((b) => b.label === 'PRIVATE KEY');
    const certBlock = blocks.find((b) => b.label === 'CERTIFICATE');
    const x = new X509Certificate(certBlock?.pem ?? '');
    assert.ok(x.checkPrivateKey(createPrivateKey(keyBlock?.pem ?? '')));
    assert.deepEqual(Buffer.from(x.raw), cerOf(cert));
  });

  it('issues a certificate created disabled as disabled, its secret too', async () => {
    const name = uniqueName('disabled');
    const poller = await certClient(env(), 'alpha').beginCreateCertificate(name, SELF, { ...FAST, enabled: false });
    const cert = await poller.pollUntilDone();
    assert.equal(cert.properties.enabled, false);
    assert.ok(cert.cer, 'issued all the same');
    await assert.rejects(secretClient(env(), 'alpha').getSecret(name), restError(403, 'Forbidden'));
  });

  it('keeps the private key out of the secret of a non-exportable certificate', async () => {
    const name = uniqueName('noexport');
    await create(name, { ...SELF, exportable: false, contentType: 'application/x-pem-file' });
    const secret = await secretClient(env(), 'alpha').getSecret(name);
    assert.deepEqual(
      pemBlocks(secret.value ?? '').map((b) => b.label),
      ['CERTIFICATE'],
    );
  });

  it("serves the certificate's key as a managed public JWK and refuses direct writes to its key and secret", async () => {
    const name = uniqueName('managed');
    const cert = await create(name);
    const key = await keyClient(env(), 'alpha').getKey(name);
    assert.equal(key.id, cert.keyId);
    assert.equal(key.properties.managed, true);
    assert.equal(key.key?.d, undefined, 'no private member');
    const x = new X509Certificate(cerOf(cert));
    assert.equal(Buffer.from(key.key?.n ?? []).toString('base64url'), x.publicKey.export({ format: 'jwk' }).n);
    await assert.rejects(
      secretClient(env(), 'alpha').beginDeleteSecret(name),
      restError(403, 'Forbidden', /managed by Key Vault/),
    );
    await assert.rejects(keyClient(env(), 'alpha').beginDeleteKey(name), restError(403, 'Forbidden'));
    await assert.rejects(secretClient(env(), 'alpha').setSecret(name, 'overwrite'), restError(403, 'Forbidden'));
  });

  it('imports a password-protected PFX with a derived policy, and refuses a wrong password', async () => {
    const c = certClient(env(), 'alpha');
    const pfx = passwordPfx('s3cret-pass');
    const wrong = uniqueName('wrongpwd');
    await assert.rejects(
      c.importCertificate(wrong, pfx, { password: 'not-the-password' }),
      restError(400, 'BadParameter', /PKCS#12 X\.509 certificate content can not be read/),
    );
    await assert.rejects(c.getCertificate(wrong), restError(404, 'CertificateNotFound'), 'nothing was created');

    const name = uniqueName('imported');
    const cert = await c.importCertificate(name, pfx, { password: 's3cret-pass' });
    assert.equal(cert.properties.enabled, true);
    assert.equal(cert.policy?.issuerName, 'Unknown');
    assert.equal(cert.policy?.subject, 'O=Fabrikam, CN=imported.example');
    assert.equal(new X509Certificate(cerOf(cert)).subject, 'CN=imported.example\nO=Fabrikam');
    const raw = await kv(env(), 'alpha', `/certificates/${name}/`);
    assert.equal((raw.json as { pending?: unknown }).pending, undefined, 'an import has no pending operation');
    // The secret holds the certificate with its key, without the import password.
    const secret = await secretClient(env(), 'alpha').getSecret(name, { outContentType: 'application/x-pem-file' });
    const blocks = pemBlocks(secret.value ?? '');
    const x = new X509Certificate(blocks.find((b) => b.label === 'CERTIFICATE')?.pem ?? '');
    assert.ok(x.checkPrivateKey(createPrivateKey(blocks.find((b) => b.label === 'PRIVATE KEY')?.pem ?? '')));
  });

  it('imports PEM (key and certificate) and refuses PEM sent as PKCS#12 or a PKCS#1 key', async () => {
    const c = certClient(env(), 'alpha');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const now = Math.floor(Date.now() / 1000);
    const cer = selfSignedCertificate({
      subject: [['2.5.4.3', 'pem-import.example']],
      sans: { dns_names: ['pem-import.example'] },
      ekus: ['1.3.6.1.5.5.7.3.1'],
      keyUsage: ['digitalSignature'],
      ca: false,
      notBefore: now - 60,
      notAfter: now + 30 * 86400,
      privateKey,
    });
    const certPem = new X509Certificate(cer).toString();
    const pem = (privateKey.export({ type: 'pkcs8', format: 'pem' }) as string) + certPem;
    // The SDK (4.10.3) sends PEM as text when `policy.contentType` says PEM, but serializes only an option named
    // `certificatePolicy` (the generated model's name): with `policy` alone the service sees PEM text and no PEM
    // content type, and refuses it as PKCS#12.
    const pemPolicy = { contentType: 'application/x-pem-file', issuerName: 'Unknown', subject: 'CN=ignored' } as const;
    await assert.rejects(
      c.importCertificate(uniqueName('pemnopolicy'), Buffer.from(pem), { policy: pemPolicy }),
      restError(400, 'BadParameter', /PKCS#12/),
    );
    const name = uniqueName('pemimport');
    const options: ImportCertificateOptions & { certificatePolicy: unknown } = {
      policy: pemPolicy,
      certificatePolicy: { secretProperties: { contentType: 'application/x-pem-file' } },
    };
    const cert = await c.importCertificate(name, Buffer.from(pem), options);
    assert.deepEqual(cerOf(cert), cer);
    assert.equal(cert.policy?.keyType, 'EC');
    assert.equal(cert.policy?.subject, 'CN=pem-import.example', 'x509 properties come from the certificate');
    await assert.rejects(c.importCertificate(uniqueName('pemaspfx'), Buffer.from(pem)), restError(400, 'BadParameter'));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const pkcs1 = (rsa.export({ type: 'pkcs1', format: 'pem' }) as string) + certPem;
    await assert.rejects(
      c.importCertificate(uniqueName('pkcs1'), Buffer.from(pkcs1), options),
      restError(400, 'BadParameter', /PEM X\.509 certificate content is in an unexpected format/),
    );
  });

  it('lists versions, reads one version without policy, and updates attributes, tags and policy', async () => {
    const c = certClient(env(), 'alpha');
    const name = uniqueName('versions');
    const v1 = (await create(name)).properties.version ?? '';
    const v2 = (await create(name)).properties.version ?? '';
    const listed: string[] = [];
    for await (const p of c.listPropertiesOfCertificateVersions(name)) listed.push(p.version ?? '');
    assert.deepEqual(listed.sort(), [v1, v2].sort());
    const one = await kv(env(), 'alpha', `/certificates/${name}/${v1}`);
    assert.equal((one.json as { policy?: unknown }).policy, undefined);
    assert.equal((await c.getCertificateVersion(name, v1)).properties.version, v1);
    const unknown: string[] = [];
    for await (const p of c.listPropertiesOfCertificateVersions('never-created')) unknown.push(p.id ?? '');
    assert.deepEqual(unknown, []);

    const updated = await c.updateCertificateProperties(name, '', { enabled: false, tags: { team: 'web' } });
    assert.equal(updated.properties.enabled, false);
    assert.deepEqual(updated.properties.tags, { team: 'web' });
    await assert.rejects(
      secretClient(env(), 'alpha').getSecret(name),
      restError(403, 'Forbidden'),
      "the certificate's secret follows it: disabled",
    );

    // The SDK (4.10.3) returns an empty policy from this call whatever the service answers: read it back.
    await c.updateCertificatePolicy(name, { issuerName: 'Self', subject: 'CN=renamed.example', validityInMonths: 6 });
    const policy = await c.getCertificatePolicy(name);
    assert.equal(policy.subject, 'CN=renamed.example');
    assert.equal(policy.validityInMonths, 6);
    assert.equal(policy.issuerName, 'Self', 'members the update left out keep their value');
  });

  it('cancels a pending operation, deletes it, then answers 404 PendingCertificateNotFound', async () => {
    const c = certClient(env(), 'alpha');
    const name = uniqueName('cancel');
    await kv(env(), 'alpha', `/certificates/${name}/create`, {
      method: 'POST',
      body: { policy: { x509_props: { subject: 'CN=cancel.example' }, issuer: { name: 'Self' } } },
    });
    // Read once first (as the recorded Python client does): the cancellation must still win over completion.
    const running = await kv(env(), 'alpha', `/certificates/${name}/pending`);
    assert.equal((running.json as { status: string }).status, 'inProgress');
    const cancel = await kv(env(), 'alpha', `/certificates/${name}/pending`, {
      method: 'PATCH',
      body: { cancellation_requested: true },
    });
    assert.equal(cancel.status, 200);
    assert.equal((cancel.json as { cancellation_requested: boolean }).cancellation_requested, true);
    assert.equal((cancel.json as { status: string }).status, 'inProgress');
    const after = await kv(env(), 'alpha', `/certificates/${name}/pending`);
    assert.equal((after.json as { status: string }).status, 'cancelled');
    const deleted = await c.deleteCertificateOperation(name);
    assert.equal(deleted.status, 'cancelled');
    const never = await kv(env(), 'alpha', `/certificates/${name}/`);
    assert.equal((never.json as { cer?: string }).cer, undefined, 'a cancelled certificate is never issued');
    const gone = await kv(env(), 'alpha', `/certificates/${name}/pending`);
    assert.equal(gone.status, 404);
    assert.deepEqual(errorOf(gone), {
      code: 'PendingCertificateNotFound',
      message: `Pending Certificate not found: ${name}`,
    });
  });

  it('soft-deletes, lists, recovers and purges a certificate, taking its key and secret with it', async () => {
    const c = certClient(env(), 'alpha');
    const name = uniqueName('deleted');
    await create(name);
    const deleted = await (await c.beginDeleteCertificate(name, FAST)).pollUntilDone();
    assert.equal(deleted.name, name);
    assert.ok(deleted.recoveryId?.endsWith(`/deletedcertificates/${name}`));
    await assert.rejects(c.getCertificate(name), restError(404, 'CertificateNotFound'));
    await assert.rejects(secretClient(env(), 'alpha').getSecret(name), restError(404));
    await assert.rejects(keyClient(env(), 'alpha').getKey(name), restError(404));
    const listed: string[] = [];
    for await (const d of c.listDeletedCertificates()) listed.push(d.name);
    assert.ok(listed.includes(name));
    assert.equal((await c.getDeletedCertificate(name)).name, name);

    const recovered = await (await c.beginRecoverDeletedCertificate(name, FAST)).pollUntilDone();
    assert.equal(recovered.name, name);
    assert.equal((await secretClient(env(), 'alpha').getSecret(name)).properties.managed, true);
    assert.equal((await keyClient(env(), 'alpha').getKey(name)).properties.managed, true);

    await (await c.beginDeleteCertificate(name, FAST)).pollUntilDone();
    await c.purgeDeletedCertificate(name);
    await assert.rejects(c.getDeletedCertificate(name), restError(404, 'CertificateNotFound'));
    await assert.rejects(c.getCertificate(name), restError(404, 'CertificateNotFound'));
  });

  it('backs up and restores a certificate with the same certificate bytes, and refuses a malformed blob', async () => {
    const c = certClient(env(), 'alpha');
    const name = uniqueName('backup');
    const original = await create(name);
    const blob = await c.backupCertificate(name);
    assert.ok(blob && blob.length > 100);
    assert.equal(Buffer.from(blob).toString('latin1').includes(name), false, 'the blob is opaque');
    await (await c.beginDeleteCertificate(name, FAST)).pollUntilDone();
    await c.purgeDeletedCertificate(name);
    const restored = await c.restoreCertificateBackup(blob);
    assert.deepEqual(cerOf(restored), cerOf(original));
    assert.equal(restored.properties.version, original.properties.version);
    assert.equal((await secretClient(env(), 'alpha').getSecret(name)).properties.managed, true);
    await assert.rejects(
      c.restoreCertificateBackup(new Uint8Array([1, 2, 3, 4])),
      restError(400, 'Malformed backup blob'),
    );
  });

  it('answers the recorded errors: unknown name, invalid name', async () => {
    const c = certClient(env(), 'alpha');
    await assert.rejects(
      c.getCertificate('no-such-cert'),
      restError(404, 'CertificateNotFound', /A certificate with \(name\/id\) no-such-cert was not found/),
    );
    const badTags = await kv(env(), 'alpha', '/certificates/bad-tags/create', {
      method: 'POST',
      body: { policy: { x509_props: { subject: 'CN=x' } }, tags: { n: 1 } },
    });
    assert.equal(badTags.status, 400, 'tag values are strings, as for secrets');
    assert.equal(errorOf(badTags).code, 'BadParameter');
    await assert.rejects(c.getCertificate('bad-tags'), restError(404, 'CertificateNotFound'), 'nothing was created');
    const bad = await kv(env(), 'alpha', '/certificates/bad_name/create', { method: 'POST', body: { policy: {} } });
    assert.equal(bad.status, 400);
    assert.deepEqual(errorOf(bad), {
      code: 'BadParameter',
      message: 'The request URI contains an invalid name: bad_name',
    });
  });

  it('pages certificates 25 at a time, with a nextLink to the rest', async () => {
    const c = certClient(env(), 'paging');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const now = Math.floor(Date.now() / 1000);
    const cer = selfSignedCertificate({
      subject: [['2.5.4.3', 'paging.example']],
      sans: {},
      ekus: [],
      keyUsage: [],
      ca: false,
      notBefore: now,
      notAfter: now + 86400,
      privateKey,
    });
    const pem = (privateKey.export({ type: 'pkcs8', format: 'pem' }) as string) + new X509Certificate(cer).toString();
    for (let i = 0; i < 27; i++) {
      const r = await kv(env(), 'paging', `/certificates/page-${String(i).padStart(2, '0')}/import`, {
        method: 'POST',
        body: { value: pem, policy: { secret_props: { contentType: 'application/x-pem-file' } } },
      });
      assert.equal(r.status, 200);
    }
    const pages: number[] = [];
    for await (const page of c.listPropertiesOfCertificates().byPage()) pages.push(page.length);
    assert.deepEqual(pages, [25, 2]);
    const first = await kv(env(), 'paging', '/certificates');
    const body = first.json as { value: Array<Record<string, unknown>>; nextLink: string | null };
    assert.match(String(body.nextLink), /\/certificates\?api-version=.*\$skiptoken=/);
    assert.equal(body.value[0]?.subject, '', 'list items carry the undocumented empty subject');
    assert.equal((body.value[0]?.attributes as Record<string, unknown>).recoveryLevel, undefined);
  });
});

describe('emulator: demo seed certificates and keys', function () {
  this.timeout(60_000);
  it('seeds contoso-dev with a certificate near expiry, an expired one and two keys', async function () {
    skipLive("the local server's demo seed");
    const emu = await startEmulator({ seed: 'demo' });
    try {
      // Before any certificate request: the certificates' secrets are listed with the other secrets.
      const managed: string[] = [];
      for await (const p of secretClient(emu, 'contoso-dev').listPropertiesOfSecrets()) {
        if (p.managed && p.name.endsWith('-tls')) managed.push(p.name);
      }
      assert.deepEqual(managed.sort(), ['legacy-api-tls', 'web-frontend-tls']);
      const certs: Array<{ name?: string; expiresOn?: Date }> = [];
      for await (const p of certClient(emu, 'contoso-dev').listPropertiesOfCertificates()) certs.push(p);
      const now = Date.now();
      const soon = certs.find((p) => p.name === 'web-frontend-tls');
      const expired = certs.find((p) => p.name === 'legacy-api-tls');
      assert.ok(soon?.expiresOn && soon.expiresOn.getTime() > now && soon.expiresOn.getTime() < now + 30 * 86400_000);
      assert.ok(expired?.expiresOn && expired.expiresOn.getTime() < now);
      const cert = await certClient(emu, 'contoso-dev').getCertificate('web-frontend-tls');
      const notAfter = Date.parse(new X509Certificate(cerOf(cert)).validTo);
      assert.equal(notAfter, soon.expiresOn.getTime(), 'the certificate itself expires when its bundle says');
      const keys: string[] = [];
      for await (const k of keyClient(emu, 'contoso-dev').listPropertiesOfKeys()) {
        if (!k.managed) keys.push(k.name);
      }
      assert.deepEqual(keys.sort(), ['data-encryption-key', 'signing-key']);
    } finally {
      await emu.stop();
    }
  });
});

// Creating and importing certificates through the vault layer's certificates client and the real SDK, against the
// local Key Vault server: a policy the service refuses is said in words before anything is issued; a PEM with its
// key imports (line ends made LF first, as the import command sends it); a PFX with a wrong password is refused
// on the password, in words that never show it.
import * as assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import type { Emulator } from '../../emulator/server';
import { skipLive } from '../../live/target';
import { certificateFiles } from '../../fixtures/certificateFiles';
import { staticTokenCredential } from '../../../src/vault/credentials';
import { CertificatesVaultClient } from '../../../src/vault/CertificatesVaultClient';
import { certificateFileKind, importBytes } from '../../../src/transfer/certificateFiles';
import { pemToPfx, pfxToPem, WrongPfxPassword } from '../../../src/transfer/certificateConvert';
import { createAndFollow } from '../../../src/vault/certificateCreation';
import { clientFor, failure, start, vaultRef } from './helpers';
import { pemBegin } from '../../harness/pemLabels';

describe('vault layer: creating and importing certificates', function () {
  this.timeout(120_000);
  let emu: Emulator | undefined;
  const client = (): CertificatesVaultClient => {
    if (emu === undefined) throw new Error('emulator not started');
    const e = emu;
    return new CertificatesVaultClient(vaultRef(e, 'cci'), {
      credential: staticTokenCredential(),
      emulator: true,
      pollIntervalMs: 20,
      retryOptions: { maxRetries: 0 },
      caPem: () => Promise.resolve(e.caPem),
    });
  };

  before(async function () {
    skipLive("the local server's certificates");
    emu = await start({ vaults: [{ name: 'cci' }] });
  });
  after(async () => {
    await emu?.stop();
  });

  it('a create the service refuses (a key size it does not issue) fails in words, and nothing is listed', async () => {
    const refused = await failure(
      client().beginCreate('too-small', { subject: 'CN=small.example', keyType: 'RSA', keySize: 1024 }),
      'badParameter',
    );
    assert.match(refused.message, /^Key Vault refused the certificate policy: .*key_size/);
    assert.equal(refused.field, 'policy');
    assert.deepEqual((await client().list()).items, []);
  });

  it('stopping the wait leaves the creation to Key Vault: the pending certificate is listed and is issued later', async () => {
    const stop = new AbortController();
    let pendingSeen = 0;
    const waited = createAndFollow(
      client(),
      'stopped-wait',
      { subject: 'CN=stopped.example' },
      {
        signal: stop.signal,
        pollMs: 60_000,
        pending: () => {
          pendingSeen++;
          stop.abort();
        },
      },
    );
    await assert.rejects(waited);
    assert.equal(pendingSeen, 1, 'the pending operation was not reported before the wait stopped');
    assert.ok(
      (await client().list()).items.some((c) => c.name === 'stopped-wait'),
      'the pending certificate is not listed',
    );
    let state = await client().operation('stopped-wait');
    for (let i = 0; i < 50 && state.status === 'inProgress'; i++) state = await client().operation('stopped-wait');
    assert.equal(state.status, 'completed');
  });

  it('imports a PEM (key first, CRLF made LF) and the certificate reads back with its subject', async () => {
    const files = certificateFiles('pem-import.example', '');
    const text = `${files.keyPem}${files.certificatePem}`.replace(/\n/g, '\r\n');
    const bytes = Buffer.from(text);
    const kind = certificateFileKind(bytes);
    assert.equal(kind, 'application/x-pem-file');
    const imported = await client().importCertificate('pem-import', {
      content: importBytes(bytes, kind),
      contentType: kind,
    });
    assert.match(imported.x509?.subject ?? '', /CN=pem-import\.example/);
    assert.equal(imported.policy?.contentType, 'application/x-pem-file');
    // The backing secret holds what was imported: Node's crypto reads its key and certificate, and they match.
    const secrets = clientFor(emu as Emulator, 'cci');
    const backing = await secrets.getValue('pem-import');
    assert.ok(new X509Certificate(backing.value).checkPrivateKey(createPrivateKey(backing.value)));
  });

  it('a PFX with a wrong password is refused on the password field, without the password in the words', async () => {
    const wrong = 'wrong-Pa55-canary';
    const files = certificateFiles('pfx-import.example', 'right-Pa55');
    const refused = await failure(
      client().importCertificate('pfx-import', {
        content: files.pfx,
        password: wrong,
        contentType: 'application/x-pkcs12',
      }),
      'badParameter',
    );
    assert.equal(refused.field, 'password');
    assert.ok(!refused.message.includes(wrong));
  });
});

describe('Convert Certificate File (PFX ↔ PEM), locally', function () {
  this.timeout(120_000);
  let emu: Emulator | undefined;
  before(async function () {
    skipLive("the local server's certificates");
    emu = await start({ vaults: [{ name: 'conv' }] });
  });
  after(async () => {
    await emu?.stop();
  });

  it('a PFX becomes a PEM whose key (first) and certificate Node reads and matches; a wrong password is said as such', async () => {
    const files = certificateFiles('convert.example', 'conv-Pa55');
    await assert.rejects(pfxToPem(files.pfx, 'not-it'), WrongPfxPassword);
    const pem = await pfxToPem(files.pfx, 'conv-Pa55');
    assert.ok(pem.startsWith(`${pemBegin()}\n`), 'the PEM does not start with its PKCS#8 key');
    const certificate = new X509Certificate(pem);
    assert.match(certificate.subject, /CN=convert\.example/);
    assert.ok(certificate.checkPrivateKey(createPrivateKey(pem)));
  });

  it('a PEM becomes a PFX that TLS loads with its password, and converts back to the same certificate', async () => {
    const files = certificateFiles('back.example', '');
    const pfx = await pemToPfx(`${files.certificatePem}${files.keyPem}`, 'new-Pa55');
    assert.doesNotThrow(() => createSecureContext({ pfx: Buffer.from(pfx), passphrase: 'new-Pa55' }));
    const again = await pfxToPem(pfx, 'new-Pa55');
    assert.equal(new X509Certificate(again).fingerprint256, new X509Certificate(files.certificatePem).fingerprint256);
  });

  it("Key Vault's own PFX (no password) converts to a PEM Node reads; an EC PEM to PFX is refused in words", async () => {
    const e = emu as Emulator;
    const certs = new CertificatesVaultClient(vaultRef(e, 'conv'), {
      credential: staticTokenCredential(),
      emulator: true,
      pollIntervalMs: 20,
      retryOptions: { maxRetries: 0 },
      caPem: () => Promise.resolve(e.caPem),
    });
    const watch = { signal: new AbortController().signal, pollMs: 20 };
    const pfxEnd = await createAndFollow(
      certs,
      'kv-pfx',
      { subject: 'CN=kv.example', contentType: 'application/x-pkcs12' },
      watch,
    );
    assert.equal(pfxEnd.status, 'completed');
    const backing = await clientFor(e, 'conv').getValue('kv-pfx');
    const pem = await pfxToPem(Buffer.from(backing.value, 'base64'), '');
    assert.ok(new X509Certificate(pem).checkPrivateKey(createPrivateKey(pem)));

    const ecInput = {
      subject: 'CN=ec.example',
      keyType: 'EC',
      keyCurve: 'P-256',
      contentType: 'application/x-pem-file',
    } as const;
    assert.equal((await createAndFollow(certs, 'kv-ec', ecInput, watch)).status, 'completed');
    const ecPem = (await clientFor(e, 'conv').getValue('kv-ec')).value;
    assert.equal(createPrivateKey(ecPem).asymmetricKeyType, 'ec');
    await assert.rejects(pemToPfx(ecPem, ''), /RSA key only; this key is EC/);
  });
});

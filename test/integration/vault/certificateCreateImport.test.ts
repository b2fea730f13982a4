// Creating and importing certificates through the vault layer's certificates client and the real SDK, against the
// local Key Vault server: a policy the service refuses is said in words before anything is issued; a PEM with its
// key imports (line ends made LF first, as the import command sends it); a PFX with a wrong password is refused
// on the password, in words that never show it.
import * as assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { Emulator } from '../../emulator/server';
import { skipLive } from '../../live/target';
import { certificateFiles } from '../../fixtures/certificateFiles';
import { staticTokenCredential } from '../../../src/vault/credentials';
import { CertificatesVaultClient } from '../../../src/vault/CertificatesVaultClient';
import { certificateFileKind, importBytes } from '../../../src/transfer/certificateFiles';
import { clientFor, failure, start, vaultRef } from './helpers';

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
    assert.match(refused.message, /key_size/);
    assert.deepEqual((await client().list()).items, []);
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

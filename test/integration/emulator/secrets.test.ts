// PROTOCOL.md §6.2 cases 2-5: set, get, versions, update, disabled, empty value, names and limits,
// and certificate-backed secrets.

import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { RestError } from '@azure/core-rest-pipeline';
import forge from 'node-forge';
import { client, errorOf, HEX32, kv, startFor, uniqueName, type RawResponse } from './helpers';

/** A real PKCS#12 (no password) holding a self-signed certificate, base64. */
function makePfx(): string {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date();
  cert.validity.notAfter = new Date(Date.now() + 86400_000);
  cert.setSubject([{ name: 'commonName', value: 'tls-cert' }]);
  cert.setIssuer([{ name: 'commonName', value: 'tls-cert' }]);
  const key = forge.pki.privateKeyFromPem(privateKey);
  cert.sign(key, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], null, { algorithm: '3des' });
  return forge.util.encode64(forge.asn1.toDer(p12).getBytes());
}

const LONG_NOT_FOUND = (n: string): string =>
  `A secret with (name/id) ${n} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`;

function badParam(r: RawResponse): void {
  assert.equal(r.status, 400, r.text);
  assert.equal(errorOf(r).code, 'BadParameter');
}

async function statusOf(p: Promise<unknown>): Promise<number | string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof RestError ? (e.statusCode ?? 'no status') : String(e);
  }
}

describe('emulator: secrets (set, get, update, limits)', () => {
  const pfx = makePfx();
  const env = startFor({
    seed: {
      vaults: [
        {
          name: 'alpha',
          recoverableDays: 90,
          secrets: [
            { name: 'tls-cert', managed: true, versions: [{ value: pfx, contentType: 'application/x-pkcs12' }] },
            {
              name: 'fixed',
              versions: [
                { value: 'one', version: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', created: '-2d' },
                { value: 'two', created: '-1d', tags: { t: '1' } },
              ],
            },
            {
              name: 'typed',
              versions: [
                { value: 'plain words', contentType: 'text/plain', version: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' },
              ],
            },
            { name: 'user-pfx', versions: [{ value: pfx, contentType: 'application/x-pkcs12' }] },
            {
              name: 'rotated-cert',
              managed: true,
              versions: [
                {
                  value: pfx,
                  contentType: 'application/x-pkcs12',
                  version: 'c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1',
                  created: '2025-05-01T00:00:00Z',
                },
                {
                  value: pfx,
                  contentType: 'application/x-pkcs12',
                  version: 'c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2',
                  created: '-2d',
                },
                {
                  value: pfx,
                  contentType: 'application/x-pkcs12',
                  version: 'c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3',
                  created: '-1d',
                },
              ],
            },
          ],
        },
      ],
    },
  });

  it('sets a secret: 200, 32-hex version, absolute id on its own origin, value and attributes', async () => {
    const emu = env.get();
    const name = uniqueName('set');
    const r = await kv(emu, 'alpha', `/secrets/${name}`, { method: 'PUT', body: { value: 'hello', attributes: {} } });
    assert.equal(r.status, 200);
    const b = r.json as { id: string; value: string; attributes: Record<string, unknown> };
    const m = new RegExp(`^${emu.vaults.alpha?.url ?? ''}/secrets/${name}/([0-9a-f]{32})$`).exec(b.id);
    assert.ok(m, b.id);
    assert.equal(b.value, 'hello');
    assert.equal(b.attributes.enabled, true);
    assert.equal(b.attributes.recoveryLevel, 'Recoverable+Purgeable');
    assert.equal(b.attributes.recoverableDays, 90);
    assert.equal(b.attributes.created, b.attributes.updated);
    assert.ok(Math.abs(Number(b.attributes.created) - Date.now() / 1000) < 5);
    assert.deepEqual(Object.keys(b).sort(), ['attributes', 'id', 'value']);
  });

  it('creates a new version on a second set; get latest returns the newest, get by version the old one', async () => {
    const c = client(env.get(), 'alpha');
    const name = uniqueName('ver');
    const v1 = await c.setSecret(name, 'first');
    const v2 = await c.setSecret(name, 'second');
    assert.match(v1.properties.version ?? '', HEX32);
    assert.notEqual(v1.properties.version, v2.properties.version);
    assert.equal((await c.getSecret(name)).value, 'second');
    assert.equal((await c.getSecret(name, { version: v1.properties.version })).value, 'first');
    const versions = [];
    for await (const p of c.listPropertiesOfSecretVersions(name)) {
      versions.push(p.version);
    }
    assert.deepEqual(versions.sort(), [v1.properties.version, v2.properties.version].sort());
  });

  it('treats secret names case-insensitively', async () => {
    const c = client(env.get(), 'alpha');
    const name = uniqueName('Case');
    await c.setSecret(name, 'x');
    assert.equal((await c.getSecret(name.toUpperCase())).value, 'x');
  });

  it('answers GET of an unknown name with 404 SecretNotFound and the long message', async () => {
    const r = await kv(env.get(), 'alpha', '/secrets/does-not-exist/');
    assert.equal(r.status, 404);
    assert.deepEqual(r.json, { error: { code: 'SecretNotFound', message: LONG_NOT_FOUND('does-not-exist') } });
  });

  it('answers GET of an unknown version with 404 naming name/version', async () => {
    const r = await kv(env.get(), 'alpha', '/secrets/fixed/0123456789abcdef0123456789abcdef');
    assert.equal(r.status, 404);
    assert.deepEqual(r.json, {
      error: { code: 'SecretNotFound', message: LONG_NOT_FOUND('fixed/0123456789abcdef0123456789abcdef') },
    });
  });

  it('surfaces 404 through the SDK as RestError SecretNotFound', async () => {
    const c = client(env.get(), 'alpha');
    await assert.rejects(
      c.getSecret('nope-nope'),
      (e: unknown) => e instanceof RestError && e.statusCode === 404 && e.code === 'SecretNotFound',
    );
  });

  it('serves seeded versions with their fixed ids, oldest first in the versions list, and the last as current', async () => {
    const emu = env.get();
    const r = await kv(emu, 'alpha', '/secrets/fixed/');
    assert.equal((r.json as { value: string }).value, 'two');
    const old = await kv(emu, 'alpha', '/secrets/fixed/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    assert.equal((old.json as { value: string }).value, 'one');
  });

  it('refuses GET of a disabled secret with 403 SecretDisabled, and still allows update', async () => {
    const emu = env.get();
    const c = client(emu, 'alpha');
    const name = uniqueName('disabled');
    const set = await c.setSecret(name, 'hidden', { enabled: false });
    assert.equal(set.properties.enabled, false);
    const r = await kv(emu, 'alpha', `/secrets/${name}/`);
    assert.equal(r.status, 403);
    assert.deepEqual(r.json, {
      error: {
        code: 'Forbidden',
        message: 'Operation get is not allowed on a disabled secret.',
        innererror: { code: 'SecretDisabled' },
      },
    });
    await assert.rejects(
      c.getSecret(name),
      (e: unknown) => e instanceof RestError && e.statusCode === 403 && e.code === 'Forbidden',
    );
    const upd = await c.updateSecretProperties(name, set.properties.version ?? '', { tags: { a: 'b' } });
    assert.equal(upd.enabled, false);
    assert.deepEqual(upd.tags, { a: 'b' });
    await c.updateSecretProperties(name, set.properties.version ?? '', { enabled: true });
    assert.equal((await c.getSecret(name)).value, 'hidden');
  });

  it('disables one version only: the others stay readable', async () => {
    const c = client(env.get(), 'alpha');
    const name = uniqueName('partial');
    const v1 = await c.setSecret(name, 'a');
    await c.setSecret(name, 'b');
    await c.updateSecretProperties(name, v1.properties.version ?? '', { enabled: false });
    assert.equal((await c.getSecret(name)).value, 'b');
    assert.equal(await statusOf(c.getSecret(name, { version: v1.properties.version })), 403);
  });

  it('accepts an empty value', async () => {
    const c = client(env.get(), 'alpha');
    const name = uniqueName('empty');
    const s = await c.setSecret(name, '');
    assert.equal(s.value, '');
    assert.equal((await c.getSecret(name)).value, '');
  });

  it('round-trips contentType, tags, nbf and exp; update answers without value', async () => {
    const emu = env.get();
    const c = client(emu, 'alpha');
    const name = uniqueName('attrs');
    const nbf = new Date(Math.floor(Date.now() / 1000) * 1000 - 3600_000);
    const exp = new Date(Math.floor(Date.now() / 1000) * 1000 + 86400_000);
    const s = await c.setSecret(name, 'v', {
      contentType: 'text/plain',
      tags: { env: 'dev' },
      notBefore: nbf,
      expiresOn: exp,
    });
    assert.equal(s.properties.contentType, 'text/plain');
    assert.deepEqual(s.properties.tags, { env: 'dev' });
    assert.equal(s.properties.notBefore?.getTime(), nbf.getTime());
    assert.equal(s.properties.expiresOn?.getTime(), exp.getTime());
    const r = await kv(emu, 'alpha', `/secrets/${name}/${s.properties.version ?? ''}`, {
      method: 'PATCH',
      body: { contentType: 'application/json', tags: { env: 'prod' } },
    });
    assert.equal(r.status, 200);
    const b = r.json as Record<string, unknown>;
    assert.equal('value' in b, false);
    assert.equal(b.contentType, 'application/json');
    assert.deepEqual(b.tags, { env: 'prod' });
    assert.equal(b.id, s.properties.id);
  });

  it('reads expired and not-yet-valid secrets: nbf/exp are informational', async () => {
    const c = client(env.get(), 'alpha');
    const name = uniqueName('expired');
    await c.setSecret(name, 'old', {
      expiresOn: new Date(Date.now() - 86400_000),
      notBefore: new Date(Date.now() + 86400_000),
    });
    assert.equal((await c.getSecret(name)).value, 'old');
  });

  it('answers update of an unknown secret or version with 404', async () => {
    const emu = env.get();
    const r1 = await kv(emu, 'alpha', '/secrets/ghost/0123456789abcdef0123456789abcdef', { method: 'PATCH', body: {} });
    assert.equal(r1.status, 404);
    assert.equal(errorOf(r1).message, LONG_NOT_FOUND('ghost/0123456789abcdef0123456789abcdef'));
  });

  it('rejects an invalid name with 400 BadParameter', async () => {
    const r = await kv(env.get(), 'alpha', '/secrets/bad_name', { method: 'PUT', body: { value: 'x' } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, {
      error: { code: 'BadParameter', message: 'The request URI contains an invalid name: bad_name' },
    });
  });

  it('rejects an invalid name through the SDK', async () => {
    assert.equal(await statusOf(client(env.get(), 'alpha').setSecret('has.dot', 'x')), 400);
  });

  it('enforces the 127-character name limit', async () => {
    const emu = env.get();
    assert.equal(
      (await kv(emu, 'alpha', `/secrets/${'n'.repeat(127)}`, { method: 'PUT', body: { value: 'x' } })).status,
      200,
    );
    badParam(await kv(emu, 'alpha', `/secrets/${'n'.repeat(128)}`, { method: 'PUT', body: { value: 'x' } }));
  });

  it('enforces the 25 KB value limit (25600 bytes, counted in UTF-8)', async () => {
    const emu = env.get();
    assert.equal(
      (await kv(emu, 'alpha', '/secrets/big-ok', { method: 'PUT', body: { value: 'x'.repeat(25600) } })).status,
      200,
    );
    badParam(await kv(emu, 'alpha', '/secrets/big-no', { method: 'PUT', body: { value: 'x'.repeat(25601) } }));
    badParam(await kv(emu, 'alpha', '/secrets/big-utf8', { method: 'PUT', body: { value: 'é'.repeat(12801) } }));
  });

  it('enforces at most 15 tags', async () => {
    const emu = env.get();
    const tags = (n: number): Record<string, string> =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, 'v']));
    assert.equal(
      (await kv(emu, 'alpha', '/secrets/tags-ok', { method: 'PUT', body: { value: 'x', tags: tags(15) } })).status,
      200,
    );
    badParam(await kv(emu, 'alpha', '/secrets/tags-no', { method: 'PUT', body: { value: 'x', tags: tags(16) } }));
    badParam(await kv(emu, 'alpha', '/secrets/tags-ok/', { method: 'PATCH', body: { tags: tags(16) } }));
  });

  it('enforces 256-character tag names and values', async () => {
    const emu = env.get();
    assert.equal(
      (
        await kv(emu, 'alpha', '/secrets/tag-len', {
          method: 'PUT',
          body: { value: 'x', tags: { ['k'.repeat(256)]: 'v'.repeat(256) } },
        })
      ).status,
      200,
    );
    badParam(
      await kv(emu, 'alpha', '/secrets/tag-len', {
        method: 'PUT',
        body: { value: 'x', tags: { ['k'.repeat(257)]: 'v' } },
      }),
    );
    badParam(
      await kv(emu, 'alpha', '/secrets/tag-len', { method: 'PUT', body: { value: 'x', tags: { k: 'v'.repeat(257) } } }),
    );
  });

  it('enforces the 255-character content type', async () => {
    const emu = env.get();
    assert.equal(
      (await kv(emu, 'alpha', '/secrets/ct-len', { method: 'PUT', body: { value: 'x', contentType: 'c'.repeat(255) } }))
        .status,
      200,
    );
    badParam(
      await kv(emu, 'alpha', '/secrets/ct-len', { method: 'PUT', body: { value: 'x', contentType: 'c'.repeat(256) } }),
    );
  });

  it('rejects a set without a value or with a body that is not JSON', async () => {
    const emu = env.get();
    badParam(await kv(emu, 'alpha', '/secrets/no-value', { method: 'PUT', body: { contentType: 'x' } }));
    badParam(await kv(emu, 'alpha', '/secrets/no-value', { method: 'PUT', body: '{nope' }));
    badParam(await kv(emu, 'alpha', '/secrets/no-value', { method: 'PUT' }));
  });

  it('serves certificate-backed secrets: managed, kid, application/x-pkcs12', async () => {
    const emu = env.get();
    const c = client(emu, 'alpha');
    const s = await c.getSecret('tls-cert');
    assert.equal(s.properties.managed, true);
    assert.equal(s.properties.contentType, 'application/x-pkcs12');
    assert.equal(
      s.properties.certificateKeyId,
      `${emu.vaults.alpha?.url ?? ''}/keys/tls-cert/${s.properties.version ?? ''}`,
    );
    assert.equal(s.value, pfx);
    let listed: boolean | undefined;
    for await (const p of c.listPropertiesOfSecrets()) {
      if (p.name === 'tls-cert') {
        listed = p.managed;
      }
    }
    assert.equal(listed, true);
  });

  it('converts a certificate-backed PFX to PEM when asked with outContentType', async () => {
    const c = client(env.get(), 'alpha');
    const s = await c.getSecret('tls-cert', { outContentType: 'application/x-pem-file' });
    assert.equal(s.properties.contentType, 'application/x-pem-file');
    // `[ ]` keeps the committed-key scan from taking this assertion for a key.
    assert.match(s.value ?? '', /^-----BEGIN CERTIFICATE-----[\s\S]+-----BEGIN PRIVATE[ ]KEY-----/);
  });

  it('converts over raw HTTPS too: 200, same id, kid and managed, contentType application/x-pem-file', async () => {
    const emu = env.get();
    const plain = await kv(emu, 'alpha', '/secrets/tls-cert/');
    const r = await kv(emu, 'alpha', '/secrets/tls-cert/?outContentType=application/x-pem-file');
    assert.equal(r.status, 200, r.text);
    const b = r.json as Record<string, unknown>;
    const p = plain.json as Record<string, unknown>;
    assert.equal(b.id, p.id);
    assert.equal(b.kid, p.kid);
    assert.equal(b.managed, true);
    assert.equal(b.contentType, 'application/x-pem-file');
    assert.match(String(b.value), /^-----BEGIN CERTIFICATE-----\n/);
  });

  describe('PEM conversion of a secret that is not certificate-backed (issue 16)', () => {
    const PEM = 'outContentType=application/x-pem-file';
    const UNSUPPORTED = {
      error: {
        code: 'BadParameter',
        message:
          "The 'Unsupported' to 'PEM' transformation is not supported. Only PFX to PEM transformation is supported.",
      },
    };

    for (const [label, path] of [
      ['a text/plain secret', '/secrets/typed/'],
      ['an untyped secret', '/secrets/fixed/'],
      ['one version of a text/plain secret', '/secrets/typed/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'],
      ['an older version of an untyped secret', '/secrets/fixed/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
    ] as const) {
      it(`answers PEM of ${label} with 400 BadParameter "'Unsupported' to 'PEM'"`, async () => {
        const r = await kv(env.get(), 'alpha', `${path}?${PEM}`);
        assert.equal(r.status, 400);
        assert.deepEqual(r.json, UNSUPPORTED);
      });
    }

    it('surfaces it through the SDK as RestError 400 BadParameter', async () => {
      const c = client(env.get(), 'alpha');
      for (const name of ['typed', 'fixed']) {
        await assert.rejects(
          c.getSecret(name, { outContentType: 'application/x-pem-file' }),
          (e: unknown) =>
            e instanceof RestError &&
            e.statusCode === 400 &&
            e.code === 'BadParameter' &&
            e.message === UNSUPPORTED.error.message,
        );
      }
      assert.equal((await c.getSecret('typed')).value, 'plain words', 'the plain GET still works');
    });

    it('answers PEM of a PFX stored by the user (not certificate-backed) the same way', async () => {
      const r = await kv(env.get(), 'alpha', `/secrets/user-pfx/?${PEM}`);
      assert.equal(r.status, 400);
      assert.deepEqual(r.json, UNSUPPORTED);
    });

    it('answers a disabled secret with 403 SecretDisabled before looking at the conversion', async () => {
      const emu = env.get();
      const name = uniqueName('pem-disabled');
      await client(emu, 'alpha').setSecret(name, 'x', { contentType: 'text/plain', enabled: false });
      const r = await kv(emu, 'alpha', `/secrets/${name}/?${PEM}`);
      assert.equal(r.status, 403);
      assert.equal(errorOf(r).innererror?.code, 'SecretDisabled');
    });

    it('ignores outContentType before api-version 2025-07-01, where it does not exist', async () => {
      const r = await kv(env.get(), 'alpha', `/secrets/typed/?${PEM}`, {}, '2025-06-01');
      assert.equal(r.status, 200);
      assert.equal((r.json as { value: string }).value, 'plain words');
    });

    it("answers PFX of a plain secret with 400 BadParameter \"'Unsupported' to 'PFX'\"", async () => {
      for (const name of ['typed', 'fixed', 'user-pfx']) {
        const r = await kv(env.get(), 'alpha', `/secrets/${name}/?outContentType=application/x-pkcs12`);
        assert.equal(r.status, 400, name);
        assert.equal(
          errorOf(r).message,
          UNSUPPORTED.error.message.replace(/'PEM' transformation/, "'PFX' transformation"),
        );
      }
      const cert = await kv(env.get(), 'alpha', '/secrets/tls-cert/?outContentType=application/x-pkcs12');
      assert.equal(cert.status, 200, 'a certificate-backed PFX is returned as it is');
    });
  });

  describe('previousVersion of certificate-backed secrets (PROTOCOL.md §1.3, §6.1)', () => {
    it('names the previous certificate version for versions created after 2025-06-01', async () => {
      const c = client(env.get(), 'alpha');
      assert.equal((await c.getSecret('rotated-cert')).properties.previousVersion, 'c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2');
      assert.equal(
        (await c.getSecret('rotated-cert', { version: 'c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2' })).properties.previousVersion,
        'c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1',
      );
    });

    it('has none for a version created before 2025-06-01, a first version, or a secret that is not certificate-backed', async () => {
      const c = client(env.get(), 'alpha');
      assert.equal(
        (await c.getSecret('rotated-cert', { version: 'c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1' })).properties.previousVersion,
        undefined,
      );
      assert.equal((await c.getSecret('tls-cert')).properties.previousVersion, undefined);
      assert.equal((await c.getSecret('fixed')).properties.previousVersion, undefined);
      const r = await kv(env.get(), 'alpha', '/secrets/fixed/');
      assert.equal('previousVersion' in (r.json as Record<string, unknown>), false);
    });

    it('is not sent before api-version 2025-07-01, nor in list items', async () => {
      const emu = env.get();
      const old = await kv(emu, 'alpha', '/secrets/rotated-cert/', {}, '2025-06-01');
      assert.equal(old.status, 200);
      assert.equal('previousVersion' in (old.json as Record<string, unknown>), false);
      const versions = await kv(emu, 'alpha', '/secrets/rotated-cert/versions');
      for (const it of (versions.json as { value: Record<string, unknown>[] }).value) {
        assert.equal('previousVersion' in it, false);
      }
    });
  });

  it('refuses set, update and delete on a certificate-backed secret with 403 SecretManagedByKeyVault', async () => {
    const emu = env.get();
    const set = await kv(emu, 'alpha', '/secrets/tls-cert', { method: 'PUT', body: { value: 'x' } });
    assert.equal(set.status, 403);
    assert.deepEqual(set.json, {
      error: {
        code: 'Forbidden',
        message: 'Operation "set" is not allowed as this object\'s lifetime is managed by Key Vault.',
        innererror: { code: 'SecretManagedByKeyVault' },
      },
    });
    assert.equal((await kv(emu, 'alpha', '/secrets/tls-cert/', { method: 'PATCH', body: { tags: {} } })).status, 403);
    assert.equal((await kv(emu, 'alpha', '/secrets/tls-cert', { method: 'DELETE' })).status, 403);
  });
});

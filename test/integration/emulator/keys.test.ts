// CERTS-KEYS.md §4 against the local server through the real KeyClient over HTTPS: RSA/EC keys with real key
// material (public JWK members only), versions and paging, update, rotate and the rotation policy, soft delete,
// backup/restore and the recorded errors.

import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { RestError } from '@azure/core-rest-pipeline';
import { KeyClient, type JsonWebKey } from '@azure/keyvault-keys';
import { startEmulator, type Emulator } from '../../emulator/server';
import { skipLive } from '../../live/target';
import { errorOf, fakeCredential, HEX32, kv, uniqueName } from './helpers';

const FAST = { intervalInMs: 20 };

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

/** The public key a JWK from the service stands for, as Node reads it. */
function publicKeyOf(jwk: JsonWebKey | undefined) {
  assert.ok(jwk);
  const b64 = (u: Uint8Array | undefined): string => Buffer.from(u ?? []).toString('base64url');
  const kty = String(jwk.kty).replace(/-HSM$/, '');
  return createPublicKey({
    key: kty === 'RSA' ? { kty, n: b64(jwk.n), e: b64(jwk.e) } : { kty, crv: jwk.crv, x: b64(jwk.x), y: b64(jwk.y) },
    format: 'jwk',
  });
}

describe('emulator: keys through the KeyClient', function () {
  this.timeout(60_000);
  let emu: Emulator | undefined;
  const env = (): Emulator => {
    if (!emu) throw new Error('emulator not started');
    return emu;
  };
  const c = (vault = 'alpha'): KeyClient => keyClient(env(), vault);
  before(async function () {
    skipLive("the local server's keys; the live suite covers secrets");
    emu = await startEmulator({ seed: { vaults: [{ name: 'alpha' }, { name: 'paging' }] } });
  });
  after(async () => {
    await emu?.stop();
  });

  it('creates an RSA key of real material: 2048-bit public JWK, the six operations, no private member', async () => {
    const name = uniqueName('rsa');
    const key = await c().createRsaKey(name);
    assert.equal(key.keyType, 'RSA');
    assert.match(key.properties.version ?? '', HEX32);
    assert.equal(key.id, `${env().vaults.alpha?.url}/keys/${name}/${key.properties.version ?? ''}`);
    assert.deepEqual(key.keyOperations, ['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey']);
    assert.equal(key.key?.n?.length, 256);
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const) {
      assert.equal(key.key?.[member], undefined, `no ${member}`);
    }
    assert.equal(publicKeyOf(key.key).asymmetricKeyDetails?.modulusLength, 2048);
    const raw = await kv(env(), 'alpha', `/keys/${name}/`);
    const attrs = (raw.json as { attributes: Record<string, unknown> }).attributes;
    assert.equal(attrs.exportable, false);
    assert.equal(attrs.hsmPlatform, '0');
    assert.equal(attrs.key_size, 2048);
    const older = await kv(env(), 'alpha', `/keys/${name}/`, {}, '7.5');
    const olderAttrs = (older.json as { attributes: Record<string, unknown> }).attributes;
    assert.equal(olderAttrs.key_size, undefined, 'key_size arrived with the 2025 service builds');
    assert.equal(olderAttrs.exportable, false);
  });

  it('creates EC keys on the asked curve (P-256 by default) that Node reads back', async () => {
    const p256 = await c().createEcKey(uniqueName('ec'));
    assert.equal(p256.key?.crv, 'P-256');
    assert.deepEqual(p256.keyOperations, ['sign', 'verify']);
    assert.equal(publicKeyOf(p256.key).asymmetricKeyDetails?.namedCurve, 'prime256v1');
    const p384 = await c().createEcKey(uniqueName('ec384'), { curve: 'P-384', hsm: true });
    assert.equal(p384.keyType, 'EC-HSM');
    assert.equal(p384.key?.crv, 'P-384');
    assert.equal(publicKeyOf(p384.key).asymmetricKeyDetails?.namedCurve, 'secp384r1');
    const raw = await kv(env(), 'alpha', `/keys/${p384.name}/`);
    assert.equal((raw.json as { attributes: { hsmPlatform: string } }).attributes.hsmPlatform, '2');
  });

  it('imports a private JWK and serves only its public part', async () => {
    const name = uniqueName('imported');
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = privateKey.export({ format: 'jwk' });
    const b = (s: string | undefined): Uint8Array => Buffer.from(s ?? '', 'base64url');
    const key = await c().importKey(name, { kty: 'EC', crv: 'P-256', x: b(jwk.x), y: b(jwk.y), d: b(jwk.d) });
    assert.equal(key.key?.d, undefined);
    assert.ok(publicKeyOf(key.key).equals(publicKey));
  });

  it('reads the latest key and each version, lists versions, and answers an unknown name with an empty list', async () => {
    const name = uniqueName('versions');
    const v1 = await c().createRsaKey(name);
    const v2 = await c().createRsaKey(name);
    assert.equal((await c().getKey(name)).properties.version, v2.properties.version);
    const first = await c().getKey(name, { version: v1.properties.version ?? '' });
    assert.deepEqual(first.key?.n, v1.key?.n);
    const listed: string[] = [];
    for await (const p of c().listPropertiesOfKeyVersions(name)) listed.push(p.version ?? '');
    assert.deepEqual(listed.sort(), [v1.properties.version, v2.properties.version].sort());
    const none: string[] = [];
    for await (const p of c().listPropertiesOfKeyVersions('never-made')) none.push(p.name);
    assert.deepEqual(none, []);
  });

  it('updates enabled, expiry, tags and operations of the latest version', async () => {
    const name = uniqueName('update');
    await c().createEcKey(name);
    const expiresOn = new Date(Math.floor(Date.now() / 1000 + 86400) * 1000);
    const updated = await c().updateKeyProperties(name, {
      enabled: false,
      expiresOn,
      tags: { owner: 'team-a' },
      keyOps: ['verify'],
    });
    assert.equal(updated.properties.enabled, false);
    assert.equal(updated.properties.expiresOn?.getTime(), expiresOn.getTime());
    assert.deepEqual(updated.properties.tags, { owner: 'team-a' });
    assert.deepEqual(updated.keyOperations, ['verify']);
    const read = await c().getKey(name);
    assert.equal(read.properties.enabled, false, 'a disabled key is still readable');
  });

  it('rotates a key into a new version with new material, its expiry from the rotation policy', async () => {
    const name = uniqueName('rotate');
    const original = await c().createRsaKey(name);
    const byDefault = await c().getKeyRotationPolicy(name);
    assert.equal(byDefault.id, undefined);
    assert.deepEqual(
      byDefault.lifetimeActions?.map((a) => [a.action, a.timeBeforeExpiry]),
      [['Notify', 'P30D']],
    );
    const raw = await kv(env(), 'alpha', `/keys/${name}/rotationpolicy`);
    assert.equal(
      raw.text,
      '{"lifetimeActions":[{"trigger":{"timeBeforeExpiry":"P30D"},"action":{"type":"Notify"}}],"attributes":null}',
    );

    const policy = await c().updateKeyRotationPolicy(name, {
      lifetimeActions: [{ action: 'Rotate', timeBeforeExpiry: 'P30D' }],
      expiresIn: 'P90D',
    });
    assert.deepEqual(
      policy.lifetimeActions?.map((a) => a.action).sort(),
      ['Notify', 'Rotate'],
      'the service adds the notification',
    );
    assert.equal(policy.expiresIn, 'P90D');
    assert.equal((await c().getKeyRotationPolicy(name)).expiresIn, 'P90D');

    const rotated = await c().rotateKey(name);
    assert.notEqual(rotated.properties.version, original.properties.version);
    assert.notDeepEqual(rotated.key?.n, original.key?.n);
    const created = rotated.properties.createdOn?.getTime() ?? 0;
    assert.equal(rotated.properties.expiresOn?.getTime(), created + 90 * 86400_000);
    assert.equal((await c().getKey(name)).properties.version, rotated.properties.version);
    await assert.rejects(
      c().updateKeyRotationPolicy(name, { lifetimeActions: [], expiresIn: 'P7D' }),
      restError(400, 'BadParameter', /28 days/),
    );
  });

  it('soft-deletes, lists, recovers and purges a key', async () => {
    const name = uniqueName('deleted');
    await c().createEcKey(name);
    const deleted = await (await c().beginDeleteKey(name, FAST)).pollUntilDone();
    assert.ok(deleted.properties.recoveryId?.endsWith(`/deletedkeys/${name}`));
    assert.ok(deleted.properties.scheduledPurgeDate);
    await assert.rejects(c().getKey(name), restError(404, 'KeyNotFound'));
    const listed: string[] = [];
    for await (const d of c().listDeletedKeys()) listed.push(d.name);
    assert.ok(listed.includes(name));
    assert.equal((await c().getDeletedKey(name)).name, name);
    await assert.rejects(c().createEcKey(name), restError(409, 'Conflict', /deleted but recoverable/));
    await (await c().beginRecoverDeletedKey(name, FAST)).pollUntilDone();
    assert.equal((await c().getKey(name)).name, name);
    await (await c().beginDeleteKey(name, FAST)).pollUntilDone();
    await c().purgeDeletedKey(name);
    await assert.rejects(c().getDeletedKey(name), restError(404, 'KeyNotFound'));
  });

  it('backs up and restores every version of a key, and refuses a malformed blob', async () => {
    const name = uniqueName('backup');
    const v1 = await c().createRsaKey(name);
    const v2 = await c().rotateKey(name);
    const blob = await c().backupKey(name);
    assert.ok(blob);
    await (await c().beginDeleteKey(name, FAST)).pollUntilDone();
    await c().purgeDeletedKey(name);
    const restored = await c().restoreKeyBackup(blob);
    assert.equal(restored.properties.version, v2.properties.version);
    assert.deepEqual(
      (await c().getKey(name, { version: v1.properties.version ?? '' })).key?.n,
      v1.key?.n,
      'the older version came back with its material',
    );
    await assert.rejects(c().restoreKeyBackup(blob), restError(409, 'Conflict'));
    await assert.rejects(c().restoreKeyBackup(new Uint8Array([9, 9, 9])), restError(400, 'Malformed backup blob'));
  });

  it('answers an unknown key with the recorded 404 KeyNotFound, for get, delete, rotate and the policy', async () => {
    await assert.rejects(
      c().getKey('no-such-key'),
      restError(404, 'KeyNotFound', /A key with \(name\/id\) no-such-key was not found in this key vault/),
    );
    await assert.rejects(c().beginDeleteKey('no-such-key'), restError(404, 'KeyNotFound'));
    await assert.rejects(c().rotateKey('no-such-key'), restError(404, 'KeyNotFound'));
    const policy = await kv(env(), 'alpha', '/keys/no-such-key/rotationpolicy');
    assert.equal(policy.status, 404);
    assert.equal(errorOf(policy).code, 'KeyNotFound');
  });

  it('pages keys 25 at a time, each item an unversioned kid without key material', async () => {
    for (let i = 0; i < 27; i++) {
      await c('paging').createEcKey(`key-${String(i).padStart(2, '0')}`);
    }
    const pages: number[] = [];
    for await (const page of c('paging').listPropertiesOfKeys().byPage()) pages.push(page.length);
    assert.deepEqual(pages, [25, 2]);
    const raw = await kv(env(), 'paging', '/keys?maxresults=25');
    const body = raw.json as { value: Array<Record<string, unknown>>; nextLink: string | null };
    assert.equal(body.value[0]?.kid, `${env().vaults.paging?.url}/keys/key-00`);
    assert.equal(body.value[0]?.key, undefined);
    assert.match(String(body.nextLink), /\/keys\?api-version=.*\$skiptoken=/);
  });
});

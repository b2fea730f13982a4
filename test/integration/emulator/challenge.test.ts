// PROTOCOL.md §3.1 and §6.2 cases 1, 5 (405) and 13: the challenge, headers, api-versions.

import assert from 'node:assert/strict';
import { SecretClient } from '@azure/keyvault-secrets';
import { client, errorOf, fakeCredential, kv, raw, startFor } from './helpers';

const TENANT = '11111111-2222-3333-4444-555555555555';
const CHALLENGE = `Bearer authorization="https://login.microsoftonline.com/${TENANT}", resource="https://vault.azure.net"`;

describe('emulator: 401 challenge, headers and api-versions', () => {
  const env = startFor({
    tenantId: TENANT,
    seed: { vaults: [{ name: 'alpha', secrets: [{ name: 'known', versions: [{ value: 'v' }] }] }] },
  });

  for (const [method, path, body] of [
    ['GET', '/secrets/known/', undefined],
    ['GET', '/secrets', undefined],
    ['PUT', '/secrets/new-one', { value: 'x' }],
    ['PUT', '/secrets/new-one', '{ this is not json'],
    ['PATCH', '/secrets/known/0123456789abcdef0123456789abcdef', { tags: {} }],
    ['DELETE', '/secrets/known', undefined],
    ['POST', '/secrets/known/backup', undefined],
    ['POST', '/secrets/restore', { value: 'AAAA' }],
    ['DELETE', '/deletedsecrets/known', undefined],
    ['POST', '/deletedsecrets/known/recover', undefined],
    ['PUT', '/secrets/', { value: 'x' }],
    ['GET', '/no/such/route', undefined],
  ] as const) {
    it(`answers an unauthenticated ${method} ${path}${typeof body === 'string' ? ' (bad JSON)' : ''} with the 401 challenge`, async () => {
      const emu = env.get();
      emu.resetCounts();
      const r = await kv(emu, 'alpha', path, { method, body, auth: false });
      assert.equal(r.status, 401);
      assert.equal(r.headers['www-authenticate'], CHALLENGE);
      assert.deepEqual(r.json, {
        error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer, PoP, or MTLS_POP token.' },
      });
      assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(r.headers['x-ms-keyvault-rbac-assignment-id'], undefined);
      assert.deepEqual(emu.counts('alpha'), { Challenge: 1 });
    });
  }

  it('challenges a non-Bearer Authorization header too', async () => {
    const r = await kv(env.get(), 'alpha', '/secrets', { auth: false, headers: { Authorization: 'Basic dTpw' } });
    assert.equal(r.status, 401);
    assert.equal(r.headers['www-authenticate'], CHALLENGE);
  });

  it('accepts any non-empty bearer token', async () => {
    const r = await kv(env.get(), 'alpha', '/secrets/known/', {
      auth: false,
      headers: { Authorization: 'Bearer anything.at.all' },
    });
    assert.equal(r.status, 200);
    assert.equal((r.json as { value: string }).value, 'v');
  });

  it('answers PUT /secrets/ with 405 MethodNotAllowed once authenticated, without the RBAC header', async () => {
    const r = await kv(env.get(), 'alpha', '/secrets/', { method: 'PUT', body: { value: 'x' } });
    assert.equal(r.status, 405);
    assert.deepEqual(r.json, { error: { code: 'MethodNotAllowed', message: 'HTTP PUT not allowed' } });
    assert.equal(r.headers['x-ms-keyvault-rbac-assignment-id'], undefined);
  });

  it('sends the service headers and echoes x-ms-client-request-id', async () => {
    const r = await kv(env.get(), 'alpha', '/secrets/known/', { headers: { 'x-ms-client-request-id': 'abc-123' } });
    assert.equal(r.status, 200);
    assert.equal(r.headers['x-ms-client-request-id'], 'abc-123');
    assert.match(String(r.headers['x-ms-request-id']), /^[0-9a-f-]{36}$/);
    assert.equal(r.headers['cache-control'], 'no-cache');
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['strict-transport-security'], 'max-age=31536000;includeSubDomains');
  });

  it('rejects an unknown api-version with 400 BadParameter', async () => {
    const r = await kv(env.get(), 'alpha', '/secrets/known/', {}, '2099-01-01');
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, {
      error: {
        code: 'BadParameter',
        message:
          'The specified version (2099-01-01) is not recognized. Consider using the latest supported version (2026-04-01).',
      },
    });
  });

  it('rejects a missing api-version with 400 BadParameter', async () => {
    const emu = env.get();
    const r = await raw(emu, emu.vaults.alpha?.url ?? '', '/secrets/known/');
    assert.equal(r.status, 400);
    assert.equal(errorOf(r).code, 'BadParameter');
  });

  for (const v of ['7.0', '7.2', '7.4', '7.5', '7.6', '2025-06-01', '2025-07-01', '2026-04-01']) {
    it(`accepts api-version ${v}`, async () => {
      const r = await kv(env.get(), 'alpha', '/secrets/known/', {}, v);
      assert.equal(r.status, 200);
    });
  }

  it('works through the SDK at its default api-version (2026-04-01), challenging once per client', async () => {
    const emu = env.get();
    emu.resetCounts();
    const c = new SecretClient(emu.vaults.alpha?.url ?? '', fakeCredential, {
      tlsOptions: { ca: emu.caPem },
      disableChallengeResourceVerification: true,
    });
    assert.equal((await c.getSecret('known')).value, 'v');
    await c.setSecret('known', 'v2');
    assert.equal((await c.getSecret('known')).value, 'v2');
    assert.deepEqual(emu.counts('alpha'), { Challenge: 1, GetSecret: 2, SetSecret: 1 });
  });

  it('works through the SDK pinned to 2025-07-01', async () => {
    const c = client(env.get(), 'alpha');
    const s = await c.getSecret('known');
    assert.equal(s.properties.vaultUrl, env.get().vaults.alpha?.url);
  });

  it('keeps the SDK verifying the challenge resource unless told otherwise (localhost is not *.vault.azure.net)', async () => {
    const emu = env.get();
    const c = new SecretClient(emu.vaults.alpha?.url ?? '', fakeCredential, {
      tlsOptions: { ca: emu.caPem },
      serviceVersion: '2025-07-01',
    });
    await assert.rejects(c.getSecret('known'), /does not match the requested domain/);
  });

  it('is refused by a client that does not trust its CA', async () => {
    const emu = env.get();
    const c = new SecretClient(emu.vaults.alpha?.url ?? '', fakeCredential, {
      disableChallengeResourceVerification: true,
      retryOptions: { maxRetries: 0 },
    });
    await assert.rejects(c.getSecret('known'), /self[- ]signed|unable to verify|certificate/i);
  });
});

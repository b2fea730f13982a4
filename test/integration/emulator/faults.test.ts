// PROTOCOL.md §6.2 case 12 and §4.4: injected faults as the SDK's retry policy meets them,
// and the request counters.

import assert from 'node:assert/strict';
import https from 'node:https';
import { RestError } from '@azure/core-rest-pipeline';
import { client, kv, startFor } from './helpers';

describe('emulator: fault injection and counters', () => {
  const env = startFor({
    seed: {
      vaults: [
        { name: 'alpha', secrets: [{ name: 's', versions: [{ value: 'v' }] }] },
        { name: 'beta', secrets: [{ name: 's', versions: [{ value: 'b' }] }] },
      ],
    },
  });

  afterEach(() => env.get().clearFaults());

  /** A client that has already done its challenge, with counters reset. */
  async function warmClient(vault: string, extra = {}): Promise<ReturnType<typeof client>> {
    const emu = env.get();
    const c = client(emu, vault, extra);
    await c.getSecret('s');
    emu.resetCounts();
    return c;
  }

  it('429 with Retry-After: the SDK waits that long and retries', async () => {
    const emu = env.get();
    const c = await warmClient('alpha');
    emu.injectFault({ vault: 'alpha', route: 'GetSecret', kind: '429', retryAfterSeconds: 1, times: 1 });
    const t0 = Date.now();
    assert.equal((await c.getSecret('s')).value, 'v');
    assert.ok(Date.now() - t0 >= 950, `waited ${Date.now() - t0} ms`);
    assert.deepEqual(emu.counts('alpha'), { GetSecret: 2 });
  });

  it('429 with retry-after-ms: the SDK waits those milliseconds', async () => {
    const emu = env.get();
    const c = await warmClient('alpha');
    emu.injectFault({ route: 'GetSecret', kind: '429', retryAfterMs: 200, times: 2 });
    const t0 = Date.now();
    assert.equal((await c.getSecret('s')).value, 'v');
    assert.ok(Date.now() - t0 >= 380);
    assert.deepEqual(emu.counts('alpha'), { GetSecret: 3 });
  });

  it('429 without Retry-After: not retried; RestError 429 Throttled with the service body', async () => {
    const emu = env.get();
    const c = await warmClient('alpha');
    emu.injectFault({ vault: 'alpha', route: 'GetSecret', kind: '429', times: 1 });
    await assert.rejects(
      c.getSecret('s'),
      (e: unknown) =>
        e instanceof RestError &&
        e.statusCode === 429 &&
        e.code === 'Throttled' &&
        e.message ===
          'Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached',
    );
    assert.deepEqual(emu.counts('alpha'), { GetSecret: 1 });
    assert.equal((await c.getSecret('s')).value, 'v', 'one-shot fault is used up');
  });

  it('raw 429 carries Retry-After only when asked', async () => {
    const emu = env.get();
    emu.injectFault({ route: 'GetSecret', kind: '429', retryAfterSeconds: 3, times: 1 });
    const a = await kv(emu, 'alpha', '/secrets/s/');
    assert.equal(a.status, 429);
    assert.equal(a.headers['retry-after'], '3');
    emu.injectFault({ route: 'GetSecret', kind: '429', times: 1 });
    const b = await kv(emu, 'alpha', '/secrets/s/');
    assert.equal(b.status, 429);
    assert.equal(b.headers['retry-after'], undefined);
  });

  it('503 N times: the SDK retries with backoff and succeeds', async () => {
    const emu = env.get();
    const c = await warmClient('alpha');
    emu.injectFault({ route: 'GetSecret', kind: '503', times: 2 });
    assert.equal((await c.getSecret('s')).value, 'v');
    assert.deepEqual(emu.counts('alpha'), { GetSecret: 3 });
  });

  it('503 more often than the SDK retries: RestError 503', async () => {
    const emu = env.get();
    const c = await warmClient('alpha');
    emu.injectFault({ route: 'GetSecret', kind: '503' });
    await assert.rejects(c.getSecret('s'), (e: unknown) => e instanceof RestError && e.statusCode === 503);
    assert.deepEqual(emu.counts('alpha'), { GetSecret: 4 }, 'first try + 3 retries');
  });

  it('503 with Retry-After is retried after that delay', async () => {
    const emu = env.get();
    const c = await warmClient('alpha');
    emu.injectFault({ route: 'GetSecret', kind: '503', retryAfterSeconds: 1, times: 1 });
    const t0 = Date.now();
    assert.equal((await c.getSecret('s')).value, 'v');
    assert.ok(Date.now() - t0 >= 950);
  });

  it('drop: the connection is destroyed; the SDK retries the reset and succeeds', async () => {
    const emu = env.get();
    const c = await warmClient('alpha');
    emu.injectFault({ route: 'GetSecret', kind: 'drop', times: 1 });
    assert.equal((await c.getSecret('s')).value, 'v');
    assert.deepEqual(emu.counts('alpha'), { GetSecret: 2 });
  });

  it('drop: a raw request sees the socket closed without a response', async () => {
    const emu = env.get();
    emu.injectFault({ route: 'GetSecret', kind: 'drop', times: 1 });
    await assert.rejects(
      kv(emu, 'alpha', '/secrets/s/'),
      (e: unknown) =>
        e instanceof Error && /socket hang up|ECONNRESET/.test(e.message + String((e as { code?: string }).code)),
    );
  });

  it('latency: the answer comes after the delay', async () => {
    const emu = env.get();
    const c = await warmClient('alpha');
    emu.injectFault({ route: 'GetSecret', kind: 'latency', ms: 300, times: 1 });
    const t0 = Date.now();
    assert.equal((await c.getSecret('s')).value, 'v');
    const took = Date.now() - t0;
    assert.ok(took >= 290, `took ${took} ms`);
  });

  it('hang: never answers; the SDK gives up on its abort signal', async () => {
    const emu = env.get();
    const c = await warmClient('alpha');
    emu.injectFault({ route: 'GetSecret', kind: 'hang', times: 1 });
    const t0 = Date.now();
    await assert.rejects(
      c.getSecret('s', { abortSignal: AbortSignal.timeout(300) }),
      (e: unknown) => e instanceof Error && e.name === 'AbortError',
    );
    assert.ok(Date.now() - t0 < 3000);
  });

  it('hang: a raw request gets no response at all', async () => {
    const emu = env.get();
    emu.injectFault({ route: 'GetSecrets', kind: 'hang', times: 1 });
    const outcome = await new Promise<string>((resolve) => {
      const req = https.request(
        `${emu.vaults.alpha?.url ?? ''}/secrets?api-version=2025-07-01`,
        { headers: { Authorization: 'Bearer t' }, ca: emu.caPem, agent: false },
        () => resolve('answered'),
      );
      req.setTimeout(300, () => {
        req.destroy();
        resolve('timeout');
      });
      req.on('error', () => undefined);
      req.end();
    });
    assert.equal(outcome, 'timeout');
  });

  it('scopes faults by vault and route', async () => {
    const emu = env.get();
    const a = await warmClient('alpha');
    const b = await warmClient('beta');
    emu.injectFault({ vault: 'alpha', route: 'GetSecrets', kind: '429' });
    assert.equal((await a.getSecret('s')).value, 'v', 'other route of the vault is untouched');
    assert.equal((await b.getSecret('s')).value, 'b', 'other vault is untouched');
    const items = [];
    for await (const p of b.listPropertiesOfSecrets()) {
      items.push(p.name);
    }
    assert.deepEqual(items, ['s']);
    await assert.rejects(
      async () => {
        for await (const p of a.listPropertiesOfSecrets()) {
          assert.fail(`unexpected ${p.name}`);
        }
      },
      (e: unknown) => e instanceof RestError && e.statusCode === 429,
    );
  });

  it('clearFaults removes unlimited faults', async () => {
    const emu = env.get();
    emu.injectFault({ kind: '503' });
    assert.equal((await kv(emu, 'alpha', '/secrets/s/')).status, 503);
    emu.clearFaults();
    assert.equal((await kv(emu, 'alpha', '/secrets/s/')).status, 200);
  });

  it('does not apply faults to the challenge, and counts it as "Challenge"', async () => {
    const emu = env.get();
    emu.resetCounts();
    emu.injectFault({ vault: 'alpha', kind: '503', times: 1 });
    const r = await kv(emu, 'alpha', '/secrets/s/', { auth: false });
    assert.equal(r.status, 401);
    assert.equal((await kv(emu, 'alpha', '/secrets/s/')).status, 503);
    assert.deepEqual(emu.counts('alpha'), { Challenge: 1, GetSecret: 1 });
  });

  it('counts every route by operationId, per vault and in total; resets', async () => {
    const emu = env.get();
    const c = await warmClient('alpha');
    await c.setSecret('counted', 'x');
    await c.updateSecretProperties('counted', (await c.getSecret('counted')).properties.version ?? '', { tags: {} });
    for await (const p of c.listPropertiesOfSecretVersions('counted')) {
      assert.ok(p.version);
    }
    await c.backupSecret('counted');
    await (await c.beginDeleteSecret('counted', { intervalInMs: 10 })).pollUntilDone();
    for await (const d of c.listDeletedSecrets()) {
      assert.ok(d.name);
    }
    await c.purgeDeletedSecret('counted');
    await kv(emu, 'alpha', '/secrets/', { method: 'PUT', body: {} });
    await kv(emu, 'beta', '/secrets/s/');
    assert.deepEqual(emu.counts('alpha'), {
      SetSecret: 1,
      GetSecret: 1,
      UpdateSecret: 1,
      GetSecretVersions: 1,
      BackupSecret: 1,
      DeleteSecret: 1,
      GetDeletedSecret: 1,
      GetDeletedSecrets: 1,
      PurgeDeletedSecret: 1,
      MethodNotAllowed: 1,
    });
    assert.equal(emu.counts().GetSecret, 2);
    emu.resetCounts();
    assert.deepEqual(emu.counts(), {});
  });
});

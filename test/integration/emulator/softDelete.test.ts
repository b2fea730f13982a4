// PROTOCOL.md §6.2 cases 7-10 and §3.4: delete, get-deleted, recover, purge, recovery levels,
// purge protection, and the asynchronous windows with the SDK's pollers.

import assert from 'node:assert/strict';
import { RestError } from '@azure/core-rest-pipeline';
import { client, errorOf, kv, sleep, startFor, uniqueName, type RawResponse } from './helpers';
import { skipLive } from '../../live/target';

const WINDOW = 500;
/** PROTOCOL.md §3.2: the answer to GetDeletedSecret once a disabled secret's delete is visible. */
const DISABLED_BODY = {
  error: {
    code: 'Forbidden',
    message: 'Operation get is not allowed on a disabled secret.',
    innererror: { code: 'SecretDisabled' },
  },
};

interface DeletedItem {
  id: string;
  recoveryId: string;
  deletedDate: number;
  scheduledPurgeDate: number;
  attributes: { enabled: boolean };
}

describe('emulator: soft delete, recover, purge', () => {
  const env = startFor({
    seed: {
      vaults: [
        {
          name: 'alpha',
          recoverableDays: 90,
          deleted: [{ name: 'seeded-disabled', versions: [{ value: 'x', enabled: false }] }],
        },
        {
          name: 'seven',
          recoverableDays: 7,
          deleted: [
            { name: 'too-old', deletedAt: '-8d', versions: [{ value: 'x' }] },
            { name: 'recent', deletedAt: '-6d', versions: [{ value: 'y' }] },
          ],
        },
        { name: 'locked', recoverableDays: 30, purgeProtection: true, location: 'northeurope' },
        { name: 'locked90', purgeProtection: true },
        { name: 'hard', softDelete: false },
        { name: 'slow', asyncWindowMs: WINDOW },
      ],
    },
  });

  async function makeSecret(vault: string, prefix: string): Promise<{ name: string; version: string }> {
    const s = await client(env.get(), vault).setSecret(uniqueName(prefix), 'value');
    return { name: s.name, version: s.properties.version ?? '' };
  }

  it('deletes: 200 DeletedSecretBundle without value, recoveryId, scheduledPurgeDate = deletedDate + 90 days', async () => {
    const emu = env.get();
    const origin = emu.vaults.alpha?.url ?? '';
    const { name, version } = await makeSecret('alpha', 'del');
    const r = await kv(emu, 'alpha', `/secrets/${name}`, { method: 'DELETE' });
    assert.equal(r.status, 200);
    const b = r.json as Record<string, unknown>;
    assert.equal('value' in b, false);
    assert.equal(b.recoveryId, `${origin}/deletedsecrets/${name}`);
    assert.equal(b.id, `${origin}/secrets/${name}/${version}`);
    assert.ok(Math.abs(Number(b.deletedDate) - Date.now() / 1000) < 5);
    assert.equal(Number(b.scheduledPurgeDate) - Number(b.deletedDate), 90 * 86400);
    assert.equal((b.attributes as Record<string, unknown>).recoveryLevel, 'Recoverable+Purgeable');
  });

  it('uses the customised retention: 7 days → CustomizedRecoverable+Purgeable and 7 × 86400', async () => {
    const emu = env.get();
    const { name } = await makeSecret('seven', 'del7');
    const r = await kv(emu, 'seven', `/secrets/${name}`, { method: 'DELETE' });
    const b = r.json as {
      scheduledPurgeDate: number;
      deletedDate: number;
      attributes: { recoveryLevel: string; recoverableDays: number };
    };
    assert.equal(b.scheduledPurgeDate - b.deletedDate, 7 * 86400);
    assert.equal(b.attributes.recoveryLevel, 'CustomizedRecoverable+Purgeable');
    assert.equal(b.attributes.recoverableDays, 7);
  });

  it('reports purge protection in the recovery level: Recoverable (90 days) and CustomizedRecoverable', async () => {
    const emu = env.get();
    const a = await client(emu, 'locked90').setSecret('p', 'v');
    assert.equal(a.properties.recoveryLevel, 'Recoverable');
    const b = await client(emu, 'locked').setSecret('p', 'v');
    assert.equal(b.properties.recoveryLevel, 'CustomizedRecoverable');
    assert.equal(b.properties.recoverableDays, 30);
  });

  it('purges deleted secrets on its own once the retention has passed', async () => {
    const emu = env.get();
    assert.equal((await kv(emu, 'seven', '/deletedsecrets/too-old')).status, 404);
    assert.equal((await kv(emu, 'seven', '/deletedsecrets/recent')).status, 200);
  });

  it('answers get of a deleted secret with the long 404, and get-deleted with the deleted bundle', async () => {
    skipLive("assumes the local server's instant delete and purge; Key Vault takes 2-5 s");
    const emu = env.get();
    const { name } = await makeSecret('alpha', 'gd');
    await kv(emu, 'alpha', `/secrets/${name}`, { method: 'DELETE' });
    const get = await kv(emu, 'alpha', `/secrets/${name}/`);
    assert.equal(get.status, 404);
    assert.equal(errorOf(get).code, 'SecretNotFound');
    assert.match(errorOf(get).message ?? '', /^A secret with \(name\/id\) .* was not found in this key vault/);
    const d = await client(emu, 'alpha').getDeletedSecret(name);
    assert.equal(d.properties.recoveryId, `${emu.vaults.alpha?.url ?? ''}/deletedsecrets/${name}`);
    assert.ok(d.properties.deletedOn instanceof Date);
    assert.equal(d.value, undefined);
  });

  it('answers delete of an unknown name with 404 SecretNotFound (long message)', async () => {
    const r = await kv(env.get(), 'alpha', '/secrets/never-was', { method: 'DELETE' });
    assert.equal(r.status, 404);
    assert.match(errorOf(r).message ?? '', /^A secret with \(name\/id\) never-was was not found/);
  });

  it('answers get-deleted of a name never deleted with 404 SecretNotFound (long message, PROTOCOL.md §3.2)', async () => {
    const live = uniqueName('still-here');
    await client(env.get(), 'alpha').setSecret(live, 'v');
    for (const name of ['never-was', live]) {
      const r = await kv(env.get(), 'alpha', `/deletedsecrets/${name}`);
      assert.equal(r.status, 404);
      assert.match(errorOf(r).message ?? '', new RegExp(`^A secret with \\(name/id\\) ${name} was not found`));
    }
  });

  it('refuses set on a soft-deleted name with 409 ObjectIsDeletedButRecoverable', async () => {
    skipLive("assumes the local server's instant delete and purge; Key Vault takes 2-5 s");
    const emu = env.get();
    const { name } = await makeSecret('alpha', 'reuse');
    await kv(emu, 'alpha', `/secrets/${name}`, { method: 'DELETE' });
    const r = await kv(emu, 'alpha', `/secrets/${name}`, { method: 'PUT', body: { value: 'again' } });
    assert.equal(r.status, 409);
    assert.deepEqual(r.json, {
      error: {
        code: 'Conflict',
        message: `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.`,
        innererror: { code: 'ObjectIsDeletedButRecoverable' },
      },
    });
  });

  it('recovers: 200 SecretBundle without value; the secret is readable again with all versions', async () => {
    skipLive("assumes the local server's instant delete and purge; Key Vault takes 2-5 s");
    const emu = env.get();
    const c = client(emu, 'alpha');
    const name = uniqueName('rec');
    await c.setSecret(name, 'one');
    const v2 = await c.setSecret(name, 'two');
    await kv(emu, 'alpha', `/secrets/${name}`, { method: 'DELETE' });
    const r = await kv(emu, 'alpha', `/deletedsecrets/${name}/recover`, { method: 'POST' });
    assert.equal(r.status, 200);
    const b = r.json as Record<string, unknown>;
    assert.equal('value' in b, false);
    assert.equal(b.id, v2.properties.id);
    assert.equal((await c.getSecret(name)).value, 'two');
    let n = 0;
    for await (const v of c.listPropertiesOfSecretVersions(name)) {
      n += v.version ? 1 : 0;
    }
    assert.equal(n, 2);
  });

  it('answers recover of an unknown name with 404 SecretNotFound (long message)', async () => {
    const r = await kv(env.get(), 'alpha', '/deletedsecrets/never-was/recover', { method: 'POST' });
    assert.equal(r.status, 404);
    assert.match(errorOf(r).message ?? '', /^A secret with \(name\/id\) never-was was not found/);
  });

  it('purges: 204 with no body, no Content-Type, no Content-Length; the name is free again', async () => {
    skipLive("assumes the local server's instant delete and purge; Key Vault takes 2-5 s");
    const emu = env.get();
    const { name } = await makeSecret('alpha', 'purge');
    await kv(emu, 'alpha', `/secrets/${name}`, { method: 'DELETE' });
    const r = await kv(emu, 'alpha', `/deletedsecrets/${name}`, { method: 'DELETE' });
    assert.equal(r.status, 204);
    assert.equal(r.text, '');
    assert.equal(r.headers['content-type'], undefined);
    assert.equal(r.headers['content-length'], undefined);
    assert.equal((await kv(emu, 'alpha', `/deletedsecrets/${name}`)).status, 404);
    assert.equal((await kv(emu, 'alpha', `/secrets/${name}`, { method: 'PUT', body: { value: 'new' } })).status, 200);
  });

  it('answers purge of a name that is not deleted with 404 "Deleted Secret not found"', async () => {
    const emu = env.get();
    const { name } = await makeSecret('alpha', 'live');
    const r = await kv(emu, 'alpha', `/deletedsecrets/${name}`, { method: 'DELETE' });
    assert.equal(r.status, 404);
    assert.deepEqual(r.json, { error: { code: 'SecretNotFound', message: `Deleted Secret not found: ${name}` } });
  });

  it('refuses purge when purge protection is on: 403 with the service text; recover still works', async () => {
    const emu = env.get();
    const c = client(emu, 'locked');
    const { name } = await makeSecret('locked', 'pp');
    await (await c.beginDeleteSecret(name, { intervalInMs: 10 })).pollUntilDone();
    const r = await kv(emu, 'locked', `/deletedsecrets/${name}`, { method: 'DELETE' });
    assert.equal(r.status, 403);
    assert.deepEqual(r.json, {
      error: {
        code: 'Forbidden',
        message:
          'Operation "purge" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed. Vault: locked;location=northeurope',
      },
    });
    await assert.rejects(c.purgeDeletedSecret(name), (e: unknown) => e instanceof RestError && e.statusCode === 403);
    await (await c.beginRecoverDeletedSecret(name, { intervalInMs: 10 })).pollUntilDone();
    assert.equal((await c.getSecret(name)).value, 'value');
  });

  it('deletes at once in a vault without soft delete: Purgeable, recoverableDays 0, no recoveryId, the SDK poller completes', async () => {
    const emu = env.get();
    const c = client(emu, 'hard');
    const s = await c.setSecret(uniqueName('hard'), 'v');
    assert.equal(s.properties.recoveryLevel, 'Purgeable');
    // PROTOCOL.md §1.3: recoverableDays is "≥7 and ≤90 when softDelete enabled, otherwise 0".
    assert.equal(s.properties.recoverableDays, 0);
    const raw = await kv(emu, 'hard', `/secrets/${s.name}/`);
    assert.equal((raw.json as { attributes: Record<string, unknown> }).attributes.recoverableDays, 0);
    emu.resetCounts();
    const poller = await c.beginDeleteSecret(s.name, { intervalInMs: 10 });
    const d = await poller.pollUntilDone();
    assert.equal(d.properties.recoveryId, undefined);
    assert.deepEqual(emu.counts('hard'), { DeleteSecret: 1 });
    assert.equal((await kv(emu, 'hard', `/secrets/${s.name}/`)).status, 404);
    assert.equal((await kv(emu, 'hard', `/deletedsecrets/${s.name}`)).status, 404);
  });

  it('SDK: delete poller, get deleted, recover poller, purge (window 0)', async () => {
    const c = client(env.get(), 'alpha');
    const name = uniqueName('sdk');
    await c.setSecret(name, 'v');
    const deleted = await (await c.beginDeleteSecret(name, { intervalInMs: 10 })).pollUntilDone();
    assert.equal(deleted.name, name);
    assert.ok(deleted.properties.scheduledPurgeDate instanceof Date);
    const recovered = await (await c.beginRecoverDeletedSecret(name, { intervalInMs: 10 })).pollUntilDone();
    assert.equal(recovered.name, name);
    await (await c.beginDeleteSecret(name, { intervalInMs: 10 })).pollUntilDone();
    await c.purgeDeletedSecret(name);
    await assert.rejects(c.getDeletedSecret(name), (e: unknown) => e instanceof RestError && e.statusCode === 404);
  });

  describe('a deleted secret that was disabled (issue 16)', () => {
    /** GET /deletedsecrets/{name} once the delete is visible (the service answers 404 for 2-5 s first; here 0). */
    async function visibleDeleted(vault: string, name: string): Promise<RawResponse> {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const r = await kv(env.get(), vault, `/deletedsecrets/${name}`);
        if (r.status !== 404 || Date.now() > deadline) {
          return r;
        }
        await sleep(200);
      }
    }

    async function deletedItem(vault: string, name: string): Promise<DeletedItem | undefined> {
      const list = await kv(env.get(), vault, '/deletedsecrets');
      assert.equal(list.status, 200);
      return (list.json as { value: DeletedItem[] }).value.find((i) => i.id.endsWith(`/secrets/${name}`));
    }

    it('created disabled, then deleted: get-deleted answers 403 SecretDisabled; the deleted list still shows it', async () => {
      const emu = env.get();
      const origin = emu.vaults.alpha?.url ?? '';
      const c = client(emu, 'alpha');
      const name = uniqueName('dis-created');
      await c.setSecret(name, 'hidden', { enabled: false });
      const del = await kv(emu, 'alpha', `/secrets/${name}`, { method: 'DELETE' });
      assert.equal(del.status, 200, 'the delete itself succeeds with the deleted bundle');
      assert.equal((del.json as { recoveryId?: string }).recoveryId, `${origin}/deletedsecrets/${name}`);
      const r = await visibleDeleted('alpha', name);
      assert.equal(r.status, 403);
      assert.deepEqual(r.json, DISABLED_BODY);
      await assert.rejects(
        c.getDeletedSecret(name),
        (e: unknown) =>
          e instanceof RestError &&
          e.statusCode === 403 &&
          e.code === 'Forbidden' &&
          e.message === 'Operation get is not allowed on a disabled secret.',
      );
      const item = await deletedItem('alpha', name);
      assert.ok(item, 'listed among the deleted secrets');
      assert.equal(item.recoveryId, `${origin}/deletedsecrets/${name}`);
      assert.equal(item.attributes.enabled, false);
      assert.equal(item.scheduledPurgeDate - item.deletedDate, 90 * 86400);
      const listed = [];
      for await (const d of c.listDeletedSecrets()) {
        if (d.name === name) {
          listed.push(d);
        }
      }
      assert.equal(listed.length, 1);
      assert.equal(listed[0]?.properties.enabled, false);
      assert.ok(listed[0]?.properties.deletedOn instanceof Date);
    });

    it('disabled by an update, then deleted through the SDK: the delete poller completes on the 403', async () => {
      const emu = env.get();
      const c = client(emu, 'alpha');
      const name = uniqueName('dis-updated');
      const s = await c.setSecret(name, 'v');
      await c.updateSecretProperties(name, s.properties.version ?? '', { enabled: false });
      emu.resetCounts();
      const deleted = await (await c.beginDeleteSecret(name, { intervalInMs: 10 })).pollUntilDone();
      assert.equal(deleted.name, name);
      assert.equal(deleted.properties.enabled, false);
      assert.equal(deleted.properties.recoveryId, `${emu.vaults.alpha?.url ?? ''}/deletedsecrets/${name}`);
      assert.deepEqual(emu.counts('alpha'), { DeleteSecret: 1, GetDeletedSecret: 1 });
      assert.deepEqual((await kv(emu, 'alpha', `/deletedsecrets/${name}`)).json, DISABLED_BODY);
      assert.equal((await deletedItem('alpha', name))?.attributes.enabled, false);
    });

    it('answers a seeded deleted secret whose current version is disabled with 403 too', async () => {
      const r = await kv(env.get(), 'alpha', '/deletedsecrets/seeded-disabled');
      assert.equal(r.status, 403);
      assert.deepEqual(r.json, DISABLED_BODY);
      assert.ok(await deletedItem('alpha', 'seeded-disabled'));
    });

    it('looks at the current version only: an older disabled version does not hide the deleted secret', async () => {
      const emu = env.get();
      const c = client(emu, 'alpha');
      const name = uniqueName('dis-old');
      const v1 = await c.setSecret(name, 'a');
      await c.setSecret(name, 'b');
      await c.updateSecretProperties(name, v1.properties.version ?? '', { enabled: false });
      await kv(emu, 'alpha', `/secrets/${name}`, { method: 'DELETE' });
      const r = await visibleDeleted('alpha', name);
      assert.equal(r.status, 200, r.text);
      assert.equal((r.json as { attributes: { enabled: boolean } }).attributes.enabled, true);
    });

    it('recovers: 200 without value, the recover poller completes on the 403, and the secret stays disabled until enabled', async () => {
      const emu = env.get();
      const c = client(emu, 'alpha');
      const name = uniqueName('dis-recover');
      const s = await c.setSecret(name, 'kept', { enabled: false });
      await kv(emu, 'alpha', `/secrets/${name}`, { method: 'DELETE' });
      assert.equal((await visibleDeleted('alpha', name)).status, 403);
      emu.resetCounts();
      const recovered = await (await c.beginRecoverDeletedSecret(name, { intervalInMs: 10 })).pollUntilDone();
      assert.equal(recovered.name, name);
      assert.equal(recovered.enabled, false);
      // one GET before recovering (404: deleted), the recover, one GET after (403: disabled) that ends the poll
      assert.deepEqual(emu.counts('alpha'), { GetSecret: 2, RecoverDeletedSecret: 1 });
      assert.equal(await deletedItem('alpha', name), undefined, 'no longer in the deleted list');
      assert.equal((await kv(emu, 'alpha', `/deletedsecrets/${name}`)).status, 404);
      const get = await kv(emu, 'alpha', `/secrets/${name}/`);
      assert.equal(get.status, 403);
      assert.deepEqual(get.json, DISABLED_BODY);
      await c.updateSecretProperties(name, s.properties.version ?? '', { enabled: true });
      assert.equal((await c.getSecret(name)).value, 'kept');
    });

    it('recovers through a raw POST: 200 SecretBundle without value, enabled false', async () => {
      const emu = env.get();
      const name = uniqueName('dis-raw-recover');
      await client(emu, 'alpha').setSecret(name, 'v', { enabled: false });
      await kv(emu, 'alpha', `/secrets/${name}`, { method: 'DELETE' });
      assert.equal((await visibleDeleted('alpha', name)).status, 403);
      const r = await kv(emu, 'alpha', `/deletedsecrets/${name}/recover`, { method: 'POST' });
      assert.equal(r.status, 200);
      const b = r.json as { value?: string; attributes: { enabled: boolean } };
      assert.equal('value' in b, false);
      assert.equal(b.attributes.enabled, false);
    });

    it('purges: 204, then get-deleted 404 and gone from the list', async () => {
      const emu = env.get();
      const c = client(emu, 'alpha');
      const name = uniqueName('dis-purge');
      await c.setSecret(name, 'v', { enabled: false });
      await (await c.beginDeleteSecret(name, { intervalInMs: 10 })).pollUntilDone();
      await c.purgeDeletedSecret(name);
      const r = await kv(emu, 'alpha', `/deletedsecrets/${name}`);
      assert.equal(r.status, 404);
      // Purged, the name no longer exists: the long message (the short one is only for a pending delete).
      assert.match(errorOf(r).message ?? '', /^A secret with \(name\/id\) .* was not found/);
      assert.equal(await deletedItem('alpha', name), undefined);
    });

    it(`answers 404 "Deleted Secret not found" until the delete is visible (${WINDOW} ms), then 403; the SDK poller waits for it`, async () => {
      const emu = env.get();
      const c = client(emu, 'slow');
      const name = uniqueName('dis-slow');
      await c.setSecret(name, 'v', { enabled: false });
      const t0 = Date.now();
      assert.equal((await kv(emu, 'slow', `/secrets/${name}`, { method: 'DELETE' })).status, 200);
      const early = await kv(emu, 'slow', `/deletedsecrets/${name}`);
      const listedEarly = await deletedItem('slow', name);
      assert.ok(Date.now() - t0 < WINDOW, 'the checks ran inside the window');
      assert.equal(early.status, 404);
      assert.equal(errorOf(early).message, `Deleted Secret not found: ${name}`);
      assert.equal(listedEarly, undefined);
      await sleep(WINDOW + 50);
      assert.deepEqual((await kv(emu, 'slow', `/deletedsecrets/${name}`)).json, DISABLED_BODY);
      assert.ok(await deletedItem('slow', name));

      const other = uniqueName('dis-slow-sdk');
      await c.setSecret(other, 'v', { enabled: false });
      emu.resetCounts();
      const t1 = Date.now();
      const d = await (await c.beginDeleteSecret(other, { intervalInMs: 50 })).pollUntilDone();
      assert.ok(Date.now() - t1 >= WINDOW - 20, `finished after ${Date.now() - t1} ms`);
      assert.equal(d.name, other);
      assert.ok((emu.counts('slow').GetDeletedSecret ?? 0) >= 3, JSON.stringify(emu.counts('slow')));
    });
  });

  describe(`asynchronous windows (${WINDOW} ms)`, () => {
    it('after delete: get-deleted 404, purge 409 ObjectIsBeingDeleted, set 409, recover 409 — then 200', async () => {
      const emu = env.get();
      const { name } = await makeSecret('slow', 'win');
      const t0 = Date.now();
      assert.equal((await kv(emu, 'slow', `/secrets/${name}`, { method: 'DELETE' })).status, 200);
      const gd = await kv(emu, 'slow', `/deletedsecrets/${name}`);
      const purge = await kv(emu, 'slow', `/deletedsecrets/${name}`, { method: 'DELETE' });
      const set = await kv(emu, 'slow', `/secrets/${name}`, { method: 'PUT', body: { value: 'x' } });
      const recover = await kv(emu, 'slow', `/deletedsecrets/${name}/recover`, { method: 'POST' });
      const list = await kv(emu, 'slow', '/deletedsecrets');
      assert.ok(Date.now() - t0 < WINDOW, 'the checks ran inside the window');
      assert.equal(gd.status, 404);
      assert.equal(errorOf(gd).message, `Deleted Secret not found: ${name}`);
      assert.equal(purge.status, 409);
      assert.deepEqual(purge.json, {
        error: {
          code: 'Conflict',
          message: 'Secret is currently being deleted.',
          innererror: { code: 'ObjectIsBeingDeleted' },
        },
      });
      assert.equal(set.status, 409);
      assert.deepEqual(set.json, {
        error: {
          code: 'Conflict',
          message: `Secret ${name} is currently being deleted and cannot be re-created; retry later.`,
          innererror: { code: 'ObjectIsBeingDeleted' },
        },
      });
      assert.equal(recover.status, 409);
      assert.equal(errorOf(recover).innererror?.code, 'ObjectIsBeingDeleted');
      assert.equal(
        (list.json as { value: { id: string }[] }).value.some((i) => i.id.endsWith(`/secrets/${name}`)),
        false,
        'not listed while the delete is pending',
      );
      await sleep(WINDOW + 50);
      assert.equal((await kv(emu, 'slow', `/deletedsecrets/${name}`)).status, 200);
      assert.equal((await kv(emu, 'slow', `/deletedsecrets/${name}`, { method: 'DELETE' })).status, 204);
    });

    it('after recover: get 404 and set 409 ObjectIsBeingRecovered — then 200', async () => {
      const emu = env.get();
      const { name } = await makeSecret('slow', 'rwin');
      await kv(emu, 'slow', `/secrets/${name}`, { method: 'DELETE' });
      await sleep(WINDOW + 50);
      const t0 = Date.now();
      assert.equal((await kv(emu, 'slow', `/deletedsecrets/${name}/recover`, { method: 'POST' })).status, 200);
      const get = await kv(emu, 'slow', `/secrets/${name}/`);
      const set = await kv(emu, 'slow', `/secrets/${name}`, { method: 'PUT', body: { value: 'x' } });
      assert.ok(Date.now() - t0 < WINDOW);
      assert.equal(get.status, 404);
      assert.equal(errorOf(get).code, 'SecretNotFound');
      assert.equal(set.status, 409);
      assert.deepEqual(set.json, {
        error: {
          code: 'Conflict',
          message: `Secret ${name} is currently being recovered and cannot be re-created; retry later.`,
          innererror: { code: 'ObjectIsBeingRecovered' },
        },
      });
      await sleep(WINDOW + 50);
      assert.equal((await kv(emu, 'slow', `/secrets/${name}/`)).status, 200);
    });

    it('after purge: set and restore get 409 until the purge has finished', async () => {
      const emu = env.get();
      const c = client(emu, 'slow');
      const { name } = await makeSecret('slow', 'pwin');
      const backup = await c.backupSecret(name);
      await kv(emu, 'slow', `/secrets/${name}`, { method: 'DELETE' });
      await sleep(WINDOW + 50);
      const t0 = Date.now();
      assert.equal((await kv(emu, 'slow', `/deletedsecrets/${name}`, { method: 'DELETE' })).status, 204);
      const set = await kv(emu, 'slow', `/secrets/${name}`, { method: 'PUT', body: { value: 'x' } });
      const restore = await kv(emu, 'slow', '/secrets/restore', {
        method: 'POST',
        body: { value: Buffer.from(backup ?? new Uint8Array()).toString('base64url') },
      });
      assert.ok(Date.now() - t0 < WINDOW);
      assert.equal(set.status, 409);
      assert.equal(errorOf(set).innererror?.code, 'ObjectIsBeingDeleted');
      assert.equal(restore.status, 409);
      assert.match(errorOf(restore).message ?? '', /^There was a conflict restoring the secret/);
      await sleep(WINDOW + 50);
      const restored = await c.restoreSecretBackup(backup ?? new Uint8Array());
      assert.equal(restored.name, name);
    });

    it('SDK delete poller polls GetDeletedSecret through the 404 window until 200', async () => {
      const emu = env.get();
      const c = client(emu, 'slow');
      const { name } = await makeSecret('slow', 'dpoll');
      emu.resetCounts();
      const t0 = Date.now();
      const poller = await c.beginDeleteSecret(name, { intervalInMs: 50 });
      const d = await poller.pollUntilDone();
      assert.ok(Date.now() - t0 >= WINDOW - 20, `finished after ${Date.now() - t0} ms`);
      assert.equal(d.name, name);
      assert.equal(d.properties.recoveryId, `${emu.vaults.slow?.url ?? ''}/deletedsecrets/${name}`);
      const counts = emu.counts('slow');
      assert.equal(counts.DeleteSecret, 1);
      assert.ok((counts.GetDeletedSecret ?? 0) >= 3, JSON.stringify(counts));
    });

    it('SDK recover poller polls GetSecret through the 404 window until 200', async () => {
      const emu = env.get();
      const c = client(emu, 'slow');
      const { name } = await makeSecret('slow', 'rpoll');
      await (await c.beginDeleteSecret(name, { intervalInMs: 50 })).pollUntilDone();
      emu.resetCounts();
      const t0 = Date.now();
      const s = await (await c.beginRecoverDeletedSecret(name, { intervalInMs: 50 })).pollUntilDone();
      assert.ok(Date.now() - t0 >= WINDOW - 20);
      assert.equal(s.name, name);
      const counts = emu.counts('slow');
      assert.equal(counts.RecoverDeletedSecret, 1);
      // one GET before recovering, at least one 404 inside the window, then the 200
      assert.ok((counts.GetSecret ?? 0) >= 3, JSON.stringify(counts));
      assert.equal((await c.getSecret(name)).value, 'value');
    });

    it('a resumed delete poller finishes too', async () => {
      const c = client(env.get(), 'slow');
      const { name } = await makeSecret('slow', 'resume');
      const first = await c.beginDeleteSecret(name, { intervalInMs: 50 });
      const state = first.toString();
      const resumed = await c.beginDeleteSecret(name, { resumeFrom: state, intervalInMs: 50 });
      const d = await resumed.pollUntilDone();
      assert.equal(d.name, name);
    });
  });
});

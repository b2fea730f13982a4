// PROTOCOL.md §3.3 "further recorded facts": PATCH replaces the tag map, read-only attributes in a body are
// ignored, and api-version 7.0 has no `recoverableDays`. The last block checks that our own client (src/vault)
// leans on none of the behaviours a sloppier server would have: it sends the whole tag set, and it maps the
// long not-found message of GetDeletedSecret as "no deleted secret".

import assert from 'node:assert/strict';
import { fieldsFromProperties, toPropertiesUpdate } from '../../../src/shared/secretFormModel';
import { clientFor, failure } from '../vault/helpers';
import { kv, startFor, uniqueName, type RawResponse } from './helpers';

interface Bundle {
  readonly tags?: Record<string, string>;
  readonly attributes: Record<string, unknown>;
}
const bundle = (r: RawResponse): Bundle => {
  assert.equal(r.status, 200, r.text);
  return r.json as Bundle;
};

describe('emulator: fidelity of updates and old api-versions (PROTOCOL.md §3.3)', () => {
  const env = startFor({ seed: { vaults: [{ name: 'fid', recoverableDays: 30 }] } });

  describe('PATCH with tags replaces the whole tag map', () => {
    it('{A,B} → PATCH {A,B:3,C} → PATCH {D} leaves {D}, in the answer and on the next GET', async () => {
      const emu = env.get();
      const name = uniqueName('tags');
      bundle(
        await kv(emu, 'fid', `/secrets/${name}`, { method: 'PUT', body: { value: 'v', tags: { A: '1', B: '2' } } }),
      );
      const first = bundle(
        await kv(emu, 'fid', `/secrets/${name}/`, { method: 'PATCH', body: { tags: { A: '1', B: '3', C: '4' } } }),
      );
      assert.deepEqual(first.tags, { A: '1', B: '3', C: '4' });
      const second = bundle(await kv(emu, 'fid', `/secrets/${name}/`, { method: 'PATCH', body: { tags: { D: '5' } } }));
      assert.deepEqual(second.tags, { D: '5' });
      assert.deepEqual(bundle(await kv(emu, 'fid', `/secrets/${name}/`)).tags, { D: '5' });
    });

    it('a PATCH without tags leaves the tags as they are', async () => {
      const emu = env.get();
      const name = uniqueName('tags-kept');
      bundle(await kv(emu, 'fid', `/secrets/${name}`, { method: 'PUT', body: { value: 'v', tags: { A: '1' } } }));
      const r = bundle(
        await kv(emu, 'fid', `/secrets/${name}/`, { method: 'PATCH', body: { contentType: 'text/plain' } }),
      );
      assert.deepEqual(r.tags, { A: '1' });
    });
  });

  describe('read-only attributes in a body are accepted and ignored', () => {
    const READ_ONLY = { created: 1, updated: 2, recoveryLevel: 'Purgeable', recoverableDays: 0 };

    it("PATCH: 200, and created, updated, recoveryLevel, recoverableDays stay the service's own", async () => {
      const emu = env.get();
      const name = uniqueName('ro-patch');
      const set = bundle(await kv(emu, 'fid', `/secrets/${name}`, { method: 'PUT', body: { value: 'v' } }));
      const patched = bundle(
        await kv(emu, 'fid', `/secrets/${name}/`, {
          method: 'PATCH',
          body: { attributes: { ...set.attributes, ...READ_ONLY, enabled: false } },
        }),
      );
      assert.equal(patched.attributes.enabled, false, 'the writable attribute was applied');
      assert.equal(patched.attributes.created, set.attributes.created);
      assert.ok(Number(patched.attributes.updated) >= Number(set.attributes.created));
      assert.equal(patched.attributes.recoveryLevel, 'CustomizedRecoverable+Purgeable');
      assert.equal(patched.attributes.recoverableDays, 30);
    });

    it('PUT: 200, and the new version is dated now, not by the body', async () => {
      const emu = env.get();
      const name = uniqueName('ro-put');
      const before = Math.floor(Date.now() / 1000) - 5;
      const set = bundle(
        await kv(emu, 'fid', `/secrets/${name}`, { method: 'PUT', body: { value: 'v', attributes: READ_ONLY } }),
      );
      assert.ok(Number(set.attributes.created) >= before, JSON.stringify(set.attributes));
      assert.ok(Number(set.attributes.updated) >= before);
      assert.equal(set.attributes.recoveryLevel, 'CustomizedRecoverable+Purgeable');
      assert.equal(set.attributes.recoverableDays, 30);
    });
  });

  describe('recoverableDays depends on the api-version', () => {
    it('7.0: set, get, list and list-versions answers carry enabled, created, updated, recoveryLevel only', async () => {
      const emu = env.get();
      const name = uniqueName('old-api');
      const at = (path: string, opts = {}): Promise<RawResponse> => kv(emu, 'fid', path, opts, '7.0');
      const keys = (a: Record<string, unknown>): string[] => Object.keys(a).sort();
      const OLD = ['created', 'enabled', 'recoveryLevel', 'updated'];
      assert.deepEqual(
        keys(bundle(await at(`/secrets/${name}`, { method: 'PUT', body: { value: 'v' } })).attributes),
        OLD,
      );
      assert.deepEqual(keys(bundle(await at(`/secrets/${name}/`)).attributes), OLD);
      for (const list of [`/secrets/${name}/versions`, '/secrets']) {
        const items = (bundle(await at(list)) as unknown as { value: Bundle[] }).value;
        assert.ok(items.length > 0, list);
        for (const item of items) assert.deepEqual(keys(item.attributes), OLD, list);
      }
      const deleted = await at(`/secrets/${name}`, { method: 'DELETE' });
      assert.deepEqual(keys(bundle(deleted).attributes), OLD);
      const newer = bundle(await kv(emu, 'fid', `/deletedsecrets/${name}`, {}, '7.1'));
      assert.equal(newer.attributes.recoverableDays, 30, 'from 7.1 on it is there');
    });
  });

  describe('our client', () => {
    it('sends the whole tag set on update: a tag removed in the form is gone, and removing every tag clears them', async () => {
      const emu = env.get();
      const c = clientFor(emu, 'fid');
      const name = uniqueName('client-tags');
      const set = await c.setSecret(name, { value: 'v', tags: { A: '1', B: '2' } });
      const fields = fieldsFromProperties(set);
      const withoutA = { ...fields, tags: fields.tags.filter((t) => t.key !== 'A') };
      assert.deepEqual((await c.updateProperties(name, undefined, toPropertiesUpdate(withoutA))).tags, { B: '2' });
      await c.updateProperties(name, undefined, toPropertiesUpdate({ ...fields, tags: [] }));
      assert.deepEqual(bundle(await kv(emu, 'fid', `/secrets/${name}/`)).tags ?? {}, {});
    });

    it('maps the long not-found message of get-deleted to "no deleted secret named …"', async () => {
      const f = await failure(clientFor(env.get(), 'fid').getDeleted('never-deleted'), 'notFound');
      assert.match(f.message, /There is no deleted secret named "never-deleted"/);
    });
  });
});

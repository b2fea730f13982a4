// PROTOCOL.md §6.2 case 6: paging, nextLink, item shapes, maxresults.

import assert from 'node:assert/strict';
import { SecretClient } from '@azure/keyvault-secrets';
import { client, errorOf, fakeCredential, HEX32, kv, raw, startFor, type RawResponse } from './helpers';
import type { Emulator } from '../../emulator/server';

interface ListBody {
  value: Record<string, unknown>[];
  nextLink: string | null;
}

function body(r: RawResponse): ListBody {
  assert.equal(r.status, 200, r.text);
  return r.json as ListBody;
}

/** Follows nextLink verbatim, as the SDK does; returns all pages. */
async function allPages(emu: Emulator, first: RawResponse): Promise<ListBody[]> {
  const pages = [body(first)];
  let next = pages[0]?.nextLink ?? null;
  while (next !== null) {
    const page = body(await raw(emu, new URL(next).origin, next.slice(new URL(next).origin.length)));
    pages.push(page);
    next = page.nextLink;
    assert.ok(pages.length < 200, 'runaway paging');
  }
  return pages;
}

describe('emulator: lists and paging', () => {
  const env = startFor({
    seed: {
      vaults: [
        {
          name: 'alpha',
          generate: { count: 30, prefix: 'gen-' },
          secrets: [
            {
              name: 'multi',
              versions: [{ value: 'a', tags: { n: '1' } }, { value: 'b' }, { value: 'c', contentType: 'text/plain' }],
            },
            { name: 'cert', managed: true, versions: [{ value: 'pfx', contentType: 'application/x-pkcs12' }] },
          ],
          deleted: [
            { name: 'gone-1', versions: [{ value: 'x' }] },
            { name: 'gone-2', versions: [{ value: 'y' }] },
          ],
        },
        { name: 'empty' },
        { name: 'changing', generate: { count: 6, prefix: 'c-' } },
        {
          name: 'expiring',
          recoverableDays: 7,
          secrets: [{ name: 'a', versions: [{ value: 'a' }] }],
          deleted: [
            { name: 'b-1', deletedAt: '-8d', versions: [{ value: 'b' }] },
            { name: 'b-3', deletedAt: '-1d', versions: [{ value: 'b' }] },
          ],
          generate: { count: 2, prefix: 'b-2-' },
        },
      ],
    },
  });

  it('pages GetSecrets by 25 with an absolute nextLink on its own origin', async () => {
    const emu = env.get();
    const origin = emu.vaults.alpha?.url ?? '';
    const first = body(await kv(emu, 'alpha', '/secrets'));
    assert.equal(first.value.length, 25);
    assert.ok(
      first.nextLink?.startsWith(`${origin}/secrets?api-version=2025-07-01&$skiptoken=`),
      String(first.nextLink),
    );
    const pages = await allPages(emu, await kv(emu, 'alpha', '/secrets'));
    const items = pages.flatMap((p) => p.value);
    assert.equal(items.length, 32);
    assert.equal(pages[pages.length - 1]?.nextLink, null);
    assert.equal(new Set(items.map((i) => i.id)).size, 32);
  });

  it('keeps maxresults in nextLink and ends with {"value":[],"nextLink":null} after an exact last page', async () => {
    const emu = env.get();
    const first = body(await kv(emu, 'alpha', '/secrets?maxresults=8'));
    assert.match(first.nextLink ?? '', /&maxresults=8$/);
    const pages = await allPages(emu, await kv(emu, 'alpha', '/secrets?maxresults=8'));
    assert.deepEqual(
      pages.map((p) => p.value.length),
      [8, 8, 8, 8, 0],
    );
    assert.deepEqual(pages[pages.length - 1], { value: [], nextLink: null });
  });

  it('pages with maxresults=1 through every item', async () => {
    const emu = env.get();
    const pages = await allPages(emu, await kv(emu, 'alpha', '/secrets?maxresults=1'));
    assert.equal(pages.length, 33);
  });

  it('answers an empty vault with {"value":[],"nextLink":null}', async () => {
    const emu = env.get();
    const r = await kv(emu, 'empty', '/secrets');
    assert.equal(r.text, '{"value":[],"nextLink":null}');
  });

  for (const bad of ['0', '26', '-1', 'abc', '2.5']) {
    it(`rejects maxresults=${bad} with 400 BadParameter`, async () => {
      const emu = env.get();
      for (const path of ['/secrets', '/secrets/multi/versions', '/deletedsecrets']) {
        const r = await kv(emu, 'alpha', `${path}?maxresults=${bad}`);
        assert.equal(r.status, 400, `${path}: ${r.text}`);
        assert.equal(errorOf(r).code, 'BadParameter');
      }
    });
  }

  it('accepts maxresults=25', async () => {
    assert.equal(body(await kv(env.get(), 'alpha', '/secrets?maxresults=25')).value.length, 25);
  });

  it("lists items with unversioned ids, no value, and the current version's properties", async () => {
    const emu = env.get();
    const items = (await allPages(emu, await kv(emu, 'alpha', '/secrets'))).flatMap((p) => p.value);
    for (const it of items) {
      assert.equal('value' in it, false);
      assert.match(String(it.id), new RegExp(`^${emu.vaults.alpha?.url ?? ''}/secrets/[0-9a-zA-Z-]+$`));
    }
    const multi = items.find((i) => String(i.id).endsWith('/multi'));
    assert.equal(multi?.contentType, 'text/plain');
    assert.equal(multi?.tags, undefined);
    const cert = items.find((i) => String(i.id).endsWith('/cert'));
    assert.equal(cert?.managed, true);
    assert.equal(cert?.kid, undefined);
    assert.equal(
      items.some((i) => String(i.id).includes('gone-')),
      false,
    );
  });

  it('lists versions with versioned ids and no value', async () => {
    const emu = env.get();
    const b = body(await kv(emu, 'alpha', '/secrets/multi/versions'));
    assert.equal(b.value.length, 3);
    assert.equal(b.nextLink, null);
    for (const it of b.value) {
      assert.equal('value' in it, false);
      const m = new RegExp(`^${emu.vaults.alpha?.url ?? ''}/secrets/multi/(.+)$`).exec(String(it.id));
      assert.match(m?.[1] ?? '', HEX32);
    }
  });

  it('pages versions with maxresults and an absolute nextLink', async () => {
    const emu = env.get();
    const pages = await allPages(emu, await kv(emu, 'alpha', '/secrets/multi/versions?maxresults=2'));
    assert.deepEqual(
      pages.map((p) => p.value.length),
      [2, 1],
    );
  });

  it('answers the versions of an unknown name with an empty list', async () => {
    const r = await kv(env.get(), 'alpha', '/secrets/nobody/versions');
    assert.deepEqual(body(r), { value: [], nextLink: null });
    const versions = [];
    for await (const v of client(env.get(), 'alpha').listPropertiesOfSecretVersions('nobody')) {
      versions.push(v);
    }
    assert.equal(versions.length, 0);
  });

  it('lists deleted secrets with unversioned id, recoveryId and dates, and no value', async () => {
    const emu = env.get();
    const origin = emu.vaults.alpha?.url ?? '';
    const b = body(await kv(emu, 'alpha', '/deletedsecrets'));
    assert.deepEqual(
      b.value.map((i) => i.id),
      [`${origin}/secrets/gone-1`, `${origin}/secrets/gone-2`],
    );
    for (const it of b.value) {
      assert.equal('value' in it, false);
      assert.equal(it.recoveryId, String(it.id).replace('/secrets/', '/deletedsecrets/'));
      assert.equal(Number(it.scheduledPurgeDate) - Number(it.deletedDate), 90 * 86400);
    }
  });

  it('pages through the SDK with byPage(maxPageSize) and plain iteration alike', async () => {
    const c = client(env.get(), 'alpha');
    let pages = 0;
    let count = 0;
    for await (const page of c.listPropertiesOfSecrets().byPage({ maxPageSize: 7 })) {
      pages++;
      count += page.length;
      assert.ok(page.length <= 7);
    }
    assert.equal(count, 32);
    assert.equal(pages, 5);
    let plain = 0;
    for await (const p of c.listPropertiesOfSecrets()) {
      assert.equal(p.vaultUrl, env.get().vaults.alpha?.url);
      plain++;
    }
    assert.equal(plain, 32);
    const deleted = [];
    for await (const d of c.listDeletedSecrets()) {
      deleted.push(d.name);
    }
    assert.deepEqual(deleted, ['gone-1', 'gone-2']);
  });

  it('counts one GetSecrets request per page', async () => {
    const emu = env.get();
    const c = client(emu, 'alpha');
    await c.getSecret('multi');
    emu.resetCounts();
    const sizes: number[] = [];
    for await (const page of c.listPropertiesOfSecrets().byPage({ maxPageSize: 10 })) {
      sizes.push(page.length);
    }
    assert.deepEqual(sizes, [10, 10, 10, 2]);
    assert.deepEqual(emu.counts('alpha'), { GetSecrets: 4 });
  });

  it('answers on the origin the client used: https://localhost:PORT gives localhost ids and nextLinks', async () => {
    const emu = env.get();
    const port = new URL(emu.vaults.alpha?.url ?? '').port;
    const c = new SecretClient(`https://localhost:${port}`, fakeCredential, {
      tlsOptions: { ca: emu.caPem },
      disableChallengeResourceVerification: true,
      serviceVersion: '2025-07-01',
    });
    const s = await c.getSecret('multi');
    assert.equal(s.properties.id, `https://localhost:${port}/secrets/multi/${s.properties.version ?? ''}`);
    let n = 0;
    for await (const page of c.listPropertiesOfSecrets().byPage({ maxPageSize: 25 })) {
      n += page.length;
    }
    assert.equal(n, 32);
    const r = await raw(emu, `https://localhost:${port}`, '/secrets?api-version=2025-07-01');
    assert.ok((r.json as ListBody).nextLink?.startsWith(`https://localhost:${port}/secrets?`));
  });

  it('continues after the last name returned when secrets are set, deleted and purged between pages', async () => {
    const emu = env.get();
    const names = (b: ListBody): string[] => b.value.map((i) => String(i.id).split('/').pop() ?? '');
    const first = body(await kv(emu, 'changing', '/secrets?maxresults=2'));
    assert.deepEqual(names(first), ['c-0', 'c-1']);
    const put = (name: string): Promise<RawResponse> =>
      kv(emu, 'changing', `/secrets/${name}`, { method: 'PUT', body: { value: 'v' } });
    assert.equal((await put('c-1a')).status, 200); // after the marker: on a later page
    assert.equal((await put('a-new')).status, 200); // before the marker: not on a later page
    assert.equal((await kv(emu, 'changing', '/secrets/c-3', { method: 'DELETE' })).status, 200);
    assert.deepEqual(names(body(await kv(emu, 'changing', '/deletedsecrets'))), ['c-3']);
    const next = new URL(first.nextLink ?? '');
    const rest = await allPages(emu, await raw(emu, next.origin, `${next.pathname}${next.search}`));
    assert.deepEqual(rest.flatMap(names), ['c-1a', 'c-2', 'c-4', 'c-5']);
    assert.equal((await kv(emu, 'changing', '/deletedsecrets/c-3', { method: 'DELETE' })).status, 204);
    assert.equal((await put('c-3')).status, 200);
    const all = await allPages(emu, await kv(emu, 'changing', '/secrets'));
    assert.deepEqual(all.flatMap(names), ['a-new', 'c-0', 'c-1', 'c-1a', 'c-2', 'c-3', 'c-4', 'c-5']);
    assert.deepEqual(names(body(await kv(emu, 'changing', '/deletedsecrets'))), []);
  });

  it('leaves out a deleted secret whose retention has passed, and lists the secret after it', async () => {
    const emu = env.get();
    const names = (b: ListBody): string[] => b.value.map((i) => String(i.id).split('/').pop() ?? '');
    const pages = await allPages(emu, await kv(emu, 'expiring', '/secrets?maxresults=2'));
    assert.deepEqual(pages.flatMap(names), ['a', 'b-2-0', 'b-2-1']);
    assert.deepEqual(names(body(await kv(emu, 'expiring', '/deletedsecrets'))), ['b-3']);
  });

  it('rejects a corrupt $skiptoken with 400', async () => {
    const r = await kv(env.get(), 'alpha', '/secrets?$skiptoken=%21%21%21');
    assert.equal(r.status, 400);
  });
});

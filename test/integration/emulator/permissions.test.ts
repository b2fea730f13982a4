// PROTOCOL.md §3.2: 403 refusals in the access-policy, RBAC and firewall flavours.

import assert from 'node:assert/strict';
import { RestError } from '@azure/core-rest-pipeline';
import { client, errorOf, kv, startFor } from './helpers';
import type { Permission } from '../../emulator/seed';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CALLER = `appid=04b07795-8ddb-461a-bbee-02f9e1bf7b46;oid=5e0a2c1b-7f6d-4c3e-9b8a-1d2c3b4a5f6e;iss=https://sts.windows.net/${TENANT}/`;

/** One request per permission, each of which that permission guards. */
const OPERATIONS: readonly { perm: Permission; method: string; path: string; body?: unknown }[] = [
  { perm: 'get', method: 'GET', path: '/secrets/s/' },
  { perm: 'get', method: 'GET', path: '/deletedsecrets/d' },
  { perm: 'list', method: 'GET', path: '/secrets' },
  { perm: 'list', method: 'GET', path: '/secrets/s/versions' },
  { perm: 'list', method: 'GET', path: '/deletedsecrets' },
  { perm: 'set', method: 'PUT', path: '/secrets/s', body: { value: 'x' } },
  { perm: 'set', method: 'PATCH', path: '/secrets/s/', body: { tags: {} } },
  { perm: 'delete', method: 'DELETE', path: '/secrets/s' },
  { perm: 'recover', method: 'POST', path: '/deletedsecrets/d/recover' },
  { perm: 'purge', method: 'DELETE', path: '/deletedsecrets/d' },
  { perm: 'backup', method: 'POST', path: '/secrets/s/backup' },
  { perm: 'restore', method: 'POST', path: '/secrets/restore', body: { value: 'AAAA' } },
];

describe('emulator: permission refusals', () => {
  const env = startFor({
    tenantId: TENANT,
    seed: {
      vaults: [
        {
          name: 'alpha',
          location: 'westeurope',
          subscriptionId: '00000000-1111-2222-3333-444444444444',
          resourceGroup: 'rg-a',
          secrets: [{ name: 's', versions: [{ value: 'v' }] }],
          deleted: [{ name: 'd', versions: [{ value: 'x' }] }],
        },
      ],
    },
  });

  afterEach(() => env.get().setPermissions('alpha', undefined));

  for (const op of OPERATIONS) {
    it(`access policy: refuses ${op.method} ${op.path} without "${op.perm}" (403 AccessDenied), allows it otherwise`, async () => {
      const emu = env.get();
      emu.setPermissions('alpha', { deny: [op.perm] });
      const r = await kv(emu, 'alpha', op.path, { method: op.method, body: op.body });
      assert.equal(r.status, 403);
      assert.deepEqual(r.json, {
        error: {
          code: 'Forbidden',
          message: `The user, group or application '${CALLER}' does not have secrets ${op.perm} permission on key vault 'alpha;location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287`,
          innererror: { code: 'AccessDenied' },
        },
      });
      emu.setPermissions('alpha', { deny: ALL_BUT(op.perm) });
      const ok = await kv(emu, 'alpha', op.path, { method: op.method, body: op.body });
      assert.notEqual(ok.status, 403, `${op.method} ${op.path} must pass with only ${op.perm}: ${ok.text}`);
    });
  }

  it('RBAC: 403 ForbiddenByRbac naming the data action and the resource', async () => {
    const emu = env.get();
    emu.setPermissions('alpha', { deny: ['get'], model: 'rbac' });
    const r = await kv(emu, 'alpha', '/secrets/s/');
    assert.equal(r.status, 403);
    const e = errorOf(r);
    assert.equal(e.code, 'Forbidden');
    assert.equal(e.innererror?.code, 'ForbiddenByRbac');
    assert.match(e.message ?? '', /^Caller is not authorized to perform action on resource\.\r\n/);
    assert.ok(e.message?.includes(`Caller: ${CALLER}\r\n`));
    assert.ok(e.message?.includes("Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'\r\n"));
    assert.ok(
      e.message?.includes(
        "Resource: '/subscriptions/00000000-1111-2222-3333-444444444444/resourcegroups/rg-a/providers/microsoft.keyvault/vaults/alpha/secrets/s'\r\n",
      ),
    );
    assert.ok(e.message?.includes("DecisionReason: 'DeniedWithNoValidRBAC' \r\nVault: alpha;location=westeurope\r\n"));
    const list = await kv(emu, 'alpha', '/secrets');
    assert.equal(list.status, 200);
    assert.equal(
      typeof list.headers['x-ms-keyvault-rbac-assignment-id'],
      'string',
      'authorized RBAC requests carry the assignment id',
    );
    assert.equal(r.headers['x-ms-keyvault-rbac-assignment-id'], undefined);
  });

  it('RBAC: list refused names the readMetadata action', async () => {
    const emu = env.get();
    emu.setPermissions('alpha', { deny: ['list'], model: 'rbac' });
    const r = await kv(emu, 'alpha', '/secrets');
    assert.ok(errorOf(r).message?.includes("Action: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'"));
  });

  it('firewall: every operation refused with ForbiddenByFirewall and the client address', async () => {
    const emu = env.get();
    emu.setPermissions('alpha', { model: 'firewall' });
    for (const op of OPERATIONS) {
      const r = await kv(emu, 'alpha', op.path, { method: op.method, body: op.body });
      assert.equal(r.status, 403, `${op.method} ${op.path}`);
      assert.equal(errorOf(r).innererror?.code, 'ForbiddenByFirewall');
      assert.match(
        errorOf(r).message ?? '',
        /^Client address is not authorized and caller is not a trusted service\.\r\nClient address: 127\.0\.0\.1\r\n/,
      );
    }
  });

  it('allow-list: only the listed operations pass', async () => {
    const emu = env.get();
    emu.setPermissions('alpha', { allow: ['list'] });
    assert.equal((await kv(emu, 'alpha', '/secrets')).status, 200);
    assert.equal((await kv(emu, 'alpha', '/secrets/s/')).status, 403);
  });

  it('the SDK surfaces refusals as RestError 403 Forbidden', async () => {
    const emu = env.get();
    const c = client(emu, 'alpha');
    emu.setPermissions('alpha', { deny: ['list', 'purge'] });
    await assert.rejects(
      async () => {
        for await (const p of c.listPropertiesOfSecrets()) {
          assert.fail(p.name);
        }
      },
      (e: unknown) => e instanceof RestError && e.statusCode === 403,
    );
    await assert.rejects(
      c.purgeDeletedSecret('d'),
      (e: unknown) => e instanceof RestError && e.statusCode === 403 && /secrets purge permission/.test(e.message),
    );
  });

  it('the delete poller treats a 403 on GetDeletedSecret as done', async () => {
    const emu = env.get();
    const c = client(emu, 'alpha');
    await c.setSecret('poll-403', 'v');
    emu.setPermissions('alpha', { deny: ['get'] });
    const d = await (await c.beginDeleteSecret('poll-403', { intervalInMs: 10 })).pollUntilDone();
    assert.equal(d.name, 'poll-403');
  });

  it('lifts refusals when the permission set is removed', async () => {
    const emu = env.get();
    assert.equal((await kv(emu, 'alpha', '/secrets/lift', { method: 'PUT', body: { value: 'v' } })).status, 200);
    emu.setPermissions('alpha', { deny: ['get'] });
    assert.equal((await kv(emu, 'alpha', '/secrets/lift/')).status, 403);
    emu.setPermissions('alpha', undefined);
    assert.equal((await kv(emu, 'alpha', '/secrets/lift/')).status, 200);
  });

  it('challenges before refusing', async () => {
    const emu = env.get();
    emu.setPermissions('alpha', { model: 'firewall' });
    assert.equal((await kv(emu, 'alpha', '/secrets', { auth: false })).status, 401);
  });
});

function ALL_BUT(p: Permission): Permission[] {
  return (['get', 'list', 'set', 'delete', 'recover', 'purge', 'backup', 'restore'] as const).filter((x) => x !== p);
}

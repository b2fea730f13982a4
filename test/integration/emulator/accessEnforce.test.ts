// The data plane of a guarded vault, through SecretClient: each 403 (ForbiddenByRbac, an access-policy refusal per
// missing permission, ForbiddenByFirewall naming the client address) turns into success after exactly the one fix
// made over ARM, a role assignment only after the configured delay; the demo's three denied vaults likewise.

import assert from 'node:assert/strict';
import type { GuardedVaultSeed } from '../../emulator/accessSeed';
import { tenantToken } from '../../emulator/arm';
import { DEFAULT_CALLER_OID } from '../../emulator/errors';
import { EmulatorControlClient } from '../../emulator/controlClient';
import { startEmulator } from '../../emulator/server';
import { armRequest, etagOf, managementClient, principalCredential, refusalOf, secretClient } from './accessHelpers';
import { errorOf, fakeCredential, kv, startFor } from './helpers';

const TENANT = '0c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5';
const SUB = 'dddddddd-1111-4222-8333-444444444444';
const RG = 'rg-sec';
const ME = 'b1b2c3d4-0000-4000-8000-00000000000a';
const me = principalCredential(TENANT, ME);
const ROLE = {
  reader: '21090545-7ca7-4776-b22c-e363652d74d2',
  secretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
  secretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
};
const vaultId = (name: string): string =>
  `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.KeyVault/vaults/${name}`;
let assignmentCounter = 0;
/** A fresh assignment name (a GUID, as ARM requires). */
const newName = (): string => `0e0e0e0e-0000-4000-8000-${String(++assignmentCounter).padStart(12, '0')}`;

const secrets = [{ name: 'db-password', versions: [{ value: 'hunter2' }] }];
const GUARDED: GuardedVaultSeed[] = [
  { name: 'rbac-vault', subscriptionId: SUB, resourceGroup: RG, secrets, access: { enableRbacAuthorization: true } },
  {
    name: 'policy-vault',
    subscriptionId: SUB,
    resourceGroup: RG,
    secrets,
    access: { accessPolicies: [{ objectId: ME, permissions: { secrets: ['list'] } }] },
  },
  {
    name: 'fw-vault',
    subscriptionId: SUB,
    resourceGroup: RG,
    secrets,
    access: {
      accessPolicies: [{ objectId: ME, permissions: { secrets: ['all'] } }],
      networkAcls: { defaultAction: 'Deny', ipRules: [{ value: '198.51.100.0/24' }] },
    },
  },
  {
    name: 'private-vault',
    subscriptionId: SUB,
    resourceGroup: RG,
    secrets,
    access: { accessPolicies: [{ objectId: ME, permissions: { secrets: ['all'] } }], publicNetworkAccess: 'Disabled' },
  },
];

describe('emulator: guarded vaults enforce their access rules on the data plane', () => {
  async function assign(vault: string, role: string, name = newName()): Promise<number> {
    const r = await armRequest(
      env.get(),
      me,
      'PUT',
      `${vaultId(vault)}/providers/Microsoft.Authorization/roleAssignments/${name}?api-version=2022-04-01`,
      {
        properties: {
          roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
          principalId: ME,
        },
      },
    );
    return r.status;
  }

  const env = startFor({
    tenantId: TENANT,
    seed: { vaults: [{ name: 'open-vault', subscriptionId: SUB, resourceGroup: RG, secrets }, ...GUARDED] },
  });

  afterEach(() => env.get().setAccessSettings?.({ roleAssignmentDelayMs: 0 }));

  it('an open vault answers as before, whoever asks', async () => {
    assert.equal((await secretClient(env.get(), 'open-vault', me).getSecret('db-password')).value, 'hunter2');
    assert.equal(
      (await secretClient(env.get(), 'open-vault', fakeCredential).getSecret('db-password')).value,
      'hunter2',
    );
  });

  it('RBAC: 403 ForbiddenByRbac naming the caller and action; Key Vault Reader lets list, Secrets User then lets get', async () => {
    const emu = env.get();
    const c = secretClient(emu, 'rbac-vault', me);
    const listing = async (): Promise<string[]> => {
      const names: string[] = [];
      for await (const p of c.listPropertiesOfSecrets()) names.push(p.name);
      return names;
    };
    // The SDK's pager keeps only the status of a refused page; the body is read raw.
    assert.equal((await refusalOf(listing())).status, 403);
    const token = tenantToken(TENANT, undefined, ME);
    const raw = await kv(emu, 'rbac-vault', '/secrets', { auth: false, headers: { Authorization: `Bearer ${token}` } });
    const denied = errorOf(raw);
    assert.equal(raw.status, 403);
    assert.equal(denied.innererror?.code, 'ForbiddenByRbac');
    assert.match(denied.message ?? '', new RegExp(`Caller: appid=[^;]+;oid=${ME};`));
    assert.match(denied.message ?? '', /Action: 'Microsoft\.KeyVault\/vaults\/secrets\/readMetadata\/action'/);
    const before = emu.accessOf?.('rbac-vault');
    assert.equal(await assign('rbac-vault', ROLE.reader), 201);
    assert.deepEqual(await listing(), ['db-password']);
    const get = await refusalOf(c.getSecret('db-password'));
    assert.equal(get.inner, 'ForbiddenByRbac');
    assert.match(get.message, /Action: 'Microsoft\.KeyVault\/vaults\/secrets\/getSecret\/action'/);
    assert.equal(await assign('rbac-vault', ROLE.secretsUser), 201);
    assert.equal((await c.getSecret('db-password')).value, 'hunter2');
    assert.equal((await refusalOf(c.setSecret('db-password', 'new'))).inner, 'ForbiddenByRbac');
    // The fixes added role assignments and changed nothing else about the vault.
    const after = emu.accessOf?.('rbac-vault');
    assert.deepEqual(after?.properties, before?.properties);
    assert.equal(after?.roleAssignments.length, (before?.roleAssignments.length ?? 0) + 2);
  });

  it('RBAC: a role assignment takes effect only after the configured delay; another principal stays refused', async () => {
    const emu = env.get();
    emu.setAccessSettings?.({ roleAssignmentDelayMs: 1500 });
    const c = secretClient(emu, 'rbac-vault', me);
    await assert.rejects(c.setSecret('fresh', 'v'), /Caller is not authorized/);
    const assignedAt = Date.now();
    assert.equal(await assign('rbac-vault', ROLE.secretsOfficer), 201);
    const early = await refusalOf(c.setSecret('fresh', 'v'));
    assert.equal(early.inner, 'ForbiddenByRbac');
    assert.match(early.message, /please observe propagation time/);
    let attempts = 0;
    for (;;) {
      attempts++;
      try {
        await c.setSecret('fresh', 'v');
        break;
      } catch {
        assert.ok(Date.now() - assignedAt < 10_000, 'the assignment never took effect');
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    assert.ok(Date.now() - assignedAt >= 1500, 'it took effect before the delay');
    assert.ok(attempts > 1);
    const other = secretClient(emu, 'rbac-vault', principalCredential(TENANT, 'b1b2c3d4-0000-4000-8000-00000000000f'));
    assert.equal((await refusalOf(other.getSecret('fresh'))).inner, 'ForbiddenByRbac');
  });

  it('access policy: each missing permission is refused by name; adding "get" makes get work and nothing more', async () => {
    const emu = env.get();
    const c = secretClient(emu, 'policy-vault', me);
    for (const [permission, call] of [
      ['get', () => c.getSecret('db-password')],
      ['set', () => c.setSecret('db-password', 'x')],
      ['backup', () => c.backupSecret('db-password')],
      ['purge', () => c.purgeDeletedSecret('db-password')],
    ] as const) {
      const r = await refusalOf(call());
      assert.equal(r.status, 403, permission);
      assert.equal(r.inner, 'AccessDenied', permission);
      assert.match(
        r.message,
        new RegExp(`oid=${ME};.* does not have secrets ${permission} permission on key vault 'policy-vault;`),
      );
    }
    const before = emu.accessOf?.('policy-vault');
    await managementClient(emu, me, SUB).vaults.updateAccessPolicy(RG, 'policy-vault', 'add', {
      properties: { accessPolicies: [{ tenantId: TENANT, objectId: ME, permissions: { secrets: ['get'] } }] },
    });
    assert.equal((await c.getSecret('db-password')).value, 'hunter2');
    assert.match((await refusalOf(c.setSecret('db-password', 'x'))).message, /does not have secrets set permission/);
    assert.deepEqual(emu.accessOf?.('policy-vault').properties, {
      ...before?.properties,
      accessPolicies: [{ tenantId: TENANT, objectId: ME, permissions: { secrets: ['list', 'get'] } }],
    });
  });

  it('firewall: 403 ForbiddenByFirewall naming the configured client address until that address is in ipRules', async () => {
    const emu = env.get();
    emu.setAccessSettings?.({ clientAddress: '192.0.2.77' });
    const c = secretClient(emu, 'fw-vault', me);
    const denied = await refusalOf(c.getSecret('db-password'));
    assert.equal(denied.inner, 'ForbiddenByFirewall');
    assert.match(
      denied.message,
      /^Client address is not authorized and caller is not a trusted service\.\r\nClient address: 192\.0\.2\.77\r\n/,
    );
    const arm = managementClient(emu, me, SUB);
    const tag = etagOf();
    const v = await arm.vaults.get(RG, 'fw-vault', { onResponse: tag.onResponse });
    const acl = v.properties.networkAcls;
    assert.ok(acl !== undefined);
    await arm.vaults.update(
      RG,
      'fw-vault',
      { properties: { networkAcls: { ...acl, ipRules: [...(acl.ipRules ?? []), { value: '192.0.2.77' }] } } },
      { requestOptions: { headers: { 'If-Match': tag.etag() } } },
    );
    assert.equal((await c.getSecret('db-password')).value, 'hunter2');
    // Another address is still refused: the rule allows exactly the one address.
    emu.setAccessSettings?.({ clientAddress: '192.0.2.78' });
    assert.equal((await refusalOf(c.getSecret('db-password'))).inner, 'ForbiddenByFirewall');
  });

  it('the control API guards a vault at run time, reads its access state and refuses a malformed rule', async () => {
    const emu = env.get();
    const control = new EmulatorControlClient(emu.controlUrl);
    await control.guardVault('open-vault', { enableRbacAuthorization: true });
    try {
      assert.equal(
        (await refusalOf(secretClient(emu, 'open-vault', me).getSecret('db-password'))).inner,
        'ForbiddenByRbac',
      );
      const state = await control.accessOf('open-vault');
      assert.equal(state.guarded, true);
      assert.equal(state.properties.enableRbacAuthorization, true);
      await assert.rejects(
        control.guardVault('open-vault', { networkAcls: { defaultAction: 'Deny', ipRules: [{ value: '::1' }] } }),
        /400/,
      );
      await assert.rejects(control.setAccessSettings({ roleAssignmentDelayMs: -1 }), /400/);
    } finally {
      await control.guardVault('open-vault', { accessPolicies: [{ objectId: ME, permissions: { secrets: ['all'] } }] });
    }
  });

  it('public network access disabled: 403 ForbiddenByConnection, which no IP rule fixes', async () => {
    const r = await refusalOf(secretClient(env.get(), 'private-vault', me).getSecret('db-password'));
    assert.equal(r.status, 403);
    assert.equal(r.inner, 'ForbiddenByConnection');
    assert.match(r.message, /^Public network access is disabled/);
  });
});

describe('emulator: the demo seed has one denied vault of each kind, each fixed by one change', () => {
  it('contoso-rbac, contoso-policy and contoso-firewall refuse the demo user until their one fix', async function () {
    this.timeout(60_000);
    const emu = await startEmulator({ seed: 'demo' });
    try {
      const principal = DEFAULT_CALLER_OID;
      const c = (vault: string) => secretClient(emu, vault, fakeCredential);
      const arm = managementClient(emu, fakeCredential, '6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f');
      const rbac = await refusalOf(c('contoso-rbac').getSecret('rbac-api-key'));
      const policy = await refusalOf(c('contoso-policy').getSecret('policy-api-key'));
      const firewall = await refusalOf(c('contoso-firewall').getSecret('firewall-api-key'));
      assert.deepEqual(
        [rbac.inner, policy.inner, firewall.inner],
        ['ForbiddenByRbac', 'AccessDenied', 'ForbiddenByFirewall'],
      );
      const vault = (await arm.vaults.get('rg-secure', 'contoso-rbac')).id ?? '';
      const put = await armRequest(
        emu,
        fakeCredential,
        'PUT',
        `${vault}/providers/Microsoft.Authorization/roleAssignments/0d0d0d0d-0000-4000-8000-000000000001?api-version=2022-04-01`,
        {
          properties: {
            roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${ROLE.secretsUser}`,
            principalId: principal,
          },
        },
      );
      assert.equal(put.status, 201);
      assert.equal((await c('contoso-rbac').getSecret('rbac-api-key')).value, 'rbac-key-1');
      await arm.vaults.updateAccessPolicy('rg-secure', 'contoso-policy', 'add', {
        properties: {
          accessPolicies: [{ tenantId: emu.tenantId, objectId: principal, permissions: { secrets: ['get'] } }],
        },
      });
      assert.equal((await c('contoso-policy').getSecret('policy-api-key')).value, 'policy-key-1');
      const address = /Client address: ([\d.]+)/.exec(firewall.message)?.[1] ?? '';
      const acl = (await arm.vaults.get('rg-secure', 'contoso-firewall')).properties.networkAcls;
      await arm.vaults.update('rg-secure', 'contoso-firewall', {
        properties: { networkAcls: { ...acl, ipRules: [...(acl?.ipRules ?? []), { value: address }] } },
      });
      assert.equal((await c('contoso-firewall').getSecret('firewall-api-key')).value, 'firewall-key-1');
    } finally {
      await emu.stop();
    }
  });
});

// The ARM side of fixing access, through @azure/arm-keyvault and a plain ARM pipeline: the vault's guards with an
// ETag, PATCH and access policy writes (412 on a stale ETag, 400 leaving everything as it was, 403 when the caller
// may not write), role assignments (409 RoleAssignmentExists, list filters, delete) and the Key Vault role
// definitions.

import assert from 'node:assert/strict';
import { DEFAULT_CLIENT_ADDRESS } from '../../emulator/accessRules';
import type { GuardedVaultSeed } from '../../emulator/accessSeed';
import {
  armRequest,
  etagOf,
  managementClient,
  principalCredential,
  refusalOf,
  type ArmResponse,
} from './accessHelpers';
import { startFor } from './helpers';

const TENANT = '0c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5';
const SUB = 'cccccccc-1111-4222-8333-444444444444';
const RG = 'rg-sec';
const ME = 'a1b2c3d4-0000-4000-8000-00000000000a';
const OTHER = 'a1b2c3d4-0000-4000-8000-00000000000b';
const SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';
const READER = '21090545-7ca7-4776-b22c-e363652d74d2';
const me = principalCredential(TENANT, ME);
const vaultPath = (name: string): string =>
  `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.KeyVault/vaults/${name}`;
const assignmentPath = (vault: string, name: string): string =>
  `${vaultPath(vault)}/providers/Microsoft.Authorization/roleAssignments/${name}?api-version=2022-04-01`;
const roleId = (guid: string): string =>
  `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

const GUARDED: GuardedVaultSeed[] = [
  {
    name: 'fw-one',
    subscriptionId: SUB,
    resourceGroup: RG,
    purgeProtection: true,
    recoverableDays: 30,
    access: {
      accessPolicies: [{ objectId: ME, permissions: { secrets: ['get', 'list'] } }],
      networkAcls: { defaultAction: 'Deny', ipRules: [{ value: '198.51.100.0/24' }] },
    },
  },
  { name: 'rbac-one', subscriptionId: SUB, resourceGroup: RG, access: { enableRbacAuthorization: true } },
];

describe('emulator: vault guards and access writes over ARM', () => {
  const env = startFor({
    tenantId: TENANT,
    seed: {
      subscriptions: [{ subscriptionId: SUB, displayName: 'Secure' }],
      vaults: [{ name: 'open-one', subscriptionId: SUB, resourceGroup: RG }, ...GUARDED],
    },
  });
  afterEach(() => env.get().setAccessSettings?.({ armWritesDenied: false }));

  it('vaults.get shows the permission model, network rules, soft delete and purge protection, with an ETag', async () => {
    const c = managementClient(env.get(), me, SUB);
    const tag = etagOf();
    const v = await c.vaults.get(RG, 'fw-one', { onResponse: tag.onResponse });
    assert.equal(v.properties.enableRbacAuthorization, false);
    assert.deepEqual(v.properties.accessPolicies, [
      {
        tenantId: TENANT,
        objectId: ME,
        applicationId: undefined,
        permissions: { keys: undefined, secrets: ['get', 'list'], certificates: undefined, storage: undefined },
      },
    ]);
    assert.deepEqual(v.properties.networkAcls, {
      bypass: 'AzureServices',
      defaultAction: 'Deny',
      ipRules: [{ value: '198.51.100.0/24' }],
      virtualNetworkRules: [],
    });
    assert.equal(v.properties.publicNetworkAccess, 'Enabled');
    assert.equal(v.properties.enableSoftDelete, true);
    assert.equal(v.properties.softDeleteRetentionInDays, 30);
    assert.equal(v.properties.enablePurgeProtection, true);
    assert.match(tag.etag(), /^"[0-9a-f-]+"$/);
    const rbac = await c.vaults.get(RG, 'rbac-one');
    assert.equal(rbac.properties.enableRbacAuthorization, true);
    assert.deepEqual(rbac.properties.accessPolicies, []);
  });

  it('vaults.update with the current ETag adds one IP rule and nothing else; a stale ETag gets 412 and changes nothing', async () => {
    const emu = env.get();
    const c = managementClient(emu, me, SUB);
    const tag = etagOf();
    const before = await c.vaults.get(RG, 'fw-one', { onResponse: tag.onResponse });
    const stale = tag.etag();
    const acl = before.properties.networkAcls;
    assert.ok(acl !== undefined);
    const after = await c.vaults.update(
      RG,
      'fw-one',
      { properties: { networkAcls: { ...acl, ipRules: [...(acl.ipRules ?? []), { value: DEFAULT_CLIENT_ADDRESS }] } } },
      { requestOptions: { headers: { 'If-Match': stale } }, onResponse: tag.onResponse },
    );
    assert.deepEqual(after.properties.networkAcls?.ipRules, [
      { value: '198.51.100.0/24' },
      { value: DEFAULT_CLIENT_ADDRESS },
    ]);
    assert.deepEqual(after.properties.accessPolicies, before.properties.accessPolicies);
    assert.equal(after.properties.enableRbacAuthorization, false);
    assert.notEqual(tag.etag(), stale);
    const snapshot = emu.accessOf?.('fw-one');
    const refused = await refusalOf(
      c.vaults.update(
        RG,
        'fw-one',
        { properties: { networkAcls: { ...acl, ipRules: [] } } },
        { requestOptions: { headers: { 'If-Match': stale } } },
      ),
    );
    assert.equal(refused.status, 412);
    assert.equal(refused.code, 'PreconditionFailed');
    assert.deepEqual(emu.accessOf?.('fw-one'), snapshot);
  });

  it('refuses an IPv6 rule, disabling purge protection and a bad default action with 400, changing nothing', async () => {
    const emu = env.get();
    const c = managementClient(emu, me, SUB);
    const snapshot = emu.accessOf?.('fw-one');
    const bodies = [
      { networkAcls: { defaultAction: 'Deny', ipRules: [{ value: '2001:db8::1' }] } },
      { enablePurgeProtection: false },
      { networkAcls: { defaultAction: 'Maybe' } },
      { softDeleteRetentionInDays: 7 },
    ];
    for (const properties of bodies) {
      const r = await refusalOf(c.vaults.update(RG, 'fw-one', { properties: properties }));
      assert.equal(r.status, 400, JSON.stringify(properties));
    }
    assert.deepEqual(emu.accessOf?.('fw-one'), snapshot);
  });

  it('vaults.updateAccessPolicy add, replace and remove change only the named principal and permissions', async () => {
    const emu = env.get();
    const c = managementClient(emu, me, SUB);
    const entry = (secrets: string[]) => ({ tenantId: TENANT, objectId: OTHER, permissions: { secrets } });
    const policies = async (): Promise<unknown> =>
      (await c.vaults.get(RG, 'fw-one')).properties.accessPolicies?.map((p) => [p.objectId, p.permissions.secrets]);
    await c.vaults.updateAccessPolicy(RG, 'fw-one', 'add', { properties: { accessPolicies: [entry(['get'])] } });
    await c.vaults.updateAccessPolicy(RG, 'fw-one', 'add', {
      properties: { accessPolicies: [entry(['list', 'get'])] },
    });
    assert.deepEqual(await policies(), [
      [ME, ['get', 'list']],
      [OTHER, ['get', 'list']],
    ]);
    await c.vaults.updateAccessPolicy(RG, 'fw-one', 'replace', { properties: { accessPolicies: [entry(['set'])] } });
    assert.deepEqual(await policies(), [
      [ME, ['get', 'list']],
      [OTHER, ['set']],
    ]);
    await c.vaults.updateAccessPolicy(RG, 'fw-one', 'remove', { properties: { accessPolicies: [entry(['set'])] } });
    assert.deepEqual(await policies(), [[ME, ['get', 'list']]]);
    const bad = await refusalOf(
      c.vaults.updateAccessPolicy(RG, 'fw-one', 'add', { properties: { accessPolicies: [entry(['read'])] } }),
    );
    assert.equal(bad.status, 400);
  });

  it('a caller who may not write gets 403 AuthorizationFailed naming the action and scope, and nothing changes', async () => {
    const emu = env.get();
    emu.setAccessSettings?.({ armWritesDenied: true });
    const snapshot = emu.accessOf?.('fw-one');
    const c = managementClient(emu, me, SUB);
    const patch = await refusalOf(c.vaults.update(RG, 'fw-one', { properties: { publicNetworkAccess: 'Disabled' } }));
    assert.equal(patch.code, 'AuthorizationFailed');
    assert.match(
      patch.message,
      /'Microsoft\.KeyVault\/vaults\/write' over scope '\/subscriptions\/.*\/vaults\/fw-one'/,
    );
    const put = await armRequest(emu, me, 'PUT', assignmentPath('rbac-one', '0f0f0f0f-0000-4000-8000-000000000001'), {
      properties: { roleDefinitionId: roleId(SECRETS_USER), principalId: ME },
    });
    assert.equal(put.status, 403);
    assert.deepEqual(emu.accessOf?.('fw-one'), snapshot);
    assert.deepEqual(emu.accessOf?.('rbac-one').roleAssignments, []);
  });

  it('role assignments: create 201, the same again under another name 409 RoleAssignmentExists, list by principal and atScope(), delete', async () => {
    const emu = env.get();
    const name = '1a2b3c4d-0000-4000-8000-000000000001';
    const body = { properties: { roleDefinitionId: roleId(SECRETS_USER), principalId: ME, principalType: 'User' } };
    const created = await armRequest(emu, me, 'PUT', assignmentPath('rbac-one', name), body);
    assert.equal(created.status, 201);
    assert.deepEqual(created.json, {
      properties: {
        roleDefinitionId: roleId(SECRETS_USER),
        principalId: ME,
        principalType: 'User',
        scope: vaultPath('rbac-one'),
        condition: null,
        conditionVersion: null,
        createdOn: (created.json as { properties: { createdOn: string } }).properties.createdOn,
        updatedOn: (created.json as { properties: { createdOn: string } }).properties.createdOn,
        createdBy: ME,
        updatedBy: ME,
        delegatedManagedIdentityResourceId: null,
        description: null,
      },
      id: `${vaultPath('rbac-one')}/providers/Microsoft.Authorization/roleAssignments/${name}`,
      type: 'Microsoft.Authorization/roleAssignments',
      name,
    });
    const again = await armRequest(
      emu,
      me,
      'PUT',
      assignmentPath('rbac-one', '1a2b3c4d-0000-4000-8000-000000000002'),
      body,
    );
    assert.equal(again.status, 409);
    assert.equal((again.json as { error: { code: string } }).error.code, 'RoleAssignmentExists');
    const reader = await armRequest(
      emu,
      me,
      'PUT',
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignments/1a2b3c4d-0000-4000-8000-000000000003?api-version=2022-04-01`,
      {
        properties: { roleDefinitionId: roleId(READER), principalId: OTHER },
      },
    );
    assert.equal(reader.status, 201);
    const names = (r: ArmResponse): string[] =>
      (r.json as { value: { name: string }[] }).value.map((a) => a.name).sort();
    const list = (filter: string): Promise<ArmResponse> =>
      armRequest(
        emu,
        me,
        'GET',
        `${vaultPath('rbac-one')}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=${encodeURIComponent(filter)}`,
      );
    assert.deepEqual(names(await list(`principalId eq '${ME}'`)), [name]);
    assert.deepEqual(names(await list('atScope()')), [name, '1a2b3c4d-0000-4000-8000-000000000003'].sort());
    assert.deepEqual(names(await list(`atScope() and assignedTo('${OTHER}')`)), [
      '1a2b3c4d-0000-4000-8000-000000000003',
    ]);
    assert.equal((await armRequest(emu, me, 'GET', assignmentPath('rbac-one', name))).status, 200);
    assert.equal((await armRequest(emu, me, 'DELETE', assignmentPath('rbac-one', name))).status, 200);
    assert.equal((await armRequest(emu, me, 'DELETE', assignmentPath('rbac-one', name))).status, 204);
    assert.equal((await armRequest(emu, me, 'GET', assignmentPath('rbac-one', name))).status, 404);
    const notGuid = await armRequest(emu, me, 'PUT', assignmentPath('rbac-one', 'my-assignment'), body);
    assert.equal((notGuid.json as { error: { code: string } }).error.code, 'InvalidRoleAssignmentId');
    const noRole = await armRequest(
      emu,
      me,
      'PUT',
      assignmentPath('rbac-one', '1a2b3c4d-0000-4000-8000-000000000009'),
      {
        properties: { roleDefinitionId: roleId('11111111-2222-4333-8444-555555555555'), principalId: ME },
      },
    );
    assert.equal((noRole.json as { error: { code: string } }).error.code, 'RoleDefinitionDoesNotExist');
  });

  it('role definitions: the four built-in Key Vault roles with their ids and data actions; by roleName and by id', async () => {
    const emu = env.get();
    const base = `${vaultPath('rbac-one')}/providers/Microsoft.Authorization/roleDefinitions`;
    type Def = {
      name: string;
      properties: { roleName: string; type: string; permissions: { dataActions: string[] }[] };
    };
    const all = (await armRequest(emu, me, 'GET', `${base}?api-version=2022-04-01`)).json as { value: Def[] };
    assert.deepEqual(
      all.value.map((d) => [d.properties.roleName, d.name, d.properties.type]),
      [
        ['Key Vault Reader', READER, 'BuiltInRole'],
        ['Key Vault Secrets User', SECRETS_USER, 'BuiltInRole'],
        ['Key Vault Secrets Officer', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7', 'BuiltInRole'],
        ['Key Vault Administrator', '00482a5a-887f-4fb3-b363-3b7fe8e74483', 'BuiltInRole'],
      ],
    );
    const byName = (
      await armRequest(
        emu,
        me,
        'GET',
        `${base}?api-version=2022-04-01&$filter=${encodeURIComponent("roleName eq 'Key Vault Secrets User'")}`,
      )
    ).json as { value: Def[] };
    assert.deepEqual(byName.value[0]?.properties.permissions[0]?.dataActions, [
      'Microsoft.KeyVault/vaults/secrets/getSecret/action',
      'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
    ]);
    const one = await armRequest(emu, me, 'GET', `${base}/${READER}?api-version=2022-04-01`);
    assert.equal((one.json as Def).properties.roleName, 'Key Vault Reader');
    assert.equal((await armRequest(emu, me, 'GET', `${base}/${OTHER}?api-version=2022-04-01`)).status, 404);
  });

  it('an open vault keeps its discovery shape: no access rules, nothing enforced', async () => {
    const v = await managementClient(env.get(), me, SUB).vaults.get(RG, 'open-one');
    assert.equal(v.properties.enableRbacAuthorization, false);
    assert.deepEqual(v.properties.accessPolicies, []);
    assert.equal(v.properties.networkAcls, undefined);
    assert.equal(env.get().accessOf?.('open-one').guarded, false);
  });
});

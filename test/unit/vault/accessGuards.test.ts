// The pure rules of the access fixes: a vault's guards from its ARM resource, the least role per operation, the
// addresses a firewall can take, the principal in a token, and the address a firewall refusal names.
import * as assert from 'node:assert/strict';
import {
  addressRefusal,
  azRoleAssignmentLine,
  clientAddressIn,
  deniedSentence,
  guardLines,
  guardsOf,
  leastRoleFor,
  sameAddressRule,
  tokenPrincipal,
} from '../../../src/vault/accessGuards';
import { LOCAL_USER_OBJECT_ID } from '../../../src/vault/credentials';
import { DEFAULT_CALLER_OID } from '../../emulator/errors';

const token = (claims: object): string =>
  `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;

describe('access guards and fixes (pure rules)', () => {
  it('reads the guards of an ARM vault resource, with Key Vault defaults for what it leaves out', () => {
    const g = guardsOf({
      properties: {
        enableRbacAuthorization: true,
        publicNetworkAccess: 'Enabled',
        networkAcls: { defaultAction: 'Deny', ipRules: [{ value: '198.51.100.0/24' }], virtualNetworkRules: [{}] },
        privateEndpointConnections: [{}, {}],
        softDeleteRetentionInDays: 30,
        enablePurgeProtection: true,
      },
    });
    assert.deepEqual(guardLines(g), [
      'Permission model: Azure RBAC (role assignments)',
      'Network: firewall on: allowed 198.51.100.0/24; 1 virtual network rule(s); 2 private endpoint(s)',
      'Soft delete: 30 days; purge protection on',
    ]);
    assert.deepEqual(guardLines(guardsOf({})), [
      'Permission model: access policies',
      'Network: all networks',
      'Soft delete: 90 days; purge protection off',
    ]);
    assert.match(deniedSentence(g, 'list the secrets of it'), /accepts connections from: firewall on/);
    assert.equal(
      deniedSentence({ ...g, defaultAction: 'Allow' }, 'list the secrets of it'),
      'This vault uses Azure RBAC; you have no role on it that can list the secrets of it.',
    );
  });

  it('names the least built-in role: Reader for metadata, Secrets User for values, Officer for writes', () => {
    assert.equal(leastRoleFor('listSecrets').name, 'Key Vault Reader');
    assert.equal(leastRoleFor('getDeleted').name, 'Key Vault Reader');
    assert.equal(leastRoleFor('getValue').name, 'Key Vault Secrets User');
    for (const op of ['setSecret', 'deleteSecret', 'purgeDeleted', 'backup', 'restore'] as const)
      assert.equal(leastRoleFor(op).name, 'Key Vault Secrets Officer');
  });

  it('allows only public IPv4 addresses into a firewall', () => {
    assert.equal(addressRefusal('203.0.113.42'), undefined);
    assert.equal(addressRefusal('52.1.2.3'), undefined);
    for (const a of ['10.0.0.1', '172.16.5.5', '192.168.1.1', '127.0.0.1', '169.254.1.1', '100.64.0.1', '0.1.2.3'])
      assert.match(addressRefusal(a) ?? '', /not a public address/, a);
    assert.match(addressRefusal('2001:db8::1') ?? '', /IPv6/);
    for (const a of ['1.2.3', '1.2.3.256', '01.2.3.4', '1.2.3.4/24', 'evil'])
      assert.match(addressRefusal(a) ?? '', /not an IPv4 address/, a);
    assert.equal(sameAddressRule('203.0.113.42/32', '203.0.113.42'), true);
    assert.equal(sameAddressRule('203.0.113.0/24', '203.0.113.42'), false);
  });

  it('reads the address a firewall refusal names, and the principal a token names (a GUID only)', () => {
    assert.equal(
      clientAddressIn(
        'Client address is not authorized and caller is not a trusted service.\r\nClient address: 203.0.113.9\r\nCaller: x',
      ),
      '203.0.113.9',
    );
    assert.equal(clientAddressIn('Caller is not authorized'), undefined);
    const oid = '5e0a2c1b-7f6d-4c3e-9b8a-1d2c3b4a5f6e';
    assert.deepEqual(tokenPrincipal(token({ oid, tid: '72f988bf-86f1-41af-91ab-2d7cd011db47' })), {
      objectId: oid,
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });
    assert.equal(tokenPrincipal(token({ tid: '72f988bf-86f1-41af-91ab-2d7cd011db47' })), undefined);
    assert.equal(tokenPrincipal(token({ oid: "x' --scope /" })), undefined);
    assert.equal(tokenPrincipal('not-a-jwt'), undefined);
    assert.match(
      azRoleAssignmentLine({ guid: 'g', name: 'Key Vault Reader' }, oid, '/subscriptions/s/resourceGroups/r'),
      /^az role assignment create --role "Key Vault Reader" --assignee-object-id 5e0a2c1b-/,
    );
  });

  it("the test-only ARM's user is the local server's data-plane user", () => {
    assert.equal(LOCAL_USER_OBJECT_ID, DEFAULT_CALLER_OID);
  });
});

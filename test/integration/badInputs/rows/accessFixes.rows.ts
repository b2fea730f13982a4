// What an access fix takes from the service and the sign-in before it writes anything: the client address a
// firewall refusal names (src/vault/accessGuards.ts: only a public IPv4 address may go into an IP rule, never a
// range) and the principal an ARM token names (src/vault/vaultAccessArm.ts: a GUID object id, else no fix).
import type { KeyVaultManagementContext } from '@azure/arm-keyvault/api';
import { addressRefusal, clientAddressIn } from '../../../../src/vault/accessGuards';
import { AccessFixError, VaultAccessArm } from '../../../../src/vault/vaultAccessArm';
import type { VaultRef } from '../../../../src/vault/model';
import { accepted, refused, type Outcome, type Row } from '../catalogue';

const surface = 'access fixes';
const VAULT: VaultRef = {
  key: 'https://contoso-firewall.vault.azure.net',
  url: 'https://contoso-firewall.vault.azure.net',
  name: 'contoso-firewall',
  source: 'discovered',
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  subscriptionId: '6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f',
  resourceId:
    '/subscriptions/6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f/resourceGroups/rg-secure/providers/Microsoft.KeyVault/vaults/contoso-firewall',
};

/** The address Allow My Address would add for this firewall refusal, or why it refuses. */
function allowFor(serviceMessage: string): Outcome {
  const address = clientAddressIn(serviceMessage);
  if (address === undefined) return refused('the refusal names no client address');
  const why = addressRefusal(address);
  return why === undefined ? accepted(address) : refused(why);
}

const firewall = (address: string): string =>
  `Client address is not authorized and caller is not a trusted service.\r\nClient address: ${address}\r\nCaller: appid=x\r\nVault: contoso-firewall;location=westeurope`;

/** The principal Grant Me Access would assign a role to, for an ARM token with these claims. */
async function principalFor(claims: object): Promise<Outcome> {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const token = `${part({ alg: 'none' })}.${part(claims)}.`;
  const arm = new VaultAccessArm(VAULT, () =>
    Promise.resolve({
      context: {} as KeyVaultManagementContext,
      scope: 'https://management.azure.com/.default',
      credential: { getToken: () => Promise.resolve({ token, expiresOnTimestamp: Date.now() + 60_000 }) },
    }),
  );
  try {
    return accepted((await arm.principal()).objectId);
  } catch (e) {
    if (e instanceof AccessFixError) return refused(e.message);
    throw e;
  }
}

export const rows: readonly Row[] = [
  {
    surface,
    input: 'a firewall refusal naming an allow-all range (0.0.0.0/0) as the client address',
    expect: 'refused',
    says: /0\.0\.0\.0 is not a public address/,
    run: () => allowFor(firewall('0.0.0.0/0')),
  },
  {
    surface,
    input: 'a firewall refusal naming a private (RFC 1918) client address',
    expect: 'refused',
    says: /10\.1\.2\.3 is not a public address/,
    run: () => allowFor(firewall('10.1.2.3')),
  },
  {
    surface,
    input: 'a firewall refusal naming an IPv6 client address',
    expect: 'refused',
    says: /is IPv6: Key Vault firewall rules take IPv4 addresses only/,
    run: () => allowFor(firewall('2001:db8::5')),
  },
  {
    surface,
    input: 'a firewall refusal naming a documentation (TEST-NET-3) address: public to Key Vault, allowed',
    expect: 'accepted',
    says: /^203\.0\.113\.42$/,
    run: () => allowFor(firewall('203.0.113.42')),
  },
  {
    surface,
    input: 'an ARM token whose object id carries az command-line text (" --scope /")',
    expect: 'refused',
    says: /the token has no object id/,
    run: () => principalFor({ oid: '5e0a2c1b-7f6d-4c3e-9b8a-1d2c3b4a5f6e" --scope "/', tid: VAULT.tenantId }),
  },
  {
    surface,
    input: 'an ARM token with no object id (an app-only or personal sign-in)',
    expect: 'refused',
    says: /the token has no object id/,
    run: () => principalFor({ tid: VAULT.tenantId, upn: 'someone@contoso.example' }),
  },
];

// Which vault entry an input names: the vault URL rule (src/shared/vaultUrl.ts), the entry rule
// (src/vault/vaultIdentity.ts), the known-vault check of command arguments and the settings' duplicate rule
// (src/vault/vaultArguments.ts, src/vault/addedVaults.ts), and the name a reference by vault name matches (ReferenceResolver.vaultNameOf).
// The known vaults are the demo's: contoso-dev discovered in a subscription, and added again by URL as local-dev.
import { vaultNameOf } from '../../../../src/references/ReferenceResolver';
import { mergeAddedVaults } from '../../../../src/vault/addedVaults';
import { resolveVaultArgument } from '../../../../src/vault/vaultArguments';
import type { VaultRef } from '../../../../src/vault/model';
import { knownEntryFor, vaultEntryId } from '../../../../src/vault/vaultIdentity';
import { accepted, neutralised, refused, type Outcome, type Row } from '../catalogue';

const URL = 'https://contoso-dev.vault.azure.net';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ADDED: VaultRef = { key: URL, url: URL, name: 'local-dev', source: 'added' };
const DISCOVERED: VaultRef = {
  key: URL,
  url: URL,
  name: 'contoso-dev',
  source: 'discovered',
  tenantId: TENANT,
  subscriptionId: '6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f',
  emulator: true,
};
const KNOWN: readonly VaultRef[] = [ADDED, DISCOVERED];

/** The known-vault check of a command argument: the entry it resolves to (by name and source), or its refusal. */
function check(arg: unknown): Outcome {
  const r = resolveVaultArgument(arg, KNOWN);
  return r.ok ? accepted(`${r.vault.name} (${r.vault.source})`) : refused(r.message);
}

const surface = 'vault identity';

export const rows: readonly Row[] = [
  {
    surface,
    input: 'the vault URL with an upper-case host',
    expect: 'accepted',
    says: /^local-dev \(added\)$/,
    run: () => check('https://CONTOSO-DEV.Vault.Azure.NET'),
  },
  {
    surface,
    input: 'the vault URL with a trailing slash',
    expect: 'accepted',
    says: /^local-dev \(added\)$/,
    run: () => check(`${URL}/`),
  },
  {
    surface,
    input: 'the vault URL with the default port :443 written out',
    expect: 'accepted',
    says: /^local-dev \(added\)$/,
    run: () => check(`${URL}:443`),
  },
  {
    surface,
    input: 'the vault URL on another port (:8443): another vault, not this one',
    expect: 'refused',
    says: /not one of your vaults/,
    run: () => check(`${URL}:8443`),
  },
  {
    surface,
    input: 'the vault host with a trailing dot (contoso-dev.vault.azure.net.)',
    expect: 'refused',
    says: /labels of letters, digits and dashes/,
    run: () => check(`${URL}.`),
  },
  {
    surface,
    input: 'a look-alike host (Cyrillic "е" in contoso-dеv)',
    expect: 'refused',
    says: /labels of letters, digits and dashes/,
    run: () => check('https://contoso-d\u0435v.vault.azure.net'),
  },
  {
    surface,
    input: "the other entry's display name smuggled in as a user name (https://local-dev@host)",
    expect: 'refused',
    says: /cannot contain a user name or password/,
    run: () => check('https://local-dev@contoso-dev.vault.azure.net'),
  },
  {
    surface,
    input: 'the discovered row as an argument: that entry, not the added entry of the same URL',
    expect: 'accepted',
    says: /^contoso-dev \(discovered\)$/,
    run: () => check({ ...DISCOVERED, url: `${URL.toUpperCase().replace('HTTPS', 'https')}/` }),
  },
  {
    surface,
    input: 'the discovered row with its tenant id in upper case',
    expect: 'accepted',
    says: /^contoso-dev \(discovered\)$/,
    run: () => check({ url: URL, source: 'discovered', tenantId: TENANT.toUpperCase(), emulator: true }),
  },
  {
    surface,
    input: 'a "discovered" argument naming a tenant that never listed the vault',
    expect: 'neutralised',
    says: /^local-dev \(added\): the made-up tenant is not an entry$/,
    run: () => {
      const r = resolveVaultArgument({ url: URL, source: 'discovered', tenantId: 'not-a-tenant' }, [ADDED]);
      return r.ok
        ? neutralised(`${r.vault.name} (${r.vault.source}): the made-up tenant is not an entry`)
        : refused(r.message);
    },
  },
  {
    surface,
    input: "the added row's argument borrowing the discovered entry's emulator flag",
    expect: 'refused',
    says: /cannot mark a vault as a local emulator/,
    run: () => check({ url: URL, source: 'added', emulator: true }),
  },
  {
    surface,
    input: 'url and key that name two different vaults',
    expect: 'neutralised',
    says: /^local-dev \(added\) by its url$/,
    run: () => {
      const v = knownEntryFor({ url: URL, key: 'https://other.vault.azure.net', source: 'added' }, KNOWN);
      return v === undefined ? refused('no entry') : neutralised(`${v.name} (${v.source}) by its url`);
    },
  },
  {
    surface,
    input: 'one vault listed twice in settings, spelled differently (case, :443, trailing slash)',
    expect: 'neutralised',
    says: /^1 entry; listed twice; the first entry is used/,
    run: () => {
      const r = mergeAddedVaults({
        user: [
          { url: 'https://Contoso-Dev.vault.azure.net/', name: 'a' },
          { url: `${URL}:443`, name: 'b' },
        ],
      });
      return neutralised(`${r.vaults.length} entry; ${r.problems.join(' ').replace(/^.*?is /, '')}`);
    },
  },
  {
    surface,
    input: 'two different vaults added under the same display name',
    expect: 'accepted',
    says: /^2 entries, 2 identities$/,
    run: () => {
      const r = mergeAddedVaults({
        user: [
          { url: URL, name: 'dev' },
          { url: 'https://contoso-dev2.vault.azure.net', name: 'dev' },
        ],
      });
      const ids = new Set(r.vaults.map(vaultEntryId));
      return accepted(`${r.vaults.length} entries, ${ids.size} identities`);
    },
  },
  {
    surface,
    input: "an added vault whose display name is another vault's Azure name (VaultName= references)",
    expect: 'neutralised',
    says: /^matched as "fabrikam", not "contoso-dev"$/,
    run: () => {
      const impostor: VaultRef = {
        key: 'https://fabrikam.vault.azure.net',
        url: 'https://fabrikam.vault.azure.net',
        name: 'contoso-dev',
        source: 'added',
      };
      const n = vaultNameOf(impostor);
      return n === 'contoso-dev'
        ? accepted('matched as "contoso-dev"')
        : neutralised(`matched as "${n}", not "contoso-dev"`);
    },
  },
];

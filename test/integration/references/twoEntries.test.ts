// The reference resolver when one vault is known as two entries (discovered, and added again by URL: the demo's
// contoso-dev and local-dev), against the local Key Vault server. Documents are checked at the same time (the
// feature re-checks every open document after the extension's own change), the known-vault list is read again
// (discovery answers new objects each time), and a change lands while a check is in flight: every reference still
// gets its state. A cache miss is checked again, never answered "not checked".
import * as assert from 'node:assert/strict';
import { ReferenceResolver } from '../../../src/references/ReferenceResolver';
import type { Resolution } from '../../../src/references/referenceState';
import { parseReferences, type KeyVaultReference } from '../../../src/shared/references/parseReferences';
import type { VaultRef } from '../../../src/vault/model';
import type { Emulator } from '../../emulator/server';
import { clientFor, start, vaultRef } from '../vault/helpers';

function refs(text: string): KeyVaultReference[] {
  const r = parseReferences(text);
  assert.deepEqual(r.problems, []);
  return [...r.references];
}

const brief = (rs: readonly Resolution[]): string[] =>
  rs.map((r) => (r.status === 'unreachable' ? `unreachable: ${r.message ?? ''}` : r.status));

describe('ReferenceResolver with one vault known as two entries (local Key Vault server)', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let url = '';
  /** The known list as discovery gives it: new objects at each read. */
  const knownNow = (): VaultRef[] => [
    { ...vaultRef(emu, 'twin'), name: 'local-twin' },
    { ...vaultRef(emu, 'twin'), source: 'discovered', tenantId: 't1', subscriptionId: 's1' },
    { ...vaultRef(emu, 'twin-locked'), source: 'discovered', tenantId: 't1', subscriptionId: 's1' },
  ];
  const make = (): ReferenceResolver => {
    const clients = new Map<string, ReturnType<typeof clientFor>>();
    return new ReferenceResolver({
      clientFor: (v) => {
        const name = v.url === url ? 'twin' : 'twin-locked';
        const c = clients.get(name) ?? clientFor(emu, name);
        clients.set(name, c);
        return c;
      },
      knownVaults: () => Promise.resolve(knownNow()),
      expiryWarningDays: () => 30,
    });
  };

  before(async () => {
    emu = await start({
      vaults: [
        {
          name: 'twin',
          recoverableDays: 7,
          secrets: [
            { name: 'healthy', versions: [{ value: 'a' }] },
            { name: 'off', versions: [{ value: 'a', enabled: false }] },
            { name: 'changed', versions: [{ value: 'a' }] },
          ],
          deleted: [{ name: 'gone', versions: [{ value: 'a' }], deletedAt: '-1d' }],
        },
        {
          name: 'twin-locked',
          permissions: { deny: ['list', 'get'] },
          secrets: [{ name: 'x', versions: [{ value: 'a' }] }],
        },
      ],
    });
    url = vaultRef(emu, 'twin').url;
  });
  after(async () => emu.stop());

  // One document names the vault by its Azure name (the discovered entry), the other by URL (the added entry).
  const byName = (): KeyVaultReference[] =>
    refs(
      [
        'A=@Microsoft.KeyVault(VaultName=twin;SecretName=healthy)',
        'B=@Microsoft.KeyVault(VaultName=twin;SecretName=gone)',
        'C=@Microsoft.KeyVault(VaultName=twin;SecretName=never-was)',
        'D=@Microsoft.KeyVault(VaultName=twin;SecretName=off)',
        'E=@Microsoft.KeyVault(VaultName=twin-locked;SecretName=x)',
      ].join('\n'),
    );
  const byUrl = (): KeyVaultReference[] =>
    refs([`A=${url}/secrets/healthy`, `B=${url}/secrets/gone`, `C=${url}/secrets/also-never`].join('\n'));
  const NAME_STATES = ['enabled', 'deleted', 'notFound', 'disabled', 'forbidden'];
  const URL_STATES = ['enabled', 'deleted', 'notFound'];

  it('two documents naming the vault through its two entries, checked at once, both get every state', async () => {
    const resolver = make();
    const [a, b] = await Promise.all([resolver.resolveAll(byName()), resolver.resolveAll(byUrl())]);
    assert.deepEqual(brief(a), NAME_STATES);
    assert.deepEqual(brief(b), URL_STATES);
    // Each reference names the entry it points at: by name the discovered one, by URL the added one.
    assert.equal(a[1]?.vault?.source, 'discovered');
    assert.equal(b[1]?.vault?.name, 'local-twin');
  });

  it('after the extension\'s change, the re-check of every document (the known list read again) leaves none "not checked"', async () => {
    const resolver = make();
    assert.deepEqual(brief(await resolver.resolveAll(byName())), NAME_STATES);
    assert.deepEqual(brief(await resolver.resolveAll(byUrl())), URL_STATES);
    // The change lands while the documents are being checked again, and the known list is read again.
    const again = Promise.all([resolver.resolveAll(byName()), resolver.resolveAll(byUrl())]);
    resolver.invalidate(url, 'changed');
    resolver.forgetKnownVaults();
    const late = Promise.all([resolver.resolveAll(byName()), resolver.resolveAll(byUrl())]);
    for (const [a, b] of await Promise.all([again, late])) {
      assert.deepEqual(brief(a), NAME_STATES);
      assert.deepEqual(brief(b), URL_STATES);
    }
  });

  it('a change of one secret while its vault is being checked: every reference still gets its state', async () => {
    const resolver = make();
    const all = refs(
      [
        'A=@Microsoft.KeyVault(VaultName=twin;SecretName=changed)',
        'B=@Microsoft.KeyVault(VaultName=twin;SecretName=gone)',
        'C=@Microsoft.KeyVault(VaultName=twin;SecretName=never-was)',
      ].join('\n'),
    );
    const pending = resolver.resolveAll(all);
    // Lands during the check: the name's answer is dropped as stale, and is checked again rather than lost.
    setTimeout(() => resolver.invalidate(url, 'gone'), 0);
    setTimeout(() => resolver.invalidate(url, 'changed'), 5);
    assert.deepEqual(brief(await pending), ['enabled', 'deleted', 'notFound']);
  });
});

import * as assert from 'node:assert/strict';
import { parseAddedVaults } from '../../../src/vault/addedVaults';
import { VaultServiceImpl } from '../../../src/vault/VaultServiceImpl';
import type { VaultClient, VaultDiscovery, VaultRef } from '../../../src/vault/model';

describe('addedVaults', () => {
  it('reads valid entries, normalising URLs, defaulting the name to the host', () => {
    const { vaults, problems } = parseAddedVaults([
      { url: 'https://Contoso.vault.azure.net/', name: 'contoso' },
      { url: 'https://127.0.0.1:8443', emulator: true, caFile: '/tmp/ca.pem' },
      'https://plain.vault.azure.net',
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(vaults, [
      { key: 'https://contoso.vault.azure.net', name: 'contoso', url: 'https://contoso.vault.azure.net', source: 'added' },
      { key: 'https://127.0.0.1:8443', name: '127.0.0.1:8443', url: 'https://127.0.0.1:8443', source: 'added', emulator: true, caFile: '/tmp/ca.pem' },
      { key: 'https://plain.vault.azure.net', name: 'plain.vault.azure.net', url: 'https://plain.vault.azure.net', source: 'added' },
    ]);
  });

  it('skips and reports invalid entries and duplicates', () => {
    const { vaults, problems } = parseAddedVaults([
      { url: 'http://x.vault.azure.net' },
      { url: 'https://x.vault.azure.net/secrets' },
      { url: 'https://x.vault.azure.net?a=b' },
      { name: 'no url' },
      42,
      { url: 'https://a.vault.azure.net' },
      { url: 'https://A.vault.azure.net/' },
    ]);
    assert.equal(vaults.length, 1);
    assert.equal(problems.length, 6);
    assert.match(problems[0], /https/);
    assert.match(problems[5], /twice/);
  });

  it('tolerates a missing or wrong-typed setting', () => {
    assert.deepEqual(parseAddedVaults(undefined), { vaults: [], problems: [] });
    assert.equal(parseAddedVaults({}).problems.length, 1);
  });
});

describe('VaultServiceImpl', () => {
  const discovery = {} as VaultDiscovery;
  const fakeClient = (vault: VaultRef): VaultClient => ({ vault }) as VaultClient;

  it('reuses one client per vault, and a new one when its connection settings change', () => {
    let created = 0;
    const service = new VaultServiceImpl({ discovery, readAddedVaultsSetting: () => [], createClient: (v) => (created++, fakeClient(v)) });
    const vault: VaultRef = { key: 'https://a', name: 'a', url: 'https://a', source: 'added' };
    const first = service.clientFor(vault);
    assert.equal(service.clientFor({ ...vault }), first);
    assert.notEqual(service.clientFor({ ...vault, emulator: true }), first);
    assert.equal(created, 2);
    service.resetClients();
    assert.notEqual(service.clientFor(vault), first);
  });

  it('reads added vaults from the setting each time and reports each problem once', () => {
    let setting: unknown = [{ url: 'https://a.vault.azure.net' }, { url: 'bad' }];
    const problems: string[] = [];
    const service = new VaultServiceImpl({ discovery, readAddedVaultsSetting: () => setting, createClient: fakeClient, onProblem: (p) => problems.push(p) });
    assert.equal(service.addedVaults().length, 1);
    assert.equal(service.addedVaults().length, 1);
    assert.equal(problems.length, 1);
    setting = [];
    assert.equal(service.addedVaults().length, 0);
    assert.equal(service.discovery, discovery);
  });
});

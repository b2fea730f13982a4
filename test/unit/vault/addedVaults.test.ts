import * as assert from 'node:assert/strict';
import { mergeAddedVaults, parseAddedVaults, userVaultsWithEntry, vaultsWithout } from '../../../src/vault/addedVaults';
import { clampClipboardClearSeconds, httpsSettingUrl, parseSubscriptionIds } from '../../../src/vault/settingValues';
import { resolveVaultArgument } from '../../../src/vault/vaultArguments';
import { vaultConnection } from '../../../src/vault/credentials';
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
      {
        key: 'https://contoso.vault.azure.net',
        name: 'contoso',
        url: 'https://contoso.vault.azure.net',
        source: 'added',
      },
      {
        key: 'https://127.0.0.1:8443',
        name: '127.0.0.1',
        url: 'https://127.0.0.1:8443',
        source: 'added',
        emulator: true,
        caFile: '/tmp/ca.pem',
      },
      { key: 'https://plain.vault.azure.net', name: 'plain', url: 'https://plain.vault.azure.net', source: 'added' },
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
    const service = new VaultServiceImpl({
      discovery,
      readAddedVaults: () => mergeAddedVaults({}),
      createClient: (v) => (created++, fakeClient(v)),
    });
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
    const service = new VaultServiceImpl({
      discovery,
      readAddedVaults: () => mergeAddedVaults({ user: setting }),
      createClient: fakeClient,
      onProblem: (p) => problems.push(p),
    });
    assert.equal(service.addedVaults().length, 1);
    assert.equal(service.addedVaults().length, 1);
    assert.equal(problems.length, 1);
    setting = [];
    assert.equal(service.addedVaults().length, 0);
    assert.equal(service.discovery, discovery);
  });
});

describe('settings rules (issue 10 rule 2)', () => {
  it('a workspace entry keeps its URL and name, is marked origin workspace, and loses emulator/caFile (reported)', () => {
    const { vaults, problems } = mergeAddedVaults({
      user: [{ url: 'https://127.0.0.1:8443', emulator: true, caFile: '/home/me/ca.pem' }],
      workspace: [
        { url: 'https://127.0.0.2:8443', name: 'team', emulator: true, caFile: '/repo/evil-ca.pem' },
        { url: 'https://127.0.0.1:8443' },
      ],
    });
    assert.deepEqual(
      vaults.map((v) => [v.url, v.origin ?? 'user', v.emulator === true, v.caFile]),
      [
        ['https://127.0.0.1:8443', 'user', true, '/home/me/ca.pem'],
        ['https://127.0.0.2:8443', 'workspace', false, undefined],
      ],
    );
    assert.equal(problems.filter((p) => /only in your user settings/.test(p)).length, 2);
    assert.equal(problems.filter((p) => /listed twice/.test(p)).length, 1);
  });

  it('emulator is honoured only on loopback hosts and only as a boolean; caFile only as an absolute path', () => {
    const { vaults, problems } = parseAddedVaults([
      { url: 'https://contoso.vault.azure.net', emulator: true },
      { url: 'https://127.0.0.1:1', emulator: 'yes' },
      { url: 'https://kv.localhost:2', emulator: true, caFile: 'relative/ca.pem' },
      { url: 'https://bbb.vault.azure.net', name: 'x'.repeat(65) },
      { url: 'https://ccc.vault.azure.net', name: 'evil\u202Ename' },
    ]);
    assert.deepEqual(
      vaults.map((v) => [v.name, v.emulator === true, v.caFile]),
      [
        ['contoso', false, undefined],
        ['127.0.0.1', false, undefined],
        ['kv.localhost', true, undefined],
        ['bbb', false, undefined],
        ['ccc', false, undefined],
      ],
    );
    assert.match(problems[0] ?? '', /only for a vault on this machine/);
    assert.match(problems[1] ?? '', /must be true or false/);
    assert.match(problems[2] ?? '', /absolute path/);
    assert.match(problems[3] ?? '', /at most 64/);
    assert.match(problems[4] ?? '', /printable/);
  });

  it('Add Vault writes the user list plus the entry, never the workspace list', () => {
    const user = [
      { url: 'https://mine.vault.azure.net', name: 'mine' },
      'https://legacy.vault.azure.net',
      { junk: true },
    ];
    const r = userVaultsWithEntry(user, { url: 'https://New.vault.azure.net/', name: ' new ' });
    assert.equal(r.already, false);
    if (!r.already) assert.deepEqual(r.value, [...user, { url: 'https://new.vault.azure.net', name: 'new' }]);
    assert.deepEqual(userVaultsWithEntry(undefined, { url: 'https://a.vault.azure.net' }), {
      already: false,
      value: [{ url: 'https://a.vault.azure.net' }],
    });
    assert.deepEqual(userVaultsWithEntry(user, { url: 'https://MINE.vault.azure.net' }), { already: true });
    const remote = userVaultsWithEntry([], { url: 'https://a.vault.azure.net', emulator: true });
    assert.deepEqual(remote, { already: false, value: [{ url: 'https://a.vault.azure.net' }] });
    assert.throws(() => userVaultsWithEntry([], { url: 'https://[::1]:8443' }), /IPv6/);
    assert.deepEqual(vaultsWithout(user, 'https://legacy.vault.azure.net'), [user[0], user[2]]);
    assert.equal(vaultsWithout(user, 'https://other.vault.azure.net'), undefined);
  });

  it('the known-vault check: only known vaults, and never an emulator/caFile of the argument', () => {
    const known = [
      { key: 'https://a.vault.azure.net', url: 'https://a.vault.azure.net', name: 'a', source: 'added' as const },
      {
        key: 'https://127.0.0.1:8443',
        url: 'https://127.0.0.1:8443',
        name: 'local',
        source: 'added' as const,
        emulator: true,
        caFile: '/ca.pem',
      },
    ];
    const ok = resolveVaultArgument({ url: 'https://A.vault.azure.net/', name: 'renamed' }, known);
    assert.equal(ok.ok && ok.vault, known[0]);
    assert.equal(resolveVaultArgument('https://a.vault.azure.net', known).ok, true);
    assert.equal(resolveVaultArgument(known[1], known).ok, true);
    for (const bad of [
      { url: 'https://evil.example' },
      { url: 'https://a.vault.azure.net', emulator: true },
      { url: 'https://a.vault.azure.net', caFile: '/tmp/evil.pem' },
      { url: 'https://127.0.0.1:8443', caFile: '/tmp/evil.pem' },
      { url: 'javascript:alert(1)' },
      42,
      undefined,
    ])
      assert.equal(resolveVaultArgument(bad, known).ok, false, JSON.stringify(bad));
  });

  it('clipboardClearSeconds is clamped to 0..3600; subscriptions must be GUIDs; portal URLs must be https', () => {
    assert.deepEqual(
      [-5, 0, 30, 4000, Number.NaN, '10', 1.6].map(clampClipboardClearSeconds),
      [0, 0, 30, 3600, 30, 30, 2],
    );
    const subs = parseSubscriptionIds(['00000000-0000-0000-0000-000000000001', 'not-a-guid', 7]);
    assert.deepEqual(subs.ids, ['00000000-0000-0000-0000-000000000001']);
    assert.equal(subs.problems.length, 2);
    assert.equal(httpsSettingUrl('https://portal.example.com/'), 'https://portal.example.com');
    for (const bad of [
      'http://portal.example.com',
      'javascript:alert(1)',
      'command:workbench.action.x',
      'https://u:p@x.com',
      '',
      5,
    ])
      assert.equal(httpsSettingUrl(bad), undefined, String(bad));
  });

  it('the challenge-verification switch comes only with the static emulator credential, and only on loopback', () => {
    const azure = { getToken: () => Promise.resolve(null) };
    assert.equal(vaultConnection({ url: 'https://127.0.0.1:8443', emulator: true }, () => azure).emulator, true);
    assert.notEqual(vaultConnection({ url: 'https://127.0.0.1:8443', emulator: true }, () => azure).credential, azure);
    assert.equal(
      vaultConnection({ url: 'https://contoso.vault.azure.net', emulator: true }, () => azure).emulator,
      false,
    );
    assert.equal(
      vaultConnection({ url: 'https://contoso.vault.azure.net', emulator: true }, () => azure).credential,
      azure,
    );
    assert.equal(vaultConnection({ url: 'https://127.0.0.1:8443' }, () => azure).emulator, false);
  });
});

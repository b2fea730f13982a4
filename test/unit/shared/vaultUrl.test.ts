import * as assert from 'node:assert/strict';
import {
  defaultVaultDisplayName,
  isKeyVaultHost,
  isLoopbackHost,
  isLoopbackVaultUrl,
  isVaultName,
  normalizeVaultUrl,
  parseVaultUrl,
  validateVaultDisplayName,
  validateVaultUrl,
  vaultAuthority,
} from '../../../src/shared/vaultUrl';

describe('vaultUrl: the one vault URL rule', () => {
  it('forgives spaces around a URL, but refuses text over 4096 characters before trimming it', () => {
    const url = 'https://contoso.vault.azure.net';
    assert.equal(parseVaultUrl(`${' '.repeat(4000)}${url} `).ok, true);
    const long = parseVaultUrl(`${' '.repeat(4096)}${url}`);
    assert.ok(!long.ok && /too long for a vault URL/.test(long.message));
  });
  const valid: ReadonlyArray<[string, string]> = [
    ['https://contoso.vault.azure.net', 'https://contoso.vault.azure.net'],
    ['https://contoso.vault.azure.net/', 'https://contoso.vault.azure.net'],
    ['  https://Contoso.Vault.Azure.NET/  ', 'https://contoso.vault.azure.net'],
    ['HTTPS://contoso.vault.azure.net', 'https://contoso.vault.azure.net'],
    ['https://contoso.vault.azure.net:443', 'https://contoso.vault.azure.net'],
    ['https://127.0.0.1:8443', 'https://127.0.0.1:8443'],
    ['https://localhost:8443/', 'https://localhost:8443'],
    ['https://dev.localhost:1', 'https://dev.localhost:1'],
    ['https://contoso.vault.azure.cn', 'https://contoso.vault.azure.cn'],
    ['https://a-b.vault.azure.net:65535', 'https://a-b.vault.azure.net:65535'],
  ];
  for (const [input, expected] of valid)
    it(`accepts ${JSON.stringify(input)} as ${expected}`, () => {
      const r = parseVaultUrl(input);
      assert.equal(r.ok, true);
      if (r.ok) assert.equal(r.url, expected);
      assert.equal(validateVaultUrl(input), undefined);
      assert.equal(normalizeVaultUrl(input), expected);
      assert.equal(vaultAuthority(input), expected.slice('https://'.length));
    });
  const invalid: ReadonlyArray<[unknown, RegExp]> = [
    ['', /Enter the vault URL/],
    [42, /must be text/],
    ['contoso.vault.azure.net', /not a URL/],
    ['http://contoso.vault.azure.net', /https/],
    ['ftp://contoso.vault.azure.net', /https/],
    ['https://contoso.vault.azure.net/secrets', /no path/],
    ['https://contoso.vault.azure.net/secrets/x/', /no path/],
    ['https://contoso.vault.azure.net?api-version=7.4', /no query/],
    ['https://contoso.vault.azure.net/?', /no query/],
    ['https://contoso.vault.azure.net/#x', /no fragment/],
    ['https://user:pw@contoso.vault.azure.net', /user name or password/],
    ['https://contoso.vault.azure.net:0', /port must be a number from 1 to 65535/],
    ['https://contoso.vault.azure.net:65536', /port must be a number from 1 to 65535/],
    ['https://contoso.vault.azure.net:99999', /port/],
    ['https://contoso.vault.azure.net:', /port/],
    ['https://contoso.vault.azure.net:8a', /port/],
    ['https://a%2e%2e.vault.azure.net', /no "%"/],
    ['https://%2e%2e', /no "%"/],
    ['https://contoso.vault.azure.net;x', /no "%", ";"/],
    ['https://contoso\\.vault.azure.net', /host/],
    ['https://-contoso.vault.azure.net', /labels/],
    ['https://contoso-.vault.azure.net', /labels/],
    ['https://contoso..vault.azure.net', /labels/],
    ['https://contoso_x.vault.azure.net', /labels/],
    ['https://contosö.vault.azure.net', /labels/],
    ['https://contoso .vault.azure.net', /spaces/],
    ['https://conto\u0000so.vault.azure.net', /control/],
    ['https://[::1]:8443', /IPv6 addresses are not supported/],
    ['https://[::1]', /IPv6/],
    ['https://999.1.1.1', /neither a host name nor an IPv4/],
    ['https://127.0.0.1.2', /neither/],
    ['https://:8443', /needs a host name/],
    [`https://${'a'.repeat(64)}.vault.azure.net`, /labels/],
    ['javascript://contoso.vault.azure.net', /https/],
    ['https:contoso.vault.azure.net', /not a URL/],
  ];
  for (const [input, expected] of invalid)
    it(`refuses ${JSON.stringify(input)}`, () => {
      const result = parseVaultUrl(input);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.message, expected);
      assert.equal(normalizeVaultUrl(input), undefined);
    });

  it('IPv6 is refused everywhere the one parser is used (Add Vault, settings, document URIs, commands)', () => {
    assert.equal(validateVaultUrl('https://[::1]:8443') !== undefined, true);
    assert.equal(vaultAuthority('https://[::1]:8443'), undefined);
  });

  it('loopback outside user settings: 127.0.0.0/8 and localhost only', () => {
    for (const h of ['127.0.0.1', '127.255.0.9', 'localhost', 'LOCALHOST', 'localhost.'])
      assert.equal(isLoopbackHost(h), true, h);
    // A workspace or a reference naming `*.localhost` or ::1 does not get "this machine".
    for (const h of ['kv.localhost', 'a.b.localhost', '::1', '[::1]']) {
      assert.equal(isLoopbackHost(h), false, h);
      assert.equal(isLoopbackHost(h, 'other'), false, h);
    }
    assert.equal(isLoopbackVaultUrl('https://kv.localhost:8443'), false);
    for (const h of [
      '128.0.0.1',
      '10.0.0.1',
      '127.0.0.1.evil.com',
      'localhost.evil.com',
      'evillocalhost',
      'contoso.vault.azure.net',
      '0.0.0.0',
      '127.1',
    ]) {
      assert.equal(isLoopbackHost(h), false, h);
    }
    assert.equal(isLoopbackVaultUrl('https://127.0.0.1:8443'), true);
    assert.equal(isLoopbackVaultUrl('https://127.0.0.1.nip.io:8443'), false);
    assert.equal(isLoopbackVaultUrl('not a url'), false);
  });

  it("loopback in the user's own settings: also *.localhost (lowkey-vault) and ::1", () => {
    for (const h of ['127.0.0.1', 'localhost', 'kv.localhost', 'KV.LOCALHOST', '::1', '[::1]'])
      assert.equal(isLoopbackHost(h, 'user'), true, h);
    for (const h of ['localhost.evil.com', '127.0.0.1.nip.io', 'evillocalhost', '10.0.0.1'])
      assert.equal(isLoopbackHost(h, 'user'), false, h);
    assert.equal(isLoopbackVaultUrl('https://kv.localhost:8443', 'user'), true);
  });

  it('Key Vault hosts of the public and sovereign clouds', () => {
    for (const h of [
      'contoso.vault.azure.net',
      'contoso.vault.azure.cn',
      'contoso.vault.usgovcloudapi.net',
      'contoso.vault.microsoftazure.de',
    ]) {
      assert.equal(isKeyVaultHost(h), true, h);
    }
    for (const h of [
      'vault.azure.net',
      'contoso.vault.azure.net.evil.com',
      'a.b.vault.azure.net',
      'contoso.blob.core.windows.net',
      '127.0.0.1',
    ]) {
      assert.equal(isKeyVaultHost(h), false, h);
    }
  });

  it('vault names: 3-24, letter first, letter or digit last, no "--"', () => {
    for (const n of ['abc', 'contoso-dev', 'a1b', 'A'.repeat(24)]) assert.equal(isVaultName(n), true, n);
    for (const n of ['ab', 'A'.repeat(25), '1abc', 'abc-', 'a--b', 'a_b', 'a.b'])
      assert.equal(isVaultName(n), false, n);
  });

  it('display names: at most 64 printable characters', () => {
    assert.equal(validateVaultDisplayName('Contoso dev (team) ✓'), undefined);
    assert.equal(validateVaultDisplayName(''), undefined);
    assert.match(validateVaultDisplayName('x'.repeat(65)) ?? '', /at most 64/);
    assert.match(validateVaultDisplayName('bad\u202Eevil') ?? '', /printable/);
    assert.match(validateVaultDisplayName('two\nlines') ?? '', /printable/);
    assert.match(validateVaultDisplayName('nul\u0000') ?? '', /printable/);
    assert.match(validateVaultDisplayName(7) ?? '', /text/);
  });

  it('default display name: the vault name of a Key Vault host, else the host', () => {
    assert.equal(defaultVaultDisplayName('https://contoso.vault.azure.net'), 'contoso');
    assert.equal(defaultVaultDisplayName('https://127.0.0.1:8443'), '127.0.0.1');
  });
});

import * as assert from 'node:assert/strict';
import { normalizeVaultUrl, parseVaultUrl, validateVaultUrl } from '../../../src/shared/vaultUrl';

describe('vaultUrl', () => {
  const valid: ReadonlyArray<[string, string]> = [
    ['https://contoso.vault.azure.net', 'https://contoso.vault.azure.net'],
    ['https://contoso.vault.azure.net/', 'https://contoso.vault.azure.net'],
    ['  https://Contoso.Vault.Azure.NET/  ', 'https://contoso.vault.azure.net'],
    ['https://contoso.vault.azure.net:443', 'https://contoso.vault.azure.net'],
    ['https://127.0.0.1:8443', 'https://127.0.0.1:8443'],
    ['https://localhost:8443/', 'https://localhost:8443'],
    ['https://contoso.vault.azure.cn', 'https://contoso.vault.azure.cn'],
  ];
  for (const [input, expected] of valid) it(`accepts ${JSON.stringify(input)} as ${expected}`, () => {
    assert.deepEqual(parseVaultUrl(input), { ok: true, url: expected });
    assert.equal(validateVaultUrl(input), undefined);
    assert.equal(normalizeVaultUrl(input), expected);
  });
  const invalid: ReadonlyArray<[string, RegExp]> = [
    ['', /Enter the vault URL/],
    ['contoso.vault.azure.net', /not a URL/],
    ['http://contoso.vault.azure.net', /https/],
    ['ftp://contoso.vault.azure.net', /https/],
    ['https://contoso.vault.azure.net/secrets', /no path/],
    ['https://contoso.vault.azure.net/secrets/x/', /no path/],
    ['https://contoso.vault.azure.net?api-version=7.4', /no query/],
    ['https://contoso.vault.azure.net/?', /no query/],
    ['https://contoso.vault.azure.net/#x', /no fragment/],
    ['https://user:pw@contoso.vault.azure.net', /user name or password/],
  ];
  for (const [input, expected] of invalid) it(`refuses ${JSON.stringify(input)}`, () => {
    const result = parseVaultUrl(input);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.message, expected);
    assert.equal(normalizeVaultUrl(input), undefined);
  });
});

import * as assert from 'node:assert/strict';
import {
  decodeSecretUri,
  encodeSecretUri,
  extensionForContentType,
  sameSecret,
} from '../../../src/documents/secretUri';
import { languageForContentType } from '../../../src/documents/secretLanguage';

describe('secret document URI codec', () => {
  it('round-trips value, properties and deleted views', () => {
    for (const ref of [
      { vaultUrl: 'https://contoso-dev.vault.azure.net', name: 'api-key', view: 'value' as const },
      {
        vaultUrl: 'https://127.0.0.1:8443',
        name: 'db-password',
        version: '3f2a9c0d1e2f40aa9bb0c1d2e3f40516',
        view: 'value' as const,
      },
      { vaultUrl: 'https://contoso.vault.azure.net', name: 'x', version: 'abc', view: 'properties' as const },
      { vaultUrl: 'https://contoso.vault.azure.net', name: 'gone', view: 'deleted' as const },
    ]) {
      assert.deepEqual(decodeSecretUri(encodeSecretUri(ref)), ref);
    }
  });

  it('names the file after the secret, with an extension from the content type', () => {
    assert.equal(
      encodeSecretUri({
        vaultUrl: 'https://v.vault.azure.net/',
        name: 'cfg',
        view: 'value',
        contentType: 'application/json; charset=utf-8',
      }),
      'keyvault-secret://v.vault.azure.net/cfg/latest/cfg.json?view=value',
    );
    assert.match(
      encodeSecretUri({
        vaultUrl: 'https://v.vault.azure.net',
        name: 'cfg',
        version: '0123456789abcdef',
        view: 'properties',
      }),
      /\/cfg@01234567\.properties\.json\?/,
    );
  });

  it('decodes percent-encoded URIs as VS Code prints them', () => {
    const ref = decodeSecretUri('keyvault-secret://127.0.0.1%3A8443/api-key/latest/api-key.txt?view%3Dvalue');
    assert.deepEqual(ref, { vaultUrl: 'https://127.0.0.1:8443', name: 'api-key', view: 'value' });
  });

  it('refuses what could not come from Key Vault', () => {
    assert.throws(() => encodeSecretUri({ vaultUrl: 'http://v.vault.azure.net', name: 'a', view: 'value' }));
    assert.throws(() => encodeSecretUri({ vaultUrl: 'https://v.vault.azure.net', name: 'a/b', view: 'value' }));
    assert.throws(() =>
      encodeSecretUri({ vaultUrl: 'https://v.vault.azure.net', name: 'a', version: 'x/y', view: 'value' }),
    );
    assert.equal(decodeSecretUri('file:///etc/passwd'), undefined);
    assert.equal(decodeSecretUri('keyvault-secret://v/a/latest/a.txt?view=edit'), undefined);
    assert.equal(decodeSecretUri('keyvault-secret://v/a b/latest/a.txt?view=value'), undefined);
    assert.equal(decodeSecretUri('keyvault-secret://v/a/latest/a.txt?view=value&value=s3cret'), undefined);
  });

  it('never carries anything but host, name, version and view', () => {
    const uri = encodeSecretUri({
      vaultUrl: 'https://v.vault.azure.net',
      name: 'token',
      view: 'value',
      contentType: 'text/plain',
    });
    assert.equal(uri, 'keyvault-secret://v.vault.azure.net/token/latest/token.txt?view=value');
  });

  it('compares secrets by vault host and name', () => {
    const a = { vaultUrl: 'https://V.vault.azure.net', name: 'Key', view: 'value' as const };
    assert.ok(sameSecret(a, { vaultUrl: 'https://v.vault.azure.net/', name: 'key' }));
    assert.ok(!sameSecret(a, { vaultUrl: 'https://w.vault.azure.net', name: 'key' }));
  });

  it('maps content types to extensions and languages', () => {
    assert.equal(extensionForContentType(undefined), '.txt');
    assert.equal(extensionForContentType('application/x-pem-file'), '.pem');
    assert.equal(extensionForContentType('application/ld+json'), '.json');
    assert.equal(languageForContentType('application/json'), 'json');
    assert.equal(languageForContentType('text/yaml'), 'yaml');
    assert.equal(languageForContentType('application/octet-stream'), 'plaintext');
    assert.equal(languageForContentType(''), undefined);
  });
});

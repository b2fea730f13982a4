// Links to a vault or a secret: what a link may ask for, checked before anything is looked up.
import * as assert from 'node:assert/strict';
import { EXTENSION_ID, linkTo, parseLink } from '../../../src/shared/secretLinks';

const VAULT = 'https://contoso-dev.vault.azure.net';

describe('links to vaults and secrets', () => {
  it('round-trips a link to a vault and to a secret, in any editor scheme', () => {
    assert.deepEqual(parseLink(linkTo('vscode', VAULT, 'api-key')), { ok: true, vaultUrl: VAULT, secret: 'api-key' });
    assert.deepEqual(parseLink(linkTo('vscode-insiders', 'https://127.0.0.1:8443')), {
      ok: true,
      vaultUrl: 'https://127.0.0.1:8443',
    });
  });

  it('normalises the vault URL by the one vault URL rule', () => {
    const r = parseLink(
      `vscode://${EXTENSION_ID}/open?vault=${encodeURIComponent('https://Contoso-Dev.vault.azure.net:443/')}`,
    );
    assert.deepEqual(r, { ok: true, vaultUrl: VAULT });
  });

  it('refuses every part that breaks a rule', () => {
    const base = `vscode://${EXTENSION_ID}`;
    const vault = encodeURIComponent(VAULT);
    const refused = [
      `${base}/open?vault=${encodeURIComponent('http://contoso.vault.azure.net')}`,
      `${base}/open?vault=${encodeURIComponent(`${VAULT}/secrets/x`)}`,
      `${base}/open?vault=${vault}&secret=a_b`,
      `${base}/open?vault=${vault}&secret=${'a'.repeat(128)}`,
      `${base}/open?vault=${vault}&secret=a&secret=b`,
      `${base}/open?vault=${vault}&version=1`,
      `${base}/open?secret=a`,
      `${base}/purge?vault=${vault}`,
      `vscode://someone.else/open?vault=${vault}`,
      `${base}/open?vault=${vault}&secret=${'a'.repeat(3000)}`,
      'not a link',
    ];
    for (const link of refused) assert.equal(parseLink(link).ok, false, link);
  });
});

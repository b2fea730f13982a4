import * as assert from 'node:assert/strict';
import { hoverMarkdown } from '../../../src/references/hoverText';
import type { Resolution } from '../../../src/references/referenceState';
import { parseReferences } from '../../../src/shared/references/parseReferences';
import type { VaultRef } from '../../../src/vault/model';

const now = new Date('2026-11-29T12:00:00Z');
const vault: VaultRef = {
  key: 'https://contoso.vault.azure.net',
  url: 'https://contoso.vault.azure.net',
  name: '[evil](command:workbench.action.terminal.new)',
  source: 'added',
};
const ref = parseReferences('@Microsoft.KeyVault(SecretUri=https://contoso.vault.azure.net/secrets/db/)').references[0];
const at = { uri: 'file:///w/local.settings.json', offset: 3 };

/** Command links outside code spans. */
function outsideCode(md: string): string {
  return md.replace(/(`+) [\s\S]*? \1(?!`)/g, '');
}
function links(md: string): string[] {
  return [...outsideCode(md).matchAll(/\]\((command:[^)?]+)/g)].map((m) => m[1]);
}

describe('hoverText', () => {
  it("shows service text and names as data: only this extension's referenceAction is a link", () => {
    const r: Resolution = {
      status: 'forbidden',
      vault,
      vaultUrl: vault.url,
      permission: 'list',
      message: 'Denied. [click](command:workbench.action.terminal.new) ![x](https://evil/x.png) <img src=x>',
    };
    const md = hoverMarkdown(ref, r, at, now);
    assert.deepEqual(links(md), []);
    assert.ok(!outsideCode(md).includes('](command:workbench'), md);
    assert.ok(!/(^|[^\\])<img/.test(outsideCode(md)), md);
  });
  it('links the actions of an existing secret, and tags stay inside code spans', () => {
    const r: Resolution = {
      status: 'enabled',
      vault: { ...vault, name: 'contoso' },
      vaultUrl: vault.url,
      properties: {
        vaultUrl: vault.url,
        name: 'db',
        id: 'x',
        enabled: true,
        managed: false,
        tags: { 'a`b': '``[x](command:evil)``' },
        contentType: 'text/plain\n# heading',
      },
    };
    const md = hoverMarkdown(ref, r, at, now);
    assert.deepEqual([...new Set(links(md))], ['command:keyVaultSecrets.referenceAction']);
    assert.equal(links(md).length, 4);
    assert.ok(!/\n# heading/.test(md), 'a line break in service text cannot start a heading');
    const args = JSON.parse(decodeURIComponent(/referenceAction\?([^)]+)\)/.exec(md)?.[1] ?? '')) as unknown;
    assert.deepEqual(args, [{ action: 'showValue', uri: at.uri, offset: 3 }]);
  });
  it("says a certificate's backing secret is backed by that certificate and when it expires", () => {
    const properties = {
      vaultUrl: vault.url,
      name: 'db',
      id: 'x',
      enabled: true,
      tags: {},
      contentType: 'application/x-pkcs12',
      expiresOn: new Date('2026-12-09T12:00:00Z'),
    };
    const managed: Resolution = {
      status: 'enabled',
      vault,
      vaultUrl: vault.url,
      properties: { ...properties, managed: true },
    };
    assert.match(
      hoverMarkdown(ref, managed, at, now),
      /\*\*Backed by:\*\* certificate ` db `, expires 2026-12-09 \(in 10 d\); renew or replace the certificate/,
    );
    const plain: Resolution = { ...managed, properties: { ...properties, managed: false } };
    assert.doesNotMatch(hoverMarkdown(ref, plain, at, now), /Backed by/);
  });
  it('offers Check this reference only for a checkable unknown vault', () => {
    assert.match(
      hoverMarkdown(ref, { status: 'vaultUnknown', checkable: true, vaultUrl: vault.url }, at, now),
      /\[Check this reference\]/,
    );
    assert.doesNotMatch(
      hoverMarkdown(ref, { status: 'vaultUnknown', checkable: false }, at, now),
      /Check this reference\]/,
    );
  });
});

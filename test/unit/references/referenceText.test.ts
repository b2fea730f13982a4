import * as assert from 'node:assert/strict';
import {
  parseReferences,
  type KeyVaultReference,
  type ReferenceSyntax,
} from '../../../src/shared/references/parseReferences';
import {
  applyEdits,
  availableSyntaxes,
  completionContext,
  formatReference,
  pinEdit,
  preferredSyntax,
  type FileReaders,
  unpinEdit,
  type ReferenceTarget,
} from '../../../src/shared/references/referenceText';

const V = '0123456789abcdef0123456789abcdef';
const W = 'fedcba9876543210fedcba9876543210';
const SUB = '7d3e9a51-2c4b-4f6e-8a1d-5b9c0e2f4a6d';
const target: ReferenceTarget = {
  vaultUrl: 'https://contoso.vault.azure.net',
  vaultName: 'contoso',
  name: 'db-password',
  subscriptionId: SUB,
  resourceId: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/contoso`,
};

function only(text: string): KeyVaultReference {
  const r = parseReferences(text);
  assert.equal(r.problems.length, 0, JSON.stringify(r.problems));
  assert.equal(r.references.length, 1, text);
  return r.references[0];
}

describe('referenceText: formatReference', () => {
  const syntaxes: readonly ReferenceSyntax[] = ['appServiceUri', 'appServiceName', 'azd', 'armReference', 'secretId'];
  for (const syntax of syntaxes) {
    it(`writes ${syntax} that parses back to the same secret`, () => {
      const text = formatReference(syntax, target);
      assert.ok(text);
      const r = only(text);
      assert.equal(r.syntax, syntax);
      assert.equal(r.name, 'db-password');
      assert.equal(r.version, undefined);
      assert.equal(
        r.vault.kind === 'url' ? r.vault.url : r.vault.name,
        r.vault.kind === 'url' ? target.vaultUrl : 'contoso',
      );
    });
    if (syntax !== 'azd') {
      it(`writes ${syntax} with a version`, () => {
        const text = formatReference(syntax, { ...target, version: V });
        assert.ok(text);
        assert.equal(only(text).version, V);
      });
    }
  }
  it('refuses what a syntax cannot carry or what is not well formed', () => {
    assert.equal(formatReference('azd', { ...target, version: V }), undefined);
    assert.equal(formatReference('azd', { ...target, subscriptionId: undefined }), undefined);
    assert.equal(formatReference('armReference', { ...target, resourceId: undefined }), undefined);
    assert.equal(
      formatReference('armReference', { ...target, resourceId: `${target.resourceId ?? ''}" }, "x": "` }),
      undefined,
    );
    assert.equal(formatReference('appServiceUri', { ...target, name: 'bad name' }), undefined);
    assert.equal(formatReference('appServiceUri', { ...target, version: '../v1' }), undefined);
    assert.equal(formatReference('appServiceUri', { ...target, vaultUrl: 'https://x/](command:evil)' }), undefined);
    assert.equal(formatReference('appServiceName', { ...target, vaultName: '127.0.0.1:8443' }), undefined);
  });
  it('lists the possible syntaxes, the preferred first', () => {
    assert.deepEqual(availableSyntaxes(target, 'azd'), [
      'azd',
      'appServiceUri',
      'appServiceName',
      'armReference',
      'secretId',
    ]);
    assert.deepEqual(availableSyntaxes({ vaultUrl: 'https://127.0.0.1:8443', vaultName: 'alpha', name: 'x' }, 'azd'), [
      'appServiceUri',
      'appServiceName',
      'secretId',
    ]);
  });
  const files: ReadonlyArray<readonly [string, ReferenceSyntax, FileReaders?]> = [
    ['/w/local.settings.json', 'appServiceUri'],
    ['C:\\w\\appsettings.Development.json', 'appServiceUri'],
    // A plain .env: its readers (dotenv, the app) do not understand akvs://, only azd does.
    ['/w/.env', 'secretId'],
    ['/w/prod.env', 'secretId'],
    ['/w/.env', 'azd', { azdProject: true }],
    ['/w/.azure/dev/.env', 'azd'],
    ['C:\\w\\.azure\\dev\\.env', 'azd'],
    ['/w/local.settings.json', 'appServiceUri', { azdProject: true }],
    ['/w/main.parameters.json', 'armReference'],
    ['/w/main.bicepparam', 'secretId'],
    ['/w/deploy.yaml', 'secretId'],
  ];
  for (const [file, syntax, readers] of files)
    it(`prefers ${syntax} for ${file}${readers?.azdProject === true ? ' in an azd project' : ''}`, () =>
      assert.equal(preferredSyntax(file, readers), syntax));
});

describe('referenceText: pin and unpin', () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['appServiceUri', `X=@Microsoft.KeyVault(SecretUri=https://contoso.vault.azure.net/secrets/db/)`],
    ['appServiceUri no slash', `X=@Microsoft.KeyVault(SecretUri=https://contoso.vault.azure.net/secrets/db)`],
    ['appServiceName', `X=@Microsoft.KeyVault(VaultName=contoso;SecretName=db)`],
    ['appServiceName quoted', `X=@Microsoft.KeyVault(SecretName='db';VaultName=contoso)`],
    ['secretId', `"uri": "https://contoso.vault.azure.net/secrets/db"`],
    [
      'armReference',
      `{ "p": { "reference": {\n  "keyVault": { "id": "${target.resourceId ?? ''}" },\n  "secretName": "db"\n} } }`,
    ],
  ];
  for (const [what, text] of cases) {
    it(`pins, re-pins and unpins: ${what}`, () => {
      const pinned = applyEdits(text, [pinEdit(only(text), V) ?? assert.fail('no pin edit')]);
      assert.equal(only(pinned).version, V, pinned);
      const repinned = applyEdits(pinned, [pinEdit(only(pinned), W) ?? assert.fail('no re-pin edit')]);
      assert.equal(only(repinned).version, W, repinned);
      const unpinned = applyEdits(repinned, [unpinEdit(only(repinned)) ?? assert.fail('no unpin edit')]);
      const r = only(unpinned);
      assert.equal(r.version, undefined, unpinned);
      assert.equal(r.name, 'db');
      if (what.startsWith('armReference')) assert.doesNotThrow(() => JSON.parse(unpinned) as unknown, unpinned);
    });
  }
  it('unpins an ARM reference whose version is the first member, leaving valid JSON', () => {
    const text = `{ "reference": { "secretVersion": "${V}", "keyVault": { "id": "${target.resourceId ?? ''}" }, "secretName": "db" } }`;
    const out = applyEdits(text, [unpinEdit(only(text)) ?? assert.fail('no edit')]);
    assert.equal(only(out).version, undefined);
    assert.doesNotThrow(() => JSON.parse(out) as unknown, out);
  });
  it('unpins an App Service reference whose version comes first', () => {
    const text = `@Microsoft.KeyVault(SecretVersion=${V};VaultName=contoso;SecretName=db)`;
    assert.equal(
      applyEdits(text, [unpinEdit(only(text)) ?? assert.fail('no edit')]),
      '@Microsoft.KeyVault(VaultName=contoso;SecretName=db)',
    );
  });
  it('has no pin for azd and refuses a malformed version', () => {
    const r = only(`akvs://${SUB}/contoso/db`);
    assert.equal(pinEdit(r, V), undefined);
    assert.equal(unpinEdit(r), undefined);
    assert.equal(pinEdit(only('https://contoso.vault.azure.net/secrets/db'), '../x'), undefined);
  });
});

describe('referenceText: completionContext', () => {
  const at = (textWithCursor: string): (ReturnType<typeof completionContext> & object) | undefined => {
    const offset = textWithCursor.indexOf('|');
    return completionContext(textWithCursor.replace('|', ''), offset) ?? undefined;
  };
  it('offers vault URLs after SecretUri=', () => {
    const c = at('X=@Microsoft.KeyVault(SecretUri=|)');
    assert.equal(c?.kind, 'vaultUrl');
  });
  it('offers secret names after …/secrets/, replacing the partial name', () => {
    const c = at('X=@Microsoft.KeyVault(SecretUri=https://127.0.0.1:8443/secrets/db|-x/)');
    assert.ok(c?.kind === 'secretName');
    assert.deepEqual(c.vault, { kind: 'url', url: 'https://127.0.0.1:8443' });
    assert.equal(c.prefix, 'db');
    assert.deepEqual(c.replace, {
      start: 'X=@Microsoft.KeyVault(SecretUri=https://127.0.0.1:8443/secrets/'.length,
      end: 'X=@Microsoft.KeyVault(SecretUri=https://127.0.0.1:8443/secrets/db-x'.length,
    });
  });
  it('offers vault names after VaultName= and secret names after SecretName= (vault named later in the body too)', () => {
    assert.equal(at('@Microsoft.KeyVault(VaultName=co|')?.kind, 'vaultName');
    const c = at('@Microsoft.KeyVault(SecretName=|;VaultName=contoso)');
    assert.ok(c?.kind === 'secretName');
    assert.deepEqual(c.vault, { kind: 'name', name: 'contoso' });
  });
  it('offers vault names then secret names in akvs://', () => {
    assert.equal(at(`A=akvs://${SUB}/|`)?.kind, 'vaultName');
    const c = at(`A=akvs://${SUB}/contoso/d|`);
    assert.ok(c?.kind === 'secretName');
    assert.deepEqual(c.vault, { kind: 'name', name: 'contoso' });
  });
  it('offers nothing outside a reference or after it is closed', () => {
    assert.equal(at('X=|'), undefined);
    assert.equal(at('X=@Microsoft.KeyVault(SecretUri=https://a/secrets/b)|'), undefined);
    assert.equal(at('X=@Microsoft.KeyVault(|'), undefined);
    assert.equal(at('@Microsoft.KeyVault(SecretName=|)'), undefined);
    assert.equal(completionContext('abc', 99), undefined);
  });
});

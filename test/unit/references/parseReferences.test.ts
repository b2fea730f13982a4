import * as assert from 'node:assert/strict';
import {
  parseReferences,
  parseSecretId,
  referenceAt,
  type ParseResult,
  type ReferenceSyntax,
} from '../../../src/shared/references/parseReferences';

const V = '3f2a9c0d1e4b5a6978877665544332211'.slice(0, 32);
const V2 = 'ABCDEF0123456789abcdef0123456789';
const SUB = '7d3e9a51-2c4b-4f6e-8a1d-5b9c0e2f4a6d';

/** What a row expects: references (vault, name, version) in order, and how many problems (with a message pattern). */
interface Expect {
  readonly refs?: ReadonlyArray<{
    readonly vault: string;
    readonly name: string;
    readonly version?: string;
    readonly syntax?: ReferenceSyntax;
    readonly host?: string;
  }>;
  readonly problems?: number;
  readonly problem?: RegExp;
}
type Row = readonly [string, Expect];

/** Checks a row, and that every span points at the text it claims. */
function check(text: string, expected: Expect, family: ReferenceSyntax): ParseResult {
  const result = parseReferences(text);
  const refs = expected.refs ?? [];
  assert.equal(
    result.references.length,
    refs.length,
    `references in ${JSON.stringify(text.slice(0, 200))}: ${JSON.stringify(result)}`,
  );
  refs.forEach((e, i) => {
    const r = result.references[i];
    assert.equal(r.syntax, e.syntax ?? family);
    assert.equal(r.name, e.name);
    assert.equal(text.slice(r.nameSpan.start, r.nameSpan.end), r.name, 'name span');
    assert.equal(r.version, e.version);
    if (r.version !== undefined)
      assert.equal(text.slice(r.versionSpan?.start, r.versionSpan?.end), r.version, 'version span');
    if (r.vault.kind === 'url') {
      assert.equal(r.vault.url, e.vault);
      assert.equal(
        text.slice(r.vault.span.start, r.vault.span.end).toLowerCase().replace(/:443$/, ''),
        e.host ?? e.vault,
        'vault span',
      );
    } else {
      assert.equal(r.vault.name, e.vault);
      assert.equal(text.slice(r.vault.span.start, r.vault.span.end), e.vault, 'vault span');
    }
    assert.ok(r.span.start <= r.anchor.start && r.anchor.end <= r.span.end, 'anchor inside the reference');
    assert.ok(r.span.start <= r.nameSpan.start && r.nameSpan.end <= r.span.end, 'name inside the reference');
  });
  assert.equal(
    result.problems.length,
    expected.problems ?? 0,
    `problems in ${JSON.stringify(text.slice(0, 200))}: ${JSON.stringify(result.problems)}`,
  );
  if (expected.problem) assert.match(result.problems[0]?.message ?? '', expected.problem);
  return result;
}

function table(family: ReferenceSyntax, rows: readonly Row[]): void {
  it(`has at least 60 rows`, () => assert.ok(rows.length >= 60, `${rows.length} rows`));
  for (const [text, expected] of rows) {
    it(`${JSON.stringify(text.length > 90 ? `${text.slice(0, 87)}…` : text)}`, () => {
      check(text, expected, family);
    });
  }
}

/** The ways a host file carries one value. */
const contexts: ReadonlyArray<(ref: string) => string> = [
  (r) => r,
  (r) => `  "ConnectionStrings__Db": "${r}",`,
  (r) => `DB_PASSWORD=${r}`,
  (r) => `DB_PASSWORD="${r}"`,
  (r) => `db:\n  password: '${r}'\n`,
];

const KV = 'https://contoso.vault.azure.net';

describe('parseReferences: @Microsoft.KeyVault(SecretUri=…)', () => {
  const ok: ReadonlyArray<readonly [string, string, string, string?]> = [
    [`@Microsoft.KeyVault(SecretUri=${KV}/secrets/db-password/)`, KV, 'db-password'],
    [`@Microsoft.KeyVault(SecretUri=${KV}/secrets/db-password)`, KV, 'db-password'],
    [`@Microsoft.KeyVault(SecretUri=${KV}/secrets/db-password/${V})`, KV, 'db-password', V],
    [`@Microsoft.KeyVault(SecretUri=${KV}/secrets/db-password/${V}/)`, KV, 'db-password', V],
    [`@microsoft.keyvault(secreturi=${KV}/secrets/A1/)`, KV, 'A1'],
    [`@Microsoft.KeyVault( SecretUri = ${KV}/secrets/x )`, KV, 'x'],
    [`@Microsoft.KeyVault(SecretUri=https://Contoso.Vault.Azure.NET/secrets/x/)`, KV, 'x'],
    [`@Microsoft.KeyVault(SecretUri=https://contoso.vault.azure.net:443/secrets/x/)`, KV, 'x'],
    [
      `@Microsoft.KeyVault(SecretUri=https://127.0.0.1:8443/secrets/local-secret/)`,
      'https://127.0.0.1:8443',
      'local-secret',
    ],
    [
      `@Microsoft.KeyVault(SecretUri=https://contoso.vault.azure.cn/secrets/x/${V2})`,
      'https://contoso.vault.azure.cn',
      'x',
      V2,
    ],
    [`@Microsoft.KeyVault(SecretUri='${KV}/secrets/quoted/')`, KV, 'quoted'],
    [`@Microsoft.KeyVault(SecretUri=${KV}/SECRETS/upper)`, KV, 'upper'],
    [`@Microsoft.KeyVault(SecretUri=${KV}/secrets/${'a'.repeat(127)})`, KV, 'a'.repeat(127)],
    [`@Microsoft.KeyVault(SecretUri=${KV}/secrets/x;)`, KV, 'x'],
  ];
  const rows: Row[] = [];
  for (const [ref, vault, name, version] of ok) {
    for (const wrap of contexts.slice(0, 4)) rows.push([wrap(ref), { refs: [{ vault, name, version }] }]);
  }
  const bad: ReadonlyArray<readonly [string, RegExp]> = [
    [`@Microsoft.KeyVault(SecretUri=http://contoso.vault.azure.net/secrets/x)`, /https/],
    [`@Microsoft.KeyVault(SecretUri=${KV}/secrets/bad_name)`, /letters/],
    [`@Microsoft.KeyVault(SecretUri=${KV}/secrets/)`, /secret name/],
    [`@Microsoft.KeyVault(SecretUri=${KV})`, /path/],
    [`@Microsoft.KeyVault(SecretUri=${KV}/keys/x)`, /path/],
    [`@Microsoft.KeyVault(SecretUri=${KV}/secrets/x/not-a-version)`, /letters and digits/],
    [`@Microsoft.KeyVault(SecretUri=${KV}/secrets/x/${V}/extra)`, /path/],
    [`@Microsoft.KeyVault(SecretUri=${KV}/secrets/x//)`, /path/],
    [`@Microsoft.KeyVault(SecretUri=https://user:pw@contoso.vault.azure.net/secrets/x)`, /.+/],
    [`@Microsoft.KeyVault(SecretUri=https://contoso.vault.azure.net?x=1/secrets/x)`, /.+/],
    [`@Microsoft.KeyVault(SecretUri=https://contoso.vault.azure.net:99999/secrets/x)`, /.+/],
    [`@Microsoft.KeyVault(SecretUri=${KV}/secrets/${'a'.repeat(128)})`, /127/],
    [`@Microsoft.KeyVault(SecretUri=)`, /https/],
    [`@Microsoft.KeyVault()`, /needs SecretUri/],
    [`@Microsoft.KeyVault(SecretUri=${KV}/secrets/x`, /not closed/],
    [`@Microsoft.KeyVault(SecretUri=${KV}/secrets/x\n)`, /not closed/],
    [`@Microsoft.KeyVault(SecretUri=${KV}/secrets/x;VaultName=contoso)`, /not both/],
    [`@Microsoft.KeyVault(SecretUri=${KV}/secrets/x;SecretUri=${KV}/secrets/y)`, /twice/],
    [`@Microsoft.KeyVault(Secret=${KV}/secrets/x)`, /not a Key Vault reference parameter/],
    [`@Microsoft.KeyVault(SecretUri=[](command:evil)/secrets/x)`, /.+/],
    [`@Microsoft.KeyVault(SecretUri=${KV}/secrets/%2e%2e)`, /letters/],
    [`@Microsoft.KeyVault(SecretUri=${KV}/secrets/é)`, /letters/],
  ];
  for (const [text, problem] of bad) rows.push([text, { problems: 1, problem }]);
  const hostile: Row[] = [
    ['', {}],
    ['@Microsoft.KeyVault', {}],
    ['@Microsoft.KeyVault(', { problems: 1, problem: /not closed/ }],
    ['@Microsoft.KeyVault(((((', { problems: 1 }],
    ['@Microsoft.KeyVault(@Microsoft.KeyVault(@Microsoft.KeyVault(', { problems: 3 }],
    [
      `@Microsoft.KeyVault(SecretUri=${KV}/secrets/a)@Microsoft.KeyVault(SecretUri=${KV}/secrets/b)`,
      {
        refs: [
          { vault: KV, name: 'a' },
          { vault: KV, name: 'b' },
        ],
      },
    ],
    [
      `x=@Microsoft.KeyVault(SecretUri=${KV}/secrets/a) y=@Microsoft.KeyVault(SecretUri=${KV}/secrets/a/${V})`,
      {
        refs: [
          { vault: KV, name: 'a' },
          { vault: KV, name: 'a', version: V },
        ],
      },
    ],
    [`\u0000@Microsoft.KeyVault(SecretUri=${KV}/secrets/nul)\u0000`, { refs: [{ vault: KV, name: 'nul' }] }],
    [`\u202e@Microsoft.KeyVault(SecretUri=${KV}/secrets/rtl)`, { refs: [{ vault: KV, name: 'rtl' }] }],
    [`@Microsoft.KeyVault(SecretUri=${KV}/secrets/${'x'.repeat(5000)})`, { problems: 1, problem: /not closed/ }],
  ];
  rows.push(...hostile);
  table('appServiceUri', rows);
});

describe('parseReferences: @Microsoft.KeyVault(VaultName=…;SecretName=…)', () => {
  const ok: ReadonlyArray<readonly [string, string, string, string?]> = [
    ['@Microsoft.KeyVault(VaultName=contoso;SecretName=db-password)', 'contoso', 'db-password'],
    [`@Microsoft.KeyVault(VaultName=contoso;SecretName=db-password;SecretVersion=${V})`, 'contoso', 'db-password', V],
    [`@Microsoft.KeyVault(SecretName=db;VaultName=contoso)`, 'contoso', 'db'],
    [`@Microsoft.KeyVault(SecretVersion=${V};SecretName=db;VaultName=contoso)`, 'contoso', 'db', V],
    ['@Microsoft.KeyVault( VaultName = contoso ; SecretName = db )', 'contoso', 'db'],
    ['@microsoft.keyvault(vaultname=contoso;secretname=db)', 'contoso', 'db'],
    ["@Microsoft.KeyVault(VaultName='contoso';SecretName='db')", 'contoso', 'db'],
    ['@Microsoft.KeyVault(VaultName=a-b-c;SecretName=db)', 'a-b-c', 'db'],
    ['@Microsoft.KeyVault(VaultName=abc;SecretName=db;)', 'abc', 'db'],
    ['@Microsoft.KeyVault(VaultName=abc;;SecretName=db)', 'abc', 'db'],
    [`@Microsoft.KeyVault(VaultName=${'v'.repeat(24)};SecretName=db)`, 'v'.repeat(24), 'db'],
    ['@Microsoft.KeyVault(VaultName=contoso;SecretName=db;SecretVersion=)', 'contoso', 'db'],
    ['@Microsoft.KeyVault\t(VaultName=contoso;SecretName=db)', 'contoso', 'db'],
  ];
  const rows: Row[] = [];
  for (const [ref, vault, name, version] of ok) {
    for (const wrap of contexts.slice(0, 4)) rows.push([wrap(ref), { refs: [{ vault, name, version }] }]);
  }
  const bad: ReadonlyArray<readonly [string, RegExp]> = [
    ['@Microsoft.KeyVault(VaultName=contoso)', /needs SecretUri/],
    ['@Microsoft.KeyVault(SecretName=db)', /needs SecretUri/],
    ['@Microsoft.KeyVault(VaultName=ab;SecretName=db)', /not a vault name/],
    [`@Microsoft.KeyVault(VaultName=${'v'.repeat(25)};SecretName=db)`, /not a vault name/],
    ['@Microsoft.KeyVault(VaultName=1abc;SecretName=db)', /not a vault name/],
    ['@Microsoft.KeyVault(VaultName=ab--c;SecretName=db)', /not a vault name/],
    ['@Microsoft.KeyVault(VaultName=abc-;SecretName=db)', /not a vault name/],
    ['@Microsoft.KeyVault(VaultName=contoso;SecretName=db.password)', /letters/],
    ['@Microsoft.KeyVault(VaultName=contoso;SecretName=)', /Enter a secret name/],
    ['@Microsoft.KeyVault(VaultName=contoso;SecretName=db;SecretVersion=z-z)', /letters and digits/],
    ['@Microsoft.KeyVault(VaultName=contoso;VaultName=other;SecretName=db)', /twice/],
    ['@Microsoft.KeyVault(VaultName=contoso;SecretName=db;Extra=1)', /not a Key Vault reference parameter/],
    ['@Microsoft.KeyVault(VaultName=contoso;SecretName=db', /not closed/],
    ['@Microsoft.KeyVault(VaultName=[x](command:workbench.action.terminal.new);SecretName=db)', /needs SecretUri/],
    ['@Microsoft.KeyVault(VaultName=contoso;SecretName=`db`)', /letters/],
    ['@Microsoft.KeyVault(VaultName=cont oso;SecretName=db)', /not a vault name/],
    ['@Microsoft.KeyVault(=contoso;SecretName=db)', /not a Key Vault reference parameter/],
  ];
  for (const [text, problem] of bad) rows.push([text, { problems: 1, problem }]);
  rows.push(
    [
      '@Microsoft.KeyVault(VaultName=contoso;SecretName=a)@Microsoft.KeyVault(VaultName=contoso;SecretName=b)',
      {
        refs: [
          { vault: 'contoso', name: 'a' },
          { vault: 'contoso', name: 'b' },
        ],
      },
    ],
    [
      `${';'.repeat(3000)}@Microsoft.KeyVault(VaultName=contoso;SecretName=a)`,
      { refs: [{ vault: 'contoso', name: 'a' }] },
    ],
    [
      `@Microsoft.KeyVault(${';'.repeat(3000)}VaultName=contoso;SecretName=a)`,
      { refs: [{ vault: 'contoso', name: 'a' }] },
    ],
    ['@Microsoft.KeyVault(VaultName=contoso;SecretName=a"', { problems: 1, problem: /not closed/ }],
    [
      '@Microsoft.KeyVault(VaultName=contoso;SecretName=a@Microsoft.KeyVault(VaultName=contoso;SecretName=b)',
      { refs: [{ vault: 'contoso', name: 'b' }], problems: 1 },
    ],
  );
  table('appServiceName', rows);
});

describe('parseReferences: azd akvs://', () => {
  const ok: ReadonlyArray<readonly [string, string, string]> = [
    [`akvs://${SUB}/contoso/db-password`, 'contoso', 'db-password'],
    [`AKVS://${SUB}/contoso/db`, 'contoso', 'db'],
    [`akvs://${SUB.toUpperCase()}/contoso/db`, 'contoso', 'db'],
    [`akvs://${SUB}/contoso/db/`, 'contoso', 'db'],
    [`akvs://${SUB}/a-b/X-1`, 'a-b', 'X-1'],
    [`akvs://${SUB}/${'v'.repeat(24)}/${'s'.repeat(127)}`, 'v'.repeat(24), 's'.repeat(127)],
    [`akvs://${SUB}/contoso/db.`, 'contoso', 'db'],
    [`akvs://${SUB}/contoso/db?x`, 'contoso', 'db'],
    [`akvs://${SUB}/contoso/db#x`, 'contoso', 'db'],
    [`akvs://${SUB}/contoso/db:`, 'contoso', 'db'],
    [`akvs://${SUB}/contoso/db\r`, 'contoso', 'db'],
    [`akvs://${SUB}/contoso/db;`, 'contoso', 'db'],
  ];
  const rows: Row[] = [];
  for (const [ref, vault, name] of ok) {
    for (const wrap of contexts) rows.push([wrap(ref), { refs: [{ vault, name }] }]);
  }
  const bad: ReadonlyArray<readonly [string, RegExp]> = [
    ['akvs://', /akvs:\/\/<subscription-id>/],
    [`akvs://${SUB}`, /akvs:\/\/<subscription-id>/],
    [`akvs://${SUB}/contoso`, /akvs:\/\/<subscription-id>/],
    [`akvs://${SUB}/contoso/db/extra`, /akvs:\/\/<subscription-id>/],
    ['akvs://not-a-guid/contoso/db', /not a subscription id/],
    [`akvs://${SUB}/c/db`, /not a vault name/],
    [`akvs://${SUB}/contoso/db_password`, /letters/],
    [`akvs://${SUB}/contoso/%2e%2e`, /letters/],
    [`akvs://${SUB}//db`, /not a vault name/],
    [`akvs://${SUB}/contoso/`, /Enter a secret name/],
    [`akvs://${SUB}/[x](command:evil)/db`, /akvs:\/\/<subscription-id>/],
  ];
  for (const [text, problem] of bad) rows.push([text, { problems: 1, problem }]);
  rows.push(
    [
      `A=akvs://${SUB}/contoso/a\nB=akvs://${SUB}/contoso/b\n`,
      {
        refs: [
          { vault: 'contoso', name: 'a' },
          { vault: 'contoso', name: 'b' },
        ],
      },
    ],
    [`akvs://${SUB}/contoso/aakvs://${SUB}/contoso/b`, { problems: 1 }],
    ['akvs://akvs://akvs://', { problems: 1 }],
    [`# comment akvs://${SUB}/contoso/c`, { refs: [{ vault: 'contoso', name: 'c' }] }],
  );
  table('azd', rows);
});

describe('parseReferences: ARM parameter file reference objects', () => {
  const id = (vault: string): string =>
    `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/${vault}`;
  const obj = (vault: string, name: string, extra = ''): string =>
    `{ "reference": { "keyVault": { "id": "${id(vault)}" }, "secretName": "${name}"${extra} } }`;
  const file = (param: string): string =>
    `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "contentVersion": "1.0.0.0",\n  "parameters": {\n    "adminPassword": ${param}\n  }\n}\n`;
  const ok: ReadonlyArray<readonly [string, string, string, string?]> = [
    [obj('contoso', 'db'), 'contoso', 'db'],
    [obj('contoso', 'db', `, "secretVersion": "${V}"`), 'contoso', 'db', V],
    [`{ "reference": { "secretName": "db", "keyVault": { "id": "${id('contoso')}" } } }`, 'contoso', 'db'],
    [
      `{ "reference": { "secretVersion": "${V}", "secretName": "db", "keyVault": { "id": "${id('contoso')}" } } }`,
      'contoso',
      'db',
      V,
    ],
    [`{"reference":{"keyVault":{"id":"${id('contoso')}"},"secretName":"db"}}`, 'contoso', 'db'],
    [`{ "Reference": { "KeyVault": { "ID": "${id('contoso')}" }, "SecretName": "db" } }`, 'contoso', 'db'],
    [
      `{ "reference": {\n  // a comment\n  "keyVault": { "id": "${id('contoso')}" /* c */ },\n  "secretName": "db"\n} }`,
      'contoso',
      'db',
    ],
    [`{ "reference": { "keyVault": { "id": "${id('contoso')}/" }, "secretName": "db" } }`, 'contoso', 'db'],
    [
      `{ "reference": { "keyVault": { "id": "${id('contoso')}", "extra": [1, 2, {"a": null}] }, "secretName": "db", "n": 1.5e3, "t": true } }`,
      'contoso',
      'db',
    ],
    [
      `{ "reference": { "keyVault": { "id": "${id('contoso')}" }, "secretName": "db", "secretVersion": "" } }`,
      'contoso',
      'db',
    ],
    [obj('a-b-c', 'X-1'), 'a-b-c', 'X-1'],
    [obj('contoso', 's'.repeat(127)), 'contoso', 's'.repeat(127)],
  ];
  const rows: Row[] = [];
  for (const [ref, vault, name, version] of ok) {
    rows.push([ref, { refs: [{ vault, name, version }] }]);
    rows.push([file(ref), { refs: [{ vault, name, version }] }]);
    rows.push([file(ref).replace(/\n/g, '\r\n'), { refs: [{ vault, name, version }] }]);
    rows.push([file(ref).replace(/ {2}/g, '\t'), { refs: [{ vault, name, version }] }]);
  }
  const bad: ReadonlyArray<readonly [string, RegExp]> = [
    [`{ "reference": { "secretName": "db" } }`, /needs "keyVault"/],
    [`{ "reference": { "keyVault": { "id": "${id('contoso')}" } } }`, /needs "keyVault"/],
    [
      `{ "reference": { "keyVault": { "id": "/subscriptions/x/providers/Microsoft.Storage/accounts/a" }, "secretName": "db" } }`,
      /vault resource id/,
    ],
    [`{ "reference": { "keyVault": { "id": "${id('ab')}" }, "secretName": "db" } }`, /vault resource id/],
    [`{ "reference": { "keyVault": { "id": "${id('contoso')}" }, "secretName": "db_x" } }`, /letters/],
    [`{ "reference": { "keyVault": { "id": "${id('contoso')}" }, "secretName": "" } }`, /Enter a secret name/],
    [
      `{ "reference": { "keyVault": { "id": "${id('contoso')}" }, "secretName": "db", "secretVersion": "v.1" } }`,
      /letters and digits/,
    ],
    [
      `{ "reference": { "keyVault": { "id": "${id('[x](command:evil)')}" }, "secretName": "db" } }`,
      /vault resource id/,
    ],
    [`{ "reference": { "keyVault": { "id": "${id('contoso')}" }, "secretName": "d\\"b" } }`, /letters/],
  ];
  for (const [text, problem] of bad) rows.push([text, { problems: 1, problem }]);
  rows.push(
    ['{ "reference": "just a string" }', {}],
    ['{ "reference": { } }', {}],
    ['{ "reference": { "keyVault": { "id": ', {}],
    ['"reference"'.repeat(1000), {}],
    ['{ "reference": '.repeat(2000), {}],
    [`${'['.repeat(5000)}${obj('contoso', 'deep')}${']'.repeat(5000)}`, {}],
    [
      `${'['.repeat(100)}${obj('contoso', 'shallow')}${']'.repeat(100)}`,
      { refs: [{ vault: 'contoso', name: 'shallow' }] },
    ],
    [
      `{ "a": ${obj('contoso', 'one')}, "b": ${obj('other', 'two')} }`,
      {
        refs: [
          { vault: 'contoso', name: 'one' },
          { vault: 'other', name: 'two' },
        ],
      },
    ],
    [`{ "note": "\\"reference\\": {", "p": ${obj('contoso', 'esc')} }`, { refs: [{ vault: 'contoso', name: 'esc' }] }],
  );
  table('armReference', rows);
  it('records the subscription of the vault id', () => {
    const r = parseReferences(obj('contoso', 'db')).references[0];
    assert.equal(r?.vault.kind === 'name' ? r.vault.subscriptionId : undefined, SUB);
  });
});

describe('parseReferences: bare secret identifiers', () => {
  const ok: ReadonlyArray<readonly [string, string, string, string?]> = [
    [`${KV}/secrets/db-password`, KV, 'db-password'],
    [`${KV}/secrets/db-password/`, KV, 'db-password'],
    [`${KV}/secrets/db-password/${V}`, KV, 'db-password', V],
    [`${KV}/secrets/db-password/${V}/`, KV, 'db-password', V],
    ['HTTPS://CONTOSO.VAULT.AZURE.NET/secrets/db', KV, 'db'],
    ['https://contoso.vault.usgovcloudapi.net/secrets/db', 'https://contoso.vault.usgovcloudapi.net', 'db'],
    ['https://127.0.0.1:8443/secrets/db', 'https://127.0.0.1:8443', 'db'],
    ['https://localhost:8443/secrets/db', 'https://localhost:8443', 'db'],
    [`${KV}/secrets/db.`, KV, 'db'],
    [`${KV}/secrets/db?api-version=7.5`, KV, 'db'],
    [`${KV}/secrets/db#frag`, KV, 'db'],
    ['https://kv.privatelink.example.com/secrets/db', 'https://kv.privatelink.example.com', 'db'],
  ];
  const rows: Row[] = [];
  for (const [ref, vault, name, version] of ok) {
    for (const wrap of contexts)
      rows.push([wrap(ref), { refs: [{ vault, name, version, host: vault.replace('https://', 'https://') }] }]);
  }
  const none: readonly string[] = [
    'https://example.com/',
    'https://example.com/page',
    `${KV}/keys/x`,
    `${KV}/secrets/`,
    `${KV}/secrets/bad_name`,
    `http://contoso.vault.azure.net/secrets/x`,
    `${KV}/secrets/x/not-a-version`,
    'https://',
    'https://[::1]:8443/secrets/db',
    'https://https://https://',
    `https://user@contoso.vault.azure.net/secrets/x`,
  ];
  for (const text of none) rows.push([text, {}]);
  rows.push(
    [
      `see ${KV}/secrets/a and ${KV}/secrets/b.`,
      {
        refs: [
          { vault: KV, name: 'a' },
          { vault: KV, name: 'b' },
        ],
      },
    ],
    [`[link](${KV}/secrets/a)`, { refs: [{ vault: KV, name: 'a' }] }],
    [`{"uri":"${KV}/secrets/appconfig"}`, { refs: [{ vault: KV, name: 'appconfig' }] }],
    [
      `@Microsoft.KeyVault(SecretUri=${KV}/secrets/inside)`,
      { refs: [{ vault: KV, name: 'inside', syntax: 'appServiceUri' }] },
    ],
    ['https://'.repeat(1000), {}],
  );
  table('secretId', rows);
  it('classifies hosts: Key Vault, loopback, other', () => {
    const kinds = parseReferences(
      `${KV}/secrets/a https://127.0.0.1:1/secrets/b https://example.com/secrets/c`,
    ).references.map((r) => (r.vault.kind === 'url' ? r.vault.hostKind : ''));
    assert.deepEqual(kinds, ['keyVault', 'loopback', 'other']);
  });
});

describe('parseReferences: never throws', () => {
  const pieces = [
    '@Microsoft.KeyVault(',
    'SecretUri=',
    'VaultName=',
    ';',
    ')',
    'akvs://',
    `${SUB}/`,
    'https://',
    'contoso.vault.azure.net',
    '/secrets/',
    'x',
    '/',
    '"reference"',
    ':',
    '{',
    '}',
    '[',
    ']',
    '"',
    '\\',
    '\n',
    ' ',
    '\u0000',
    '\ud800',
    '💥',
    '%2e',
    '`',
    'keyVault',
    'id',
    'secretName',
    ',',
  ];
  let seed = 12345;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  it('never throws on 3000 random strings built from reference fragments', () => {
    for (let k = 0; k < 3000; k++) {
      let s = '';
      const len = rand(60);
      for (let j = 0; j < len; j++) s += pieces[rand(pieces.length)];
      const r = parseReferences(s);
      for (const ref of r.references) {
        assert.ok(ref.span.start >= 0 && ref.span.end <= s.length);
        assert.equal(s.slice(ref.nameSpan.start, ref.nameSpan.end), ref.name);
      }
    }
  });
  it('never throws on random code units', () => {
    for (let k = 0; k < 500; k++) {
      let s = '';
      const len = rand(200);
      for (let j = 0; j < len; j++) s += String.fromCharCode(rand(0x10000));
      parseReferences(s);
    }
  });
  it('refuses non-strings without throwing', () => {
    assert.deepEqual(parseReferences(undefined as unknown as string), { references: [], problems: [] });
    assert.deepEqual(parseReferences(42 as unknown as string), { references: [], problems: [] });
  });
  // Linear work on hostile text (these and more classes, each also with a non-Latin-1 character) is counted in
  // test/unit/parsers/parsers.test.ts, over the one registry of parsers; the bench times them at 2 MB.
});

describe('parseSecretId / referenceAt', () => {
  it('refuses a secret URI longer than any reference, unread', () => {
    const r = parseSecretId(`${KV}/secrets/${'a'.repeat(5000)}`);
    assert.ok(!r.ok && /too long for a secret URI/.test(r.message));
  });
  it('gives exact spans for the host, name and version', () => {
    const id = `${KV}/secrets/db/${V}`;
    const r = parseSecretId(id, 10);
    assert.ok(r.ok);
    assert.deepEqual(r.vault.span, { start: 10, end: 10 + KV.length });
    assert.deepEqual(r.nameSpan, { start: 10 + KV.length + 9, end: 10 + KV.length + 11 });
    assert.deepEqual(r.versionSpan, { start: 10 + KV.length + 12, end: 10 + id.length });
  });
  it('finds the reference under an offset, ends included', () => {
    const text = `A=${KV}/secrets/a B=${KV}/secrets/b`;
    const refs = parseReferences(text).references;
    assert.equal(referenceAt(refs, 2)?.name, 'a');
    assert.equal(referenceAt(refs, text.length)?.name, 'b');
    assert.equal(referenceAt(refs, 0), undefined);
  });
});

// Issue 10 proof: the bad-input catalogue. One table of hostile inputs across every input surface the vault and
// shared floors own (Add Vault URL and name, the vaults setting, secret names, versions, values, tags, content
// types, dates, webview messages, backup files, other settings, command arguments, service answers). Each row
// states what must happen (refused with this message, or neutralised) and, where a request could follow, the
// local server's counters must show no request. Totals are printed at the end.
import * as assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server';
import { emptyFields } from '../../../src/shared/secretFormModel';
import { isVaultName, normalizeVaultUrl, validateVaultDisplayName } from '../../../src/shared/vaultUrl';
import {
  clampClipboardClearSeconds,
  httpsSettingUrl,
  parseAuthenticationSetting,
  parseSubscriptionIds,
} from '../../../src/vault/settingValues';
import { vaultConnection } from '../../../src/vault/credentials';
import { toKeyVaultFailure } from '../../../src/vault/errors';
import { hasValidName, toDeletedSecret, toSecretProperties } from '../../../src/vault/mapping';
import type { SecretsVaultClient } from '../../../src/vault/SecretsVaultClient';
import { clientFor, start } from './helpers';
import {
  type Outcome,
  type Row,
  refused,
  neutralised,
  refusedCall,
  urlRow,
  argRow,
  settingRow,
  formRow,
  detailsRow,
  dateRow,
  nameRows,
  masked,
  restError,
} from './catalogueRowKinds';

const ROWS: readonly Row[] = [
  // ---- Add Vault URL (the one parser: settings, discovery, document URIs and commands use it too)
  urlRow('', /Enter the vault URL/),
  urlRow('http://contoso.vault.azure.net', /https/),
  urlRow('javascript:alert(1)', /not a URL/),
  urlRow('command:workbench.action.openSettings', /not a URL/),
  urlRow('file:///etc/passwd', /https/),
  urlRow('https://contoso.vault.azure.net/secrets/x', /no path/),
  urlRow('https://contoso.vault.azure.net?x=1', /no query/),
  urlRow('https://contoso.vault.azure.net#frag', /no fragment/),
  urlRow('https://user:pw@contoso.vault.azure.net', /user name or password/),
  urlRow('https://evil.com@contoso.vault.azure.net', /user name or password/),
  urlRow('https://contoso.vault.azure.net:0', /port must be a number from 1 to 65535/),
  urlRow('https://contoso.vault.azure.net:65536', /port must be a number from 1 to 65535/),
  urlRow('https://contoso.vault.azure.net:-1', /port/),
  urlRow('https://a%2e%2e.vault.azure.net', /no "%"/),
  urlRow('https://%2e%2e/', /no "%"/),
  urlRow('https://contoso.vault.azure.net;evil', /no "%", ";"/),
  urlRow('https://-contoso.vault.azure.net', /labels/),
  urlRow('https://contoso..vault.azure.net', /labels/),
  urlRow('https://contoso_x.vault.azure.net', /labels/),
  urlRow('https://xn--ls8h.vault.azure.net\u202E', /spaces or control|labels/),
  urlRow('https://[::1]:8443', /IPv6 addresses are not supported/),
  urlRow('https://[fe80::1%25eth0]', /IPv6/),
  urlRow('https://999.0.0.1', /neither a host name nor an IPv4/),
  urlRow('https://contoso .vault.azure.net', /spaces/),
  urlRow(`https://${'a'.repeat(300)}.net`, /too long/),
  // ---- Add Vault display name
  ...(
    [
      ['65 characters', 'x'.repeat(65), /at most 64/],
      ['bidi override', 'safe\u202Eexe.txt', /printable/],
      ['newline', 'a\nb', /printable/],
      ['NUL', 'a\u0000', /printable/],
      ['zero-width joiner', 'a\u200Db', /printable/],
      ['not text', 42, /must be text/],
    ] as ReadonlyArray<[string, unknown, RegExp]>
  ).map(([input, name, says]): Row => ({
    surface: 'Add Vault display name',
    input,
    expect: 'refused',
    says,
    run: () => {
      const m = validateVaultDisplayName(name);
      return m === undefined ? neutralised('(accepted)') : refused(m);
    },
  })),
  // ---- the vaults setting (user and workspace entries)
  settingRow(
    'workspace entry marks itself emulator',
    { workspace: [{ url: 'https://127.0.0.1:9', emulator: true }] },
    'neutralised',
    /only in your user settings/,
    (v) => v[0]?.emulator !== true && v[0]?.origin === 'workspace',
  ),
  settingRow(
    'workspace entry names a caFile',
    { workspace: [{ url: 'https://127.0.0.1:9', caFile: '/repo/evil-ca.pem' }] },
    'neutralised',
    /only in your user settings/,
    (v) => v[0]?.caFile === undefined,
  ),
  settingRow(
    'workspace folder entry marks itself emulator',
    { workspaceFolder: [{ url: 'https://127.0.0.5:9', emulator: true }] },
    'neutralised',
    /only in your user settings/,
    (v) => v[0]?.emulator !== true,
  ),
  settingRow(
    'emulator on a remote host',
    { user: [{ url: 'https://contoso.vault.azure.net', emulator: true }] },
    'neutralised',
    /only for a vault on this machine/,
    (v) => v[0]?.emulator !== true,
  ),
  settingRow(
    'emulator on 127.0.0.1.nip.io',
    { user: [{ url: 'https://127.0.0.1.nip.io', emulator: true }] },
    'neutralised',
    /only for a vault on this machine/,
    (v) => v[0]?.emulator !== true,
  ),
  settingRow(
    'emulator is a string',
    { user: [{ url: 'https://127.0.0.1:9', emulator: 'true' }] },
    'neutralised',
    /must be true or false/,
    (v) => v[0]?.emulator !== true,
  ),
  settingRow(
    'caFile relative',
    { user: [{ url: 'https://127.0.0.1:9', caFile: 'certs/ca.pem' }] },
    'neutralised',
    /absolute path/,
    (v) => v[0]?.caFile === undefined,
  ),
  settingRow(
    'caFile not a string',
    { user: [{ url: 'https://127.0.0.1:9', caFile: { path: '/x' } }] },
    'neutralised',
    /must be a path/,
    (v) => v[0]?.caFile === undefined,
  ),
  settingRow(
    'name with bidi override',
    { user: [{ url: 'https://contoso.vault.azure.net', name: 'ok\u202Egnp.exe' }] },
    'neutralised',
    /printable/,
    (v) => v[0]?.name === 'contoso',
  ),
  settingRow(
    'workspace shadows a user vault with emulator',
    { user: [{ url: 'https://127.0.0.1:9' }], workspace: [{ url: 'https://127.0.0.1:9', emulator: true }] },
    'neutralised',
    /listed twice/,
    (v) => v.length === 1 && v[0]?.emulator !== true && v[0]?.origin === undefined,
  ),
  settingRow(
    'URL with a path',
    { user: [{ url: 'https://contoso.vault.azure.net/secrets' }] },
    'refused',
    /no path/,
    (v) => v.length === 0,
  ),
  settingRow('IPv6 URL', { user: [{ url: 'https://[::1]:8443' }] }, 'refused', /IPv6/, (v) => v.length === 0),
  settingRow('http URL', { workspace: ['http://contoso.vault.azure.net'] }, 'refused', /https/, (v) => v.length === 0),
  settingRow(
    'workspace entry on a non-Key Vault host',
    { workspace: [{ url: 'https://collector.evil.example' }] },
    'refused',
    /may list only Key Vault hosts/,
    (v) => v.length === 0,
  ),
  settingRow(
    'workspace entry on a private address',
    { workspace: [{ url: 'https://10.0.0.5:8443' }] },
    'refused',
    /may list only Key Vault hosts/,
    (v) => v.length === 0,
  ),
  settingRow(
    'not an array',
    { user: { url: 'https://contoso.vault.azure.net' } },
    'refused',
    /must be an array/,
    (v) => v.length === 0,
  ),
  settingRow('entry is a number', { user: [42] }, 'refused', /not an object/, (v) => v.length === 0),
  // ---- secret names (every operation validates before sending)
  ...nameRows(),
  // ---- versions
  ...(
    [
      ['dot-dot', '../../x'],
      ['dash', 'a-b'],
      ['65 characters', 'x'.repeat(65)],
      ['percent', '%2e%2e'],
      ['space', 'v 1'],
      ['slash', 'a/b'],
    ] as ReadonlyArray<[string, string]>
  ).map(([input, version], i): Row => ({
    surface: 'version id',
    input,
    expect: 'refused',
    says: /not a secret version id/,
    run: (c) =>
      refusedCall(
        i % 2 === 0 ? c.getValue('ok-name', version) : c.updateProperties('ok-name', version, { enabled: true }),
      ),
  })),
  // ---- values
  {
    surface: 'secret value',
    input: '25 KB + 1 byte',
    expect: 'refused',
    says: /at most 25 KB/,
    run: (c) => refusedCall(c.setSecret('ok-name', { value: 'x'.repeat(25 * 1024 + 1) })),
  },
  {
    surface: 'secret value',
    input: 'multi-byte over 25 KB',
    expect: 'refused',
    says: /at most 25 KB/,
    run: (c) => refusedCall(c.setSecret('ok-name', { value: 'ü'.repeat(13 * 1024) })),
  },
  {
    surface: 'secret value',
    input: 'not text (forged)',
    expect: 'refused',
    says: /must be text/,
    run: (c) => refusedCall(c.setSecret('ok-name', { value: 42 as unknown as string })),
  },
  // ---- tags
  {
    surface: 'tags',
    input: '16 tags',
    expect: 'refused',
    says: /at most 15 tags/,
    run: (c) =>
      refusedCall(
        c.setSecret('ok-name', {
          value: 'v',
          tags: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`t${i}`, 'v'])),
        }),
      ),
  },
  {
    surface: 'tags',
    input: 'empty tag name',
    expect: 'refused',
    says: /tag name cannot be empty/,
    run: (c) => refusedCall(c.setSecret('ok-name', { value: 'v', tags: { ' ': 'v' } })),
  },
  {
    surface: 'tags',
    input: 'tag name of 257',
    expect: 'refused',
    says: /too long/,
    run: (c) => refusedCall(c.setSecret('ok-name', { value: 'v', tags: { ['k'.repeat(257)]: 'v' } })),
  },
  {
    surface: 'tags',
    input: 'tag value of 257',
    expect: 'refused',
    says: /too long/,
    run: (c) => refusedCall(c.updateProperties('ok-name', '0'.repeat(32), { tags: { k: 'v'.repeat(257) } })),
  },
  {
    surface: 'tags',
    input: 'tag value not text (forged)',
    expect: 'refused',
    says: /needs a text value/,
    run: (c) => refusedCall(c.setSecret('ok-name', { value: 'v', tags: { k: 5 as unknown as string } })),
  },
  // ---- content type
  {
    surface: 'content type',
    input: '256 characters',
    expect: 'refused',
    says: /at most 255/,
    run: (c) => refusedCall(c.setSecret('ok-name', { value: 'v', contentType: 'c'.repeat(256) })),
  },
  // ---- dates (strict ISO 8601 from the webview; and a forged Date at the vault layer)
  dateRow('30 February', '2030-02-30T00:00Z', '', /valid "not before"/),
  dateRow('a word', 'tomorrow', '', /valid "not before"/),
  dateRow('US style', '', '1/2/2030', /valid expiry/),
  dateRow('date without time or zone', '', '2030-01-01', /valid expiry/),
  dateRow('five-digit year', '', '99999-01-01T00:00Z', /valid expiry/),
  dateRow('markup after the date', '2030-01-01T00:00:00Z<img src=x>', '', /valid "not before"/),
  dateRow('hour 24', '', '2030-01-01T24:00Z', /valid expiry/),
  dateRow('expiry before not-before', '2031-01-01T00:00Z', '2030-01-01T00:00Z', /must be after/),
  {
    surface: 'date (vault layer)',
    input: 'Invalid Date',
    expect: 'refused',
    says: /valid expiry/,
    run: (c) => refusedCall(c.setSecret('ok-name', { value: 'v', expiresOn: new Date('nope') })),
  },
  // ---- webview messages with forged fields
  formRow(
    'extra field "vaultUrl"',
    { type: 'submit', requestId: 1, fields: { ...emptyFields(), vaultUrl: 'https://evil.example' } },
    /unexpected property "vaultUrl"/,
  ),
  formRow(
    'extra top-level "emulator"',
    { type: 'submit', requestId: 1, emulator: true, fields: emptyFields() },
    /unexpected property "emulator"/,
  ),
  formRow('unknown type', { type: 'runCommand', command: 'workbench.action.terminal.new' }, /unknown message type/),
  formRow('negative requestId', { type: 'submit', requestId: -1, fields: emptyFields() }, /requestId/),
  formRow(
    'value of 70 KB',
    { type: 'submit', requestId: 1, fields: { ...emptyFields(), value: 'x'.repeat(70 * 1024) } },
    /at most 64 KB/,
  ),
  formRow(
    'tags not a list',
    { type: 'submit', requestId: 1, fields: { ...emptyFields(), tags: { a: 'b' } } },
    /tags must be a list/,
  ),
  formRow(
    '101 tag rows',
    {
      type: 'submit',
      requestId: 1,
      fields: { ...emptyFields(), tags: Array.from({ length: 101 }, () => ({ key: 'k', value: 'v' })) },
    },
    /too many tag rows/,
  ),
  formRow(
    'enabled is a string',
    { type: 'submit', requestId: 1, fields: { ...emptyFields(), enabled: 'yes' } },
    /enabled must be a boolean/,
  ),
  formRow('not an object', 'submit', /must be an object/),
  detailsRow('unknown action', { type: 'action', action: 'purgeEverything' }, /unknown action/),
  detailsRow(
    'version path',
    { type: 'action', action: 'showValue', version: '../../x' },
    /version must be a version id/,
  ),
  detailsRow(
    'extra field "vault"',
    { type: 'action', action: 'delete', vault: { url: 'https://evil.example' } },
    /unexpected property "vault"/,
  ),
  detailsRow('an array', [{ type: 'ready' }], /must be an object/),
  // ---- backup files
  {
    surface: 'backup file',
    input: 'empty file',
    expect: 'refused',
    says: /backup file is empty/,
    run: (c) => refusedCall(c.restore(new Uint8Array())),
  },
  {
    surface: 'backup file',
    input: 'not bytes (forged)',
    expect: 'refused',
    says: /backup file is empty/,
    run: (c) => refusedCall(c.restore('blob' as unknown as Uint8Array)),
  },
  {
    surface: 'backup file',
    input: 'random bytes (only the service can judge)',
    expect: 'refused',
    says: /not a valid Key Vault secret backup/,
    requests: 1,
    run: (c) => refusedCall(c.restore(new Uint8Array([0x7b, 0x22, 0x78, 0x22, 0x7d, 1, 2, 3]))),
  },
  // ---- other settings values
  {
    surface: 'settings value',
    input: 'clipboardClearSeconds -5',
    expect: 'neutralised',
    says: /^0$/,
    run: () => neutralised(String(clampClipboardClearSeconds(-5))),
  },
  {
    surface: 'settings value',
    input: 'clipboardClearSeconds 1e9',
    expect: 'neutralised',
    says: /^3600$/,
    run: () => neutralised(String(clampClipboardClearSeconds(1e9))),
  },
  {
    surface: 'settings value',
    input: 'clipboardClearSeconds "0"',
    expect: 'neutralised',
    says: /^30$/,
    run: () => neutralised(String(clampClipboardClearSeconds('0'))),
  },
  {
    surface: 'settings value',
    input: 'subscriptions not GUIDs',
    expect: 'neutralised',
    says: /not a subscription id/,
    run: () =>
      neutralised(parseSubscriptionIds(['../x', 'evil', '00000000-0000-0000-0000-00000000000a']).problems.join(' | ')),
  },
  {
    surface: 'settings value',
    input: 'authentication unknown',
    expect: 'neutralised',
    says: /^vscode$/,
    run: () => neutralised(parseAuthenticationSetting('powershell; rm -rf /')),
  },
  {
    surface: 'settings value',
    input: 'portal URL http',
    expect: 'refused',
    says: /https only/,
    run: () =>
      httpsSettingUrl('http://portal.example.com') === undefined ? refused('https only') : neutralised('accepted'),
  },
  {
    surface: 'settings value',
    input: 'portal URL command:',
    expect: 'refused',
    says: /https only/,
    run: () =>
      httpsSettingUrl('command:workbench.action.terminal.new') === undefined
        ? refused('https only')
        : neutralised('accepted'),
  },
  {
    surface: 'settings value',
    input: 'ARM endpoint with credentials',
    expect: 'refused',
    says: /https only/,
    run: () =>
      httpsSettingUrl('https://u:p@management.example') === undefined ? refused('https only') : neutralised('accepted'),
  },
  {
    surface: 'settings value',
    input: 'emulator flag on a remote vault reaching the credential choice',
    expect: 'neutralised',
    says: /real credential/,
    run: () => {
      const azure = { getToken: () => Promise.resolve(null) };
      const c = vaultConnection({ url: 'https://contoso.vault.azure.net', emulator: true }, () => azure);
      assert.equal(c.emulator, false);
      return neutralised(c.credential === azure ? 'real credential, verification on' : 'static');
    },
  },
  // ---- command arguments (the known-vault check)
  argRow('unknown vault URL', { url: 'https://evil.example' }, /not one of your vaults/),
  argRow(
    'known vault + emulator: true',
    { url: 'https://contoso.vault.azure.net', emulator: true },
    /cannot mark a vault as a local emulator/,
  ),
  argRow(
    'known vault + caFile',
    { url: 'https://contoso.vault.azure.net', caFile: '/tmp/evil.pem' },
    /cannot choose a certificate/,
  ),
  argRow(
    'known emulator + other caFile',
    { url: 'https://127.0.0.1:8443', caFile: '/tmp/evil.pem' },
    /cannot choose a certificate/,
  ),
  argRow('javascript: URL string', 'javascript:alert(1)', /not a URL/),
  argRow('IPv6 URL', { url: 'https://[::1]:8443' }, /IPv6/),
  argRow('a number', 42, /must be text/),
  argRow('URL with a path', { key: 'https://contoso.vault.azure.net/secrets/x' }, /no path/),
  // ---- service answers with markup or forged names
  {
    surface: 'service answer',
    input: 'secret name with a command link',
    expect: 'refused',
    says: /naming rule/,
    run: () => {
      try {
        toSecretProperties(
          { vaultUrl: 'https://contoso.vault.azure.net', name: '[click](command:workbench.action.terminal.new)' },
          'https://contoso.vault.azure.net',
        );
        return neutralised('accepted');
      } catch (e) {
        return refused(String((e as Error).message));
      }
    },
  },
  {
    surface: 'service answer',
    input: 'list item with a path name',
    expect: 'neutralised',
    says: /dropped/,
    run: () => neutralised(hasValidName({ name: '../admin' }) ? 'kept' : 'dropped from the list'),
  },
  {
    surface: 'service answer',
    input: 'version with a path',
    expect: 'refused',
    says: /naming rule/,
    run: () => {
      try {
        toSecretProperties(
          { vaultUrl: 'https://contoso.vault.azure.net', name: 'a', version: '../b' },
          'https://contoso.vault.azure.net',
        );
        return neutralised('accepted');
      } catch (e) {
        return refused(String((e as Error).message));
      }
    },
  },
  {
    surface: 'service answer',
    input: 'id on another host',
    expect: 'neutralised',
    says: /^https:\/\/contoso\.vault\.azure\.net\/secrets\/a\/v1$/,
    run: () =>
      neutralised(
        toSecretProperties(
          { vaultUrl: 'https://evil.example', name: 'a', id: 'https://evil.example/secrets/a/v1' },
          'https://contoso.vault.azure.net',
        ).id,
      ),
  },
  {
    surface: 'service answer',
    input: 'recoveryId on another host',
    expect: 'neutralised',
    says: /dropped/,
    run: () =>
      neutralised(
        toDeletedSecret(
          {
            name: 'a',
            recoveryId: 'https://evil.example/deletedsecrets/a',
            properties: { vaultUrl: 'https://x', name: 'a' },
          },
          'https://contoso.vault.azure.net',
        ).recoveryId ?? 'dropped',
      ),
  },
  {
    surface: 'service answer',
    input: 'ARM vaultUri with a path',
    expect: 'refused',
    says: /refused/,
    run: () =>
      normalizeVaultUrl('https://evil.example/phish') === undefined
        ? refused('refused: skipped by discovery')
        : neutralised('kept'),
  },
  {
    surface: 'service answer',
    input: 'ARM vault name with markup',
    expect: 'refused',
    says: /refused/,
    run: () => (isVaultName('[x](command:y)') ? neutralised('kept') : refused('refused: skipped by discovery')),
  },
  {
    surface: 'service answer',
    input: 'error text quoting the value (JSON-escaped)',
    expect: 'neutralised',
    says: /\*\*\*/,
    run: () => {
      const value = 'pa"ss\nword';
      const f = toKeyVaultFailure(restError(400, `Bad value ${JSON.stringify(value).slice(1, -1)} rejected`), {
        operation: 'setSecret',
        vaultName: 'contoso',
        secretName: 'a',
        redact: [value],
      });
      assert.ok(!f.message.includes('pa\\"ss'));
      return neutralised(f.message);
    },
  },
  masked('URL-encoded value in a log line', `GET /x?v=${encodeURIComponent('s3cr3t value&x')}`, 's3cr3t value&x'),
  masked('HTML-escaped value in a proxy page', '<p>s3cr&lt;et&gt;</p>', 's3cr<et>'),
  masked('CRLF form of a multi-line value', 'body: line-one-long\r\nline-two-long', 'line-one-long\nline-two-long'),
  masked(
    'one line of a PEM quoted alone',
    'near MIIBVwIBADANBgkqhkiG9w0BAQEFAASC',
    '-----BEGIN-----\nMIIBVwIBADANBgkqhkiG9w0BAQEFAASC\n-----END-----',
  ),
  masked('short value as a JSON string value', '{"value":"ab","n":1}', 'ab'),
];

describe('bad-input catalogue (issue 10)', function () {
  this.timeout(120_000);
  let emu: Emulator;
  let client: SecretsVaultClient;
  const results: Array<{ row: Row; outcome: Outcome; requests: number }> = [];
  before(async () => {
    emu = await start({ vaults: [{ name: 'catalogue', secrets: [{ name: 'ok-name', versions: [{ value: 'v' }] }] }] });
    client = clientFor(emu, 'catalogue');
    await client.listSecrets(); // the Key Vault challenge, so each row counts only its own requests
  });
  after(async () => {
    const total = results.length;
    const nRefused = results.filter((r) => r.outcome.outcome === 'refused').length;
    const requests = results.reduce((n, r) => n + r.requests, 0);
    const surfaces = new Map<string, number>();
    for (const r of results) surfaces.set(r.row.surface, (surfaces.get(r.row.surface) ?? 0) + 1);
    console.log(
      `\n  Bad-input catalogue: ${total} inputs, ${nRefused} refused, ${total - nRefused} neutralised, ${requests} requests sent (only where the service alone can judge: a backup blob)`,
    );
    console.log(`  by surface: ${[...surfaces].map(([s, n]) => `${s} ${n}`).join(', ')}`);
    await emu.stop();
  });

  it('has at least 100 rows across the surfaces', () => {
    assert.ok(ROWS.length >= 100, `${ROWS.length} rows`);
  });

  for (const row of ROWS) {
    it(`${row.surface}: ${row.input.replace(/\s+/g, ' ').slice(0, 70)} → ${row.expect}`, async () => {
      emu.resetCounts();
      const outcome = await row.run(client);
      const requests = Object.values(emu.counts('catalogue')).reduce((n, c) => n + c, 0);
      results.push({ row, outcome, requests });
      assert.equal(outcome.outcome, row.expect, `${row.input}: ${outcome.text}`);
      assert.match(outcome.text, row.says);
      assert.equal(requests, row.requests ?? 0, `${row.input}: requests sent`);
    });
  }
});

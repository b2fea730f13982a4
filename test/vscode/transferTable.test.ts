// Issue 26, CSV/TSV import and export in a real extension host against the local Key Vault server: Import Secrets
// reads a .csv through the same preview (every row error with its line, no value in the webview) and writes the
// rows' properties; Export Secrets offers CSV/TSV, suggests <vault>.csv with an All files filter, confirms the
// values, writes an owner-only (0600) file, and says which cells a spreadsheet would run as formulas.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { parseTsv } from '../../src/shared/transfer/secretTable';
import type { OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { VaultService } from '../../src/vault/model';
import { EmulatorControlClient } from '../emulator/controlClient';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, vaultNodeNamed } from './helpers';

const IMPORT_VAULT = 'io-table-import';
const EXPORT_VAULT = 'io-table-export';
const TRICKY = 'p@ss,\t"w"\r\nline2';

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let vaultService: VaultService;
let control: EmulatorControlClient;
let restoreSettings: () => Promise<void> = () => Promise.resolve();
let dir: string;

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);

describe('CSV/TSV import and export (issue 26, extension host)', function () {
  this.timeout(60_000);

  before(async () => {
    ({ operations: ops, tree, vaultService } = await getTestApi());
    control = new EmulatorControlClient(emulatorControlUrl());
    dir = mkdtempSync(join(tmpdir(), 'kvs-table-'));
    restoreSettings = await addEmulatorVaults(control, [
      { displayName: IMPORT_VAULT, seed: { name: IMPORT_VAULT, secrets: [] } },
      {
        displayName: EXPORT_VAULT,
        seed: {
          name: EXPORT_VAULT,
          secrets: [
            { name: 'api-key', versions: [{ value: TRICKY, contentType: 'text/plain', tags: { env: 'prod' } }] },
            { name: 'sheet', versions: [{ value: '=cmd|calc', exp: '2030-01-01T00:00:00Z' }] },
          ],
        },
      },
    ]);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restoreSettings();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => ops.ui.reset());
  afterEach(() => ops.ui.verify());

  it('imports a .csv through the preview: row errors with their lines, properties written, no value shown', async () => {
    const file = join(dir, 'secrets.csv');
    writeFileSync(
      file,
      [
        '\uFEFFname,value,contentType,tags,notBefore,expires,enabled,colour',
        `db-password,"${TRICKY.replaceAll('"', '""')}",text/plain,"{""env"":""prod""}",,2030-01-01T00:00:00Z,true,red`,
        'off,value-two,,,,,false,',
        'backwards,value-three,,,2027-01-01T00:00:00Z,2026-01-01T00:00:00Z,,',
        'narrow,value-four',
        '',
      ].join('\r\n'),
    );
    const vault = await vaultNodeNamed(tree, IMPORT_VAULT);
    ops.ui.answer({ kind: 'open', path: file });
    await run('importSecrets', vault);
    // The picker offers CSV/TSV next to .env and JSON, and every file. (The first value spans two lines.)
    assert.deepEqual(ops.ui.asked.find((a) => a.kind === 'open')?.items, [
      'Environment or JSON file',
      'CSV or TSV file',
      'All files',
    ]);
    const probe = ops.webviews.imports().find((p) => p.vaultKey === vault.vault.key);
    assert.ok(probe, 'no import preview opened');
    assert.deepEqual(
      probe.plan.map((r) => [r.target, r.outcome, r.reason]),
      [
        ['db-password', 'created', undefined],
        ['off', 'created', undefined],
        ['backwards', 'refused', 'Line 5: The expiry date must be after the "not before" date.'],
      ],
    );
    await probe.receive({ type: 'ready' });
    const told = JSON.stringify(probe.sent) + probe.html;
    for (const v of ['line2', 'value-two', 'value-three', 'value-four'])
      assert.ok(!told.includes(v), `a value reached the webview: ${v}`);
    assert.match(told, /Line 6 has 2 fields; the header has 8: the row is not imported/);
    assert.match(told, /Column 8 \\"colour\\" is not a known column/);
    assert.match(told, /Secret names: the name column, as written/);

    assert.equal(await probe.receive({ type: 'apply' }), true);
    assert.deepEqual(
      (await probe.applied())?.map((r) => `${r.target}:${r.result}`),
      ['db-password:created', 'off:created', 'backwards:refused'],
    );
    const client = vaultService.clientFor(vault.vault);
    const written = await client.getValue('db-password');
    assert.equal(written.value, TRICKY);
    assert.deepEqual(
      [written.properties.contentType, written.properties.tags, written.properties.expiresOn?.toISOString()],
      ['text/plain', { env: 'prod' }, '2030-01-01T00:00:00.000Z'],
    );
    const listed = (await client.listSecrets()).items;
    assert.equal(listed.find((s) => s.name === 'off')?.enabled, false);
    assert.equal(
      listed.find((s) => s.name === 'backwards'),
      undefined,
    );
    await probe.receive({ type: 'close' });
  });

  it('exports TSV: <vault>.csv suggested with All files, values confirmed, a 0600 file, formula cells named', async () => {
    const file = join(dir, 'out.tsv');
    writeFileSync(file, 'OLD CONTENT\n', { mode: 0o644 });
    const vault = await vaultNodeNamed(tree, EXPORT_VAULT);
    ops.ui.answer(
      { kind: 'pick', label: 'Values and properties, as CSV or TSV' },
      { kind: 'save', path: file },
      { kind: 'warning', button: 'Write Values' },
    );
    await run('exportSecrets', vault);
    const save = ops.ui.asked.find((a) => a.kind === 'save');
    assert.equal(basename(save?.detail ?? ''), `${EXPORT_VAULT}.csv`);
    assert.deepEqual(save?.items, ['CSV (comma-separated)', 'TSV (tab-separated)', 'All files']);
    const clear = ops.ui.asked.find((a) => a.kind === 'warning' && a.modal === true);
    assert.match(clear?.message ?? '', /^Write the values of 2 secrets of io-table-export in clear to out\.tsv in /);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const text = readFileSync(file, 'utf8');
    assert.ok(text.startsWith('\uFEFFname\tvalue\tcontentType\ttags\tnotBefore\texpires\tenabled\r\n'), text);
    assert.deepEqual(
      parseTsv(text).entries.map((e) => ({ name: e.key, value: e.value, ...e.fields })),
      [
        { name: 'api-key', value: TRICKY, contentType: 'text/plain', tags: { env: 'prod' }, enabled: true },
        { name: 'sheet', value: '=cmd|calc', expiresOn: new Date('2030-01-01T00:00:00Z'), enabled: true },
      ],
    );
    // The formula-like value is written exactly, and the user is told which secret has one (never its value).
    const note = ops.ui.asked.find((a) => a.kind === 'warning' && a.modal !== true);
    assert.match(note?.message ?? '', /Exported 2 values .* In 1 secrets a cell starts with =, \+, -, @.*\(sheet\)/);
    assert.ok(!JSON.stringify(ops.ui.asked).includes('cmd|calc'), 'a value reached a message');
  });
});

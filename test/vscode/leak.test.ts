// The leak test (issue 10): a session with canary values (create, show, compare, copy, back up, failures on
// purpose, a PFX imported after a wrong password and converted to PEM), then a scan of VS Code's user-data folder
// (settings, state databases, workspace storage), the extension's storage, the logs and the output channel's file
// for the canary in every encoded form. Zero hits.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { VaultNode } from '../../src/tree/nodes';
import { EmulatorControlClient } from '../emulator/controlClient';
import {
  addEmulatorVaults,
  emulatorControlUrl,
  getTestApi,
  objectNodeNamed,
  secretNodeNamed,
  vaultNodeNamed,
  waitFor,
} from './helpers';
import { emptyFields } from '../../src/shared/secretFormModel';
import { canaryForms, filesUnder, scanFiles } from './leakScan';
import { certificateFiles } from '../fixtures/certificateFiles';
import type { CertsKeysVaultSeed } from '../emulator/certsKeysSeed';
import type { VaultSeed } from '../emulator/seed';
import type { VaultService } from '../../src/vault/model';
import { pemBegin, pemEnd } from '../harness/pemLabels';

const CANARY = `kvscanary${randomBytes(8).toString('hex')}`;
/** Values with characters each encoding changes (quotes, markup, slash, plus, line breaks), around the canary. */
const VALUE_1 = `${CANARY}-one "q" <b>&amp; a/b+c=d\r\nsecond line ${CANARY}-line2`;
const VALUE_2 = `{"token": "${CANARY}-two", "n": 2}`;
const VALUE_REFUSED = `${CANARY}-refused 'x' <y>`;
/** A PFX's password (typed wrong first, then right, into Import Certificate's password box). */
const PFX_PASSWORD = `${CANARY}-pfx "pw" <k>`;
const PFX_WRONG = `${CANARY}-wrong-pfx`;

/** Every form of the three canary values the scan looks for. */
const needles = (): Array<[string, Buffer]> =>
  canaryForms(CANARY, [
    ['value 1', VALUE_1],
    ['value 2', VALUE_2],
    ['refused value', VALUE_REFUSED],
    ['PFX password', PFX_PASSWORD],
    ['wrong PFX password', PFX_WRONG],
  ]);
/** The certificate's private key (read from its backing secret during the session): its base64 lines. */
let certificateKeyLines: string[] = [];
/** The private key of the PFX imported during the session: its base64 lines. */
let importedKeyLines: string[] = [];
const keyNeedles = (): Array<[string, Buffer]> => [
  ...certificateKeyLines.map((line, i): [string, Buffer] => [
    `certificate private key line ${i + 1}`,
    Buffer.from(line, 'utf8'),
  ]),
  ...importedKeyLines.map((line, i): [string, Buffer] => [`imported PFX key line ${i + 1}`, Buffer.from(line, 'utf8')]),
];
const scan = (files: readonly string[], base: string): { hits: string[]; bytes: number } =>
  scanFiles(files, base, [...needles(), ...keyNeedles()]);

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let vaultService: VaultService;
let control: EmulatorControlClient;
let restoreSettings: () => Promise<void> = () => Promise.resolve();
let vault: VaultNode;

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);
/** The form's fields as a new form starts them (the webview's own defaults). */
const FIELDS = emptyFields();

async function submitForm(
  mode: string,
  fields: Partial<typeof FIELDS>,
  requestId: number,
): Promise<{ ok: boolean; message?: string }> {
  const form = await waitFor(
    () => ops.webviews.forms().find((f) => f.mode === mode && f.vaultKey === vault.vault.key),
    `the ${mode} form`,
  );
  await form.receive({ type: 'submit', requestId, fields: { ...FIELDS, ...fields } });
  const r = form.sent.find((m) => m.type === 'result' && m.requestId === requestId);
  assert.ok(r && r.type === 'result', 'no result from the form');
  return r;
}

describe('Leak test: canary values leave no trace in storage, logs or the output channel (extension host)', function () {
  this.timeout(120_000);

  before(async () => {
    const api = await getTestApi();
    ops = api.operations;
    tree = api.tree;
    vaultService = api.vaultService;
    control = new EmulatorControlClient(emulatorControlUrl());
    restoreSettings = await addEmulatorVaults(control, [
      {
        displayName: 'leak',
        seed: {
          name: 'leak',
          recoverableDays: 7,
          certificates: [{ name: 'leak-cert', contentType: 'application/x-pem-file' }],
        } as VaultSeed & CertsKeysVaultSeed,
      },
    ]);
    await vscode.workspace
      .getConfiguration('keyVaultSecrets')
      .update('clipboardClearSeconds', 1, vscode.ConfigurationTarget.Global);
    vault = await vaultNodeNamed(tree, 'leak');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await control.setPermissions('leak', undefined);
    await vscode.workspace
      .getConfiguration('keyVaultSecrets')
      .update('clipboardClearSeconds', undefined, vscode.ConfigurationTarget.Global);
    await restoreSettings();
  });

  beforeEach(() => ops.ui.reset());

  it('the scan finds a canary in each encoded form it looks for (control)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kvs-leak-control-'));
    const samples: Record<string, string | Buffer> = {
      'base64.txt': Buffer.from(`prefix ${VALUE_2}`, 'utf8').toString('base64'),
      'url.txt': `q=${encodeURIComponent(VALUE_1)}`,
      'json.txt': JSON.stringify({ v: VALUE_REFUSED }),
      'utf16.bin': Buffer.from(`..${VALUE_2}..`, 'utf16le'),
      'html.txt': VALUE_1.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
      'clean.txt': 'nothing here',
    };
    for (const [name, content] of Object.entries(samples)) writeFileSync(join(dir, name), content);
    const { hits } = scan(filesUnder(dir), dir);
    const filesHit = new Set(hits.map((h) => h.split(':')[0]));
    assert.deepEqual([...filesHit].sort(), ['base64.txt', 'html.txt', 'json.txt', 'url.txt', 'utf16.bin']);
  });
  afterEach(() => ops.ui.verify());

  it('a session that creates, shows, compares, copies, backs up and fails on purpose leaves zero hits', async () => {
    // Create, then a second version.
    await run('createSecret', vault);
    assert.equal(
      (await submitForm('create', { name: 'leak-one', value: VALUE_1, contentType: 'text/plain' }, 1)).ok,
      true,
    );
    // Key Vault's timestamps have one-second resolution: the second version must be newer, not a tie.
    const createdSecond = Math.floor(Date.now() / 1000);
    await waitFor(() => Math.floor(Date.now() / 1000) > createdSecond, 'the next second on the clock');
    await run('newVersion', { kind: 'secret', vault: vault.vault, name: 'leak-one' });
    assert.equal((await submitForm('newVersion', { value: VALUE_2, contentType: 'application/json' }, 2)).ok, true);

    // Show, compare.
    await run('showValue', await secretNodeNamed(tree, vault, 'leak-one'));
    assert.equal(vscode.window.activeTextEditor?.document.getText(), VALUE_2);
    await run('compareWithPrevious', await secretNodeNamed(tree, vault, 'leak-one'));
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, 'no diff editor');
    assert.equal((await vscode.workspace.openTextDocument(tab.input.original)).getText(), VALUE_1);

    // Copy, and let the clipboard clear.
    await run('copyValue', { kind: 'secret', vault: vault.vault, name: 'leak-one' });
    assert.equal(await vscode.env.clipboard.readText(), VALUE_2);
    assert.equal(await ops.clipboard.lastClear(), true);

    // Back up (to a file outside the scanned folders).
    const backup = join(mkdtempSync(join(tmpdir(), 'kvs-leak-')), 'leak-one.keyvaultbackup');
    ops.ui.answer({ kind: 'save', path: backup });
    await run('backupSecret', { kind: 'secret', vault: vault.vault, name: 'leak-one' });
    assert.ok(statSync(backup).size > 0);

    // Failures on purpose, with a value in hand: the service refuses a new version; a read is refused.
    await control.setPermissions('leak', { deny: ['set', 'get'] });
    try {
      await run('newVersion', { kind: 'secret', vault: vault.vault, name: 'leak-one' });
      const refused = await submitForm('newVersion', { value: VALUE_REFUSED }, 3);
      assert.equal(refused.ok, false);
      await run('copyValue', { kind: 'secret', vault: vault.vault, name: 'leak-one' });
      assert.equal(ops.ui.asked.filter((a) => a.kind === 'error').length, 1, 'the refused read was not reported');
    } finally {
      await control.setPermissions('leak', undefined);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    // Download a certificate with its private key (to a file outside the scanned folders): the key may be there only.
    const backing = await vaultService.clientFor(vault.vault).getValue('leak-cert');
    const keyBlock = new RegExp(`${pemBegin()}\\r?\\n([\\s\\S]*?)${pemEnd()}`).exec(backing.value);
    assert.ok(keyBlock?.[1], 'the backing secret holds no PKCS#8 key');
    certificateKeyLines = keyBlock[1].split(/\r?\n/).filter((l) => l.length >= 40);
    const keyFile = join(mkdtempSync(join(tmpdir(), 'kvs-leak-')), 'leak-cert.pem');
    ops.ui.answer({ kind: 'save', path: keyFile });
    await run('downloadCertificateWithKey', await objectNodeNamed(tree, vault, 'Certificates', 'leak-cert'));
    assert.equal(
      scanFiles([keyFile], dirname(keyFile), keyNeedles()).hits.length,
      certificateKeyLines.length,
      'the key is not in the file the user asked for (the scan would find nothing)',
    );

    // Import a PFX (from a file outside the scanned folders): a wrong password first, then the right one.
    const pfx = certificateFiles('leak-import.example', PFX_PASSWORD);
    importedKeyLines = pfx.keyPem.split(/\r?\n/).filter((l) => l.length >= 40 && !l.startsWith('-----'));
    const pfxFile = join(mkdtempSync(join(tmpdir(), 'kvs-leak-')), 'leak-import.pfx');
    writeFileSync(pfxFile, pfx.pfx);
    ops.ui.answer(
      { kind: 'open', path: pfxFile },
      { kind: 'input', text: 'leak-import' },
      { kind: 'input', text: PFX_WRONG },
      { kind: 'input', text: PFX_PASSWORD },
    );
    await run('importCertificate', vault);
    assert.ok(await objectNodeNamed(tree, vault, 'Certificates', 'leak-import'), 'the PFX was not imported');
    // Convert the same PFX to PEM (to a file outside the scanned folders): its key may be there only.
    const converted = join(dirname(pfxFile), 'leak-import.pem');
    ops.ui.answer(
      { kind: 'open', path: pfxFile },
      { kind: 'input', text: PFX_PASSWORD },
      { kind: 'save', path: converted },
    );
    await run('convertCertificateFile');
    assert.ok(readFileSync(converted, 'utf8').includes(importedKeyLines[0] ?? '-'), 'the converted PEM holds no key');

    // Where VS Code keeps things: globalStorage is <user data>/User/globalStorage/<extension id>.
    const userData = dirname(dirname(dirname(ops.paths.globalStorage)));
    const roots = [userData, ops.paths.globalStorage, ops.paths.workspaceStorage, ops.paths.log].filter(
      (p): p is string => p !== undefined,
    );
    const allFiles = (): string[] => [...new Set(roots.flatMap((r) => filesUnder(r)))];
    const channelFiles = (): string[] => allFiles().filter((f) => f.endsWith('Key Vault Secrets.log'));
    // The log is written asynchronously: this session's refusal in the output channel's file says it is there
    // (and that it is the file of this session, not another one).
    await waitFor(
      () =>
        /Secret form: the service refused the request/.test(
          channelFiles()
            .map((f) => readFileSync(f, 'utf8'))
            .join('\n'),
        ),
      `this session's refusal in the output channel's file under ${userData}`,
    );
    const files = allFiles();
    const outputChannelFiles = channelFiles();

    const { hits, bytes } = scan(files, userData);
    console.log(
      `      leak scan: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB under ${userData} (user data, extension storage, logs, ` +
        `${outputChannelFiles.length} output-channel file(s)); ${needles().length} encoded forms of 5 canary values (2 of them PFX passwords), ${certificateKeyLines.length + importedKeyLines.length} lines of two certificates' private keys; hits: ${hits.length}`,
    );
    for (const h of hits) console.log(`        HIT ${h}`);
    assert.deepEqual(hits, []);
  });
});

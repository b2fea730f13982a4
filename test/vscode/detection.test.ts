// Plain-text secrets in a real VS Code extension host against the local Key Vault server: a diagnostic on each
// rule family in a real document (the corpus' first case of each rule), naming the rule and never the value; the
// setting off and on; secretlint-disable comments and the ignore globs; the quick fix moving a connection string
// into the server's vault and leaving a reference; the workspace scan into the Problems panel.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SecretDetectionFeature } from '../../src/detection/SecretDetection';
import type { ReferenceFeature } from '../../src/references/ReferenceFeature';
import type { OperationsTestApi } from '../../src/testApi';
import type { VaultService } from '../../src/vault/model';
import { EmulatorControlClient } from '../emulator/controlClient';
import { readCorpus } from '../unit/detection/corpus';
import { emulatorControlUrl, getTestApi, waitFor } from './helpers';
import { openWorkspaceFile } from './referencesHelpers';
import { pemBegin, privateKeyBlock } from '../harness/pemLabels';

const SECTION = 'keyVaultSecrets';
const SOURCE = 'Key Vault Secrets';
const CORPUS = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'detection');
/** Synthetic (a fixed pattern in the real format of a storage account key; never a credential). */
const STORAGE_KEY = `${'U3ludGhldGljS2V5Rm9yVGVzdHM'.repeat(3)}Zm9yTW92ZTE=`;

let detection: SecretDetectionFeature;
let references: ReferenceFeature;
let ops: OperationsTestApi;
let vaultService: VaultService;
let control: EmulatorControlClient;
let originalVaults: unknown;
let vaultUrl = '';

/** Every file's text under a folder (the extension's Output log). */
function logText(folder: string): string {
  let names: string[] = [];
  try {
    names = readdirSync(folder, { recursive: true, encoding: 'utf8' });
  } catch {
    return '';
  }
  return names
    .map((n) => join(folder, n))
    .filter((f) => statSync(f).isFile())
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
}

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration(SECTION);

async function setDetection(key: string, value: unknown): Promise<void> {
  await config().update(`detection.${key}`, value, vscode.ConfigurationTarget.Global);
}

function secretsOf(doc: vscode.TextDocument): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === SOURCE);
}

function diagnosticsOf(doc: vscode.TextDocument): vscode.Diagnostic[] {
  detection.refresh(doc);
  return secretsOf(doc);
}

describe('Plain-text secrets in workspace files', function () {
  this.timeout(120_000);

  before(async () => {
    const api = await getTestApi();
    detection = api.detection;
    references = api.references;
    ops = api.operations;
    vaultService = api.vaultService;
    control = new EmulatorControlClient(emulatorControlUrl());
    const state = await control.state();
    vaultUrl = (await control.addVault({ name: 'detect', secrets: [] })).url;
    originalVaults = config().inspect('vaults')?.globalValue;
    const current = (config().get<unknown[]>('vaults') ?? []).slice();
    await config().update(
      'vaults',
      [...current, { url: vaultUrl, name: 'detect', emulator: true, caFile: state.caFile }],
      vscode.ConfigurationTarget.Global,
    );
    await setDetection('enabled', true);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setDetection('enabled', undefined);
    await setDetection('ignore', undefined);
    await config().update('vaults', originalVaults, vscode.ConfigurationTarget.Global);
  });

  it('a diagnostic on each rule family, naming the rule and never the value', async () => {
    const seen = new Set<string>();
    for (const c of readCorpus('positives.txt', CORPUS)) {
      if (seen.has(c.tag)) continue;
      seen.add(c.tag);
      const doc = await openWorkspaceFile(`detect/family-${c.tag}.env`, `${c.text}\n`);
      const found = await waitFor(() => {
        const ds = diagnosticsOf(doc);
        return ds.length > 0 ? ds : undefined;
      }, `a diagnostic for ${c.tag}`);
      const d =
        found.find((x) => x.code === c.tag) ??
        assert.fail(`${c.tag}: ${found.map((x) => JSON.stringify(x.code)).join()}`);
      assert.match(d.message, / in plain text$/);
      const value = doc.getText(d.range);
      assert.ok(value.length >= 8, c.tag);
      assert.ok(!d.message.includes(value), `${c.tag}: the message does not contain the value`);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
    assert.equal(seen.size, 20);
  });

  it('the setting off removes every diagnostic; on brings them back', async () => {
    const doc = await openWorkspaceFile('detect/toggle.env', `STORAGE=AccountName=st1;AccountKey=${STORAGE_KEY}\n`);
    await waitFor(() => (diagnosticsOf(doc).length === 1 ? true : undefined), 'the diagnostic');
    await setDetection('enabled', false);
    await waitFor(() => (secretsOf(doc).length === 0 ? true : undefined), 'no diagnostic with the setting off');
    assert.equal(diagnosticsOf(doc).length, 0);
    await setDetection('enabled', true);
    await waitFor(() => (secretsOf(doc).length === 1 ? true : undefined), 'the diagnostic again');
    assert.equal(secretsOf(doc)[0].severity, vscode.DiagnosticSeverity.Warning, 'a warning by default');
    await setDetection('severity', 'error');
    await waitFor(
      () => (secretsOf(doc)[0]?.severity === vscode.DiagnosticSeverity.Error ? true : undefined),
      'the severity setting applied',
    );
    await setDetection('severity', undefined);
  });

  it('secretlint-disable comments and the ignore globs are honoured', async () => {
    const line = `STORAGE=AccountName=st1;AccountKey=${STORAGE_KEY}`;
    const doc = await openWorkspaceFile(
      'detect/comments.env',
      `${line} # secretlint-disable-line\n# secretlint-disable-next-line\n${line}\n${line}\n`,
    );
    const ds = await waitFor(() => {
      const x = diagnosticsOf(doc);
      return x.length > 0 ? x : undefined;
    }, 'a diagnostic');
    assert.deepEqual(
      ds.map((d) => d.range.start.line),
      [3],
    );
    await setDetection('ignore', ['**/detect/comments.env']);
    await waitFor(() => (secretsOf(doc).length === 0 ? true : undefined), 'the ignored file has no diagnostic');
    await setDetection('ignore', undefined);
    await waitFor(() => (secretsOf(doc).length === 1 ? true : undefined), 'the diagnostic again');
  });

  it('the quick fix moves the whole connection string into the vault and leaves a reference', async () => {
    const cs = `DefaultEndpointsProtocol=https;AccountName=stmove;AccountKey=${STORAGE_KEY};EndpointSuffix=core.windows.net`;
    const doc = await openWorkspaceFile('detect/move.env', `STORAGE_CONNECTION=${cs}\n`);
    const [d] = await waitFor(() => {
      const x = diagnosticsOf(doc);
      return x.length === 1 ? x : undefined;
    }, 'the diagnostic');
    assert.equal(d.code, 'azure-storage-key');
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      d.range,
    );
    const titles = fixes.map((f) => f.title);
    assert.ok(titles.includes('Move to Key Vault… (only the key part)'), titles.join(' | '));
    const move = fixes.find((f) => f.title === 'Move to Key Vault… (the whole connection string)') ?? assert.fail();
    ops.ui.reset();
    ops.ui.answer({ kind: 'pick', label: 'detect' });
    const done = vscode.commands.executeCommand(
      move.command?.command ?? '',
      ...((move.command?.arguments ?? []) as unknown[]),
    );
    const form = await waitFor(
      () => ops.webviews.forms().find((f) => f.mode === 'create' && f.vaultKey === vaultUrl),
      'the create form',
    );
    assert.ok(await form.receive({ type: 'ready' }));
    const init = form.sent.find((m) => m.type === 'init');
    assert.ok(init && init.type === 'init');
    assert.equal(init.fields.name, 'storage-connection', "the name follows Import's mapping");
    assert.equal(init.heldValueChars, cs.length, 'the whole connection string is held');
    assert.ok(await form.receive({ type: 'submit', requestId: 1, fields: init.fields }));
    await done;
    // Some syntax may still be asked for (answered with the first offered).
    const text = doc.getText();
    assert.ok(!text.includes(STORAGE_KEY), 'the key is no longer in the file');
    assert.ok(
      !readFileSync(doc.uri.fsPath, 'utf8').includes(STORAGE_KEY),
      'the file on disk was saved without the key',
    );
    assert.equal(doc.isDirty, false);
    assert.match(text, /storage-connection/i);
    const vault = (await references.resolver.vaults()).find((v) => v.url === vaultUrl) ?? assert.fail('the vault');
    const client = vaultService.clientFor(vault);
    assert.equal((await client.getValue('storage-connection')).value, cs);
    assert.ok(!JSON.stringify(form.sent).includes(STORAGE_KEY), 'the value is in no message to the webview');
    assert.ok(!JSON.stringify(ops.ui.asked).includes(STORAGE_KEY), 'the value is in no prompt');
    assert.ok(!logText(ops.paths.log).includes(STORAGE_KEY), 'the value is not in the log');
    await waitFor(() => (diagnosticsOf(doc).length === 0 ? true : undefined), 'no diagnostic left');
  });

  it('a line whose key looks secret offers one "Move to Key Vault…" when detection flagged its value', async () => {
    const token = `ghp_${'Zq8rT2mW4xK9vB1nL7cY3pD6'}${'hJ5sF0gA8eRu'}`;
    const doc = await openWorkspaceFile('detect/once.env', `GITHUB_TOKEN=${token}\n`);
    const [d] = await waitFor(() => {
      const x = diagnosticsOf(doc);
      return x.length === 1 ? x : undefined;
    }, 'the diagnostic');
    assert.equal(d.code, 'github-token');
    for (const at of [d.range, new vscode.Range(d.range.start, d.range.start)]) {
      const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        at,
      );
      const moves = fixes.filter((f) => f.title.startsWith('Move to Key Vault'));
      assert.equal(moves.length, 1, moves.map((f) => `${f.title} (${f.kind?.value ?? ''})`).join(' | '));
      assert.equal(moves[0]?.kind?.value, vscode.CodeActionKind.QuickFix.value, 'the detection quick fix is the one');
    }
  });

  it('a secret written as a key is moved without becoming the proposed secret name', async () => {
    const token = `ghp_${'Wm3kQ8zR1tY6uI0oP5aS2dF7'}${'gH4jK9lZ3xCv'}`;
    const doc = await openWorkspaceFile('detect/keyed.json', `{\n  "${token}": "alice"\n}\n`);
    const [d] = await waitFor(() => {
      const x = diagnosticsOf(doc);
      return x.length === 1 ? x : undefined;
    }, 'the diagnostic');
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      d.range,
    );
    const move = fixes.find((f) => f.title === 'Move to Key Vault…') ?? assert.fail(fixes.map((f) => f.title).join());
    ops.ui.reset();
    ops.ui.answer({ kind: 'pick', label: 'detect' });
    const done = vscode.commands.executeCommand(
      move.command?.command ?? '',
      ...((move.command?.arguments ?? []) as unknown[]),
    );
    const form = await waitFor(
      () =>
        ops.webviews
          .forms()
          .find((f) => f.mode === 'create' && f.vaultKey === vaultUrl && !f.sent.some((m) => m.type === 'result')),
      'the create form',
    );
    assert.ok(await form.receive({ type: 'ready' }));
    const init = form.sent.find((m) => m.type === 'init');
    assert.ok(init && init.type === 'init');
    assert.equal(init.heldValueChars, token.length);
    assert.ok(!JSON.stringify(form.sent).includes(token.slice(4)), 'the token is in no message to the webview');
    assert.ok(await form.receive({ type: 'cancel' }));
    await done.then(
      () => undefined,
      () => undefined,
    );
    assert.ok(doc.getText().includes(token), 'nothing moved: the form was closed');
  });

  it('a private key written as one JSON string line is moved as the real PEM, its \\n escapes decoded', async () => {
    const body = Array.from(
      { length: 4 },
      (_, i) => `TUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lCQVFD${i}`,
    );
    const pem = privateKeyBlock(body);
    const doc = await openWorkspaceFile(
      'detect/service-account.json',
      `${JSON.stringify({ type: 'service_account', private_key: `${pem}\n`, client_email: 'x@y.iam' }, null, 2)}\n`,
    );
    assert.ok(doc.getText().includes(`${pemBegin()}\\n`), 'the key is one JSON-escaped line');
    const [d] = await waitFor(() => {
      const x = diagnosticsOf(doc);
      return x.length === 1 ? x : undefined;
    }, 'the diagnostic');
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      d.range,
    );
    const move = fixes.find((f) => f.title === 'Move to Key Vault…') ?? assert.fail(fixes.map((f) => f.title).join());
    ops.ui.reset();
    ops.ui.answer({ kind: 'pick', label: 'detect' });
    const done = vscode.commands.executeCommand(
      move.command?.command ?? '',
      ...((move.command?.arguments ?? []) as unknown[]),
    );
    const form = await waitFor(
      () =>
        ops.webviews
          .forms()
          .find((f) => f.mode === 'create' && f.vaultKey === vaultUrl && !f.sent.some((m) => m.type === 'result')),
      'the create form',
    );
    assert.ok(await form.receive({ type: 'ready' }));
    const init = form.sent.find((m) => m.type === 'init');
    assert.ok(init && init.type === 'init');
    assert.equal(init.heldValueChars, pem.length, 'the decoded key is held');
    const fields = { ...init.fields, name: 'service-account-key' };
    assert.ok(await form.receive({ type: 'submit', requestId: 1, fields }));
    await done;
    const vault = (await references.resolver.vaults()).find((v) => v.url === vaultUrl) ?? assert.fail('the vault');
    assert.equal((await vaultService.clientFor(vault).getValue('service-account-key')).value, pem);
    assert.ok(!doc.getText().includes(body[0]), 'the key is no longer in the file');
    assert.doesNotThrow(() => JSON.parse(doc.getText()) as unknown, 'the file is still JSON');
  });

  it('"only the key part" moves just the key: the rest of the connection string stays in the file', async () => {
    const key = `${STORAGE_KEY.slice(0, -4)}S2V5=`;
    const cs = `DefaultEndpointsProtocol=https;AccountName=stpart;AccountKey=${key};EndpointSuffix=core.windows.net`;
    const doc = await openWorkspaceFile('detect/part.env', `STORAGE_PART=${cs}\n`);
    const [d] = await waitFor(() => {
      const x = diagnosticsOf(doc);
      return x.length === 1 ? x : undefined;
    }, 'the diagnostic');
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      d.range,
    );
    const move = fixes.find((f) => f.title === 'Move to Key Vault… (only the key part)') ?? assert.fail();
    ops.ui.reset();
    ops.ui.answer({ kind: 'pick', label: 'detect' });
    const done = vscode.commands.executeCommand(
      move.command?.command ?? '',
      ...((move.command?.arguments ?? []) as unknown[]),
    );
    const form = await waitFor(
      () =>
        ops.webviews
          .forms()
          .find((f) => f.mode === 'create' && f.vaultKey === vaultUrl && !f.sent.some((m) => m.type === 'result')),
      'the create form',
    );
    assert.ok(await form.receive({ type: 'ready' }));
    const init = form.sent.find((m) => m.type === 'init');
    assert.ok(init && init.type === 'init');
    assert.equal(init.heldValueChars, key.length, 'only the key is held');
    assert.ok(await form.receive({ type: 'submit', requestId: 1, fields: init.fields }));
    await done;
    const text = doc.getText();
    assert.ok(!text.includes(key), 'the key is no longer in the file');
    assert.ok(text.startsWith('STORAGE_PART=DefaultEndpointsProtocol=https;AccountName=stpart;AccountKey='), text);
    assert.ok(text.trimEnd().endsWith(';EndpointSuffix=core.windows.net'), 'the rest of the string stays');
    const vault = (await references.resolver.vaults()).find((v) => v.url === vaultUrl) ?? assert.fail('the vault');
    assert.equal((await vaultService.clientFor(vault).getValue(init.fields.name)).value, key);
  });

  it('Find Plain-Text Secrets in Workspace lists files that are not open into the Problems panel, minus excluded and ignored ones', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? assert.fail('no workspace folder');
    const text = new TextEncoder().encode(`storage: AccountName=st2;AccountKey=${STORAGE_KEY}\n`);
    const listed = vscode.Uri.file(join(root, 'detect', 'scan.yaml'));
    const ignored = vscode.Uri.file(join(root, 'detect', 'ignored', 'scan.yaml'));
    const excluded = vscode.Uri.file(join(root, 'detect', 'excluded', 'scan.yaml'));
    for (const uri of [listed, ignored, excluded]) await vscode.workspace.fs.writeFile(uri, text);
    const filesConfig = vscode.workspace.getConfiguration('files');
    const originalExclude = filesConfig.inspect('exclude')?.globalValue;
    await filesConfig.update('exclude', { '**/detect/excluded/**': true }, vscode.ConfigurationTarget.Global);
    await setDetection('ignore', ['**/detect/ignored/**']);
    try {
      const result = await vscode.commands.executeCommand<{ secrets: number }>('keyVaultSecrets.findPlainTextSecrets');
      assert.ok(result.secrets >= 1);
      const codes = (uri: vscode.Uri): unknown[] =>
        vscode.languages
          .getDiagnostics(uri)
          .filter((d) => d.source === SOURCE)
          .map((d) => d.code);
      assert.deepEqual(codes(listed), ['azure-storage-key']);
      assert.deepEqual(codes(ignored), [], 'the ignore globs are honoured');
      assert.deepEqual(codes(excluded), [], 'files.exclude is honoured');
    } finally {
      await filesConfig.update('exclude', originalExclude, vscode.ConfigurationTarget.Global);
      await setDetection('ignore', undefined);
    }
  });
});

// Insert Key Vault Reference run with no editor open (the palette, the Get Started walkthrough's button): it opens
// the workspace's local.settings.json and, since the user placed no cursor in it, adds the reference as a new
// setting of "Values" instead of writing it at the top of the file; the file still parses, the other settings are
// unchanged and the reference is selected.
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { OperationsTestApi } from '../../src/testApi';
import { EmulatorControlClient } from '../emulator/controlClient';
import { addEmulatorVaults, emulatorControlUrl, getTestApi } from './helpers';

const SETTINGS = {
  IsEncrypted: false,
  Values: { FUNCTIONS_WORKER_RUNTIME: 'node', API_KEY: 'already-here' },
};

describe('Insert Key Vault Reference into the file it opened', function () {
  this.timeout(60_000);
  let ops: OperationsTestApi;
  let restore: (() => Promise<void>) | undefined;
  let file: string;
  let control: EmulatorControlClient;

  before(async () => {
    const api = await getTestApi();
    ops = api.operations;
    control = new EmulatorControlClient(emulatorControlUrl());
    restore = await addEmulatorVaults(control, [
      {
        seed: { name: 'insert-opened', secrets: [{ name: 'api-key', versions: [{ value: 'v' }] }] },
        displayName: 'insert-opened',
      },
    ]);
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? assert.fail('no workspace folder');
    // At the workspace's top: the shortest local.settings.json path, the one the command opens.
    file = join(root, 'local.settings.json');
    writeFileSync(file, `${JSON.stringify(SETTINGS, null, 2)}\n`);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(file, { force: true });
    await restore?.();
  });

  afterEach(() => ops.ui.verify());

  it('adds the reference as a new setting of "Values" (numbered: API_KEY is taken), selected, and the file still parses', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await control.resetCounts();
    ops.ui.answer(
      { kind: 'pick', label: 'insert-opened' },
      { kind: 'pick', label: 'api-key' },
      { kind: 'pick', label: 'Latest version' },
      { kind: 'pick', index: 0 },
    );
    const text = await vscode.commands.executeCommand<string | undefined>('keyVaultSecrets.insertReference');
    assert.match(text ?? '', /^@Microsoft\.KeyVault\(SecretUri=https:\/\/.+\/secrets\/api-key\/\)$/);
    const editor = vscode.window.activeTextEditor ?? assert.fail('no editor');
    assert.equal(editor.document.uri.fsPath, file);
    const parsed = JSON.parse(editor.document.getText()) as typeof SETTINGS & { Values: Record<string, string> };
    assert.deepEqual(parsed.Values, { API_KEY_2: text, ...SETTINGS.Values });
    assert.equal(parsed.IsEncrypted, false);
    assert.equal(editor.document.getText(editor.selection), text);
    // The vault picker checked that the vault lists (its first page); the secret picker showed that page, not a
    // second read of it.
    const counts = await control.counts('insert-opened');
    assert.equal(counts.GetSecrets, 1, JSON.stringify(counts));
  });
});

// Deactivation and the webview panels: when the extension stops, every open panel closes, of every kind (the secret
// form, the details panel, the Compare Vaults report and the import preview, which holds a file's values in memory
// until it closes). Run through the deactivate() VS Code calls (the one in package.json "main").
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EmulatorControlClient } from '../emulator/controlClient';
import {
  EXTENSION_ID,
  addEmulatorVaults,
  emulatorControlUrl,
  getTestApi,
  secretNodeNamed,
  vaultNodeNamed,
  waitFor,
} from './helpers';

const A = 'panels-shutdown-a';
const B = 'panels-shutdown-b';

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);

describe('Deactivation closes every webview panel (extension host)', function () {
  this.timeout(60_000);
  let restoreSettings: () => Promise<void> = () => Promise.resolve();
  let dir = '';

  before(async () => {
    const control = new EmulatorControlClient(emulatorControlUrl());
    restoreSettings = await addEmulatorVaults(control, [
      { displayName: A, seed: { name: A, secrets: [{ name: 'kept', versions: [{ value: 'kept-value' }] }] } },
      { displayName: B, seed: { name: B, secrets: [] } },
    ]);
    dir = mkdtempSync(join(tmpdir(), 'kvs-panels-shutdown-'));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restoreSettings();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the form, details, compare report and import preview all close when deactivate() runs', async () => {
    const { tree, operations: ops } = await getTestApi();
    ops.ui.reset();
    const a = await vaultNodeNamed(tree, A);
    await run('createSecret', a);
    await run('showDetails', await secretNodeNamed(tree, a, 'kept'));
    ops.ui.answer({ kind: 'pick', label: B });
    await run('compareVaults', a);
    const file = join(dir, 'one.env');
    writeFileSync(file, 'ONE_ENTRY=held-in-memory\n');
    ops.ui.answer({ kind: 'open', path: file });
    await run('importSecrets', a);
    const open = (): Record<string, number> => ({
      forms: ops.webviews.forms().length,
      details: ops.webviews.details().length,
      compares: ops.webviews.compares().length,
      imports: ops.webviews.imports().length,
    });
    await waitFor(() => Object.values(open()).every((n) => n > 0), 'one panel of each kind');
    ops.ui.verify();

    // The module VS Code loaded (Node's module cache holds one instance per path): its deactivate().
    const ext = vscode.extensions.getExtension(EXTENSION_ID) ?? assert.fail('extension not found');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const main = require(join(ext.extensionPath, 'dist', 'extension.js')) as { deactivate(): Promise<void> | void };
    await main.deactivate();
    assert.deepEqual(open(), { forms: 0, details: 0, compares: 0, imports: 0 }, 'panels left open after deactivate()');
  });
});

// Deactivation and the clipboard: a copied value still waiting to be cleared is cleared when the extension stops,
// and deactivate() (the one in package.json "main", as VS Code calls it) resolves only once the clipboard no
// longer holds it, so the extension host cannot go with the clear still in flight.
import * as assert from 'node:assert/strict';
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
} from './helpers';

const VAULT = 'clip-shutdown';

describe('Deactivation waits for the clipboard clear (extension host)', function () {
  this.timeout(60_000);
  let restoreSettings: () => Promise<void> = () => Promise.resolve();

  before(async () => {
    const control = new EmulatorControlClient(emulatorControlUrl());
    restoreSettings = await addEmulatorVaults(control, [
      {
        displayName: VAULT,
        seed: { name: VAULT, secrets: [{ name: 'pending', versions: [{ value: 'still-there' }] }] },
      },
    ]);
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('keyVaultSecrets')
      .update('clipboardClearSeconds', undefined, vscode.ConfigurationTarget.Global);
    await restoreSettings();
  });

  it('clears a value whose clear is still an hour away, before deactivate() resolves', async () => {
    const { tree } = await getTestApi();
    await vscode.workspace
      .getConfiguration('keyVaultSecrets')
      .update('clipboardClearSeconds', 3600, vscode.ConfigurationTarget.Global);
    const node = await secretNodeNamed(tree, await vaultNodeNamed(tree, VAULT), 'pending');
    await vscode.commands.executeCommand('keyVaultSecrets.copyValue', node);
    assert.equal(await vscode.env.clipboard.readText(), 'still-there');

    // The module VS Code loaded (Node's module cache holds one instance per path): its deactivate().
    const ext = vscode.extensions.getExtension(EXTENSION_ID) ?? assert.fail('extension not found');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const main = require(join(ext.extensionPath, 'dist', 'extension.js')) as { deactivate(): Promise<void> | void };
    const started = Date.now();
    await main.deactivate();
    assert.equal(await vscode.env.clipboard.readText(), '', 'the value was still on the clipboard after deactivate()');
    assert.ok(Date.now() - started < 1500, 'deactivation waits at most about a second');
  });
});

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, getTestApi } from './helpers';

describe('Extension activation (in a real VS Code extension host)', () => {
  // What activate() itself loads and sends (no request, no Azure package, no core) is checked on the production
  // build in a fresh Node by test/unit/bundles.test.ts: in this host it is already active when this file runs.
  it('is installed as a development extension and declares no eager activation event (`*`, onStartupFinished)', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'extension not found');
    const events = (ext.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    assert.ok(
      !events.includes('*') && !events.includes('onStartupFinished'),
      `eager activation events: ${events.join(', ')}`,
    );
  });

  it('activates and exposes the test API', async () => {
    const api = await getTestApi();
    assert.equal(typeof api.activatedAt, 'number');
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
  });

  it('registers every command it contributes', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    const contributed = (
      (ext?.packageJSON as { contributes?: { commands?: Array<{ command: string }> } }).contributes?.commands ?? []
    ).map((c) => c.command);
    assert.ok(contributed.length > 0, 'no commands contributed');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('gives every command registered at activation its handler from the command table once the core is loaded', async () => {
    const api = await getTestApi();
    assert.deepEqual(api.commandsWithoutHandler(), []);
  });
});

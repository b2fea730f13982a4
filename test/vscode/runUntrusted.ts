// Run and debug with secrets in a workspace the user has NOT trusted (Restricted Mode), in a real VS Code against
// the local Key Vault server: a launch configuration that opts in, and a launch input's secretValue command, are
// refused with the Restricted Mode message, and not one request reaches the server (vaults, challenges or ARM).
// Not a *.test.ts: the harness (test/harness/untrustedWorkspace.ts) bundles and runs it in its own VS Code,
// whose folder is untrusted; the trusted run never loads it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/testApi';
import { EmulatorControlClient } from '../emulator/controlClient';
import { emulatorControlUrl, getTestApi } from './helpers';

const RESTRICTED = /Run and debug with secrets is not available in Restricted Mode: trust this workspace first/;

describe('Untrusted workspace: run and debug with secrets reads nothing (Restricted Mode)', function () {
  this.timeout(60_000);
  let api: TestApi;
  let control: EmulatorControlClient;
  let reference: string;

  before(async () => {
    api = await getTestApi();
    control = new EmulatorControlClient(emulatorControlUrl());
    const alpha = (await control.state()).vaults.alpha?.url ?? assert.fail('no alpha vault');
    reference = `@Microsoft.KeyVault(SecretUri=${alpha}/secrets/api-key)`;
  });
  beforeEach(() => api.operations.ui.reset());
  afterEach(() => api.operations.ui.verify());

  it('refuses a launch configuration that opts in, with its message; no request', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite must run in Restricted Mode');
    await control.resetCounts();
    const folder = vscode.workspace.workspaceFolders?.[0];
    const resolved = await api.run.resolveDebugConfiguration(folder, {
      type: 'node',
      request: 'launch',
      name: 'Untrusted launch',
      program: 'app.js',
      'keyVaultSecrets.env': { API: reference },
    });
    assert.equal(resolved, undefined, 'the launch stops');
    const shown = api.operations.ui.asked.map((a) => `${a.kind}: ${a.message}`);
    assert.equal(shown.length, 1, shown.join('\n'));
    assert.match(shown[0] ?? '', RESTRICTED);
    assert.deepEqual(await control.counts(), {}, 'not one request');
  });

  it('refuses the launch input command the same way; no request', async () => {
    await control.resetCounts();
    const value = await vscode.commands.executeCommand('keyVaultSecrets.secretValue', { reference });
    assert.equal(value, undefined);
    assert.match(api.operations.ui.asked.map((a) => a.message).join('\n'), RESTRICTED);
    assert.deepEqual(await control.counts(), {}, 'not one request');
  });
});

// The Key Vault tools for chat agents in a workspace the user has NOT trusted (Restricted Mode), in a real VS Code
// against the local Key Vault server: every tool, called with inputs that would work in a trusted workspace, is
// refused in words and sends no request (the server's own counters, ARM included); no form opens, no file changes,
// and the writing tools ask nothing (there is nothing to confirm).
// Not a *.test.ts: the harness (test/harness/untrustedWorkspace.ts) bundles and runs it in its own VS Code,
// whose folder is untrusted; the trusted run never loads it.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EmulatorControlClient } from '../emulator/controlClient';
import { emulatorControlUrl, getTestApi, seededVaults } from './helpers';
import { workspaceRoot } from './referencesHelpers';

describe('Untrusted workspace: the Key Vault tools for chat agents send nothing', function () {
  this.timeout(60_000);

  it('refuses every tool before any request, form or edit', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite must run in Restricted Mode');
    const api = await getTestApi();
    const control = new EmulatorControlClient(emulatorControlUrl());
    const vault = seededVaults().find((v) => v.name === 'alpha')?.url ?? assert.fail('no vault alpha in the settings');
    const file = join(workspaceRoot(), 'agent.env');
    writeFileSync(file, 'DB=\n');
    const calls: ReadonlyArray<readonly [string, object]> = [
      ['keyVaultSecrets_listVaults', {}],
      ['keyVaultSecrets_findSecrets', { pattern: '*' }],
      ['keyVaultSecrets_secretMetadata', { vault, name: 'api-key' }],
      ['keyVaultSecrets_checkReferences', {}],
      ['keyVaultSecrets_insertReference', { file: 'agent.env', line: 1, column: 4, vault, name: 'api-key' }],
      ['keyVaultSecrets_createSecret', { vault, name: 'from-agent' }],
    ];
    const token = new vscode.CancellationTokenSource().token;
    await control.resetCounts();
    for (const [name, input] of calls) {
      assert.equal(await api.prepareTool(name, input, token), undefined, `${name} asks nothing in Restricted Mode`);
      const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
      const text = result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
      assert.match(text, /^Not done: .*Restricted Mode/, `${name}: ${text}`);
    }
    assert.deepEqual(await control.counts(), {}, 'no request at all');
    assert.equal(api.operations.webviews.forms().length, 0, 'no form opened');
    assert.equal(readFileSync(file, 'utf8'), 'DB=\n', 'the file is unchanged');
  });
});

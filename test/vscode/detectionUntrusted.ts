// Plain-text secrets in a workspace the user has NOT trusted (Restricted Mode), against the local Key Vault server:
// detection still shows its diagnostics (it is local), the workspace scan still lists, Move to Key Vault is not
// offered, and none of it sends a request (the server's own counters, ARM included) or raises a prompt.
// Not a *.test.ts: the harness (test/harness/untrustedWorkspace.ts) bundles and runs it in its own VS Code.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SecretDetectionFeature } from '../../src/detection/SecretDetection';
import type { OperationsTestApi } from '../../src/testApi';
import { EmulatorControlClient } from '../emulator/controlClient';
import { emulatorControlUrl, getTestApi, waitFor } from './helpers';
import { workspaceRoot } from './referencesHelpers';

/** Synthetic (a fixed pattern in the real format of an account key; never a credential). */
const KEY = `${'U3ludGhldGljS2V5Rm9yVGVzdHM'.repeat(3)}VW50cnVzdGQ=`;

describe('Untrusted workspace: plain-text secrets are found locally and nothing is sent', function () {
  this.timeout(60_000);
  let detection: SecretDetectionFeature;
  let ops: OperationsTestApi;
  let control: EmulatorControlClient;

  before(async () => {
    const api = await getTestApi();
    detection = api.detection;
    ops = api.operations;
    control = new EmulatorControlClient(emulatorControlUrl());
    await vscode.workspace
      .getConfiguration('keyVaultSecrets')
      .update('detection.enabled', true, vscode.ConfigurationTarget.Global);
  });

  after(() =>
    vscode.workspace
      .getConfiguration('keyVaultSecrets')
      .update('detection.enabled', undefined, vscode.ConfigurationTarget.Global),
  );

  it('diagnostics and the workspace scan work; Move is not offered; no request, no prompt', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite must run in Restricted Mode');
    ops.ui.reset();
    await control.resetCounts();
    const file = join(workspaceRoot(), 'secrets.env');
    writeFileSync(file, `AZURE_COSMOS=AccountEndpoint=https://c1.documents.azure.com:443/;AccountKey=${KEY};\n`);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    const [d] = await waitFor(() => {
      detection.refresh(doc);
      const ds = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'Key Vault Secrets');
      return ds.length === 1 ? ds : undefined;
    }, 'the diagnostic');
    assert.equal(d.code, 'azure-cosmos-key');
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      d.range,
    );
    assert.deepEqual(
      fixes.filter((f) => f.title.startsWith('Move to Key Vault')).map((f) => f.title),
      [],
      'Move is offered only after trust',
    );
    writeFileSync(
      join(workspaceRoot(), 'closed.yaml'),
      `bus: Endpoint=sb://b1.servicebus.windows.net/;SharedAccessKeyName=a;SharedAccessKey=${KEY}\n`,
    );
    const result = await vscode.commands.executeCommand<{ secrets: number }>('keyVaultSecrets.findPlainTextSecrets');
    assert.ok(result.secrets >= 2, `the scan found ${result.secrets}`);
    assert.deepEqual(await control.counts(), {}, 'no request reached the server');
    assert.deepEqual(ops.ui.asked, [], 'nothing prompted');
  });
});

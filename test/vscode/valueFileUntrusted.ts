// Save Value to File… in a workspace the user has NOT trusted (Restricted Mode), in a real VS Code against the local
// Key Vault server: the folder holds a Git repository whose own configuration names commands (core.fsmonitor,
// hooks). Saving a value inside it warns that the file could be committed without asking Git, and nothing of the
// repository runs.
// Not a *.test.ts: the harness (test/harness/untrustedWorkspace.ts) bundles and runs it in its own VS Code,
// whose folder is untrusted; the trusted run never loads it.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import { hostileRepository } from '../fixtures/hostileRepository';
import { getTestApi, secretNodeNamed, vaultNodeNamed } from './helpers';
import { workspaceRoot } from './referencesHelpers';

describe('Untrusted workspace: Save Value to File… into a repository of the folder runs no Git', function () {
  this.timeout(60_000);
  let ops: OperationsTestApi;
  let tree: KeyVaultTree;
  let repo: string;
  let outside: string;

  before(async () => {
    ({ operations: ops, tree } = await getTestApi());
    repo = join(workspaceRoot(), 'downloaded-repo');
    outside = mkdtempSync(join(tmpdir(), 'kvs-untrusted-marker-'));
  });
  after(() => {
    rmSync(repo, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  beforeEach(() => ops.ui.reset());
  afterEach(() => ops.ui.verify());

  it('warns without asking Git, writes the file when the user goes on, and creates no marker', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite must run in Restricted Mode');
    const marker = join(outside, 'MARKER');
    hostileRepository(repo, marker);
    const output = join(repo, 'prod.local.env'); // Git would ignore it: the warning shows it was not asked
    const alpha = await vaultNodeNamed(tree, 'alpha');
    ops.ui.answer(
      { kind: 'pick', label: 'utf-8' },
      { kind: 'save', path: output },
      { kind: 'warning', button: 'Write Anyway' },
    );
    await vscode.commands.executeCommand(
      'keyVaultSecrets.saveValueToFile',
      await secretNodeNamed(tree, alpha, 'api-key'),
    );
    assert.ok(!existsSync(marker), 'saving a value ran a command named by the repository configuration');
    const git = ops.ui.asked.find((a) => a.kind === 'warning' && a.modal === true);
    assert.match(
      git?.message ?? '',
      /prod\.local\.env is inside the Git work tree .*not in a trusted workspace folder/,
    );
    assert.equal(readFileSync(output, 'utf8'), 'api-key-v3');
  });
});

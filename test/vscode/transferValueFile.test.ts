// Issue 13, Set Value from File… and Save Value to File…, in a real extension host against the local Key Vault
// server, compatible with `az keyvault secret set --file --encoding` / `download --encoding`: a binary file
// round-trips through base64 with the file-encoding tag, a secret the CLI stored as hex saves back to its bytes,
// such a value opens as "binary, N bytes" instead of encoded text, and saved files are owner-only.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { VaultNode } from '../../src/tree/nodes';
import type { VaultService } from '../../src/vault/model';
import { EmulatorControlClient } from '../emulator/controlClient';
import { hostileRepository } from '../fixtures/hostileRepository';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, secretNodeNamed, vaultNodeNamed, waitFor } from './helpers';
import { workspaceRoot } from './referencesHelpers';

const VAULT = 'io-valuefile';
/** Every byte value, in an order that is not text. */
const BINARY = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 113 + 7) % 256));

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let vaultService: VaultService;
let control: EmulatorControlClient;
let vault: VaultNode;
let restoreSettings: () => Promise<void> = () => Promise.resolve();
let dir: string;

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);
const mode = (path: string): number => statSync(path).mode & 0o777;

async function openedValueText(): Promise<string> {
  const editor = await waitFor(
    () =>
      vscode.window.activeTextEditor?.document.uri.scheme === 'keyvault-secret'
        ? vscode.window.activeTextEditor
        : undefined,
    'the value editor',
  );
  return editor.document.getText();
}

describe('Set Value from File… / Save Value to File… (issue 13, extension host)', function () {
  this.timeout(60_000);

  before(async () => {
    ({ operations: ops, tree, vaultService } = await getTestApi());
    control = new EmulatorControlClient(emulatorControlUrl());
    dir = mkdtempSync(join(tmpdir(), 'kvs-valuefile-'));
    restoreSettings = await addEmulatorVaults(control, [
      {
        displayName: VAULT,
        seed: {
          name: VAULT,
          secrets: [
            {
              name: 'tls-blob',
              versions: [{ value: 'placeholder', contentType: 'application/octet-stream', tags: { team: 'web' } }],
            },
            // What `az keyvault secret set --file key.der --encoding hex` stores.
            { name: 'cli-hex', versions: [{ value: '00ff10ab', tags: { 'file-encoding': 'hex' } }] },
          ],
        },
      },
    ]);
    vault = await vaultNodeNamed(tree, VAULT);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restoreSettings();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => ops.ui.reset());
  afterEach(() => ops.ui.verify());

  it('round-trips a binary file through base64, as the CLI does, and shows it as "binary, N bytes"', async () => {
    const input = join(dir, 'blob.bin');
    writeFileSync(input, BINARY);
    const node = await secretNodeNamed(tree, vault, 'tls-blob');
    ops.ui.answer(
      { kind: 'open', path: input },
      { kind: 'pick', label: 'base64' },
      { kind: 'warning', button: 'Add New Version' },
    );
    await run('setValueFromFile', node);
    const encodingPick = ops.ui.asked.find((a) => a.kind === 'pick');
    assert.equal(encodingPick?.items?.[0], 'base64', 'a file that is not text suggests base64 first');

    // The vault holds what `az keyvault secret set --file blob.bin --encoding base64` would store.
    const stored = await vaultService.clientFor(vault.vault).getValue('tls-blob');
    assert.equal(stored.value, BINARY.toString('base64'));
    assert.deepEqual(stored.properties.tags, { team: 'web', 'file-encoding': 'base64' });
    assert.equal(stored.properties.contentType, 'application/octet-stream');

    await run('showValue', await secretNodeNamed(tree, vault, 'tls-blob'));
    assert.match(await openedValueText(), /^Binary, 300 bytes \(stored as base64, tag file-encoding\)/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    const output = join(dir, 'blob.out');
    ops.ui.answer({ kind: 'pick', label: 'base64' }, { kind: 'save', path: output });
    await run('saveValueToFile', await secretNodeNamed(tree, vault, 'tls-blob'));
    assert.deepEqual(readFileSync(output), BINARY, '`az keyvault secret download --encoding base64` gives these bytes');
    assert.equal(mode(output), 0o600);
  });

  it('saves a value the CLI stored as hex back to its bytes (encoding from the tag, offered first)', async () => {
    const output = join(dir, 'key.der');
    ops.ui.answer({ kind: 'pick', index: 0 }, { kind: 'save', path: output });
    await run('saveValueToFile', await secretNodeNamed(tree, vault, 'cli-hex'));
    assert.equal(ops.ui.asked.find((a) => a.kind === 'pick')?.answer, 'hex');
    assert.deepEqual([...readFileSync(output)], [0x00, 0xff, 0x10, 0xab]);
    assert.equal(mode(output), 0o600);
  });

  it('a text file as utf-8: the value is the text, tagged utf-8; declining sends nothing', async () => {
    const input = join(dir, 'config.txt');
    writeFileSync(input, 'héllo\nwörld\n');
    await control.resetCounts();
    ops.ui.answer({ kind: 'open', path: input }, { kind: 'pick', index: 0 }, { kind: 'warning', button: undefined });
    await run('setValueFromFile', await secretNodeNamed(tree, vault, 'cli-hex'));
    assert.equal((await control.counts(VAULT)).SetSecret, undefined, 'declined: nothing sent');
    ops.ui.verify();

    ops.ui.answer(
      { kind: 'open', path: input },
      { kind: 'pick', label: 'utf-8' },
      { kind: 'warning', button: 'Add New Version' },
    );
    await run('setValueFromFile', await secretNodeNamed(tree, vault, 'cli-hex'));
    const stored = await vaultService.clientFor(vault.vault).getValue('cli-hex');
    assert.equal(stored.value, 'héllo\nwörld\n');
    assert.equal(stored.properties.tags['file-encoding'], 'utf-8');
  });

  it('Set Value from File… refuses a named pipe at once, saying what it is, and sends nothing', async () => {
    const fifo = join(dir, 'from-pipe.env');
    execFileSync('mkfifo', [fifo]);
    await control.resetCounts();
    ops.ui.answer({ kind: 'open', path: fifo });
    // Before the fix this waited for a writer for good (holding one of Node's file-system threads).
    await run('setValueFromFile', await secretNodeNamed(tree, vault, 'cli-hex'));
    const errors = ops.ui.asked.filter((a) => a.kind === 'error').map((a) => a.message);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0] ?? '', /from-pipe\.env is a named pipe, not a file: choose a regular file\./);
    assert.equal((await control.counts(VAULT)).SetSecret, undefined, 'nothing sent');
  });

  it('a folder whose .git/config names commands (core.fsmonitor, hooks): Git is asked, and none of them runs', async () => {
    // Inside the trusted workspace folder, so Git is asked (and answers: the warning says it does not ignore it).
    const repo = join(workspaceRoot(), 'downloaded-repo');
    const marker = join(dir, 'MARKER');
    hostileRepository(repo, marker);
    try {
      const output = join(repo, 'key.der');
      ops.ui.answer(
        { kind: 'pick', index: 0 },
        { kind: 'save', path: output },
        { kind: 'warning', button: 'Write Anyway' },
      );
      await run('saveValueToFile', await secretNodeNamed(tree, vault, 'cli-hex'));
      const git = ops.ui.asked.find((a) => a.kind === 'warning' && a.modal === true);
      assert.match(
        git?.message ?? '',
        /key\.der is inside the Git work tree .*downloaded-repo and Git does not ignore it/,
      );
      assert.ok(existsSync(output), 'written after the warning');
      ops.ui.verify();

      // A file Git ignores: no warning, so Git's own answer was used; still nothing of the repository ran.
      const ignored = join(repo, 'prod.local.env');
      ops.ui.answer({ kind: 'pick', index: 0 }, { kind: 'save', path: ignored });
      await run('saveValueToFile', await secretNodeNamed(tree, vault, 'cli-hex'));
      assert.ok(existsSync(ignored));
      assert.ok(!existsSync(marker), 'saving a value ran a command named by the repository configuration');
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('a Git work tree outside the trusted workspace folders: warns without asking Git', async () => {
    const repo = join(dir, 'outside-repo');
    const marker = join(dir, 'MARKER-outside');
    hostileRepository(repo, marker);
    const output = join(repo, 'prod.local.env'); // Git would ignore it, but is not asked here
    ops.ui.answer(
      { kind: 'pick', index: 0 },
      { kind: 'save', path: output },
      { kind: 'warning', button: 'Write Anyway' },
    );
    await run('saveValueToFile', await secretNodeNamed(tree, vault, 'cli-hex'));
    const git = ops.ui.asked.find((a) => a.kind === 'warning' && a.modal === true);
    assert.match(git?.message ?? '', /not in a trusted workspace folder: Git was not asked/);
    assert.ok(existsSync(output));
    assert.ok(!existsSync(marker), 'Git ran in a folder outside the trusted workspace folders');
  });
});

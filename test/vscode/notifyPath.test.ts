// One notification path, in a real extension host: a vault's display name comes from settings (a workspace can
// set it), and the import's progress notification names the vault. VS Code turns `[label](command:…)` in a
// notification into a link that runs the command, and `$(name)` into an icon: the title VS Code receives must
// carry neither. The test watches what reaches `vscode.window.withProgress` (the extension and this suite share
// the one `vscode` API object), so it sees the title exactly as VS Code would render it.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import { EmulatorControlClient } from '../emulator/controlClient';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, vaultNodeNamed } from './helpers';

const HOSTILE_NAME = '[Open](command:workbench.action.terminal.new) $(trash) vault'; // within 64 characters
/** What VS Code's notifications make clickable, and what titles turn into icons. */
const LINK = /\[[^\]]+\]\((?:https?:\/\/|command:|file:)[^)\s]+\)/i;
const ICON = /\$\([a-z0-9-]+(?:~[a-z]+)?\)/i;

describe('one notification path (extension host)', function () {
  this.timeout(90_000);
  let ops: OperationsTestApi;
  let tree: KeyVaultTree;
  let restoreSettings: () => Promise<void> = () => Promise.resolve();
  let dir: string;

  before(async () => {
    ({ operations: ops, tree } = await getTestApi());
    const control = new EmulatorControlClient(emulatorControlUrl());
    dir = mkdtempSync(join(tmpdir(), 'kvs-notify-'));
    restoreSettings = await addEmulatorVaults(control, [
      { displayName: HOSTILE_NAME, seed: { name: 'notify-path', asyncWindowMs: 0, secrets: [] } },
    ]);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restoreSettings();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => ops.ui.reset());
  afterEach(() => ops.ui.verify());

  it("the import's progress title shows a hostile vault display name as plain text", async () => {
    const file = join(dir, 'one.env');
    writeFileSync(file, 'ONE_ENTRY=v1\n');
    const vault = await vaultNodeNamed(tree, HOSTILE_NAME);
    ops.ui.answer({ kind: 'open', path: file });
    await vscode.commands.executeCommand('keyVaultSecrets.importSecrets', vault);
    const probe = ops.webviews.imports().find((p) => p.vaultKey === vault.vault.key);
    assert.ok(probe, 'no import preview opened');

    const titles: string[] = [];
    const window = vscode.window as { withProgress: typeof vscode.window.withProgress };
    const original = window.withProgress;
    window.withProgress = (options, task) => {
      if (options.title !== undefined) titles.push(options.title);
      return original(options, task);
    };
    try {
      assert.equal(await probe.receive({ type: 'apply' }), true);
      assert.ok(await probe.applied());
    } finally {
      window.withProgress = original;
    }
    const title = titles.find((t) => t.startsWith('Importing 1 entries into'));
    assert.ok(title !== undefined, `no import progress seen: ${JSON.stringify(titles)}`);
    assert.doesNotMatch(title, LINK);
    assert.doesNotMatch(title, ICON);
    // The name still reads as it was written: only the link and icon syntax is broken.
    assert.equal(title.replace(/\u200B/g, ''), `Importing 1 entries into ${HOSTILE_NAME}…`);
  });
});

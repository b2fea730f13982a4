// Issue 13, Terminal with Secrets…: a transient terminal whose environment holds the values of a .env file's Key
// Vault references (or of secrets selected in the Vaults view). Values are read from the terminal's creation
// options here, compared, and never printed.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { VaultNode } from '../../src/tree/nodes';
import { EmulatorControlClient } from '../emulator/controlClient';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, secretNodeNamed, vaultNodeNamed, waitFor } from './helpers';

const VAULT = 'term-vault';
const DB_VALUE = 'db-value-7f3a91';
const API_VALUE = 'api-value-c0ffee';
const READ = 'Read Secrets and Open Terminal';

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let control: EmulatorControlClient;
let restoreSettings: () => Promise<void> = () => Promise.resolve();
let vault: VaultNode;
let dir: string;

const run = (id: string, arg?: unknown, selected?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg, selected);

function optionsOf(terminal: vscode.Terminal): vscode.TerminalOptions {
  return terminal.creationOptions;
}

async function terminalNamed(name: string): Promise<vscode.Terminal> {
  return waitFor(() => vscode.window.terminals.find((x) => x.name === name), `the terminal "${name}"`);
}

/** Every file under a folder, as text (the extension's log folder). */
function textUnder(folder: string): string {
  let out = '';
  let entries: string[] = [];
  try {
    entries = readdirSync(folder);
  } catch {
    return '';
  }
  for (const e of entries) {
    const p = join(folder, e);
    out += statSync(p).isDirectory() ? textUnder(p) : readFileSync(p, 'utf8');
  }
  return out;
}

describe('Terminal with Secrets (issue 13, extension host)', function () {
  this.timeout(60_000);

  before(async () => {
    ({ operations: ops, tree } = await getTestApi());
    control = new EmulatorControlClient(emulatorControlUrl());
    restoreSettings = await addEmulatorVaults(control, [
      {
        displayName: VAULT,
        seed: {
          name: VAULT,
          secrets: [
            { name: 'db-password', versions: [{ value: DB_VALUE, created: '-1d' }] },
            { name: 'api-key', versions: [{ value: API_VALUE, created: '-1d' }] },
            { name: 'turned-off', versions: [{ value: 'off-value', enabled: false, created: '-1d' }] },
          ],
        },
      },
    ]);
    vault = await vaultNodeNamed(tree, VAULT);
    dir = mkdtempSync(join(tmpdir(), 'kvs-terminal-'));
  });

  after(async () => {
    for (const term of vscode.window.terminals) if (term.name.startsWith('Secrets: ')) term.dispose();
    await restoreSettings();
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => ops.ui.verify());

  it('resolves the .env references of known vaults into a transient terminal; one GetSecret per distinct secret', async () => {
    const url = vault.vault.url;
    const file = join(dir, '.env');
    writeFileSync(
      file,
      [
        `DB=@Microsoft.KeyVault(SecretUri=${url}/secrets/db-password)`,
        `DB_AGAIN=@Microsoft.KeyVault(SecretUri=${url}/secrets/db-password/)`,
        `API=@Microsoft.KeyVault(VaultName=${VAULT};SecretName=api-key)`,
        'STRANGER=@Microsoft.KeyVault(SecretUri=https://evil.vault.azure.net/secrets/x)',
        `OFF=@Microsoft.KeyVault(SecretUri=${url}/secrets/turned-off)`,
        'PLAIN=hello',
        '',
      ].join('\n'),
    );
    await control.resetCounts();
    ops.ui.answer({ kind: 'warning', button: READ });
    await run('openTerminalWithSecrets', vscode.Uri.file(file));
    const terminal = await terminalNamed('Secrets: .env');
    const asked = ops.ui.asked.find((a) => a.kind === 'warning' && a.modal === true);
    assert.match(asked?.message ?? '', /Read 4 secrets into a new terminal from \.env\?/);
    assert.deepEqual((asked?.detail ?? '').split('\n').slice(0, 4), [
      `DB ← db-password (${VAULT})`,
      `DB_AGAIN ← db-password (${VAULT})`,
      `API ← api-key (${VAULT})`,
      `OFF ← turned-off (${VAULT})`,
    ]);
    assert.match(asked?.detail ?? '', /STRANGER: .*not one of your vaults/);
    assert.match(asked?.detail ?? '', /environment can be read by other extensions/);
    const options = optionsOf(terminal);
    assert.equal(options.isTransient, true, 'never restored after a reload');
    const env = options.env ?? {};
    assert.deepEqual(Object.keys(env).sort(), ['API', 'DB', 'DB_AGAIN']);
    assert.ok(env.DB === DB_VALUE && env.DB_AGAIN === DB_VALUE && env.API === API_VALUE, 'the values, resolved');
    const counts = await control.counts(VAULT);
    assert.equal(counts.GetSecret, 3, `db-password once, api-key, turned-off: ${JSON.stringify(counts)}`);

    const told = ops.ui.asked.find((a) => a.kind === 'warning' && a.modal !== true)?.message ?? '';
    assert.match(told, /STRANGER: .*evil\.vault\.azure\.net is not one of your vaults/);
    assert.match(told, /OFF: turned-off/);
    assert.match(told, /1 entries are not Key Vault references/);
    for (const value of [DB_VALUE, API_VALUE, 'off-value', 'hello'])
      assert.ok(!JSON.stringify(ops.ui.asked).includes(value), 'no value in a message');
    assert.ok(!textUnder(ops.paths.log).includes(DB_VALUE), 'no value in the log');
    terminal.dispose();
  });

  it('opens a terminal with the secrets selected in the Vaults view, named after their vault', async () => {
    const db = await secretNodeNamed(tree, vault, 'db-password');
    const api = await secretNodeNamed(tree, vault, 'api-key');
    await run('openTerminalWithSecrets', db, [db, api]);
    const terminal = await terminalNamed(`Secrets: ${VAULT}`);
    const env = optionsOf(terminal).env ?? {};
    assert.deepEqual(Object.keys(env).sort(), ['API_KEY', 'DB_PASSWORD']);
    assert.ok(env.DB_PASSWORD === DB_VALUE && env.API_KEY === API_VALUE);
    assert.equal(optionsOf(terminal).isTransient, true);
    terminal.dispose();
  });

  it('reads no secret before the user confirms the VARIABLE ← secret rows; cancelling reads nothing', async () => {
    const file = join(dir, 'confirm.env');
    writeFileSync(file, `DB=@Microsoft.KeyVault(SecretUri=${vault.vault.url}/secrets/db-password)\n`);
    await control.resetCounts();
    ops.ui.answer({ kind: 'warning', button: undefined });
    await run('openTerminalWithSecrets', vscode.Uri.file(file));
    const asked = ops.ui.asked.find((a) => a.kind === 'warning' && a.modal === true);
    assert.equal(asked?.detail?.split('\n')[0], `DB ← db-password (${VAULT})`);
    assert.equal((await control.counts(VAULT)).GetSecret ?? 0, 0, 'no GetSecret when the user cancels');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(
      vscode.window.terminals.some((x) => x.name === 'Secrets: confirm.env'),
      false,
      'no terminal opened',
    );
  });

  it('never sets a name that changes how programs run (PATH, LD_PRELOAD, node_options…), and reads nothing for it', async () => {
    const url = vault.vault.url;
    const only = join(dir, 'hostile.env');
    writeFileSync(
      only,
      [
        `PATH=@Microsoft.KeyVault(SecretUri=${url}/secrets/db-password)`,
        `LD_PRELOAD=@Microsoft.KeyVault(SecretUri=${url}/secrets/api-key)`,
        `node_options=@Microsoft.KeyVault(SecretUri=${url}/secrets/api-key)`,
        `PROMPT_COMMAND=@Microsoft.KeyVault(SecretUri=${url}/secrets/api-key)`,
        '',
      ].join('\n'),
    );
    await control.resetCounts();
    await run('openTerminalWithSecrets', vscode.Uri.file(only));
    const error = ops.ui.asked.find((a) => a.kind === 'error')?.message ?? '';
    for (const name of ['PATH', 'LD_PRELOAD', 'node_options', 'PROMPT_COMMAND'])
      assert.match(error, new RegExp(`${name}: not set: ${name} changes how programs in the terminal run`));
    assert.ok(!ops.ui.asked.some((a) => a.kind === 'warning' && a.modal === true), 'nothing to confirm');
    assert.equal((await control.counts(VAULT)).GetSecret ?? 0, 0, 'no GetSecret for a refused name');
    ops.ui.verify();

    const mixed = join(dir, 'mixed.env');
    writeFileSync(
      mixed,
      [
        `BASH_ENV=@Microsoft.KeyVault(SecretUri=${url}/secrets/api-key)`,
        `DB=@Microsoft.KeyVault(SecretUri=${url}/secrets/db-password)`,
        '',
      ].join('\n'),
    );
    await control.resetCounts();
    ops.ui.answer({ kind: 'warning', button: READ });
    await run('openTerminalWithSecrets', vscode.Uri.file(mixed));
    const terminal = await terminalNamed('Secrets: mixed.env');
    assert.deepEqual(Object.keys(optionsOf(terminal).env ?? {}), ['DB']);
    const asked = ops.ui.asked.find((a) => a.kind === 'warning' && a.modal === true);
    assert.match(asked?.detail ?? '', /BASH_ENV: not set: BASH_ENV changes how programs/);
    assert.equal((await control.counts(VAULT)).GetSecret, 1, 'only db-password is read');
    terminal.dispose();
  });

  it('opens no terminal when nothing resolves, and says why', async () => {
    const file = join(dir, 'only-strangers.env');
    writeFileSync(file, 'X=@Microsoft.KeyVault(SecretUri=https://evil.vault.azure.net/secrets/x)\n');
    await run('openTerminalWithSecrets', vscode.Uri.file(file));
    assert.match(ops.ui.asked.find((a) => a.kind === 'error')?.message ?? '', /not one of your vaults/);
    // A terminal the command had created would be in the list by the time the command returned.
    assert.equal(
      vscode.window.terminals.some((x) => x.name === 'Secrets: only-strangers.env'),
      false,
      'no terminal opened',
    );
  });
});

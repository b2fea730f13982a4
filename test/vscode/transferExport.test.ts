// Issue 13, Export Secrets to File…, in a real extension host against the local Key Vault server: references
// (no value read), values only after a modal confirmation, every file owner-only (0600) and replaced rather than
// written into, a warning when the file is inside a Git work tree and Git does not ignore it, and variable names
// by the visible rule, editable in the preview.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { parseDotenv } from '../../src/shared/transfer/dotenv';
import type { OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { VaultNode } from '../../src/tree/nodes';
import { EmulatorControlClient } from '../emulator/controlClient';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, vaultNodeNamed } from './helpers';
import { workspaceRoot } from './referencesHelpers';

const VAULT = 'io-export';
const TRICKY = "p@ss w\"rd\nline2 $HOME 'q'";

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let control: EmulatorControlClient;
let vault: VaultNode;
let restoreSettings: () => Promise<void> = () => Promise.resolve();
let dir: string;

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);
const mode = (path: string): number => statSync(path).mode & 0o777;

describe('Export Secrets to File… (issue 13, extension host)', function () {
  this.timeout(60_000);

  before(async () => {
    ({ operations: ops, tree } = await getTestApi());
    control = new EmulatorControlClient(emulatorControlUrl());
    dir = mkdtempSync(join(tmpdir(), 'kvs-export-'));
    restoreSettings = await addEmulatorVaults(control, [
      {
        displayName: VAULT,
        seed: {
          name: VAULT,
          secrets: [
            { name: 'db-password', versions: [{ value: TRICKY }] },
            { name: 'api-key', versions: [{ value: 'k-123' }] },
            { name: 'switched-off', versions: [{ value: 'hidden', enabled: false }] },
          ],
        },
      },
    ]);
    vault = await vaultNodeNamed(tree, VAULT);
  });

  after(async () => {
    await restoreSettings();
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(workspaceRoot(), 'export-repo'), { recursive: true, force: true });
  });

  beforeEach(() => ops.ui.reset());
  afterEach(() => ops.ui.verify());

  it('writes references by the visible name rule, with a renamed variable, reading no value', async () => {
    const file = join(dir, 'refs.env');
    await control.resetCounts();
    ops.ui.answer(
      { kind: 'pick', label: 'References: @Microsoft.KeyVault(SecretUri=…)' },
      { kind: 'pick', label: 'DB_PASSWORD' },
      { kind: 'input', text: 'DATABASE_PASSWORD' },
      { kind: 'pick', index: 0 },
      { kind: 'save', path: file },
    );
    await run('exportSecrets', vault);
    const preview = ops.ui.asked.filter((a) => a.kind === 'pick')[1];
    assert.deepEqual(preview.items?.slice(1), ['API_KEY', 'DB_PASSWORD', 'SWITCHED_OFF']);
    assert.equal(mode(file), 0o600);
    const entries = parseDotenv(readFileSync(file, 'utf8')).entries.map((e) => [e.key, e.value]);
    const url = vault.vault.url;
    assert.deepEqual(entries, [
      ['API_KEY', `@Microsoft.KeyVault(SecretUri=${url}/secrets/api-key/)`],
      ['DATABASE_PASSWORD', `@Microsoft.KeyVault(SecretUri=${url}/secrets/db-password/)`],
      ['SWITCHED_OFF', `@Microsoft.KeyVault(SecretUri=${url}/secrets/switched-off/)`],
    ]);
    const counts = await control.counts(VAULT);
    assert.equal(counts.GetSecret, undefined, `a value was read for references: ${JSON.stringify(counts)}`);
    assert.equal(counts.GetSecrets, 1);
  });

  it('values: confirms, warns inside a Git work tree, replaces a wider file with a 0600 one', async () => {
    // Git is asked only in a trusted workspace folder.
    const repo = join(workspaceRoot(), 'export-repo');
    mkdirSync(repo);
    execFileSync('git', ['init', '-q'], { cwd: repo });
    const file = join(repo, 'values.json');
    writeFileSync(file, 'OLD CONTENT THAT MUST GO\n', { mode: 0o644 });
    ops.ui.answer(
      { kind: 'pick', label: 'Values, in clear' },
      { kind: 'pick', index: 0 },
      { kind: 'save', path: file },
      { kind: 'warning', button: 'Write Values' },
      { kind: 'warning', button: 'Write Anyway' },
    );
    await run('exportSecrets', vault);
    const [clear, git] = ops.ui.asked.filter((a) => a.kind === 'warning' && a.modal === true);
    // The file and its folder are named: the user sees where the values go.
    assert.ok(clear.message.endsWith(`in clear to values.json in ${repo}?`), clear.message);
    assert.match(git.message, /values\.json is inside the Git work tree .*repo and Git does not ignore it/);
    assert.equal(mode(file), 0o600);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { API_KEY: 'k-123', DB_PASSWORD: TRICKY });
    // The disabled secret is left out, and said so (its value never appears).
    const left = ops.ui.asked.find((a) => a.kind === 'warning' && a.modal !== true);
    assert.match(left?.message ?? '', /Exported 2 values .*Left out: switched-off/);
    assert.ok(!JSON.stringify(ops.ui.asked).includes('k-123'));
  });

  it('values to a .env that Git ignores: no Git warning; declining the confirmation writes nothing', async () => {
    const repo = join(workspaceRoot(), 'export-repo');
    writeFileSync(join(repo, '.gitignore'), '*.local.env\n');
    const file = join(repo, 'prod.local.env');
    ops.ui.answer(
      { kind: 'pick', label: 'Values, in clear' },
      { kind: 'pick', index: 0 },
      { kind: 'save', path: file },
      { kind: 'warning', button: 'Write Values' },
    );
    await run('exportSecrets', vault);
    assert.equal(mode(file), 0o600);
    const values = Object.fromEntries(parseDotenv(readFileSync(file, 'utf8')).entries.map((e) => [e.key, e.value]));
    // A value that no .env quoting carries exactly for every reader (a line break with " and $) is left out, by
    // name and why, never written in a form some reader would read differently; JSON (above) carries it.
    assert.deepEqual(values, { API_KEY: 'k-123' });
    const left = ops.ui.asked.find((a) => a.kind === 'warning' && a.modal !== true);
    assert.match(left?.message ?? '', /Exported 1 values .*Left out: .*db-password: its value holds a line break/);
    assert.ok(!JSON.stringify(ops.ui.asked).includes('line2'));
    ops.ui.verify();

    const declined = join(dir, 'declined.env');
    await control.resetCounts();
    ops.ui.answer(
      { kind: 'pick', label: 'Values, in clear' },
      { kind: 'pick', index: 0 },
      { kind: 'save', path: declined },
      { kind: 'warning', button: undefined },
    );
    await run('exportSecrets', vault);
    assert.throws(() => statSync(declined), /ENOENT/);
    assert.equal((await control.counts(VAULT)).GetSecret, undefined, 'a value was read after the user declined');
  });
});

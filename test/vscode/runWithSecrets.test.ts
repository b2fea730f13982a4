// Run and debug with secrets, in a real VS Code against the local Key Vault server: a Node launch configuration
// (js-debug), a `keyVaultSecrets` task and a `${command:keyVaultSecrets.secretValue}` launch input each start a
// probe program that writes the SHA-256 of the variables it was given; the hashes must equal the vault values'.
// The approval is asked once per configuration and again when its mapping changes; loader names, a vault only a
// workspace lists and a failing reference are refused with their message (the server's counters say what was
// read); and the canary in the values is in no file of the user data, storage, logs or workspace, nor in the debug
// console's text.
import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { OperationsTestApi } from '../../src/testApi';
import { EmulatorControlClient } from '../emulator/controlClient';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, waitFor } from './helpers';
import { canaryForms, filesUnder, scanFiles } from './leakScan';
import { workspaceRoot } from './referencesHelpers';

const CANARY = `kvsruncanary${randomBytes(6).toString('hex')}`;
const VAULT = 'run-vault';
const WS_VAULT = 'run-ws-only';
const DB_VALUE = `${CANARY}-db "quoted" value`;
const API_VALUE = `${CANARY}-api`;
const APPROVE = 'Read Secrets and Launch';
const PROBE = `const { createHash } = require('node:crypto');
const { renameSync, writeFileSync } = require('node:fs');
const [out, ...names] = process.argv.slice(2);
const seen = {};
for (const n of names) seen[n] = process.env[n] === undefined ? null : createHash('sha256').update(process.env[n]).digest('hex');
// Written whole, then renamed: the test sees the file only once it holds all of it.
writeFileSync(out + '.part', JSON.stringify(seen));
renameSync(out + '.part', out);
console.log('probe: wrote ' + names.length + ' hashes');
`;

const sha = (value: string): string => createHash('sha256').update(value).digest('hex');

let ops: OperationsTestApi;
let control: EmulatorControlClient;
let restoreSettings: () => Promise<void> = () => Promise.resolve();
let folder: vscode.WorkspaceFolder;
let root: string;
let vaultUrl: string;
let outDir: string;
let probe: string;
let consoleText = '';
const launchArguments: Array<Record<string, unknown>> = [];
let tracker: vscode.Disposable | undefined;
let outCount = 0;

const ref = (name: string): string => `@Microsoft.KeyVault(SecretUri=${vaultUrl}/secrets/${name})`;

/** Runs `start`, then waits for the probe's file; undefined when nothing was started (and nothing is written). */
async function probeRun(
  names: readonly string[],
  start: (out: string, args: string[]) => Thenable<unknown>,
  expectStarted = true,
): Promise<Record<string, string | null> | undefined> {
  const out = join(outDir, `probe-${++outCount}.json`);
  const ended = new Promise<void>((resolve) => {
    const sub = vscode.debug.onDidTerminateDebugSession(() => {
      sub.dispose();
      resolve();
    });
  });
  await start(out, [probe, out, ...names]);
  if (!expectStarted) {
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(existsSync(out), false, 'the program must not start');
    return undefined;
  }
  await waitFor(() => existsSync(out), `the probe's file ${out}`, 30_000);
  if (vscode.debug.activeDebugSession !== undefined) await ended;
  return JSON.parse(readFileSync(out, 'utf8')) as Record<string, string | null>;
}

/** A Node launch configuration of the probe. */
function nodeConfig(name: string, args: string[], extra: Record<string, unknown>): vscode.DebugConfiguration {
  return {
    type: 'node',
    request: 'launch',
    name,
    program: args[0],
    args: args.slice(1),
    runtimeExecutable: process.execPath,
    console: 'internalConsole',
    ...extra,
  };
}

const launch = (name: string, extra: Record<string, unknown>, names: readonly string[], started = true) =>
  probeRun(names, (_out, args) => vscode.debug.startDebugging(folder, nodeConfig(name, args, extra)), started);

const modalWarnings = (): Array<{ message: string; detail?: string }> =>
  ops.ui.asked.filter((a) => a.kind === 'warning' && a.modal === true);
const errors = (): string[] => ops.ui.asked.filter((a) => a.kind === 'error').map((a) => a.message);

describe('Run and debug with secrets (extension host, local Key Vault server)', function () {
  this.timeout(120_000);

  before(async () => {
    ({ operations: ops } = await getTestApi());
    control = new EmulatorControlClient(emulatorControlUrl());
    restoreSettings = await addEmulatorVaults(control, [
      {
        displayName: VAULT,
        seed: {
          name: VAULT,
          secrets: [
            { name: 'db-password', versions: [{ value: DB_VALUE, created: '-1d' }] },
            { name: 'api-key', versions: [{ value: API_VALUE, created: '-1d' }] },
            { name: 'turned-off', versions: [{ value: `${CANARY}-off`, enabled: false, created: '-1d' }] },
          ],
        },
      },
    ]);
    vaultUrl = (await control.state()).vaults[VAULT]?.url ?? assert.fail('no vault');
    folder = vscode.workspace.workspaceFolders?.[0] ?? assert.fail('no workspace folder');
    root = workspaceRoot();
    mkdirSync(join(root, 'run-probe'), { recursive: true });
    probe = join(root, 'run-probe', 'probe.js');
    writeFileSync(probe, PROBE);
    outDir = mkdtempSync(join(tmpdir(), 'kvs-run-out-'));
    tracker = vscode.debug.registerDebugAdapterTrackerFactory('*', {
      createDebugAdapterTracker: () => ({
        onDidSendMessage: (m: { type?: string; event?: string; body?: { output?: string } }) => {
          if (m.type === 'event' && m.event === 'output') consoleText += m.body?.output ?? '';
        },
        onWillReceiveMessage: (m: { type?: string; command?: string; arguments?: Record<string, unknown> }) => {
          if (m.type === 'request' && m.command === 'launch' && m.arguments !== undefined)
            launchArguments.push(m.arguments);
        },
      }),
    });
  });

  after(async () => {
    tracker?.dispose();
    await restoreSettings();
    rmSync(join(root, 'run-probe'), { recursive: true, force: true });
    rmSync(join(root, '.vscode', 'tasks.json'), { force: true });
    rmSync(join(root, '.vscode', 'launch.json'), { force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  beforeEach(() => ops.ui.reset());
  afterEach(() => ops.ui.verify());

  it('a Node launch configuration with keyVaultSecrets.envFile starts the program with the vault values; one GetSecret per distinct secret', async () => {
    writeFileSync(
      join(root, 'run-probe', 'run.env'),
      [
        `DB=${ref('db-password')}`,
        `DB_AGAIN=@Microsoft.KeyVault(SecretUri=${vaultUrl}/secrets/db-password/)`,
        `API=@Microsoft.KeyVault(VaultName=${VAULT};SecretName=api-key)`,
        'PLAIN=left-to-the-program',
        '',
      ].join('\n'),
    );
    await control.resetCounts();
    const requestsBefore = launchArguments.length;
    ops.ui.answer({ kind: 'warning', button: APPROVE });
    const seen = await launch(
      'Probe envFile',
      { 'keyVaultSecrets.envFile': 'run-probe/run.env', env: { KEPT: 'yes' } },
      ['DB', 'DB_AGAIN', 'API', 'KEPT', 'PLAIN'],
    );
    assert.deepEqual(seen, {
      DB: sha(DB_VALUE),
      DB_AGAIN: sha(DB_VALUE),
      API: sha(API_VALUE),
      KEPT: sha('yes'),
      PLAIN: null,
    });
    const [asked] = modalWarnings();
    assert.match(
      asked?.message ?? '',
      /Read 3 secrets from Key Vault into the environment of the launch configuration "Probe envFile"\?/,
    );
    assert.deepEqual((asked?.detail ?? '').split('\n').slice(0, 3), [
      `DB ← db-password (${VAULT}, latest version)`,
      `DB_AGAIN ← db-password (${VAULT}, latest version)`,
      `API ← api-key (${VAULT}, latest version)`,
    ]);
    assert.equal((await control.counts(VAULT)).GetSecret, 2, 'db-password once, api-key once');
    // js-debug's own launch request, and those of the child sessions it starts: none carries the opt-in key.
    const requests = launchArguments.slice(requestsBefore);
    assert.ok(
      requests.some((r) => r.name === 'Probe envFile'),
      'the launch request was seen',
    );
    for (const r of requests)
      assert.equal(Object.hasOwn(r, 'keyVaultSecrets.envFile'), false, 'the opt-in key is not passed on');
  });

  it('asks again only when the mapping changes', async () => {
    await control.resetCounts();
    const again = await launch('Probe envFile', { 'keyVaultSecrets.envFile': 'run-probe/run.env' }, ['DB']);
    assert.equal(again?.DB, sha(DB_VALUE));
    assert.deepEqual(modalWarnings(), [], 'no question for an approved mapping');
    writeFileSync(join(root, 'run-probe', 'run.env'), `DB=${ref('db-password')}\nAPI_KEY=${ref('api-key')}\n`);
    ops.ui.answer({ kind: 'warning', button: APPROVE });
    const changed = await launch('Probe envFile', { 'keyVaultSecrets.envFile': 'run-probe/run.env' }, ['API_KEY']);
    assert.equal(changed?.API_KEY, sha(API_VALUE));
    assert.equal(modalWarnings().length, 1, 'asked again after the mapping changed');
    assert.match(modalWarnings()[0]?.detail ?? '', /API_KEY ← api-key/);
  });

  it('resolves the @Microsoft.KeyVault references of an Azure Functions local.settings.json named as envFile', async () => {
    mkdirSync(join(root, 'run-probe', 'fn'), { recursive: true });
    writeFileSync(
      join(root, 'run-probe', 'fn', 'local.settings.json'),
      JSON.stringify({
        IsEncrypted: false,
        Values: {
          FUNCTIONS_WORKER_RUNTIME: 'node',
          OrdersDbPassword: `@Microsoft.KeyVault(VaultName=${VAULT};SecretName=db-password)`,
        },
      }),
    );
    await control.resetCounts();
    ops.ui.answer({ kind: 'warning', button: APPROVE });
    const seen = await launch('Probe functions', { 'keyVaultSecrets.envFile': 'run-probe/fn/local.settings.json' }, [
      'OrdersDbPassword',
      'FUNCTIONS_WORKER_RUNTIME',
    ]);
    assert.deepEqual(seen, { OrdersDbPassword: sha(DB_VALUE), FUNCTIONS_WORKER_RUNTIME: null });
    assert.equal((await control.counts(VAULT)).GetSecret, 1);
  });

  it('a keyVaultSecrets task runs its command line with the resolved environment', async () => {
    mkdirSync(join(root, '.vscode'), { recursive: true });
    const out = join(outDir, 'task.json');
    writeFileSync(
      join(root, '.vscode', 'tasks.json'),
      JSON.stringify({
        version: '2.0.0',
        tasks: [
          {
            label: 'probe task',
            type: 'keyVaultSecrets',
            command: process.execPath,
            args: [probe, out, 'DB', 'API'],
            envFile: 'run-probe/run.env',
          },
        ],
      }),
    );
    const task = await waitFor(
      async () => (await vscode.tasks.fetchTasks({ type: 'keyVaultSecrets' })).find((x) => x.name === 'probe task'),
      'the task of tasks.json',
    );
    await control.resetCounts();
    ops.ui.answer({ kind: 'warning', button: APPROVE });
    await vscode.tasks.executeTask(task);
    await waitFor(() => existsSync(out), "the task's probe file", 30_000);
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), { DB: sha(DB_VALUE), API: null });
    assert.match(modalWarnings()[0]?.message ?? '', /the task "probe task"/);
    assert.equal((await control.counts(VAULT)).GetSecret, 2);
  });

  it('${command:keyVaultSecrets.secretValue} gives a launch input one value, after the same approval', async () => {
    mkdirSync(join(root, '.vscode'), { recursive: true });
    const out = join(outDir, 'input.json');
    writeFileSync(
      join(root, '.vscode', 'launch.json'),
      JSON.stringify({
        version: '0.2.0',
        configurations: [
          { ...nodeConfig('Probe input', [probe, out, 'FROM_INPUT'], {}), env: { FROM_INPUT: '${input:db}' } },
        ],
        inputs: [
          {
            id: 'db',
            type: 'command',
            command: 'keyVaultSecrets.secretValue',
            args: { reference: ref('db-password') },
          },
        ],
      }),
    );
    await waitFor(
      () =>
        (vscode.workspace.getConfiguration('launch', folder).get<Array<{ name: string }>>('configurations') ?? []).some(
          (c) => c.name === 'Probe input',
        ),
      'the launch configuration of launch.json',
    );
    ops.ui.answer({ kind: 'warning', button: APPROVE });
    await vscode.debug.startDebugging(folder, 'Probe input');
    await waitFor(() => existsSync(out), "the input's probe file", 30_000);
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), { FROM_INPUT: sha(DB_VALUE) });
    assert.match(modalWarnings()[0]?.detail ?? '', /KEY_VAULT_SECRET ← db-password/);
  });

  it('refuses loader variable names unless allowed for the launch: the message names them, nothing is read', async () => {
    await control.resetCounts();
    ops.ui.answer({ kind: 'warning', button: undefined });
    await launch(
      'Probe loader',
      { 'keyVaultSecrets.env': { DB: ref('db-password'), NODE_OPTIONS: ref('api-key') } },
      ['DB'],
      false,
    );
    assert.match(modalWarnings()[0]?.detail ?? '', /NODE_OPTIONS changes how the program runs/);
    assert.match(
      errors().join('\n'),
      /"Probe loader" was not started: NODE_OPTIONS: NODE_OPTIONS changes how the program runs/,
    );
    assert.deepEqual(await control.counts(VAULT), {}, 'no request at all');
  });

  it('sets a loader name the user allows for this launch, and asks again at the next launch', async () => {
    const extra = { 'keyVaultSecrets.env': { DB: ref('db-password'), PYTHONSTARTUP: ref('api-key') } };
    ops.ui.answer({ kind: 'warning', button: 'Set Them for This Launch' }, { kind: 'warning', button: APPROVE });
    const seen = await launch('Probe allowed loader', extra, ['DB', 'PYTHONSTARTUP']);
    assert.deepEqual(seen, { DB: sha(DB_VALUE), PYTHONSTARTUP: sha(API_VALUE) });
    ops.ui.reset();
    ops.ui.answer({ kind: 'warning', button: undefined });
    await launch('Probe allowed loader', extra, ['DB'], false);
    assert.match(modalWarnings()[0]?.detail ?? '', /PYTHONSTARTUP changes how the program runs/);
  });

  it('refuses a vault that only the workspace settings list: the message says so, the vault gets no request', async () => {
    const { url } = await control.addVault({
      name: WS_VAULT,
      secrets: [{ name: 'from-workspace', versions: [{ value: `${CANARY}-ws` }] }],
    });
    const config = vscode.workspace.getConfiguration('keyVaultSecrets');
    await config.update('vaults', [{ url, name: WS_VAULT }], vscode.ConfigurationTarget.Workspace);
    try {
      await control.resetCounts();
      await launch(
        'Probe workspace vault',
        { 'keyVaultSecrets.env': { WS: `@Microsoft.KeyVault(SecretUri=${url}/secrets/from-workspace)` } },
        ['WS'],
        false,
      );
      assert.match(errors().join('\n'), new RegExp(`WS: ${url.replace(/[.]/g, '\\.')} is not one of your vaults`));
      assert.deepEqual(await control.counts(WS_VAULT), {});
      assert.deepEqual(modalWarnings(), [], 'not even asked');
    } finally {
      await config.update('vaults', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('one failing reference stops the launch with the variable, the reason and what to do; "Launch Without It" goes on without it', async () => {
    const extra = { 'keyVaultSecrets.env': { DB: ref('db-password'), OFF: ref('turned-off') } };
    await control.resetCounts();
    ops.ui.answer({ kind: 'warning', button: APPROVE }, { kind: 'warning', button: undefined });
    await launch('Probe failing', extra, ['DB', 'OFF'], false);
    const failure = modalWarnings()[1];
    assert.match(failure?.message ?? '', /"Probe failing" was not started: 1 of 2 secrets could not be read/);
    assert.match(failure?.detail ?? '', /^OFF ← turned-off \(run-vault\): .*disabled.* Enable the secret/);
    assert.equal((await control.counts(VAULT)).GetSecret, 2);
    ops.ui.reset();
    ops.ui.answer({ kind: 'warning', button: 'Launch Without It' });
    const seen = await launch('Probe failing', extra, ['DB', 'OFF']);
    assert.deepEqual(seen, { DB: sha(DB_VALUE), OFF: null });
  });

  it('leaves no canary in the user data, storage, logs or workspace, nor in the debug console', () => {
    assert.match(consoleText, /probe: wrote/, 'the debug console text was captured');
    assert.ok(!consoleText.includes(CANARY), 'no value in the debug console');
    const paths = ops.paths;
    const userData = dirname(dirname(dirname(paths.globalStorage)));
    const roots = [userData, paths.globalStorage, paths.workspaceStorage, paths.log, root].filter(
      (p): p is string => p !== undefined,
    );
    const files = [...new Set(roots.flatMap((r) => filesUnder(r)))];
    const forms = canaryForms(CANARY, [
      ['db value', DB_VALUE],
      ['api value', API_VALUE],
    ]);
    const { hits, bytes } = scanFiles(files, userData, forms);
    console.log(`      run leak scan: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB; hits: ${hits.length}`);
    assert.deepEqual(hits, []);
  });
});

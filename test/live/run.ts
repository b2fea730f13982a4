// `npm run test:live`: the vault-layer integration suite against a real vault.
//
//   KVS_LIVE_VAULT_URL=https://<name>.vault.azure.net   the vault (required; without it the tier is skipped)
//   KVS_LIVE_CREDENTIAL=default|azureCli                how to sign in (default: the Azure Identity default chain)
//   KVS_RECORD=DIR                                      write each test's exchanges to DIR (see recorder.ts)
//   KVS_TEST_GREP=text                                  run only the tests whose title matches
//
// Test only, to prove the plumbing without Azure: KVS_LIVE_EMULATOR=1 starts the local Key Vault server
// with one empty vault and runs the tier against it with a static token and the server's CA
// (KVS_LIVE_EMULATOR_WINDOW_MS sets its delete/recover/purge window, default 1000 ms, as
// Azure's 2-5 s makes the pollers wait). It is read here only;
// nothing in the extension knows it.
//
// Ends with `N passed, N failed, N skipped`; exit code 1 if anything failed or the clean-up left a secret live.

import { resolve } from 'node:path';
import Mocha from 'mocha';
import { startEmulator, type Emulator } from '../emulator/server';
import { listenForStopSignals, type StopSignals } from '../emulator/stopSignals';
import { identityCredential, staticTokenCredential } from '../../src/vault/credentials';
import { Recorder } from './recorder';
import { configureLiveTarget, FAMILY_PREFIX, type LiveTargetOptions } from './target';

/** The test files the live tier runs, and those it leaves to the local server (with why). */
const LIVE_FILES = [
  'test/integration/vault/SecretsVaultClient.test.ts',
  ...['secrets', 'softDelete', 'backup', 'lifecycle', 'challenge'].map((f) => `test/integration/emulator/${f}.test.ts`),
];
const NOT_LIVE: ReadonlyArray<readonly [string, string]> = [
  [
    'test/integration/vault/ArmVaultDiscovery.test.ts',
    "vault discovery through the local server's Resource Manager endpoint",
  ],
  ['test/integration/vault/credentials.test.ts', 'VS Code session credentials with made-up tokens'],
  ['test/integration/emulator/lists.test.ts', 'exact pages need a vault that holds nothing else'],
  ...['control', 'faults', 'permissions', 'arm'].map(
    (f) =>
      [
        `test/integration/emulator/${f}.test.ts`,
        'the control API, fault injection, permissions, Resource Manager',
      ] as const,
  ),
];

const TIMEOUT_MS = 120_000;

async function main(): Promise<number> {
  // Registered for the whole run (a repeated Ctrl-C is absorbed), so the clean-up of the vault always completes.
  const stop = listenForStopSignals((signal) =>
    console.log(`\n${signal}: stopping after this test, then cleaning up (further signals are ignored)`),
  );
  const url = process.env.KVS_LIVE_VAULT_URL?.trim() ?? '';
  const localServer = process.env.KVS_LIVE_EMULATOR === '1';
  if (url === '' && !localServer) {
    console.log('live tier skipped: KVS_LIVE_VAULT_URL is not set.');
    console.log(
      '  It runs the vault-layer integration suite (and conformance cases) against a real vault: set KVS_LIVE_VAULT_URL=https://<name>.vault.azure.net,',
    );
    console.log(
      '  sign in with `az login` (or any credential of the Azure Identity default chain), then run `npm run test:live`.',
    );
    console.log('  README.md ("npm run test:live") lists the role the account needs and what a run costs.');
    return 0;
  }
  if (url !== '' && localServer) {
    console.error('Set either KVS_LIVE_VAULT_URL (a real vault) or KVS_LIVE_EMULATOR=1 (the local server), not both.');
    return 2;
  }
  let server: Emulator | undefined;
  const windowMs = Number(process.env.KVS_LIVE_EMULATOR_WINDOW_MS ?? 1000);
  let options: Omit<LiveTargetOptions, 'recorder'>;
  if (localServer) {
    server = await startEmulator({ seed: { vaults: [{ name: 'live' }] }, asyncWindowMs: windowMs });
    options = {
      vaultUrl: server.vaults.live?.url ?? '',
      credential: staticTokenCredential(),
      caPem: server.caPem,
      localServer: true,
      pollIntervalMs: 50,
    };
    console.log(`live tier against the LOCAL SERVER (KVS_LIVE_EMULATOR=1, test only): ${options.vaultUrl}`);
  } else {
    if (!/^https:\/\/[^/?#]+\/?$/.test(url)) {
      console.error(
        `KVS_LIVE_VAULT_URL must be a vault URL such as https://<name>.vault.azure.net (https, host only); got ${JSON.stringify(url)}.`,
      );
      return 2;
    }
    const kind = process.env.KVS_LIVE_CREDENTIAL === 'azureCli' ? 'azureCli' : 'default';
    options = { vaultUrl: url, credential: identityCredential(kind) };
    console.log(
      `live tier against ${url}, signed in with ${kind === 'azureCli' ? 'the Azure CLI' : 'the Azure Identity default chain'}`,
    );
  }
  const recordDir = process.env.KVS_RECORD?.trim();
  const recorder = recordDir ? new Recorder(resolve(recordDir)) : undefined;
  const target = configureLiveTarget({ ...options, ...(recorder !== undefined ? { recorder } : {}) })!;
  recorder?.describeRun({
    target: localServer ? 'local-server' : 'azure',
    runPrefix: target.runPrefix,
    started: new Date().toISOString(),
    ...(server !== undefined ? { asyncWindowMs: windowMs } : {}),
  });
  let results: { passed: number; failed: number; pending: number } | undefined;
  /** The vault answered: from here on the run may create secrets, so the clean-up runs. */
  let reached = false;
  try {
    try {
      // Pre-flight: can we list the vault at all? (The error says what to do when we cannot.)
      const first = await target.client('', new URL(target.vaultUrl).hostname).listSecrets();
      reached = true;
      const foreign = first.items.filter((s) => !s.name.toLowerCase().startsWith(FAMILY_PREFIX)).length;
      console.log(`run prefix ${target.runPrefix} (every secret this run creates starts with it)`);
      await target.probe();
      console.log(
        `the vault keeps deleted secrets ${target.recoverableDays ?? '?'} days; purge protection ${target.purgeProtection === true ? 'on' : 'off'}`,
      );
      if (foreign > 0 || first.continuationToken !== undefined) {
        console.log(
          `note: the vault already holds secrets of its own (${foreign}${first.continuationToken !== undefined ? '+' : ''}); the tier neither lists nor touches them.`,
        );
      }
      console.log('not run here (local server only):');
      for (const [file, why] of NOT_LIVE) console.log(`  ${file}: ${why}`);
      results = await runMocha(target, recorder, stop);
    } catch (e) {
      console.error(`live tier failed before its tests: ${e instanceof Error ? e.message : String(e)}`);
    }
    recorder?.end();

    if (!reached) return 1;
    // Always once the vault answered, also after a failure or Ctrl-C: nothing of the run stays live.
    console.log('\n=== clean-up');
    let stuck = 0;
    try {
      const report = await target.cleanUp();
      console.log(
        `secrets of this run: ${report.found}; ${report.deleted} still live, deleted now; ${report.purged} purged; ${report.leftOver.length} left`,
      );
      for (const left of report.leftOver) {
        console.log(
          `  left: ${left.name}: ${left.reason}${left.scheduledPurgeDate ? ` (scheduled purge ${left.scheduledPurgeDate.toISOString()})` : ''}`,
        );
      }
      stuck = report.leftOver.filter((l) => !l.reason.startsWith('purge protection')).length;
    } catch (e) {
      console.error(
        `clean-up failed: ${e instanceof Error ? e.message : String(e)}. Delete and purge the secrets whose names start with ${target.runPrefix}.`,
      );
      stuck = 1;
    }
    if (target.skipped.size > 0) {
      console.log('\n=== skipped on the live target');
      for (const [reason, n] of [...target.skipped].sort((a, b) => b[1] - a[1]))
        console.log(`  ${String(n).padStart(3)}  ${reason}`);
    }
    if (server !== undefined) {
      const requests = Object.values(server.counts()).reduce((a, b) => a + b, 0);
      console.log(`\nthe local server answered ${requests} requests (on Azure each is a billed operation)`);
    }
    if (recorder !== undefined) console.log(`recorded ${recorder.files.length} files in ${recorder.dir}`);
    if (results === undefined) return 1;
    console.log(`${results.passed} passed, ${results.failed} failed, ${results.pending} skipped`);
    return results.failed > 0 || stuck > 0 ? 1 : 0;
  } finally {
    configureLiveTarget(undefined);
    await server?.stop();
  }
}

function runMocha(
  target: NonNullable<ReturnType<typeof configureLiveTarget>>,
  recorder: Recorder | undefined,
  stop: StopSignals,
): Promise<{ passed: number; failed: number; pending: number }> {
  const mocha = new Mocha({ ui: 'bdd', timeout: TIMEOUT_MS, reporter: 'spec', color: process.stdout.isTTY });
  if (process.env.KVS_TEST_GREP) mocha.grep(process.env.KVS_TEST_GREP);
  for (const f of LIVE_FILES) mocha.addFile(resolve(f));
  let passed = 0;
  let pending = 0;
  return new Promise((done) => {
    const runner = mocha.run((failed) => done({ passed, failed, pending }));
    // A stop signal (before or during the run): finish the running test, skip the rest; main then cleans up.
    void stop.requested.then(() => runner.abort());
    const begin = (runnable: Mocha.Runnable): void => {
      target.current = runnable;
      recorder?.begin(runnable.fullTitle());
    };
    const end = (): void => {
      target.current = undefined;
      recorder?.end();
    };
    runner.on('test', begin);
    runner.on('hook', begin);
    runner.on('test end', end);
    runner.on('hook end', end);
    runner.on('pass', () => passed++);
    runner.on('pending', () => pending++);
  });
}

main().then(
  (code) => {
    // Keep-alive sockets of the SDK must not hold the process.
    setTimeout(() => process.exit(code), 100).unref();
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

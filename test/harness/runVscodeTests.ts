// Runs test/vscode with mocha INSIDE the extension host of a real VS Code (code-server), against the
// local Key Vault server, with this repository loaded as the development extension.
// usage: tsx test/harness/runVscodeTests.ts [resultsFile]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { startTestEmulator } from './emulatorForTests';
import { ensureToolchain } from './toolchain';
import { bundleUntrustedSuite, runUntrustedSuite } from './untrustedWorkspace';
import { run } from './run';

const NOISE =
  /AgentHost|ChatModelSelection|AccountPolicyGate|Creating a socket|connection token|reconnection-grace|Service Worker|builtin extensions cache|open-vsx\.org|^\s+at .*workbench\.js|^\s*$/;

export interface TierResult {
  readonly passed: number;
  readonly failed: number;
  /** The full titles of the tests that failed (or why the run itself failed). */
  readonly failures: readonly string[];
}

/** One extension-host run: a code-server on a workspace folder, mocha from `testsIndex` in its extension host. */
interface HostRun {
  readonly repo: string;
  readonly tools: ReturnType<typeof ensureToolchain>;
  readonly root: string;
  readonly workspace: string;
  /** The bundled index (without .js) whose run() the extension host calls. */
  readonly testsIndex: string;
  readonly settings: Record<string, unknown>;
  readonly env: NodeJS.ProcessEnv;
  /** false: workspace trust is on and the folder is not trusted (Restricted Mode). */
  readonly trusted: boolean;
  readonly timeoutSec: number;
}

async function runInExtensionHost(o: HostRun): Promise<TierResult> {
  const resultsFile = join(o.root, 'results.json');
  const server = await startCodeServer({
    tools: o.tools,
    root: join(o.root, 'code-server'),
    smokeTestDriver: true,
    settings: o.settings,
    workspaceTrust: !o.trusted,
    env: {
      ...o.env,
      KVS_TEST_API: '1',
      KVS_TEST_RESULTS: resultsFile,
      ...(process.env.KVS_TEST_GREP ? { KVS_TEST_GREP: process.env.KVS_TEST_GREP } : {}),
    },
  });
  const browser = await launchBrowser();
  const logFile = join(o.root, 'extension-host.log');
  const log: string[] = [];
  try {
    const authority = new URL(server.url).host;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${o.repo}`],
      ['extensionTestsPath', `vscode-remote://${authority}${o.testsIndex}`],
    ];
    let finish: (code: number) => void = () => undefined;
    const done = new Promise<number>((r) => {
      finish = r;
    });
    await browser.page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      let line: string;
      try {
        line = format(...(args ?? []));
      } catch {
        line = String(args);
      }
      for (const l of line.split('\n')) {
        log.push(`[${type}] ${l}`);
        if (!NOISE.test(l)) console.log(`  ${l}`);
      }
    });
    await browser.page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    browser.page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
    const url = `${server.url}/?folder=${encodeURIComponent(o.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await browser.page.goto(url, { waitUntil: 'domcontentloaded' });
    const timer = setTimeout(() => {
      console.error(`TIMEOUT: the extension host tests did not finish in ${o.timeoutSec}s`);
      finish(124);
    }, o.timeoutSec * 1000);
    const code = await done;
    clearTimeout(timer);
    writeFileSync(logFile, log.join('\n'));
    if (!existsSync(resultsFile)) {
      console.error(
        `The extension host tests did not run (exit ${code}). Log: ${logFile}; server log: ${server.logFile}`,
      );
      return { passed: 0, failed: 1, failures: [`${o.testsIndex}: the extension host tests did not run`] };
    }
    const r = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
      passed: number;
      failed: number;
      tests?: ReadonlyArray<{ title: string; state: string }>;
    };
    const failures = (r.tests ?? []).filter((t) => t.state === 'failed').map((t) => t.title);
    if (code !== 0 && r.failed === 0)
      return { passed: r.passed, failed: 1, failures: [...failures, `${o.testsIndex}: exited with ${code}`] };
    return { passed: r.passed, failed: r.failed, failures };
  } finally {
    await browser.close();
    await server.stop();
  }
}

/**
 * KVS_VSCODE_RUNS (default `trusted,untrusted`) picks the runs: `trusted` is every test/vscode/*.test.ts in a
 * trusted folder; `untrusted` is test/vscode/referencesUntrusted.ts in a folder nobody trusted.
 */
export async function runVscodeTests(timeoutSec = Number(process.env.KVS_VSCODE_TIMEOUT ?? 600)): Promise<TierResult> {
  const runs = (process.env.KVS_VSCODE_RUNS ?? 'trusted,untrusted').split(',').map((r) => r.trim());
  const repo = resolve(__dirname, '..', '..');
  const tools = ensureToolchain();
  // A test file removed or renamed must not live on as a stale bundle: index.js runs every *.test.js there.
  rmSync(join(repo, 'out', 'test', 'vscode'), { recursive: true, force: true });
  run('node', ['esbuild.mjs', '--tests'], repo);
  const untrustedIndex = await bundleUntrustedSuite(repo);
  const root = mkdtempSync(join(tmpdir(), 'kvs-vscode-tests-'));
  const workspace = join(root, 'workspace');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(workspace, 'README.txt'), 'Workspace of the Key Vault Secrets extension-host tests.\n');
  const emulator = await startTestEmulator(join(repo, 'test', 'vscode', 'fixtures', 'seed.json'));
  try {
    const env = { KVS_EMULATOR_CONTROL: emulator.controlUrl };
    const none: TierResult = { passed: 0, failed: 0, failures: [] };
    const trusted = !runs.includes('trusted')
      ? none
      : await runInExtensionHost({
          repo,
          tools,
          root: join(root, 'trusted'),
          workspace,
          testsIndex: join(repo, 'out', 'test', 'vscode', 'index'),
          settings: emulator.settings,
          env,
          trusted: true,
          timeoutSec,
        });
    // The same server, a second VS Code whose workspace is NOT trusted (a small suite of its own).
    const untrusted = !runs.includes('untrusted')
      ? none
      : await runUntrustedSuite(emulator, root, (w, settings) =>
          runInExtensionHost({
            repo,
            tools,
            root: join(root, 'untrusted'),
            workspace: w,
            testsIndex: untrustedIndex,
            settings: { ...emulator.settings, ...settings },
            env,
            trusted: false,
            timeoutSec,
          }),
        );
    return {
      passed: trusted.passed + untrusted.passed,
      failed: trusted.failed + untrusted.failed,
      failures: [...trusted.failures, ...untrusted.failures],
    };
  } finally {
    await emulator.stop();
    if (!process.env.KVS_KEEP_TEST_DIRS) rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runVscodeTests().then(
    (r) => {
      const out = process.argv[2];
      if (out) writeFileSync(out, JSON.stringify(r));
      console.log(`${r.passed} passed, ${r.failed} failed`);
      process.exit(r.failed > 0 || r.passed === 0 ? 1 : 0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(2);
    },
  );
}

// Ctrl-C in a terminal reaches every process of the foreground group, and npm and tsx forward it once more
// a few milliseconds later: `npm run demo` and the local Key Vault server's command line must stop cleanly
// however many SIGINTs arrive, and leave nothing behind. Each process here runs in its own process group
// with its own TMPDIR; the test signals the group twice, 30 ms apart, as a terminal plus a runner do.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { freePort } from '../harness/codeServer';
import { ensureToolchain } from '../harness/toolchain';

const REPO = resolve(__dirname, '..', '..');
const DEMO_SCRIPT =
  (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.demo ??
  '';

interface Run {
  readonly child: ChildProcess;
  readonly tmp: string;
  output(): string;
  /** Resolves once the output contains `text`. */
  printed(text: string): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(command: string, args: readonly string[]): Run {
  const tmp = mkdtempSync(join(tmpdir(), 'kvs-shutdown-test-'));
  // Own process group (detached) so the test can signal the whole group, as a terminal does.
  const child = spawn(command, args, {
    cwd: REPO,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      TMPDIR: tmp,
      PATH: `${join(REPO, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`,
    },
  });
  let out = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  const onData = (d: Buffer): void => {
    out += d.toString();
    for (const w of waiters.filter((x) => out.includes(x.text))) w.resolve();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on('exit', (code, signal) => r({ code, signal })),
  );
  return {
    child,
    tmp,
    output: () => out,
    printed: (text) =>
      new Promise<void>((r, reject) => {
        if (out.includes(text)) return r();
        waiters.push({ text, resolve: r });
        void exited.then(() => reject(new Error(`exited before printing "${text}":\n${out}`)));
      }),
    exited,
  };
}

/** Two SIGINTs to the process group, 30 ms apart. */
async function doubleCtrlC(run: Run): Promise<void> {
  const pid = run.child.pid ?? 0;
  process.kill(-pid, 'SIGINT');
  await new Promise((r) => setTimeout(r, 30));
  try {
    process.kill(-pid, 'SIGINT');
  } catch {
    /* the group may already be gone */
  }
}

/** What is left in the process's TMPDIR, except tsx's compile cache (tsx-<uid>, kept between runs on purpose). */
function leftovers(run: Run): string[] {
  return readdirSync(run.tmp).filter((f) => !/^tsx-\d+$/.test(f));
}

/** Processes still running whose command line names the process's TMPDIR (code-server and its children would). */
function processesUsing(dir: string): string[] {
  if (!existsSync('/proc')) return [];
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(dir)) found.push(`${pid}: ${cmd.slice(0, 200)}`);
    } catch {
      /* exited meanwhile */
    }
  }
  return found;
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

/** The process exited by itself with code 0, and left no folder, process or listening server behind. */
async function assertNothingLeft(run: Run, urls: readonly string[]): Promise<void> {
  const { code, signal } = await run.exited;
  const problems: string[] = [];
  if (signal !== null || code !== 0) problems.push(`ended with ${signal ?? `exit code ${String(code)}`}`);
  for (const f of leftovers(run)) problems.push(`left behind: ${f}`);
  for (const p of processesUsing(run.tmp)) problems.push(`still running: ${p}`);
  for (const url of urls) if (await answers(url)) problems.push(`still answering: ${url}`);
  assert.deepEqual(problems, [], `output:\n${run.output()}`);
}

describe('shutdown on repeated Ctrl-C', () => {
  const runs: Run[] = [];
  before(function () {
    this.timeout(600_000); // installs Node 24 and code-server on a machine that has never run the demo
    ensureToolchain();
  });
  afterEach(() => {
    for (const run of runs.splice(0)) {
      if (run.child.exitCode === null && run.child.signalCode === null) {
        try {
          process.kill(-(run.child.pid ?? 0), 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      rmSync(run.tmp, { recursive: true, force: true });
    }
  });

  describe('npm run demo', () => {
    /** The demo without the extension (no build, no browser): the local Key Vault server and code-server
     *  are what its cleanup has to stop and remove. */
    async function startDemo(): Promise<{ run: Run; port: number }> {
      const port = await freePort();
      // The command `npm run demo` runs (npm itself ends by the signal, as it should; the demo must not).
      const [command = 'node', ...args] = DEMO_SCRIPT.split(' ');
      const run = start(command, [...args, '--no-extension', '--port', String(port)]);
      runs.push(run);
      return { run, port };
    }

    function serverUrls(out: string): string[] {
      return [...out.matchAll(/https:\/\/127\.0\.0\.1:\d+/g)].map((m) => m[0]);
    }

    it('stops code-server and the Key Vault server and removes every temporary folder when Ctrl-C arrives twice', async function () {
      this.timeout(60_000);
      const { run, port } = await startDemo();
      await run.printed('VS Code is ready');
      assert.equal(
        leftovers(run).length,
        2,
        `the demo's folder and the server's CA folder exist while it runs: ${leftovers(run).join(', ')}`,
      );
      assert.ok(await answers(`http://127.0.0.1:${port}/healthz`), 'code-server answers while the demo runs');
      await doubleCtrlC(run);
      await assertNothingLeft(run, [`http://127.0.0.1:${port}/healthz`, ...serverUrls(run.output())]);
      assert.match(run.output(), /temporary folders removed/);
    });

    it('stops cleanly when Ctrl-C arrives twice during startup', async function () {
      this.timeout(60_000);
      const { run, port } = await startDemo();
      // The Key Vault server is up and code-server is starting.
      await run.printed('local Key Vault server:');
      await doubleCtrlC(run);
      await assertNothingLeft(run, [`http://127.0.0.1:${port}/healthz`, ...serverUrls(run.output())]);
      assert.doesNotMatch(run.output(), /VS Code is ready/);
    });
  });

  describe('test/emulator/cli.ts', () => {
    it('stops and removes its CA folder and state file when Ctrl-C arrives twice', async function () {
      this.timeout(30_000);
      const stateDir = mkdtempSync(join(tmpdir(), 'kvs-shutdown-state-'));
      try {
        const stateFile = join(stateDir, 'state.json');
        const run = start(process.execPath, [
          '--import',
          'tsx',
          'test/emulator/cli.ts',
          '--seed',
          'demo',
          '--state-file',
          stateFile,
        ]);
        runs.push(run);
        await run.printed('"controlUrl"');
        const state = JSON.parse(readFileSync(stateFile, 'utf8')) as {
          caFile: string;
          armUrl: string;
          controlUrl: string;
        };
        assert.ok(existsSync(state.caFile));
        await doubleCtrlC(run);
        await assertNothingLeft(run, [state.armUrl, state.controlUrl]);
        assert.equal(existsSync(dirname(state.caFile)), false, 'the CA folder is removed');
        assert.equal(existsSync(stateFile), false, 'the state file is removed');
      } finally {
        rmSync(stateDir, { recursive: true, force: true });
      }
    });

    it('stops cleanly when Ctrl-C arrives twice while it is starting', async function () {
      this.timeout(30_000);
      const run = start(process.execPath, ['--import', 'tsx', 'test/emulator/cli.ts', '--seed', 'demo']);
      runs.push(run);
      // The moment the server creates its CA folder it is starting: signal then, before it reports its state.
      await new Promise<void>((r) => {
        const watcher = watch(run.tmp, (_event, name) => {
          if (typeof name === 'string' && name.startsWith('kv-emulator-')) {
            watcher.close();
            r();
          }
        });
      });
      await doubleCtrlC(run);
      await assertNothingLeft(run, []);
    });
  });
});

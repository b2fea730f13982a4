// `npm run test:stress`: runs test tiers several times while busy processes load every core, to find the tests
// that pass on an idle machine and fail on a busy one (CI's machines are shared). Slow, so CI does not run it;
// a test it finds failing is fixed (it must wait for a condition, never a time), not retried.
// usage: tsx test/harness/stress.ts [--tier e2e[,vscode]] [--runs 5] [--load 2]
//   --tier  the tiers to run (repeatable or comma-separated; default e2e)
//   --runs  how many times each tier runs (default 5)
//   --load  busy processes per core while the tiers run (default 1; 0 for none)
// It ends with `runs R, tests T, failures F` (T and F count test runs) and the name of every test that failed at
// least once; the exit code is 1 when any failed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TIERS, prepareTiers, runTier, unknownTiers, type Tier } from './tiers';

/** One busy process: spins on a core, and ends by itself once the stress run that started it is gone. */
const BUSY = `
const parent = process.ppid;
for (;;) {
  const until = Date.now() + 500;
  while (Date.now() < until) {}
  try { process.kill(parent, 0); } catch { process.exit(0); }
  if (process.ppid !== parent) process.exit(0);
}`;

function whole(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number >= ${min}, not "${text}"`);
  return n;
}

function startLoad(perCore: number): ChildProcess[] {
  const count = perCore * availableParallelism();
  return Array.from({ length: count }, () => spawn(process.execPath, ['-e', BUSY], { stdio: 'ignore' }));
}

function stopLoad(workers: readonly ChildProcess[]): void {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
}

function main(): number {
  const { values } = parseArgs({
    options: {
      tier: { type: 'string', multiple: true },
      runs: { type: 'string', default: '5' },
      load: { type: 'string', default: '1' },
    },
  });
  const tiers = [...new Set((values.tier ?? ['e2e']).flatMap((t) => t.split(',')).map((t) => t.trim()))];
  const bad = unknownTiers(tiers);
  if (bad.length > 0) {
    console.error(`unknown tier(s): ${bad.join(', ')}; tiers are ${TIERS.join(', ')}`);
    return 2;
  }
  const runs = whole('runs', values.runs, 1);
  const load = whole('load', values.load, 0);

  prepareTiers(tiers as Tier[]);
  const workers = startLoad(load);
  const stop = (): void => stopLoad(workers);
  process.on('exit', stop);
  console.log(
    `\n=== stress: ${tiers.join(', ')} × ${runs} runs, ${workers.length} busy processes on ${availableParallelism()} cores`,
  );
  const scratch = mkdtempSync(join(tmpdir(), 'kvs-stress-'));
  /** How many runs each failed test failed in. */
  const failedIn = new Map<string, number>();
  let tests = 0;
  let failures = 0;
  const started = Date.now();
  try {
    for (let i = 1; i <= runs; i++) {
      for (const tier of tiers as Tier[]) {
        console.log(`\n=== stress run ${i}/${runs}: ${tier}`);
        const t0 = Date.now();
        const t = runTier(tier, scratch);
        tests += t.passed + t.failed;
        failures += t.failed;
        for (const name of new Set(t.failures))
          failedIn.set(`[${tier}] ${name}`, (failedIn.get(`[${tier}] ${name}`) ?? 0) + 1);
        console.log(
          `=== stress run ${i}/${runs}: ${tier} ${t.passed} passed, ${t.failed} failed in ${((Date.now() - t0) / 1000).toFixed(0)}s`,
        );
      }
    }
  } finally {
    stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(`\n=== stress summary (${((Date.now() - started) / 1000).toFixed(0)}s)`);
  console.log(`runs ${runs}, tests ${tests}, failures ${failures}`);
  for (const [name, n] of [...failedIn].sort((a, b) => b[1] - a[1]))
    console.log(`  failed in ${n} of ${runs} runs: ${name}`);
  return failures > 0 ? 1 : 0;
}

process.exit(main());

// `npm test`: every tier in order, then one totals line `N passed, N failed`.
//   unit         plain mocha in Node
//   integration  mocha against the local Key Vault server over HTTPS
//   vscode       mocha inside the extension host of a real VS Code (code-server)
//   e2e          Playwright + Chromium driving the real VS Code UI with the packaged .vsix installed
// usage: tsx test/harness/runAll.ts [tier ...]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from './run';
import { ensureToolchain } from './toolchain';

const TIERS = ['unit', 'integration', 'vscode', 'e2e'] as const;
type Tier = (typeof TIERS)[number];
interface Totals {
  passed: number;
  failed: number;
  note?: string;
}

const repo = resolve(__dirname, '..', '..');
const tsx = join(repo, 'node_modules', '.bin', 'tsx');

function runTier(tier: Tier, scratch: string): Totals {
  const resultsFile = join(scratch, `${tier}.json`);
  const script = tier === 'vscode' ? 'runVscodeTests.ts' : 'runMocha.ts';
  const args =
    tier === 'vscode' ? [join(__dirname, script), resultsFile] : [join(__dirname, script), tier, resultsFile];
  const r = spawnSync(tsx, args, { cwd: repo, stdio: 'inherit', env: process.env });
  if (!existsSync(resultsFile)) {
    return { passed: 0, failed: 1, note: `the ${tier} tier could not start (exit ${r.status ?? r.signal ?? '?'})` };
  }
  const t = JSON.parse(readFileSync(resultsFile, 'utf8')) as Totals;
  if (t.passed + t.failed === 0) return { passed: 0, failed: 1, note: `the ${tier} tier ran no test` };
  if (r.status !== 0 && t.failed === 0)
    return { ...t, failed: 1, note: `the ${tier} tier exited with ${r.status ?? r.signal ?? '?'}` };
  return t;
}

function main(): number {
  const asked = process.argv.slice(2);
  const bad = asked.filter((t) => !(TIERS as readonly string[]).includes(t));
  if (bad.length > 0) {
    console.error(`unknown tier(s): ${bad.join(', ')}; tiers are ${TIERS.join(', ')}`);
    return 2;
  }
  const tiers = (asked.length > 0 ? asked : TIERS) as readonly Tier[];
  const started = Date.now();
  if (tiers.includes('vscode') || tiers.includes('e2e')) {
    ensureToolchain();
  }
  if (tiers.includes('e2e')) {
    console.log('\n=== building the .vsix for the browser tier');
    run('npm', ['run', '--silent', 'package'], repo);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'kvs-test-results-'));
  const summary: Array<[Tier, Totals, number]> = [];
  for (const tier of tiers) {
    console.log(`\n=== ${tier} tests`);
    const t0 = Date.now();
    summary.push([tier, runTier(tier, scratch), Date.now() - t0]);
  }
  rmSync(scratch, { recursive: true, force: true });
  console.log('\n=== summary');
  for (const [tier, t, ms] of summary) {
    console.log(
      `${tier.padEnd(12)} ${String(t.passed).padStart(4)} passed ${String(t.failed).padStart(3)} failed  ${(ms / 1000).toFixed(1)}s${t.note ? `  (${t.note})` : ''}`,
    );
  }
  const passed = summary.reduce((n, [, t]) => n + t.passed, 0);
  const failed = summary.reduce((n, [, t]) => n + t.failed, 0);
  console.log(`total time ${((Date.now() - started) / 1000).toFixed(0)}s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

process.exit(main());

// One run of a test tier as `npm test` runs it, shared by runAll.ts (every tier once) and stress.ts (one tier
// several times under load): each tier runs in a child process that writes its totals, and the names of the
// tests that failed, to a results file.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { run } from './run';
import { ensureToolchain } from './toolchain';

export const TIERS = ['unit', 'integration', 'vscode', 'e2e'] as const;
export type Tier = (typeof TIERS)[number];

export interface Totals {
  readonly passed: number;
  readonly failed: number;
  /** The full titles of the tests that failed (or why the tier could not run). */
  readonly failures: readonly string[];
  readonly note?: string;
}

export const REPO = resolve(__dirname, '..', '..');
const tsx = join(REPO, 'node_modules', '.bin', 'tsx');

/** The names given that are not tiers. */
export function unknownTiers(names: readonly string[]): string[] {
  return names.filter((t) => !(TIERS as readonly string[]).includes(t));
}

/** What the tiers need before their first run: the VS Code toolchain, and the packaged .vsix for the browser. */
export function prepareTiers(tiers: readonly Tier[]): void {
  if (tiers.includes('vscode') || tiers.includes('e2e')) ensureToolchain();
  if (tiers.includes('e2e')) {
    console.log('\n=== building the .vsix for the browser tier');
    run('npm', ['run', '--silent', 'package'], REPO);
  }
}

/** Runs one tier once (output inherited); its results file goes into `scratch`. */
export function runTier(tier: Tier, scratch: string): Totals {
  const resultsFile = join(scratch, `${tier}.json`);
  const script = tier === 'vscode' ? 'runVscodeTests.ts' : 'runMocha.ts';
  const args =
    tier === 'vscode' ? [join(__dirname, script), resultsFile] : [join(__dirname, script), tier, resultsFile];
  const r = spawnSync(tsx, args, { cwd: REPO, stdio: 'inherit', env: process.env });
  const exit = String(r.status ?? r.signal ?? '?');
  if (!existsSync(resultsFile)) {
    const note = `the ${tier} tier could not start (exit ${exit})`;
    return { passed: 0, failed: 1, failures: [note], note };
  }
  const t = JSON.parse(readFileSync(resultsFile, 'utf8')) as Partial<Totals>;
  const passed = t.passed ?? 0;
  const failed = t.failed ?? 0;
  const failures = t.failures ?? [];
  if (passed + failed === 0) {
    const note = `the ${tier} tier ran no test`;
    return { passed: 0, failed: 1, failures: [note], note };
  }
  if (r.status !== 0 && failed === 0) {
    const note = `the ${tier} tier exited with ${exit}`;
    return { passed, failed: 1, failures: [note], note };
  }
  return { passed, failed, failures };
}

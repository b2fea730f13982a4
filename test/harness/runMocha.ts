// Runs one Node-side test tier (unit, integration, e2e) with mocha and writes its totals to a file.
// usage: tsx test/harness/runMocha.ts <tier> <resultsFile>
import { readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

const TIMEOUTS: Record<string, number> = { unit: 5_000, integration: 30_000, e2e: 180_000 };

function testFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => join(dir, f));
}

const [tier, resultsFile] = process.argv.slice(2);
if (!tier || !resultsFile || !(tier in TIMEOUTS)) {
  console.error('usage: runMocha.ts <unit|integration|e2e> <resultsFile>');
  process.exit(2);
}
const mocha = new Mocha({ ui: 'bdd', timeout: TIMEOUTS[tier], reporter: 'spec', color: process.stdout.isTTY });
if (process.env.KVS_TEST_GREP) mocha.grep(process.env.KVS_TEST_GREP);
const files = testFiles(join('test', tier));
for (const f of files) mocha.addFile(f);
let passed = 0;
/** The full titles of the tests that failed (a hook's failure is named after the hook). */
const failures: string[] = [];
const runner = mocha.run((failed) => {
  writeFileSync(resultsFile, JSON.stringify({ passed, failed, failures, files: files.length }));
  // Servers a suite forgot to stop must not keep the tier alive.
  setTimeout(() => process.exit(failed > 0 ? 1 : 0), 100).unref();
  process.exitCode = failed > 0 ? 1 : 0;
});
runner.on('pass', () => {
  passed++;
});
runner.on('fail', (test) => {
  failures.push(test.fullTitle());
});

// Runs the extension-host suite (same contract as @vscode/test-electron's extensionTestsPath):
// every bundled *.test.js beside this file, with mocha, inside the real VS Code extension host.
// Totals go to the file named by KVS_TEST_RESULTS so the outer runner can add them up.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface TestResult {
  readonly title: string;
  readonly state: 'passed' | 'failed';
  readonly error?: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.KVS_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs
    .readdirSync(__dirname)
    .filter((n) => n.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(__dirname, f));
  }
  const resultsFile = process.env.KVS_TEST_RESULTS;
  const results: TestResult[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const passed = results.filter((r) => r.state === 'passed').length;
      if (resultsFile)
        fs.writeFileSync(resultsFile, JSON.stringify({ passed, failed: failures, tests: results }, null, 2));
      if (failures > 0) reject(new Error(`${failures} extension-host tests failed`));
      else resolve();
    });
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed' }));
    runner.on('fail', (t, err: unknown) =>
      results.push({
        title: t.fullTitle(),
        state: 'failed',
        error: err instanceof Error ? err.message : String(err),
      }),
    );
  });
}

// Runs the extension-host suite (same contract as @vscode/test-electron's extensionTestsPath):
// every bundled *.test.js beside this file, with mocha, inside the real VS Code extension host.
// Totals go to the file named by KVS_TEST_RESULTS so the outer runner can add them up.
// Started by VS Code itself (the "Extension Tests" launch configuration), KVS_TEST_HOST_FILE names the file of
// test/harness/extensionTestsServer.ts: its settings go into the user settings and its control URL to the tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { ExtensionTestsHost } from '../harness/extensionTestsServer';

interface TestResult {
  readonly title: string;
  readonly state: 'passed' | 'failed';
  readonly error?: string;
}

/** What the harness gives through code-server's settings and environment, taken from the server's file. */
async function applyHostFile(file: string): Promise<void> {
  const host = JSON.parse(fs.readFileSync(file, 'utf8')) as ExtensionTestsHost;
  process.env.KVS_EMULATOR_CONTROL = host.controlUrl;
  const config = vscode.workspace.getConfiguration();
  for (const [key, value] of Object.entries(host.settings))
    await config.update(key, value, vscode.ConfigurationTarget.Global);
}

export async function run(): Promise<void> {
  const hostFile = process.env.KVS_TEST_HOST_FILE;
  if (hostFile) await applyHostFile(hostFile);
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

// The extension-host suite in a desktop VS Code through @vscode/test-electron, for developers who
// have one (it downloads VS Code, which this project's CI machines cannot). Same suite as
// `npm run test:vscode`, same local Key Vault server and settings.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startTestEmulator } from './emulatorForTests';
import { run } from './run';

async function main(): Promise<number> {
  const repo = resolve(__dirname, '..', '..');
  run('node', ['esbuild.mjs', '--tests'], repo);
  const root = mkdtempSync(join(tmpdir(), 'kvs-electron-'));
  const userData = join(root, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  const emulator = await startTestEmulator(join(repo, 'test', 'vscode', 'fixtures', 'seed.json'));
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', ...emulator.settings }),
  );
  const resultsFile = join(root, 'results.json');
  try {
    await runTests({
      extensionDevelopmentPath: repo,
      extensionTestsPath: join(repo, 'out', 'test', 'vscode', 'index'),
      launchArgs: [root, '--user-data-dir', userData, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: {
        KVS_TEST_API: '1',
        KVS_TEST_RESULTS: resultsFile,
        KVS_EMULATOR_CONTROL: emulator.controlUrl,
      },
    });
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
  } finally {
    await emulator.stop();
  }
  const r = JSON.parse(readFileSync(resultsFile, 'utf8')) as { passed: number; failed: number };
  console.log(`${r.passed} passed, ${r.failed} failed`);
  return r.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(2);
  },
);

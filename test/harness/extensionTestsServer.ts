// The local Key Vault server for the "Extension Tests" launch configuration (.vscode/launch.json, F5): the same
// seed and settings as `npm run test:vscode`, for an extension host that VS Code itself starts.
//   node --import tsx test/harness/extensionTestsServer.ts
// Writes .vscode-test/extension-tests/host.json ({ controlUrl, settings }); test/vscode/index.ts reads it when
// KVS_TEST_HOST_FILE names it, puts the settings into the (temporary) profile's user settings and points the
// tests at the control API. Runs until SIGINT/SIGTERM (the launch's postDebugTask ends it), then removes the file.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listenForStopSignals } from '../emulator/stopSignals';
import { startTestEmulator } from './emulatorForTests';

/** What test/vscode/index.ts reads from KVS_TEST_HOST_FILE. */
export interface ExtensionTestsHost {
  readonly controlUrl: string;
  readonly settings: Record<string, unknown>;
}

async function main(): Promise<void> {
  const stop = listenForStopSignals();
  console.log('[kv-test-server] starting');
  const repo = resolve(__dirname, '..', '..');
  const dir = join(repo, '.vscode-test', 'extension-tests');
  const workspace = join(dir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(workspace, 'README.txt'), 'Workspace of the Key Vault Secrets extension-host tests.\n');
  const emulator = await startTestEmulator(join(repo, 'test', 'vscode', 'fixtures', 'seed.json'));
  const hostFile = join(dir, 'host.json');
  const host: ExtensionTestsHost = { controlUrl: emulator.controlUrl, settings: emulator.settings };
  writeFileSync(hostFile, JSON.stringify(host, null, 2));
  console.log(`[kv-test-server] ready: ${emulator.controlUrl} (${hostFile})`);
  await stop.requested;
  rmSync(hostFile, { force: true });
  await emulator.stop();
}

// The failure line names this script as FILE:LINE, so the task's problem matcher can show it in Problems.
main().catch((e: unknown) => {
  console.log(
    `[kv-test-server] failed: test/harness/extensionTestsServer.ts:1: ${e instanceof Error ? e.message : String(e)}`,
  );
  process.exit(1);
});

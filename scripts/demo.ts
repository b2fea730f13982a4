// `npm run demo`: the extension in a real VS Code (code-server, opened in your browser) against the
// local Key Vault server with the demo seed. No Azure account needed: the tree discovers the seeded
// vaults through the server's Resource Manager calls (grouped by subscription, as when signed in to
// Azure), and one of them is also added by URL as a local emulator.
//   npm run demo                       build, start everything, print the URL; Ctrl-C stops it all
//   npm run demo -- --port 8090        code-server's port (default 8090)
//   npm run demo -- --check            headless: load the page, assert the seeded vaults show in the
//                                      tree, save test-artifacts/screenshots/demo.png, stop, exit 0/1
//   npm run demo -- --async-window-ms 2000   how long deletes/recovers take to settle, as on Azure
//   npm run demo -- --no-extension     VS Code without the extension (no build): what the shutdown test needs
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../test/harness/browser';
import { startCodeServer, type CodeServer } from '../test/harness/codeServer';
import { listenForStopSignals } from '../test/emulator/stopSignals';
import { startTestEmulator, type TestEmulator } from '../test/harness/emulatorForTests';
import { run } from '../test/harness/run';
import { ensureToolchain } from '../test/harness/toolchain';

const REPO = resolve(__dirname, '..');
const VSIX = join(REPO, 'dist', 'keyvault-secrets.vsix');
const SCREENSHOT = join(REPO, 'test-artifacts', 'screenshots', 'demo.png');
/** The subscriptions of the demo seed (test/emulator/seed.ts). */
const DEMO_SUBSCRIPTIONS = ['Visual Studio Enterprise', 'Production'];

function say(msg: string): void {
  console.log(`[demo] ${msg}`);
}

async function check(
  url: string,
  subscriptions: readonly string[],
  vaultNames: readonly string[],
  stopped: Promise<unknown>,
): Promise<boolean> {
  const browser = await launchBrowser();
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= browser.close());
  // Ctrl-C during the check closes the browser, which ends the step under way at once.
  void stopped.then(close);
  const page = browser.page;
  page.setDefaultTimeout(60_000);
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor();
    await page.locator('.part.activitybar [aria-label^="Key Vault"]').first().click();
    const rows = page.locator('.part.sidebar .monaco-list-row[role="treeitem"]');
    await rows.first().waitFor();
    // Subscriptions (discovered through the local Resource Manager) and the Added vaults group.
    for (const group of [...subscriptions, 'Added vaults']) {
      const row = rows.filter({ hasText: group }).first();
      await row.waitFor();
      if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
      say(`tree shows "${group}"`);
    }
    for (const name of vaultNames) {
      await rows.filter({ hasText: name }).first().waitFor();
      say(`tree shows vault "${name}"`);
    }
    // Open the first vault so the screenshot shows secrets too.
    const first = vaultNames[0];
    if (first !== undefined) {
      await rows.filter({ hasText: first }).first().click();
      await rows.filter({ hasText: 'Deleted secrets' }).first().waitFor();
      say(`vault "${first}" expands to its secrets and deleted secrets`);
    }
    mkdirSync(join(REPO, 'test-artifacts', 'screenshots'), { recursive: true });
    await page.waitForTimeout(500);
    await page.screenshot({ path: SCREENSHOT });
    say(`screenshot: ${SCREENSHOT}`);
    return true;
  } catch (e) {
    if (closing !== undefined) return false; // stopped by a signal: not a failure of the check
    console.error(`[demo] check failed: ${e instanceof Error ? e.message : String(e)}`);
    await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-failure.png') }).catch(() => undefined);
    return false;
  } finally {
    await close();
  }
}

async function main(): Promise<number> {
  // Listening from the first line: a signal during startup stops it at its next step, and repeated signals
  // (npm and tsx forward Ctrl-C again) cannot end the process half-way through the cleanup.
  const stop = listenForStopSignals((signal) =>
    say(`${signal}: stopping (further signals are ignored until the temporary folders are removed)`),
  );
  // A closed terminal (SIGHUP) makes writes to it fail; that must not end the cleanup either.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8090' },
      check: { type: 'boolean', default: false },
      'async-window-ms': { type: 'string', default: '1500' },
      'no-build': { type: 'boolean', default: false },
      'no-extension': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new Error(`--port must be a port number, not ${values.port}`);
  const withExtension = !values['no-extension'];
  say('checking the toolchain (Node 24, code-server, Chromium; installed on first use)');
  const tools = ensureToolchain();
  if (withExtension && !values['no-build'] && stop.received() === undefined) {
    say('building and packaging the extension');
    run('npm', ['run', '--silent', 'package'], REPO);
  }
  if (stop.received() !== undefined) return 0;
  const root = mkdtempSync(join(tmpdir(), 'kvs-demo-'));
  const workspace = join(root, 'workspace');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(
    join(workspace, 'README.md'),
    '# Key Vault Secrets demo\n\nOpen the Key Vault view in the Activity Bar.\n',
  );
  (await import('node:fs')).cpSync(join(REPO, 'scripts', 'demo-workspace'), workspace, { recursive: true }); // Key Vault references to the demo vaults (issue 12)
  let emulator: TestEmulator | undefined;
  let server: CodeServer | undefined;
  try {
    // A step that is under way when a signal arrives finishes (so that what it started can be stopped);
    // the steps after it are skipped.
    emulator = await startTestEmulator('demo', Number(values['async-window-ms']));
    if (stop.received() !== undefined) return 0;
    const vaultNames = Object.keys(emulator.emulator.vaults);
    say(
      `local Key Vault server: ${vaultNames.map((n) => `${n} ${emulator?.emulator.vaults[n]?.url ?? ''}`).join(', ')}`,
    );
    // Discovery goes to the local server's Resource Manager (its vaults grouped by subscription, as with
    // a signed-in Azure account), and one vault is added by URL, as a user would for a local emulator.
    const state = emulator.emulator;
    const added = Object.entries(state.vaults)
      .slice(0, 1)
      .map(([, v]) => ({ url: v.url, name: 'local-dev', emulator: true, caFile: state.caFile }));
    const codeServerTmp = join(root, 'tmp');
    mkdirSync(codeServerTmp);
    server = await startCodeServer({
      tools,
      root: join(root, 'code-server'),
      port,
      vsix: withExtension ? VSIX : undefined,
      // code-server's sockets and temporary files (the extension host's, the git extension's) go into the demo's
      // folder, so they are removed with it instead of piling up in the system's temporary folder.
      env: { TMPDIR: codeServerTmp },
      settings: {
        'keyVaultSecrets.testing.armEndpoint': state.armUrl,
        'keyVaultSecrets.testing.armCaFile': state.caFile,
        'keyVaultSecrets.vaults': added,
      },
    });
    if (stop.received() !== undefined) return 0;
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
    if (values.check) {
      const ok = await check(url, DEMO_SUBSCRIPTIONS, [...vaultNames, 'local-dev'], stop.requested);
      if (stop.received() !== undefined) return 0;
      say(ok ? 'check passed' : 'check FAILED');
      return ok ? 0 : 1;
    }
    say(`VS Code is ready: open ${url}`);
    say('press Ctrl-C to stop the demo');
    await stop.requested;
    return 0;
  } catch (e) {
    // A stop during startup can end what was starting (code-server forked as the signal arrived, before it had a
    // process group of its own): that is the stop the user asked for, not a failure.
    if (stop.received() !== undefined) return 0;
    throw e;
  } finally {
    await cleanUp(server, emulator, root);
  }
}

/** Stops code-server and the Key Vault server and removes the temporary folders (code-server's user data
 *  and logs under `root`; the server removes its CA folder). Each step runs even when an earlier one fails. */
async function cleanUp(
  server: CodeServer | undefined,
  emulator: TestEmulator | undefined,
  root: string,
): Promise<void> {
  const steps: Array<[string, () => Promise<void> | void]> = [
    ['stop code-server', () => server?.stop()],
    ['stop the local Key Vault server', () => emulator?.stop()],
    // Asynchronous, so the process keeps answering signals (and its runner) while it removes the files.
    [`remove ${root}`, () => rm(root, { recursive: true, force: true, maxRetries: 3 })],
  ];
  for (const [what, step] of steps) {
    try {
      await step();
    } catch (e) {
      console.error(`[demo] could not ${what}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  say('stopped; temporary folders removed');
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`[demo] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);

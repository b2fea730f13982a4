// Builds for the benchmark, all in a temporary copy of the package so the repository's own dist/
// (which tests running alongside may be using) is never cleaned or rebuilt:
// - the production bundle and webviews (`node esbuild.mjs --production`, exactly as packaging does),
// - the .vsix (package.json's `package` script through npm, which runs vscode:prepublish again),
// - an instrumented production build (esbuild.mjs --mark-evaluated) that records which bundled node_modules
//   files run,
// - the activation probe and the host driver, each as one CommonJS file for plain `node`.

import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const run = promisify(execFile);

/** What a package build needs; everything else of the repository stays out of the copy. */
const PACKAGE_INPUTS = [
  'package.json',
  'package-lock.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  '.vscodeignore',
  'esbuild.mjs',
  'scripts/thirdPartyNotices.mjs',
  'tsconfig.json',
  'src',
  'media',
];

export interface PackageCopy {
  readonly dir: string;
  remove(): void;
}

export function copyPackage(repo: string): PackageCopy {
  const dir = mkdtempSync(join(tmpdir(), 'kv-bench-'));
  for (const entry of PACKAGE_INPUTS) {
    if (existsSync(join(repo, entry))) cpSync(join(repo, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function productionBuild(dir: string): Promise<number> {
  const t0 = performance.now();
  await run(process.execPath, ['esbuild.mjs', '--production'], { cwd: dir });
  return performance.now() - t0;
}

/**
 * The .vsix as `npm run package` makes it: the command is package.json's own `package` script, run by npm
 * in `dir`, so the benchmark cannot drift from it. Returns the .vsix path (the script's `-o`/`--out`, else
 * vsce's default name) and how long packaging took (it includes vscode:prepublish, a production build).
 */
export async function packageVsix(dir: string): Promise<{ file: string; ms: number; command: string }> {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name?: string;
    version?: string;
    scripts?: Record<string, string>;
  };
  const command = manifest.scripts?.package;
  if (command === undefined) throw new Error('package.json has no "package" script');
  const args = command.split(/\s+/);
  const at = args.findIndex((a) => a === '-o' || a === '--out');
  const out = at >= 0 ? args[at + 1] : `${manifest.name ?? 'extension'}-${manifest.version ?? '0.0.0'}.vsix`;
  if (out === undefined || out === '')
    throw new Error(`the package script names no output file after ${args[at] ?? '-o'}: ${command}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const t0 = performance.now();
  await run(npm, ['run', '--silent', 'package'], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
    shell: process.platform === 'win32',
  });
  return { file: join(dir, out), ms: performance.now() - t0, command };
}

/**
 * The largest .vsix the Marketplace gets (1 MiB): the bench and the unit test of the package fail above it. The
 * README's screenshots stay out of it (see .vscodeignore); what remains is the bundles, icons and walkthrough.
 */
export const VSIX_MAX_BYTES = 1024 * 1024;

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly localHeader: number;
}

/** The file names inside a zip (a .vsix), read from its central directory. */
export function zipEntries(file: string): string[] {
  return centralDirectory(readFileSync(file), file).map((e) => e.name);
}

/** The text of one file inside a zip (a .vsix): stored or deflated, as vsce writes them. */
export function zipEntryText(file: string, name: string): string {
  const zip = readFileSync(file);
  const entry = centralDirectory(zip, file).find((e) => e.name === name);
  if (entry === undefined) throw new Error(`${file} has no ${name}`);
  if (zip.readUInt32LE(entry.localHeader) !== 0x04034b50) throw new Error(`${file}: bad local header of ${name}`);
  const start =
    entry.localHeader + 30 + zip.readUInt16LE(entry.localHeader + 26) + zip.readUInt16LE(entry.localHeader + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data.toString('utf8');
  if (entry.method === 8) return inflateRawSync(data).toString('utf8');
  throw new Error(`${file}: ${name} uses compression method ${entry.method}`);
}

function centralDirectory(zip: Buffer, file: string): ZipEntry[] {
  // The end-of-central-directory record: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error(`${file} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      localHeader: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The production build with esbuild.mjs's `--mark-evaluated` (the same build options as the .vsix, so they
 * cannot drift): every bundled node_modules file records its path when it is evaluated. Writes to `outdir`
 * (extension.js there) and returns the bundled node_modules files.
 */
export async function instrumentedBundle(dir: string, outdir: string): Promise<readonly string[]> {
  await run(process.execPath, ['esbuild.mjs', '--production', '--mark-evaluated', '--outdir', outdir], { cwd: dir });
  return JSON.parse(readFileSync(join(outdir, 'marked-files.json'), 'utf8')) as string[];
}

/** One of the benchmark's child-process scripts (scripts/bench/<name>.ts) as one CommonJS file for plain `node`. */
export async function buildProbe(
  repo: string,
  outfile: string,
  name: 'activationProbe' | 'hostDriver' = 'activationProbe',
): Promise<void> {
  await esbuild.build({
    entryPoints: [join(repo, 'scripts', 'bench', `${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
}

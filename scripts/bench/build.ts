// Builds for the benchmark, all in a temporary copy of the package so the repository's own dist/
// (which tests running alongside may be using) is never cleaned or rebuilt:
// - the production bundle and webviews (`node esbuild.mjs --production`, exactly as packaging does),
// - the .vsix (`vsce package`, which runs vscode:prepublish again),
// - an instrumented copy of the production bundle that records which bundled node_modules files run,
// - the activation probe as one CommonJS file for plain `node`.

import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';

const run = promisify(execFile);

/** What a package build needs; everything else of the repository stays out of the copy. */
const PACKAGE_INPUTS = ['package.json', 'package-lock.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'esbuild.mjs', 'tsconfig.json', 'src', 'media'];

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

/** `vsce package` into `dir`; returns the .vsix path and how long packaging took. */
export async function packageVsix(dir: string): Promise<{ file: string; ms: number }> {
  const file = join(dir, 'bench.vsix');
  const vsce = join(dir, 'node_modules', '@vscode', 'vsce', 'vsce');
  const t0 = performance.now();
  await run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '-o', file], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
  return { file, ms: performance.now() - t0 };
}

/** The global the instrumented bundle's markers write to (read by activationProbe.ts). */
const EVALUATED_KEY = '__kvBenchEvaluated';

/**
 * The production build of src/extension.ts (the options of esbuild.mjs) with one line appended to every
 * bundled node_modules JavaScript file, recording its path when it is evaluated. Returns the bundled files.
 */
export async function instrumentedBundle(dir: string, outfile: string): Promise<readonly string[]> {
  const bundled = new Set<string>();
  const marker: esbuild.Plugin = {
    name: 'kv-bench-evaluation-marker',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, (args) => {
        const path = args.path.replace(/\\/g, '/');
        const rel = path.slice(path.lastIndexOf('/node_modules/') + '/node_modules/'.length);
        bundled.add(rel);
        const text = readFileSync(args.path, 'utf8');
        return { contents: `${text}\n;(globalThis.${EVALUATED_KEY} ??= new Set()).add(${JSON.stringify(rel)});\n`, loader: 'js' };
      });
    },
  };
  await esbuild.build({
    absWorkingDir: dir,
    entryPoints: [join(dir, 'src', 'extension.ts')],
    outfile,
    bundle: true,
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'error',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    mainFields: ['module', 'main'],
    plugins: [marker],
  });
  return [...bundled].sort();
}

export async function buildProbe(repo: string, outfile: string): Promise<void> {
  await esbuild.build({
    entryPoints: [join(repo, 'scripts', 'bench', 'activationProbe.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
}

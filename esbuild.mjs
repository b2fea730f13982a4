// Bundles the extension (Node, CommonJS, `vscode` external) and the webview front end (browser).
//   node esbuild.mjs                 development build (source maps)
//   node esbuild.mjs --production    minified, no source maps (what the .vsix ships)
//   node esbuild.mjs --watch         rebuild on change
//   node esbuild.mjs --tests         also bundle the extension-host test suite into out/test/vscode
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // Azure packages are loaded lazily through dynamic import(); keep them in their own chunks' code
    // path by leaving them in the bundle but behind the import() boundary.
    mainFields: ['module', 'main'],
  },
];

const webviewEntries = existsSync('media')
  ? readdirSync('media').filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  : [];
if (webviewEntries.length > 0) {
  builds.push({
    ...common,
    entryPoints: Object.fromEntries(webviewEntries.map((f) => [`webview/${f.replace(/\.ts$/, '')}`, join('media', f)])),
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  });
}

if (tests) {
  const testEntries = existsSync('test/vscode')
    ? readdirSync('test/vscode').filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => join('test/vscode', f))
    : [];
  builds.push({
    ...common,
    minify: false,
    sourcemap: 'inline',
    entryPoints: testEntries,
    outdir: 'out/test/vscode',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  });
}

// A production build starts from an empty dist/ so no stale development files (maps) can ship.
if (production) rmSync('dist', { recursive: true, force: true });

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching for changes…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}

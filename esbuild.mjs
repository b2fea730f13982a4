// Bundles the extension (Node, CommonJS, `vscode` external) and the webview front end (browser).
//   node esbuild.mjs                 development build (source maps)
//   node esbuild.mjs --production    minified, no source maps (what the .vsix ships)
//   node esbuild.mjs --watch         rebuild on change
//   node esbuild.mjs --tests         also bundle the extension-host test suite into out/test/vscode
//   node esbuild.mjs --outdir DIR    write the bundles to DIR instead of dist/ (the benchmark)
//   node esbuild.mjs --mark-evaluated  the benchmark's instrumented build: every bundled node_modules file
//                                    records its path in globalThis.__kvBenchEvaluated when it runs; the
//                                    files instrumented are listed in DIR/marked-files.json
//   node esbuild.mjs --metafile FILE  also writes esbuild's metafile of the extension's ES modules to FILE (a
//                                    unit test checks with it that each source module is in one file only)
//
// The extension, in one .vsix:
//   extension.js        package.json's "main", CommonJS: only src/main.ts, which imports lazy/extension.mjs;
//   lazy/extension.mjs  the activation entry (src/extension.ts and what it imports statically: stand-ins for the
//                       commands, views and documents);
//   lazy/chunk-*.mjs    everything src/ imports with a dynamic `import()`: the core (src/core.ts: vault layer,
//                       tree, commands, panels, documents, references), the test API, the Azure SDK, and what
//                       they share. One ES-module build with code splitting, so every module is in exactly one
//                       file and evaluated once (one log, one translator, one vault service), on first use.
// In these modules `vscode` and Node's built-ins are loaded with a real `require` (createRequire), as VS Code's
// extension host provides `vscode` to require() only.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
const markEvaluated = process.argv.includes('--mark-evaluated');
const outdirAt = process.argv.indexOf('--outdir');
const outdir = outdirAt >= 0 ? process.argv[outdirAt + 1] : 'dist';
if (outdir === undefined || outdir.startsWith('--')) throw new Error('--outdir needs a directory');

const metafileAt = process.argv.indexOf('--metafile');
const metafile = metafileAt >= 0 ? process.argv[metafileAt + 1] : undefined;
if (metafileAt >= 0 && (metafile === undefined || metafile.startsWith('--')))
  throw new Error('--metafile needs a file');

/** Where the extension's ES modules go, next to extension.js (the .vsix ships dist/lazy/*.mjs). */
const LAZY_DIR = 'lazy';

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

/** @type {import('esbuild').BuildOptions} */
const node = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  mainFields: ['module', 'main'],
};

/** In extension.js: src/main.ts's `import('./extension.js')` stays a native import() of the activation entry. */
/** @type {import('esbuild').Plugin} */
const activationEntry = {
  name: 'kv-activation-entry',
  setup(build) {
    build.onResolve({ filter: /^\.\/extension(\.js)?$/ }, () => ({
      path: `./${LAZY_DIR}/extension.mjs`,
      external: true,
    }));
  },
};

/** In the ES modules: `vscode` is what require('vscode') gives (the extension host provides it to require only). */
/** @type {import('esbuild').Plugin} */
const vscodeByRequire = {
  name: 'kv-vscode-by-require',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'kv-vscode' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'kv-vscode' },
    );
    build.onLoad({ filter: /.*/, namespace: 'kv-vscode' }, () => ({
      contents: "module.exports = require('vscode');",
      loader: 'js',
    }));
  },
};

/**
 * In the ES modules: Node's built-in modules load when first used, not at require time (node:crypto alone takes
 * several ms to load in a fresh process). Each `node:*` import becomes a module of getters, one per export of
 * the built-in (listed here, at build time), that require it on the first read; the bundle reads named imports
 * of such a module at the call site, so `import { randomBytes } from 'node:crypto'` loads crypto on the first
 * randomBytes() call.
 */
/** @type {import('esbuild').Plugin} */
const lazyBuiltins = {
  name: 'kv-lazy-builtins',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) =>
      args.namespace === 'kv-lazy-builtin'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'kv-lazy-builtin' },
    );
    build.onLoad({ filter: /.*/, namespace: 'kv-lazy-builtin' }, (args) => {
      const names = Object.keys(nodeRequire(args.path)).filter((k) => k !== 'default' && k !== '__esModule');
      return {
        contents: [
          'let loaded;',
          `const load = () => (loaded ??= require(${JSON.stringify(args.path)}));`,
          "Object.defineProperty(exports, '__esModule', { value: true });",
          "Object.defineProperty(exports, 'default', { enumerable: true, get: () => load() });",
          `for (const name of ${JSON.stringify(names)}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });`,
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};
const nodeRequire = createRequire(import.meta.url);

/** The benchmark's marker: each bundled node_modules file records its path when evaluated. */
const markedFiles = new Set();
/** @type {import('esbuild').Plugin} */
const evaluationMarker = {
  name: 'kv-bench-evaluation-marker',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, (args) => {
      const path = args.path.replace(/\\/g, '/');
      const rel = path.slice(path.lastIndexOf('/node_modules/') + '/node_modules/'.length);
      markedFiles.add(rel);
      const text = readFileSync(args.path, 'utf8');
      return {
        contents: `${text}\n;(globalThis.__kvBenchEvaluated ??= new Set()).add(${JSON.stringify(rel)});\n`,
        loader: 'js',
      };
    });
  },
};
const markers = markEvaluated ? [evaluationMarker] : [];

/** @type {import('esbuild').BuildOptions} */
const mainBuild = {
  ...node,
  entryPoints: { extension: 'src/main.ts' },
  outdir,
  plugins: [activationEntry],
};

/**
 * The activation entry and everything it imports, statically or not: ES modules with code splitting, so each
 * dynamic import() is its own chunk, loaded and evaluated on first use, and what chunks share is bundled once.
 * Bundled CommonJS code inside them gets a real `require` (for `vscode` and Node's built-in modules).
 */
/** @type {import('esbuild').BuildOptions} */
const esmBuild = {
  ...node,
  format: 'esm',
  splitting: true,
  external: [],
  entryPoints: { extension: 'src/extension.ts' },
  outdir: join(outdir, LAZY_DIR),
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  banner: {
    js: "import { createRequire as __kvCreateRequire } from 'node:module'; const require = __kvCreateRequire(import.meta.url);",
  },
  metafile: metafile !== undefined,
  plugins: [vscodeByRequire, lazyBuiltins, ...markers],
};

/** @type {import('esbuild').BuildOptions[]} */
const others = [];
const webviewEntries = existsSync('media')
  ? readdirSync('media').filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  : [];
if (webviewEntries.length > 0) {
  others.push({
    ...common,
    entryPoints: Object.fromEntries(webviewEntries.map((f) => [`webview/${f.replace(/\.ts$/, '')}`, join('media', f)])),
    outdir,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  });
}

if (tests) {
  const testEntries = existsSync('test/vscode')
    ? readdirSync('test/vscode')
        .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
        .map((f) => join('test/vscode', f))
    : [];
  others.push({
    ...node,
    minify: false,
    sourcemap: 'inline',
    entryPoints: testEntries,
    outdir: 'out/test/vscode',
    external: ['vscode', 'mocha'],
  });
}

// A production build starts from an empty output directory so no stale development files (maps) can ship.
if (production) rmSync(outdir, { recursive: true, force: true });

/**
 * Watch mode's report, one line per round of rebuilds across all the builds, for an editor's background task
 * (.vscode/tasks.json's problem matcher): `[watch] build started`, one `[watch] error: FILE:LINE:COLUMN: TEXT`
 * per error, then `[watch] build finished` once every build of the round has ended, so a debug launch waits for
 * the whole of dist/.
 */
let building = 0;
/** @type {import('esbuild').Plugin} */
const watchReport = {
  name: 'kv-watch-report',
  setup(build) {
    build.onStart(() => {
      if (building++ === 0) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const e of result.errors) {
        const at = e.location ? `${e.location.file}:${e.location.line}:${e.location.column + 1}: ` : '';
        console.log(`[watch] error: ${at}${e.text}`);
      }
      if (--building === 0) console.log('[watch] build finished');
    });
  },
};

if (watch) {
  const builds = [mainBuild, esmBuild, ...others].map((b) => ({ ...b, plugins: [...(b.plugins ?? []), watchReport] }));
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching for changes…');
} else {
  const [, esm] = await Promise.all([mainBuild, esmBuild, ...others].map((b) => esbuild.build(b)));
  if (metafile !== undefined) writeFileSync(metafile, JSON.stringify(esm.metafile));
  if (markEvaluated) {
    mkdirSync(outdir, { recursive: true });
    writeFileSync(join(outdir, 'marked-files.json'), `${JSON.stringify([...markedFiles].sort(), null, 2)}\n`);
  }
}

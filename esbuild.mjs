// Bundles the extension (Node, CommonJS, `vscode` external) and the webview front end (browser).
//   node esbuild.mjs                 development build (source maps)
//   node esbuild.mjs --production    minified, no source maps (what the .vsix ships)
//   node esbuild.mjs --watch         rebuild on change
//   node esbuild.mjs --tests         also bundle the extension-host test suite into out/test/vscode
//   node esbuild.mjs --outdir DIR    write the bundles to DIR instead of dist/ (the benchmark)
//   node esbuild.mjs --mark-evaluated  the benchmark's instrumented build: every bundled node_modules file
//                                    records its path in globalThis.__kvBenchEvaluated when it runs; the
//                                    files instrumented are listed in DIR/marked-files.json
//
// The extension is two bundles in one .vsix:
//   extension.js  the activation entry (src/extension.ts and what it imports statically), CommonJS;
//   lazy/*.mjs    every package src/ imports with a dynamic `import()` (the Azure SDK), as ES modules with
//                 shared chunks, loaded on first use.
// A dynamic `import('@azure/…')` in src/ stays a native `import('./lazy/azure-….mjs')`, so activation neither
// parses nor runs the Azure SDK, and each package is evaluated only when it is first needed.
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

/** Where the packages src/ imports dynamically go, next to extension.js: one ES module per package plus shared chunks. */
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

/** Packages (bare specifiers) that src/ imports dynamically, by their module file name in LAZY_DIR; filled while extension.js builds. */
const lazyPackages = new Map();
const lazyName = (specifier) => specifier.replace(/^@/, '').replace(/[^A-Za-z0-9.-]+/g, '-');

/** In extension.js: a dynamic import of a package stays a native import() of its module in LAZY_DIR. */
/** @type {import('esbuild').Plugin} */
const splitLazyPackages = {
  name: 'kv-split-lazy-packages',
  setup(build) {
    build.onStart(() => {
      lazyPackages.clear();
    });
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind !== 'dynamic-import' || args.path.startsWith('node:') || args.path === 'vscode') return undefined;
      const name = lazyName(args.path);
      lazyPackages.set(name, args.path);
      return { path: `./${LAZY_DIR}/${name}.mjs`, external: true };
    });
  },
};

/**
 * In extension.js: Node's built-in modules load when first used, not at require time (node:crypto alone takes
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
const extensionBuild = {
  ...node,
  entryPoints: { extension: 'src/extension.ts' },
  outdir,
  plugins: [splitLazyPackages, lazyBuiltins, ...markers],
};
/**
 * Built after extensionBuild, from the packages it found: ES modules with code splitting, so each package is
 * evaluated only when first imported and what they share is bundled once. Bundled CommonJS code inside them
 * gets a real `require` (for Node's built-in modules).
 */
const lazyBuild = () => ({
  ...node,
  format: 'esm',
  splitting: true,
  // Sorted: the plugin sees the imports in no fixed order, and the chunk names must not change between builds.
  entryPoints: Object.fromEntries([...lazyPackages].sort(([a], [b]) => a.localeCompare(b))),
  outdir: join(outdir, LAZY_DIR),
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  banner: {
    js: "import { createRequire as __kvCreateRequire } from 'node:module'; const require = __kvCreateRequire(import.meta.url);",
  },
  plugins: markers,
});

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

if (watch) {
  let lazyKey = '';
  let lazyContext;
  const rebuildLazy = {
    name: 'kv-rebuild-lazy',
    setup(build) {
      build.onEnd(async (result) => {
        const key = [...lazyPackages.keys()].sort().join(' ');
        if (result.errors.length > 0 || (key === lazyKey && lazyContext !== undefined)) return;
        lazyKey = key;
        await lazyContext?.dispose();
        lazyContext = await esbuild.context(lazyBuild());
        await lazyContext.rebuild();
      });
    },
  };
  const contexts = await Promise.all(
    [{ ...extensionBuild, plugins: [...extensionBuild.plugins, rebuildLazy] }, ...others].map((b) =>
      esbuild.context(b),
    ),
  );
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching for changes…');
} else {
  await Promise.all([
    esbuild.build(extensionBuild).then(() => esbuild.build(lazyBuild())),
    ...others.map((b) => esbuild.build(b)),
  ]);
  if (markEvaluated) {
    mkdirSync(outdir, { recursive: true });
    writeFileSync(join(outdir, 'marked-files.json'), `${JSON.stringify([...markedFiles].sort(), null, 2)}\n`);
  }
}

// The production build's shape (esbuild.mjs), from esbuild's own metafile: every source module is in exactly one
// output file (a module with state — the log, the translator, the vault service — has one instance), and what
// activation loads is the small set of stand-ins below, nothing of the core (vault layer, tree, commands, panels).
// Then the build is activated in a fresh Node (activationProbe.ts): what activate() really loads and sends, a
// dynamic import() or a request started in the background included.

import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ActivationProbe } from './activationProbe';

interface Metafile {
  readonly outputs: Record<
    string,
    {
      readonly bytes: number;
      readonly inputs: Record<string, { readonly bytesInOutput: number }>;
      readonly imports?: ReadonlyArray<{ readonly path: string; readonly kind: string; readonly external?: boolean }>;
    }
  >;
}

/**
 * The source modules activation loads (src/extension.ts and its static imports). Adding one here is a decision:
 * it then runs in every window at startup. Code for a feature belongs behind the core's import() instead.
 */
const ACTIVATION_MODULES = [
  'src/documents/registerSecretDocuments.ts',
  'src/documents/secretUri.ts',
  'src/extension.ts',
  'src/lazyActivation.ts',
  // The run and debug stand-ins: a launch configuration that does not opt in must not load the core.
  'src/lazyRun.ts',
  // The one read of workspace trust, which the settings read through the workspace-input gate: a few lines.
  'src/platform/workspaceTrust.ts',
  // One constant: where the firewall rules allowed for a while are kept, so a rule that ended is removed at start.
  'src/shared/allowedAddressesKey.ts',
  'src/shared/commandIds.ts',
  'src/shared/concurrency.ts',
  'src/shared/l10n.ts',
  'src/shared/maskText.ts',
  'src/shared/run/runKeys.ts',
  'src/shared/validation.ts',
  'src/shared/vaultUrl.ts',
  'src/shared/workspaceInput.ts',
  'src/tree/views.ts',
  'src/ui/log.ts',
  'src/vault/addedVaults.ts',
  'src/vault/settingValues.ts',
  'src/vault/settings.ts',
  'src/vault/workspaceGate.ts',
];

describe('the production bundles (esbuild.mjs)', function () {
  this.timeout(120_000);
  const repo = resolve(__dirname, '..', '..');
  let dir = '';
  let meta: Metafile;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kv-bundles-'));
    await promisify(execFile)(
      process.execPath,
      ['esbuild.mjs', '--production', '--outdir', join(dir, 'dist'), '--metafile', join(dir, 'meta.json')],
      { cwd: repo },
    );
    meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Metafile;
  });

  after(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  const outputs = (): Array<[string, Metafile['outputs'][string]]> =>
    Object.entries(meta.outputs).filter(([file]) => file.endsWith('.mjs'));
  const sourcesOf = (output: Metafile['outputs'][string]): string[] =>
    Object.entries(output.inputs)
      .filter(([input, { bytesInOutput }]) => bytesInOutput > 0 && input.startsWith('src/'))
      .map(([input]) => input);

  it('puts every source module in exactly one file (one instance of each module with state)', () => {
    const where = new Map<string, string[]>();
    for (const [file, output] of outputs()) {
      for (const input of sourcesOf(output)) where.set(input, [...(where.get(input) ?? []), file]);
    }
    const twice = [...where].filter(([, files]) => files.length > 1).map(([m, files]) => `${m}: ${files.join(', ')}`);
    assert.deepEqual(twice, []);
    for (const shared of ['src/ui/log.ts', 'src/shared/l10n.ts', 'src/vault/createVaultService.ts', 'src/core.ts'])
      assert.equal(where.get(shared)?.length, 1, `${shared} is bundled`);
  });

  it('loads at activation only the stand-ins, never the core, the Azure SDK or any package', () => {
    const entry = outputs().find(([file]) => file.endsWith('/lazy/extension.mjs'));
    assert.ok(entry, 'lazy/extension.mjs is built');
    // The activation entry and the chunks it imports statically (transitively): what activate() evaluates.
    const loaded = new Set<string>();
    const visit = (file: string): void => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const i of meta.outputs[file]?.imports ?? [])
        if (i.kind === 'import-statement' && i.external !== true) visit(i.path);
    };
    visit(entry[0]);
    const inputs = [...loaded].flatMap((file) =>
      Object.entries(meta.outputs[file]?.inputs ?? {})
        .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
        .map(([input]) => input),
    );
    assert.deepEqual(
      inputs.filter((i) => i.includes('node_modules/')),
      [],
    );
    assert.deepEqual(inputs.filter((i) => i.startsWith('src/')).sort(), ACTIVATION_MODULES);
  });

  it('activates with no request, no Azure package and no core: only the stand-ins run (a fresh Node, no document open)', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'activationProbe.ts'), join(dir, 'dist')],
      { cwd: repo },
    );
    const probe = JSON.parse(stdout.trim().split('\n').pop() ?? '') as ActivationProbe;
    assert.deepEqual(probe.network, [], 'activation tried the network');
    const byPath = new Map(Object.entries(meta.outputs).map(([file, output]) => [resolve(repo, file), output]));
    const loaded = probe.loaded
      .filter((url) => url.startsWith('file:'))
      .map((url) => fileURLToPath(url))
      .filter((file) => file.startsWith(join(dir, 'dist')));
    assert.ok(
      loaded.some((file) => file.endsWith(join('lazy', 'extension.mjs'))),
      `the probe saw no activation entry load: ${probe.loaded.join(', ')}`,
    );
    const inputs = loaded.flatMap((file) => {
      const output = byPath.get(file);
      assert.ok(output, `${file} is not an output of the build`);
      return sourcesOf(output).concat(
        Object.keys(output.inputs).filter(
          (i) => i.includes('node_modules/') && (output.inputs[i]?.bytesInOutput ?? 0) > 0,
        ),
      );
    });
    assert.deepEqual(
      inputs.filter((i) => i.includes('node_modules/')),
      [],
      'activation loaded a package (the Azure SDK?)',
    );
    assert.ok(!inputs.includes('src/core.ts'), 'activation loaded the core (src/core.ts)');
    assert.deepEqual([...new Set(inputs)].sort(), ACTIVATION_MODULES);
  });

  it('makes extension.js (package.json "main") only the loader of the activation entry', () => {
    const main = readFileSync(join(dir, 'dist', 'extension.js'), 'utf8');
    assert.ok(statSync(join(dir, 'dist', 'extension.js')).size < 2048, `${main.length} bytes`);
    assert.match(main, /import\("\.\/lazy\/extension\.mjs"\)/);
  });
});

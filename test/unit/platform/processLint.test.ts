// The lint rule behind "one module starts child processes": ESLint's own Node API runs the project's config
// (eslint.config.mjs) on deliberate bypasses at src/ paths and must report each; the processes module itself,
// the tests and the scripts may still use child_process.
import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const REPO = resolve(__dirname, '..', '..', '..');
const RULES = new Set(['no-restricted-imports', 'no-restricted-syntax']);

describe('ESLint: only src/platform/processes.ts starts child processes', function () {
  this.timeout(60_000);
  // The project's config, without type information (these fixtures are not files of the TypeScript project).
  const eslint = new ESLint({
    cwd: REPO,
    overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
  });

  async function processFindings(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: resolve(REPO, filePath) });
    return (result?.messages ?? [])
      .filter((m) => m.ruleId !== null && RULES.has(m.ruleId))
      .map((m) => `${m.line}: ${m.message}`);
  }

  const bypasses: Array<[string, string]> = [
    ['an import of node:child_process', "import { execFile } from 'node:child_process';\nexport const f = execFile;\n"],
    ['an import of child_process', "import * as cp from 'child_process';\nexport const f = cp.spawn;\n"],
    ['a re-export', "export { spawn } from 'node:child_process';\n"],
    ['a dynamic import', "export const load = (): Promise<unknown> => import('node:child_process');\n"],
    ['cluster (fork starts processes)', "import cluster from 'node:cluster';\nexport const c = cluster;\n"],
  ];
  for (const [what, code] of bypasses) {
    for (const file of ['src/transfer/sneaky.ts', 'src/commands/sneaky.ts', 'src/platform/other.ts']) {
      it(`reports ${what} in ${file}`, async () => {
        const found = await processFindings(file, code);
        assert.equal(found.length, 1, `findings: ${JSON.stringify(found)}`);
        assert.match(found[0] ?? '', /Only src\/platform\/processes\.ts starts child processes/);
      });
    }
  }

  it('reports a require() of child_process (besides the project rule against require)', async () => {
    const found = await processFindings(
      'src/ui/sneaky.ts',
      "// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const cp: unknown = require('child_process');\n",
    );
    assert.equal(found.length, 1, JSON.stringify(found));
  });

  it('allows it in the processes module, the tests and the scripts', async () => {
    const code = "import { execFile } from 'node:child_process';\nexport const f = execFile;\n";
    for (const file of ['src/platform/processes.ts', 'test/unit/anything.test.ts', 'scripts/anything.ts'])
      assert.deepEqual(await processFindings(file, code), [], file);
  });
});

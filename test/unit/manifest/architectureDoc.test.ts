// docs/ARCHITECTURE.md kept current by the code it describes: every folder and top-level file of src/ has its
// row, every path it (or CONTRIBUTING.md) names exists, its layer order is ESLint's, and the links of the
// contributor documents lead somewhere.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
const architecture = read('docs/ARCHITECTURE.md');
const DOCS = ['README.md', 'CONTRIBUTING.md', 'docs/ARCHITECTURE.md'];

/** Repository paths written in backticks: `src/ui/`, `test/unit/bundles.test.ts` (no globs, no placeholders). */
function pathsNamed(text: string): string[] {
  return [...text.matchAll(/`((?:src|media|test|scripts|docs|\.vscode)\/[^`\s]*)`/g)]
    .map((m) => m[1] ?? '')
    .filter((p) => !/[*<>{}]/.test(p));
}

describe('docs/ARCHITECTURE.md and the contributor documents', () => {
  it('describe every folder and top-level file of src/', () => {
    const entries = readdirSync(join(ROOT, 'src'), { withFileTypes: true }).map((e) =>
      e.isDirectory() ? `src/${e.name}/` : `src/${e.name}`,
    );
    assert.ok(entries.length > 10);
    assert.deepEqual(
      entries.filter((e) => !architecture.includes(`\`${e}\``)),
      [],
      'a part of src/ that docs/ARCHITECTURE.md does not describe',
    );
  });

  it('name only paths that exist', () => {
    const missing = ['CONTRIBUTING.md', 'docs/ARCHITECTURE.md'].flatMap((doc) =>
      pathsNamed(read(doc))
        .filter((p) => !existsSync(join(ROOT, p)))
        .map((p) => `${doc}: ${p}`),
    );
    assert.deepEqual(missing, []);
  });

  it("give the layers in ESLint's order (eslint.config.mjs LAYERS)", () => {
    const list = /const LAYERS = \[([^\]]*)\]/.exec(read('eslint.config.mjs'))?.[1];
    assert.ok(list, 'LAYERS not found in eslint.config.mjs');
    const layers = [...list.matchAll(/'(\w+)'/g)].map((m) => m[1] ?? '').filter((l) => l !== 'extension');
    const diagram = /```\n([\s\S]*?)```/.exec(architecture)?.[1] ?? '';
    const order = [...diagram.matchAll(/src\/(\w+)(?![\w.])/g)]
      .map((m) => m[1] ?? '')
      .filter((l) => layers.includes(l));
    assert.deepEqual([...new Set(order)], layers);
  });

  it('link only to files that exist', () => {
    const broken = DOCS.flatMap((doc) =>
      [...read(doc).matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
        .map((m) => m[1] ?? '')
        .filter((href) => !/^[a-z]+:/.test(href))
        .filter((href) => !existsSync(join(ROOT, dirname(doc), href)))
        .map((href) => `${doc}: ${href}`),
    );
    assert.deepEqual(broken, []);
  });
});

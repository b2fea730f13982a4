// No two files of src/ or media/ share a name: a name says which file it is without its folder (in an editor tab,
// a stack trace, a search result).
import * as assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const REPO = join(__dirname, '..', '..', '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? filesUnder(full) : [relative(REPO, full).split(sep).join('/')];
  });
}

/** Each name that more than one path has, with those paths. */
export function sharedNames(paths: readonly string[]): Record<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const path of paths) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    byName.set(name, [...(byName.get(name) ?? []), path]);
  }
  return Object.fromEntries([...byName].filter(([, list]) => list.length > 1));
}

describe('file names of src/ and media/', () => {
  it('no two files share a name', () => {
    const paths = [...filesUnder(join(REPO, 'src')), ...filesUnder(join(REPO, 'media'))];
    assert.ok(paths.length > 100);
    assert.deepEqual(
      sharedNames(paths),
      {},
      'files with the same name in different folders: rename one to say what it is',
    );
  });

  it('sees a shared name (so the check is not vacuous)', () => {
    assert.deepEqual(sharedNames(['src/a/x.ts', 'media/x.ts', 'src/b/y.ts']), { 'x.ts': ['src/a/x.ts', 'media/x.ts'] });
  });
});

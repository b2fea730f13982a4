// The Node.js the project's tooling needs (package.json's engines.node) is one the runtime dependencies all
// declare support for, and the README and the developer's guide (CONTRIBUTING.md) ask for that same version.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface LockPackage {
  readonly dev?: boolean;
  readonly engines?: { readonly node?: string };
}

const repo = resolve(__dirname, '..', '..', '..');
const read = <T>(file: string): T => JSON.parse(readFileSync(join(repo, file), 'utf8')) as T;

/** The lowest major version of Node.js a semver range admits (`>=20.0.0` → 20, `^12.20 || >=16` → 12). */
function lowestMajor(range: string): number {
  const majors = [...range.matchAll(/(\d+)(?:\.[\dx*]+)*/g)].map((m) => Number(m[1]));
  if (majors.length === 0) throw new Error(`no version in the range "${range}"`);
  return Math.min(...majors);
}

describe("package.json's engines.node", () => {
  const manifest = read<{ engines: { node: string } }>('package.json');
  const ours = lowestMajor(manifest.engines.node);

  it('is at least what every runtime dependency (package-lock.json) declares', () => {
    const lock = read<{ packages: Record<string, LockPackage> }>('package-lock.json');
    const above = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.dev !== true && p.engines?.node !== undefined)
      .filter(([, p]) => lowestMajor(p.engines?.node ?? '0') > ours)
      .map(([path, p]) => `${path.replace(/^.*node_modules\//, '')} needs Node ${p.engines?.node ?? ''}`);
    assert.deepEqual(above, [], `engines.node is ${manifest.engines.node}`);
  });

  for (const doc of ['README.md', 'CONTRIBUTING.md']) {
    it(`is the version ${doc} asks for`, () => {
      const text = readFileSync(join(repo, doc), 'utf8');
      const asked = [...text.matchAll(/You need Node\.js (\d+) or later/g)].map((m) => Number(m[1]));
      assert.ok(asked.length > 0, `${doc} does not say which Node.js it needs`);
      assert.deepEqual(
        asked.filter((v) => v !== ours),
        [],
        `engines.node is ${manifest.engines.node}`,
      );
    });
  }

  it('reads ranges as npm writes them', () => {
    assert.equal(lowestMajor('>=22.0.0'), 22);
    assert.equal(lowestMajor('>= 14'), 14);
    assert.equal(lowestMajor('^12.20.0 || ^14.13.1 || >=16.0.0'), 12);
  });
});

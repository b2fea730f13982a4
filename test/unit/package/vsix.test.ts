// The .vsix as `npm run package` makes it (package.json's own script, in a copy of the package, as the bench
// builds it): under its size limit, without the README's screenshots, with README images linked by URL from
// the repository, and with the notices of every bundled package.

import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  copyPackage,
  packageVsix,
  VSIX_MAX_BYTES,
  zipEntries,
  zipEntryText,
  type PackageCopy,
} from '../../../scripts/bench/build';

interface Manifest {
  readonly publisher: string;
  readonly repository: { readonly url: string };
  readonly dependencies: Record<string, string>;
}

describe('the .vsix (npm run package)', function () {
  this.timeout(180_000);
  const repo = resolve(__dirname, '..', '..', '..');
  let copy: PackageCopy | undefined;
  let vsix = '';
  let entries: readonly string[] = [];

  before(async () => {
    copy = copyPackage(repo);
    vsix = (await packageVsix(copy.dir)).file;
    entries = zipEntries(vsix);
  });

  after(() => copy?.remove());

  it(`is at most ${VSIX_MAX_BYTES} bytes`, () => {
    const bytes = statSync(vsix).size;
    assert.ok(bytes <= VSIX_MAX_BYTES, `the .vsix is ${bytes} bytes, over ${VSIX_MAX_BYTES}`);
  });

  it("leaves the README's screenshots out, and shows them from the repository by URL", () => {
    assert.deepEqual(
      entries.filter((e) => e.startsWith('extension/docs/')),
      [],
    );
    const manifest = JSON.parse(zipEntryText(vsix, 'extension/package.json')) as Manifest;
    const base = manifest.repository.url.replace(/\.git$/, '');
    const images = [...zipEntryText(vsix, 'extension/readme.md').matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]);
    assert.ok(images.length > 0, 'the README shows no image');
    assert.deepEqual(
      images.filter((src) => src === undefined || !src.startsWith(`${base}/raw/HEAD/docs/images/`)),
      [],
    );
  });

  it('carries the notices of the bundled packages, each runtime dependency among them', () => {
    const manifest = JSON.parse(zipEntryText(vsix, 'extension/package.json')) as Manifest;
    const notices = zipEntryText(vsix, 'extension/dist/ThirdPartyNotices.txt');
    const listed = new Set([...notices.matchAll(/^- (\S+) \S+$/gm)].map((m) => m[1]));
    assert.deepEqual(
      Object.keys(manifest.dependencies).filter((d) => !listed.has(d)),
      [],
    );
    assert.match(notices, /^@azure\/identity \S+\nLicense: MIT\n/m);
  });
});

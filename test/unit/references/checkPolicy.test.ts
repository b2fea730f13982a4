import * as assert from 'node:assert/strict';
import { mayCheckAutomatically, mayCheckOnRequest } from '../../../src/references/checkPolicy';

// The extension-host harness opens a trusted workspace only, so the trust gate is proven here, as a table:
// an untrusted workspace sends nothing, automatically or on a click.
describe('checkPolicy', () => {
  const rows: ReadonlyArray<readonly [boolean, boolean, boolean, boolean, boolean, boolean]> = [
    // trusted, enabled, known, checkable -> automatic, on request
    [true, true, true, true, true, true],
    [true, true, false, true, false, true],
    [true, true, false, false, false, false],
    [true, false, true, true, false, true],
    [false, true, true, true, false, false],
    [false, true, false, true, false, false],
    [false, false, true, true, false, false],
  ];
  for (const [trusted, enabled, known, checkable, automatic, onRequest] of rows) {
    it(`trusted=${trusted} enabled=${enabled} known=${known} checkable=${checkable}`, () => {
      assert.equal(mayCheckAutomatically({ trusted, enabled }, known), automatic);
      assert.equal(mayCheckOnRequest({ trusted, enabled }, checkable), onRequest);
    });
  }
});

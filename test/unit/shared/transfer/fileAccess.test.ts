// The words about who can read a secret file follow the platform: "readable by you only (0600)" only where the
// system applies file modes; on Windows the message says the file is not restricted to the user.
import * as assert from 'node:assert/strict';
import { createdAccessNote, ownerOnlyApplies, writtenAccess } from '../../../../src/shared/transfer/fileAccess';

describe('fileAccess: owner-only is claimed only where the system applies it', () => {
  for (const platform of ['linux', 'darwin', 'freebsd']) {
    it(`${platform}: readable by you only (0600)`, () => {
      assert.equal(ownerOnlyApplies(platform), true);
      assert.equal(createdAccessNote(platform), 'The file is created readable by you only (0600).');
      assert.equal(writtenAccess(platform), 'readable by you only');
    });
  }

  it('win32: says Windows does not restrict the file, and claims neither "only you" nor 0600', () => {
    assert.equal(ownerOnlyApplies('win32'), false);
    for (const text of [createdAccessNote('win32'), writtenAccess('win32')]) {
      assert.match(text, /Windows does not/);
      assert.doesNotMatch(text, /by you only|0600/);
    }
  });
});

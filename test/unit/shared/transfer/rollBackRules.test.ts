import * as assert from 'node:assert/strict';
import { rollBackConfirmation, rollBackFields, utcMinute } from '../../../../src/shared/transfer/rollBackRules';

describe('shared/transfer/rollBackRules', () => {
  const version = {
    version: '0123456789abcdef0123456789abcdef',
    contentType: 'application/json',
    tags: { env: 'prod' },
    createdOn: new Date('2026-10-02T08:30:00Z'),
  };
  it('the new version carries value-side properties only: content type and tags', () => {
    assert.deepEqual(rollBackFields(version), { contentType: 'application/json', tags: { env: 'prod' } });
    assert.deepEqual(rollBackFields({ version: 'x', tags: {} }), { tags: {} });
  });
  it('the confirmation says what apps read from now on, and that pinned apps are not affected', () => {
    const c = rollBackConfirmation('db-password', version);
    assert.equal(c.message, 'Make version 01234567 from 2026-10-02 08:30 UTC of "db-password" current?');
    assert.match(
      c.detail,
      /apps reading the latest version of "db-password" get the value of version 01234567 from 2026-10-02 08:30 UTC/,
    );
    assert.match(c.detail, /Apps pinned to a version are not affected/);
    assert.equal(c.button, 'Make Current');
  });
  it('a version without a creation date is named by its id only', () => {
    assert.match(
      rollBackConfirmation('a', { version: 'abcdef0123', tags: {} }).message,
      /^Make version abcdef01 of "a"/,
    );
    assert.equal(utcMinute(new Date('invalid')), undefined);
  });
});

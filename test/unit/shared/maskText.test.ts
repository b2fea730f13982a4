import * as assert from 'node:assert/strict';
import { maskText } from '../../../src/shared/maskText';

describe('maskText', () => {
  it('replaces every occurrence of a value', () => {
    assert.equal(maskText('token=s3cret; again s3cret', ['s3cret']), 'token=***; again ***');
  });

  it('masks the longest value first, so a value containing another is masked whole', () => {
    assert.equal(maskText('abcdef and abc', ['abc', 'abcdef']), '*** and ***');
  });

  it('masks values shorter than 3 characters only as a whole line', () => {
    assert.equal(maskText('ab', ['ab']), '***');
    assert.equal(maskText('tab stop', ['ab']), 'tab stop');
  });

  it('ignores empty values and duplicates, and leaves text without values alone', () => {
    assert.equal(maskText('nothing here', ['', 'zzz', 'zzz']), 'nothing here');
    assert.equal(maskText('', []), '');
  });
});

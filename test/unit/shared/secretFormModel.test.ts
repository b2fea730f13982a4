import * as assert from 'node:assert/strict';
import {
  emptyFields,
  fieldsFromProperties,
  fieldsOf,
  formFieldOf,
  toPropertiesUpdate,
  toSecretInput,
  validateForm,
  type SecretFormFields,
} from '../../../src/shared/secretFormModel';

const base: SecretFormFields = { ...emptyFields(), name: 'db-password', value: 'hunter2' };

describe('secret form model', () => {
  it('shows name and value only where they apply', () => {
    assert.ok(fieldsOf('create').includes('name'));
    assert.ok(!fieldsOf('newVersion').includes('name'));
    assert.ok(fieldsOf('newVersion').includes('value'));
    assert.ok(!fieldsOf('editProperties').includes('value'));
  });

  it('accepts a valid create form', () => {
    assert.deepEqual(validateForm('create', base), {});
  });

  it('reports a bad name, an oversized value (in UTF-8 bytes) and too many tags', () => {
    const e = validateForm('create', {
      ...base,
      name: 'bad name!',
      value: 'é'.repeat(13 * 1024), // 26 KB in UTF-8 though only 13 K characters
      tags: Array.from({ length: 16 }, (_, i) => ({ key: `k${i}`, value: 'v' })),
    });
    assert.match(e.name ?? '', /letters/);
    assert.match(e.value ?? '', /25 KB/);
    assert.match(e.tags ?? '', /15 tags/);
  });

  it('does not report the name in modes without it', () => {
    assert.deepEqual(validateForm('newVersion', { ...base, name: '' }), {});
  });

  it('reports not-before after expires, unreadable dates, duplicate and empty tag names', () => {
    assert.match(
      validateForm('editProperties', {
        ...base,
        notBefore: '2030-01-02T00:00:00.000Z',
        expiresOn: '2030-01-01T00:00:00.000Z',
      }).expiresOn ?? '',
      /after/,
    );
    assert.ok(validateForm('editProperties', { ...base, notBefore: 'soon' }).notBefore);
    assert.match(
      validateForm('editProperties', {
        ...base,
        tags: [
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
        ],
      }).tags ?? '',
      /more than once/,
    );
    assert.match(validateForm('editProperties', { ...base, tags: [{ key: ' ', value: '1' }] }).tags ?? '', /empty/);
  });

  it('ignores a blank tag row', () => {
    assert.deepEqual(validateForm('create', { ...base, tags: [{ key: '', value: '' }] }), {});
  });

  it('converts to SetSecret and UpdateSecret input', () => {
    const input = toSecretInput({
      ...base,
      contentType: ' application/json ',
      expiresOn: '2030-01-01T00:00:00.000Z',
      tags: [
        { key: 'env', value: 'dev' },
        { key: '', value: '' },
      ],
    });
    assert.equal(input.value, 'hunter2');
    assert.equal(input.contentType, 'application/json');
    assert.equal(input.expiresOn?.toISOString(), '2030-01-01T00:00:00.000Z');
    assert.equal(input.notBefore, undefined);
    assert.deepEqual(input.tags, { env: 'dev' });
    const update = toPropertiesUpdate({ ...base, enabled: false });
    assert.equal('value' in update, false);
    assert.equal(update.enabled, false);
  });

  it('an update clears (null) a date or content type the user emptied, and leaves one that was empty out', () => {
    const initial = { ...base, contentType: 'text/plain', expiresOn: '2031-05-01T10:00:00.000Z', notBefore: '' };
    const update = toPropertiesUpdate({ ...initial, contentType: ' ', expiresOn: '' }, initial);
    assert.equal(update.contentType, null);
    assert.equal(update.expiresOn, null);
    assert.equal('notBefore' in update, false, 'an empty date that was empty is not sent');
    const kept = toPropertiesUpdate(initial, initial);
    assert.equal(kept.contentType, 'text/plain');
    assert.equal(kept.expiresOn?.toISOString(), '2031-05-01T10:00:00.000Z');
  });

  it('starts from properties without a value', () => {
    const f = fieldsFromProperties({
      enabled: false,
      contentType: 'text/plain',
      tags: { a: 'b' },
      expiresOn: new Date('2031-05-01T10:00:00Z'),
    });
    assert.equal(f.value, '');
    assert.equal(f.expiresOn, '2031-05-01T10:00:00.000Z');
    assert.deepEqual(f.tags, [{ key: 'a', value: 'b' }]);
  });

  it('maps the service field names to form fields', () => {
    assert.equal(formFieldOf('tags'), 'tags');
    assert.equal(formFieldOf('attributes.exp'), 'expiresOn');
    assert.equal(formFieldOf('nbf'), 'notBefore');
    assert.equal(formFieldOf('secretName'), 'name');
    assert.equal(formFieldOf('somethingElse'), undefined);
  });
});

// The form's tags editor: one row (name, value, Remove) per tag, Add Tag until a secret's limit, and which inputs
// are at fault by the shared tag rules. The rows are read back in order; the blank row is ignored on send.

import { duplicateTagKeys, meaningfulTags, type TagField } from '../../src/shared/secretFormModel';
import { SECRET_LIMITS, validateTags } from '../../src/shared/validation';
import { fill, type FormStrings } from '../../src/shared/webviewStrings';
import { el } from '../lib/vscodeApi';
import { field, input } from './controls';

function tagRow(s: FormStrings, tag: TagField): HTMLElement {
  const key = input('', 'text', tag.key, {
    'aria-label': s.tagName,
    class: 'tag-key',
    maxlength: String(SECRET_LIMITS.tagNameMaxLength + 1),
  });
  const value = input('', 'text', tag.value, {
    'aria-label': s.tagValue,
    class: 'tag-value',
    maxlength: String(SECRET_LIMITS.tagValueMaxLength + 1),
  });
  key.removeAttribute('id');
  value.removeAttribute('id');
  const remove = el('button', {
    className: 'link remove-tag',
    text: s.removeTag,
    attrs: { type: 'button', 'aria-label': s.removeTagLabel },
  });
  return el('div', { className: 'tag-row' }, key, value, remove);
}

function tagsHint(s: FormStrings, rows: number): string {
  return rows >= SECRET_LIMITS.maxTags
    ? fill(s.tagsFull, SECRET_LIMITS.maxTags)
    : fill(s.tagsLimit, SECRET_LIMITS.maxTags);
}

/** The tags field: its rows and Add Tag, as a group (no single control for the label). */
export function tagsField(s: FormStrings, tags: readonly TagField[]): HTMLElement {
  const rows = el(
    'div',
    { className: 'tags', attrs: { id: 'f-tags', role: 'group', 'aria-label': s.tags } },
    ...tags.map((tag) => tagRow(s, tag)),
  );
  const addTag = el('button', { className: 'secondary', text: s.addTag, attrs: { type: 'button', id: 'add-tag' } });
  const tagsField = field(
    'tags',
    s.tags,
    el('div', { attrs: { id: 'tags-wrap' } }, rows, addTag),
    tagsHint(s, tags.length),
  );
  tagsField.querySelector('label')?.removeAttribute('for');
  return tagsField;
}

/** The rows as typed, in order. */
export function collectTags(): TagField[] {
  return [...document.querySelectorAll<HTMLElement>('.tag-row')].map((r) => ({
    key: r.querySelector<HTMLInputElement>('.tag-key')?.value ?? '',
    value: r.querySelector<HTMLInputElement>('.tag-value')?.value ?? '',
  }));
}

/** Add Tag: a blank row, focused. */
export function addTagRow(s: FormStrings): void {
  const row = tagRow(s, { key: '', value: '' });
  document.getElementById('f-tags')?.appendChild(row);
  row.querySelector<HTMLInputElement>('.tag-key')?.focus();
}

/**
 * Which tag inputs are at fault, by the shared tag rules applied to one row at a time: an empty or too long
 * name, a too long value, a name used twice. A rule about the tags together (their count) marks no row: the
 * message under the group says what is wrong. The blank row is ignored, as it is when the form is sent.
 */
function tagFaults(tags: readonly TagField[]): ReadonlyArray<{ readonly key: boolean; readonly value: boolean }> {
  const duplicates = duplicateTagKeys(tags);
  return tags.map((tag) => {
    if (meaningfulTags([tag]).length === 0) return { key: false, value: false };
    return {
      key: validateTags({ [tag.key]: '' }) !== undefined || duplicates.includes(tag.key.trim()),
      value: validateTags({ tag: tag.value }) !== undefined,
    };
  });
}

export function markTagRows(visible: boolean): void {
  const rows = [...document.querySelectorAll<HTMLElement>('.tag-row')];
  const faults = tagFaults(collectTags());
  rows.forEach((row, i) => {
    const fault = faults[i];
    row.querySelector('.tag-key')?.setAttribute('aria-invalid', String(visible && fault?.key === true));
    row.querySelector('.tag-value')?.setAttribute('aria-invalid', String(visible && fault?.value === true));
  });
}

/** Add Tag is off once the form has as many rows as a secret may have tags. */
export function updateTagControls(s: FormStrings): void {
  const rows = document.querySelectorAll('.tag-row').length;
  const add = document.getElementById('add-tag') as HTMLButtonElement | null;
  if (add !== null) add.disabled = rows >= SECRET_LIMITS.maxTags;
  const hint = document.getElementById('hint-tags');
  if (hint !== null) hint.textContent = tagsHint(s, rows);
}

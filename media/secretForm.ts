// The secret form (create, new version, edit properties). Validates as the user types with the shared rules,
// posts `submit`, and shows the host's answer next to the fields. The value is never written to the webview
// state; only the other fields are, so a hidden-and-shown panel keeps them.

import './common.css';
import './secretForm.css';
import { checkGenerateOptions, CHARACTER_SET_NAMES, type CharacterSet } from '../src/shared/generateValue';
import { isHostToForm, type FormInit, type FormResult, type GeneratorInit } from '../src/shared/webviewMessages/secretForm';
import {
  duplicateTagKeys,
  fieldsOf,
  meaningfulTags,
  validateForm,
  type FormErrors,
  type FormFieldName,
  type SecretFormFields,
  type TagField,
} from '../src/shared/secretFormModel';
import { SECRET_LIMITS, utf8ByteLength, validateTags } from '../src/shared/validation';
import { fill, type FormStrings } from '../src/shared/webviewStrings';
import { useHostTranslations } from './lib/translations';
import { el, vscodeApi } from './lib/vscodeApi';

interface SavedState {
  readonly key: string;
  readonly fields: Omit<SecretFormFields, 'value'>;
}

const CONTENT_TYPES = [
  'text/plain',
  'application/json',
  'application/x-pem-file',
  'application/x-pkcs12',
  'application/xml',
  'text/yaml',
];

let init: FormInit | undefined;
/** The form's words, from the host's init. */
let s: FormStrings;
let requestId = 0;
let pendingRequest: number | undefined;
const touched = new Set<FormFieldName>();
let submitted = false;
/** The fields as the form opened (no value), to tell whether Cancel would throw away what the user entered. */
let pristine = '';
/** The length of the value the host generated and holds; undefined while the user types the value. */
let heldChars: number | undefined;

const app = document.getElementById('app') as HTMLElement;

/* ------------------------------------------------------------------ date helpers ------------------------------------------------------------------ */

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
/** ISO (UTC) -> the value of a datetime-local input (local time). */
function toLocalInput(iso: string): string {
  if (iso === '') return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
/** datetime-local value -> ISO (UTC); '' stays ''; an unreadable value is passed on so validation reports it. */
function fromLocalInput(value: string): string {
  if (value === '') return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

/* ------------------------------------------------------------------ rendering ------------------------------------------------------------------ */

function headingOf(i: FormInit): { title: string; subtitle: string; save: string } {
  switch (i.mode) {
    case 'create':
      return { title: s.createTitle, subtitle: fill(s.createSubtitle, i.vaultName, i.vaultUrl), save: s.createSave };
    case 'newVersion':
      return {
        title: fill(s.newVersionTitle, i.secretName ?? ''),
        subtitle: fill(s.newVersionSubtitle, i.vaultName),
        save: s.newVersionSave,
      };
    case 'editProperties':
      return {
        title: fill(s.editTitle, i.secretName ?? ''),
        subtitle: fill(s.editSubtitle, i.version ?? '', i.vaultName),
        save: s.editSave,
      };
  }
}

function field(name: FormFieldName, label: string, control: HTMLElement, hint?: string): HTMLElement {
  const errorId = `err-${name}`;
  const hintId = `hint-${name}`;
  control.setAttribute('aria-describedby', hint !== undefined ? `${errorId} ${hintId}` : errorId);
  return el(
    'div',
    { className: `field field-${name}`, attrs: { 'data-field': name } },
    el('label', { text: label, attrs: { for: control.id || `f-${name}` } }),
    control,
    hint !== undefined ? el('p', { className: 'hint', text: hint, attrs: { id: hintId } }) : null,
    el('p', { className: 'error', attrs: { id: errorId, role: 'alert' } }),
  );
}

function input(id: string, type: string, value: string, attrs: Record<string, string> = {}): HTMLInputElement {
  const i = el('input', { attrs: { id, type, ...attrs } });
  i.value = value;
  return i;
}

function tagRow(tag: TagField): HTMLElement {
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

/** Generate Value's choices: length and character sets (the host draws the value and keeps it). */
function generatorPanel(g: GeneratorInit): HTMLElement {
  const length = input('gen-length', 'number', String(g.defaults.length), {
    min: String(g.minLength),
    max: String(g.maxLength),
    step: '1',
  });
  const sets = CHARACTER_SET_NAMES.map((name) => {
    const box = input(`gen-${name}`, 'checkbox', '', { 'data-set': name });
    box.checked = g.defaults.sets.includes(name);
    return el(
      'label',
      { className: 'checkbox', attrs: { for: `gen-${name}` } },
      box,
      document.createTextNode(` ${g.labels.sets[name]}`),
    );
  });
  return el(
    'div',
    { className: 'generator', attrs: { id: 'generator', role: 'group', 'aria-label': g.labels.open, hidden: '' } },
    el('label', { text: g.labels.length, attrs: { for: 'gen-length' } }),
    length,
    ...sets,
    el('button', { text: g.labels.generate, attrs: { type: 'button', id: 'generate' } }),
    el('p', { className: 'error', attrs: { id: 'err-generate', role: 'alert' } }),
  );
}

/** The choices in the generator panel; posts them when the shared rule accepts them, else says why. */
function requestGenerate(): void {
  const length = Number(value('gen-length'));
  const sets = CHARACTER_SET_NAMES.filter(
    (name: CharacterSet) => (document.getElementById(`gen-${name}`) as HTMLInputElement | null)?.checked === true,
  );
  const problem = checkGenerateOptions({ length, sets });
  const box = document.getElementById('err-generate');
  if (box !== null) box.textContent = problem ?? '';
  if (problem === undefined) vscodeApi.postMessage({ type: 'generate', length, sets });
}

/**
 * The host holds a generated value: the value box stays masked and empty (nothing to reveal here), the counter
 * says how long the value is, and "Type a Value Instead" gives the box back. `chars` undefined = back to typing.
 */
function showHeld(chars: number | undefined): void {
  const area = document.getElementById('f-value') as HTMLTextAreaElement | null;
  const held = init?.generator;
  if (area === null || held === undefined) return;
  heldChars = chars;
  const reveal = document.getElementById('reveal') as HTMLButtonElement | null;
  if (!area.classList.contains('masked')) reveal?.click(); // back to masked, through Show/Hide's own handler
  area.value = '';
  area.disabled = chars !== undefined;
  if (reveal !== null) reveal.disabled = chars !== undefined;
  const instead = document.getElementById('type-instead');
  if (instead !== null) instead.hidden = chars === undefined;
  updateSize();
  if (chars !== undefined) {
    const counter = document.getElementById('value-size');
    if (counter !== null) counter.textContent = held.labels.held.replace('{0}', chars.toLocaleString());
    const mask = document.getElementById('value-mask');
    if (mask !== null) mask.hidden = false;
    const panel = document.getElementById('generator');
    if (panel !== null) panel.hidden = true;
    document.getElementById('open-generator')?.setAttribute('aria-expanded', 'false');
  }
}

function render(i: FormInit, saved: SavedState | undefined): void {
  const h = headingOf(i);
  const shown = fieldsOf(i.mode);
  const f = saved !== undefined ? { ...saved.fields, value: '' } : i.fields;
  app.replaceChildren();
  app.appendChild(el('h1', { text: h.title }));
  app.appendChild(el('p', { className: 'subtitle', text: h.subtitle }));

  const form = el('form', { attrs: { id: 'secret-form', novalidate: '' } });
  if (shown.includes('name')) {
    form.appendChild(
      field(
        'name',
        s.name,
        input('f-name', 'text', f.name, { autocomplete: 'off', spellcheck: 'false', maxlength: '200' }),
        s.nameHint,
      ),
    );
  }
  if (shown.includes('value') && i.heldValueChars !== undefined) {
    // The host holds the value (Move to Key Vault): it is never sent here, only its length.
    const n = i.heldValueChars;
    const note = el('p', {
      className: 'held-value',
      text: fill(n === 1 ? s.heldValueOne : s.heldValueMany, n.toLocaleString()),
      attrs: { id: 'f-value-held', tabindex: '0' },
    });
    const fv = field('value', s.value, note, s.heldValueHint);
    fv.querySelector('label')?.setAttribute('for', 'f-value-held');
    form.appendChild(fv);
  } else if (shown.includes('value')) {
    const area = el('textarea', {
      className: 'masked',
      attrs: { id: 'f-value', rows: '6', spellcheck: 'false', autocomplete: 'off', 'aria-label': s.value },
    });
    // While masked, the text, caret, selection and scroll bar are invisible and this fixed mask covers the box:
    // it shows that there is a value, not how many lines it has or how long they are.
    const mask = el('div', {
      className: 'value-mask',
      text: '••••••••••••••••',
      attrs: { id: 'value-mask', 'aria-hidden': 'true', hidden: '' },
    });
    const reveal = el('button', {
      className: 'secondary reveal',
      text: s.show,
      attrs: { type: 'button', id: 'reveal', 'aria-pressed': 'false', 'aria-controls': 'f-value' },
    });
    const counter = el('span', { className: 'hint counter', attrs: { id: 'value-size', 'aria-live': 'polite' } });
    const g = i.generator;
    const wrap = el(
      'div',
      { className: 'value-wrap', attrs: { id: 'value-wrap' } },
      el('div', { className: 'value-box' }, area, mask),
      el(
        'div',
        { className: 'value-tools' },
        reveal,
        g !== undefined
          ? el('button', {
              className: 'secondary',
              text: g.labels.open,
              attrs: { type: 'button', id: 'open-generator', 'aria-expanded': 'false', 'aria-controls': 'generator' },
            })
          : null,
        g !== undefined
          ? el('button', {
              className: 'link',
              text: g.labels.typeInstead,
              attrs: { type: 'button', id: 'type-instead', hidden: '' },
            })
          : null,
        counter,
      ),
      g !== undefined ? generatorPanel(g) : null,
    );
    wrap.id = 'f-value-wrap';
    const fv = field('value', s.value, wrap, s.valueHint);
    fv.querySelector('label')?.setAttribute('for', 'f-value');
    area.setAttribute('aria-describedby', 'err-value hint-value');
    form.appendChild(fv);
  }
  const ct = input('f-contentType', 'text', f.contentType, {
    list: 'content-types',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  form.appendChild(field('contentType', s.contentType, ct, s.contentTypeHint));
  form.appendChild(
    el(
      'datalist',
      { attrs: { id: 'content-types' } },
      ...CONTENT_TYPES.map((c) => el('option', { attrs: { value: c } })),
    ),
  );

  const enabled = input('f-enabled', 'checkbox', '', {});
  enabled.checked = f.enabled;
  form.appendChild(
    el(
      'div',
      { className: 'field field-enabled', attrs: { 'data-field': 'enabled' } },
      el(
        'label',
        { className: 'checkbox', attrs: { for: 'f-enabled' } },
        enabled,
        document.createTextNode(` ${s.enabled}`),
      ),
      el('p', { className: 'hint', text: s.enabledHint }),
      el('p', { className: 'error', attrs: { id: 'err-enabled', role: 'alert' } }),
    ),
  );
  const dates = el(
    'div',
    { className: 'dates' },
    field('notBefore', s.notBefore, input('f-notBefore', 'datetime-local', toLocalInput(f.notBefore)), s.notBeforeHint),
    field('expiresOn', s.expires, input('f-expiresOn', 'datetime-local', toLocalInput(f.expiresOn)), s.expiresHint),
  );
  form.appendChild(dates);

  const tags = el(
    'div',
    { className: 'tags', attrs: { id: 'f-tags', role: 'group', 'aria-label': s.tags } },
    ...f.tags.map(tagRow),
  );
  const addTag = el('button', { className: 'secondary', text: s.addTag, attrs: { type: 'button', id: 'add-tag' } });
  const tagsField = field(
    'tags',
    s.tags,
    el('div', { attrs: { id: 'tags-wrap' } }, tags, addTag),
    tagsHint(f.tags.length),
  );
  tagsField.querySelector('label')?.removeAttribute('for');
  form.appendChild(tagsField);

  form.appendChild(el('div', { className: 'banner', attrs: { id: 'form-message', role: 'status' } }));
  form.appendChild(
    el(
      'div',
      { className: 'actions', attrs: { id: 'form-actions' } },
      el('button', { text: h.save, attrs: { type: 'button', id: 'save' } }),
      el('button', { className: 'secondary', text: s.cancel, attrs: { type: 'button', id: 'cancel' } }),
    ),
  );
  app.appendChild(form);
  wire(form);
  pristine = snapshot({
    ...i.fields,
    notBefore: fromLocalInput(toLocalInput(i.fields.notBefore)),
    expiresOn: fromLocalInput(toLocalInput(i.fields.expiresOn)),
  });
  updateSize();
  updateTagControls();
  showErrors(validateForm(i.mode, collect()));
  const first = form.querySelector<HTMLElement>('input:not([type=checkbox]), textarea');
  first?.focus();
}

/* ------------------------------------------------------------------ behaviour ------------------------------------------------------------------ */

function value(id: string): string {
  return (document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement | null)?.value ?? '';
}

function collect(): SecretFormFields {
  const rows = [...document.querySelectorAll<HTMLElement>('.tag-row')];
  return {
    name: value('f-name'),
    value: value('f-value'),
    contentType: value('f-contentType'),
    enabled: (document.getElementById('f-enabled') as HTMLInputElement | null)?.checked ?? true,
    notBefore: fromLocalInput(value('f-notBefore')),
    expiresOn: fromLocalInput(value('f-expiresOn')),
    tags: rows.map((r) => ({
      key: r.querySelector<HTMLInputElement>('.tag-key')?.value ?? '',
      value: r.querySelector<HTMLInputElement>('.tag-value')?.value ?? '',
    })),
  };
}

function showErrors(errors: FormErrors, forceAll = false): void {
  if (init === undefined) return;
  for (const name of fieldsOf(init.mode)) {
    const visible = forceAll || submitted || touched.has(name);
    const message = visible ? (errors[name] ?? '') : '';
    const box = document.getElementById(`err-${name}`);
    if (box !== null) box.textContent = message;
    const control = document.querySelector<HTMLElement>(
      `[data-field="${name}"] input:not([type=checkbox]), [data-field="${name}"] textarea`,
    );
    if (name !== 'tags') control?.setAttribute('aria-invalid', message !== '' ? 'true' : 'false');
    else markTagRows(message !== '');
    document.querySelector(`[data-field="${name}"]`)?.classList.toggle('invalid', message !== '');
  }
}

/**
 * Which tag inputs are at fault, by the shared tag rules applied to one row at a time: an empty or too long
 * name, a too long value, a name used twice. A rule about the tags together (their count) marks no row: the
 * message under the group says what is wrong. The blank row is ignored, as it is when the form is sent.
 */
function tagFaults(tags: readonly TagField[]): ReadonlyArray<{ readonly key: boolean; readonly value: boolean }> {
  const duplicates = duplicateTagKeys(tags);
  return tags.map((t) => {
    if (meaningfulTags([t]).length === 0) return { key: false, value: false };
    return {
      key: validateTags({ [t.key]: '' }) !== undefined || duplicates.includes(t.key.trim()),
      value: validateTags({ tag: t.value }) !== undefined,
    };
  });
}

function markTagRows(visible: boolean): void {
  const rows = [...document.querySelectorAll<HTMLElement>('.tag-row')];
  const faults = tagFaults(collect().tags);
  rows.forEach((row, i) => {
    const fault = faults[i];
    row.querySelector('.tag-key')?.setAttribute('aria-invalid', String(visible && fault?.key === true));
    row.querySelector('.tag-value')?.setAttribute('aria-invalid', String(visible && fault?.value === true));
  });
}

function tagsHint(rows: number): string {
  return rows >= SECRET_LIMITS.maxTags
    ? fill(s.tagsFull, SECRET_LIMITS.maxTags)
    : fill(s.tagsLimit, SECRET_LIMITS.maxTags);
}

/** Add Tag is off once the form has as many rows as a secret may have tags. */
function updateTagControls(): void {
  const rows = document.querySelectorAll('.tag-row').length;
  const add = document.getElementById('add-tag') as HTMLButtonElement | null;
  if (add !== null) add.disabled = rows >= SECRET_LIMITS.maxTags;
  const hint = document.getElementById('hint-tags');
  if (hint !== null) hint.textContent = tagsHint(rows);
}

/** The form's fields without the value, in one comparable string. */
function snapshot(f: SecretFormFields): string {
  return JSON.stringify([f.name, f.contentType, f.enabled, f.notBefore, f.expiresOn, meaningfulTags(f.tags)]);
}

/** Whether the user entered anything that Cancel would throw away. */
function hasChanges(): boolean {
  return value('f-value') !== '' || heldChars !== undefined || snapshot(collect()) !== pristine;
}

function updateSize(): void {
  const counter = document.getElementById('value-size');
  if (counter === null) return;
  const bytes = utf8ByteLength(value('f-value'));
  const over = bytes - SECRET_LIMITS.valueMaxBytes;
  counter.textContent =
    fill(s.size, bytes.toLocaleString(), SECRET_LIMITS.valueMaxBytes.toLocaleString()) +
    (over > 0 ? fill(s.overLimit, over.toLocaleString()) : '');
  counter.classList.toggle('over', over > 0);
  updateMask();
}

/** The fixed mask covers a non-empty value while it is hidden. */
function updateMask(): void {
  const area = document.getElementById('f-value');
  const mask = document.getElementById('value-mask');
  if (area === null || mask === null) return;
  mask.hidden = !area.classList.contains('masked') || value('f-value') === '';
}

/** Cancel with changes asks first, in the form (Keep Editing is the default; Escape keeps editing too). */
function askDiscard(): void {
  const actions = document.getElementById('form-actions');
  if (actions === null || document.getElementById('discard-confirm') !== null) return;
  const box = el(
    'div',
    {
      className: 'confirm',
      attrs: { id: 'discard-confirm', role: 'alertdialog', 'aria-labelledby': 'discard-text', 'aria-modal': 'false' },
    },
    el('p', { text: s.discardQuestion, attrs: { id: 'discard-text' } }),
    el(
      'div',
      { className: 'actions' },
      el('button', { text: s.discard, attrs: { type: 'button', id: 'discard' } }),
      el('button', { className: 'secondary', text: s.keepEditing, attrs: { type: 'button', id: 'keep-editing' } }),
    ),
  );
  actions.hidden = true;
  actions.after(box);
  document.getElementById('keep-editing')?.focus();
}

function closeDiscard(): void {
  document.getElementById('discard-confirm')?.remove();
  const actions = document.getElementById('form-actions');
  if (actions !== null) actions.hidden = false;
  document.getElementById('cancel')?.focus();
}

function saveState(): void {
  if (init === undefined) return;
  const { value: _value, ...rest } = collect();
  const state: SavedState = { key: stateKey(init), fields: rest };
  vscodeApi.setState(state);
}

function stateKey(i: FormInit): string {
  return [i.mode, i.vaultUrl, i.secretName ?? '', i.version ?? ''].join('|');
}

function setMessage(text: string, isError: boolean): void {
  const box = document.getElementById('form-message');
  if (box === null) return;
  box.textContent = text;
  box.classList.toggle('error-banner', isError);
}

function fieldOfTarget(target: EventTarget | null): FormFieldName | undefined {
  const host = (target as HTMLElement | null)?.closest<HTMLElement>('[data-field]');
  return (host?.dataset.field as FormFieldName | undefined) ?? undefined;
}

function wire(form: HTMLFormElement): void {
  const onEdit = (e: Event): void => {
    const f = fieldOfTarget(e.target);
    if (f !== undefined) touched.add(f);
    if ((e.target as HTMLElement).id === 'f-value') updateSize();
    if (init !== undefined) showErrors(validateForm(init.mode, collect()));
    saveState();
  };
  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);
  form.addEventListener('click', (e) => {
    const t = e.target as HTMLElement;
    if (t.id === 'reveal') {
      const area = document.getElementById('f-value');
      const revealed = area?.classList.toggle('masked') === false;
      t.textContent = revealed ? s.hide : s.show;
      t.setAttribute('aria-pressed', String(revealed));
      updateMask();
    } else if (t.id === 'open-generator') {
      const panel = document.getElementById('generator');
      if (panel !== null) {
        panel.hidden = !panel.hidden;
        t.setAttribute('aria-expanded', String(!panel.hidden));
        if (!panel.hidden) document.getElementById('gen-length')?.focus();
      }
    } else if (t.id === 'generate') {
      requestGenerate();
    } else if (t.id === 'type-instead') {
      vscodeApi.postMessage({ type: 'dropHeld' });
      showHeld(undefined);
      document.getElementById('f-value')?.focus();
    } else if (t.id === 'add-tag') {
      const tags = document.getElementById('f-tags');
      const row = tagRow({ key: '', value: '' });
      tags?.appendChild(row);
      row.querySelector<HTMLInputElement>('.tag-key')?.focus();
      touched.add('tags');
      updateTagControls();
      if (init !== undefined) showErrors(validateForm(init.mode, collect()));
    } else if (t.classList.contains('remove-tag')) {
      t.closest('.tag-row')?.remove();
      touched.add('tags');
      updateTagControls();
      if (init !== undefined) showErrors(validateForm(init.mode, collect()));
      saveState();
    } else if (t.id === 'cancel') {
      if (hasChanges()) askDiscard();
      else vscodeApi.postMessage({ type: 'cancel' });
    } else if (t.id === 'discard') {
      vscodeApi.postMessage({ type: 'cancel' });
    } else if (t.id === 'keep-editing') {
      closeDiscard();
    } else if (t.id === 'save') {
      save();
    }
  });
  // The webview has no form permission (no navigation, no form submission): Save is a plain button.
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && document.getElementById('discard-confirm') !== null) {
      e.preventDefault();
      closeDiscard();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save();
    }
  });
}

function save(): void {
  if (init === undefined || pendingRequest !== undefined) return;
  submitted = true;
  const fields = collect();
  const errors = validateForm(init.mode, fields);
  showErrors(errors, true);
  if (Object.values(errors).some((m) => m !== undefined && m !== '')) {
    setMessage(s.fixFields, true);
    const first = document.querySelector<HTMLElement>('.field.invalid input, .field.invalid textarea');
    first?.focus();
    return;
  }
  pendingRequest = ++requestId;
  setBusy(true);
  setMessage(s.saving, false);
  vscodeApi.postMessage({ type: 'submit', requestId: pendingRequest, fields });
}

function setBusy(busy: boolean): void {
  const save = document.getElementById('save') as HTMLButtonElement | null;
  if (save !== null) save.disabled = busy;
  document.getElementById('secret-form')?.setAttribute('aria-busy', String(busy));
}

function onResult(r: FormResult): void {
  if (r.requestId !== pendingRequest) return;
  pendingRequest = undefined;
  setBusy(false);
  if (r.ok) {
    setMessage(s.saved, false);
    return;
  }
  const errors = r.errors ?? {};
  for (const k of Object.keys(errors) as FormFieldName[]) touched.add(k);
  showErrors(errors, false);
  setMessage(r.message ?? s.notSaved, true);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = event.data;
  if (!isHostToForm(msg)) return;
  if (msg.type === 'init') {
    const first = init === undefined;
    init = msg;
    s = msg.strings;
    useHostTranslations(msg.l10n);
    const saved = vscodeApi.getState() as SavedState | undefined;
    if (first || document.getElementById('secret-form') === null) {
      render(msg, saved?.key === stateKey(msg) ? saved : undefined);
    }
  } else if (msg.type === 'held') {
    showHeld(msg.chars);
  } else {
    onResult(msg);
  }
});

vscodeApi.postMessage({ type: 'ready' });

// The secret form (create, new version, edit properties). Validates as the user types with the shared rules,
// posts `submit`, and shows the host's answer next to the fields. The value is never written to the webview
// state; only the other fields are, so a hidden-and-shown panel keeps them.

import './common.css';
import './secretForm.css';
import { isHostToForm, type FormInit, type FormResult } from '../src/shared/messages';
import {
  fieldsOf,
  validateForm,
  type FormErrors,
  type FormFieldName,
  type SecretFormFields,
  type TagField,
} from '../src/shared/secretFormModel';
import { SECRET_LIMITS, utf8ByteLength } from '../src/shared/validation';
import { el, vscodeApi } from './lib/vscodeApi';

interface SavedState {
  readonly key: string;
  readonly fields: Omit<SecretFormFields, 'value'>;
}

const CONTENT_TYPES = ['text/plain', 'application/json', 'application/x-pem-file', 'application/x-pkcs12', 'application/xml', 'text/yaml'];

let init: FormInit | undefined;
let requestId = 0;
let pendingRequest: number | undefined;
const touched = new Set<FormFieldName>();
let submitted = false;

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
      return { title: 'New secret', subtitle: `in vault ${i.vaultName} · ${i.vaultUrl}`, save: 'Create Secret' };
    case 'newVersion':
      return { title: `New version of ${i.secretName ?? ''}`, subtitle: `in vault ${i.vaultName} · the new version becomes the current one`, save: 'Set New Version' };
    case 'editProperties':
      return { title: `Properties of ${i.secretName ?? ''}`, subtitle: `version ${i.version ?? ''} · vault ${i.vaultName}`, save: 'Save Properties' };
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
  const key = input('', 'text', tag.key, { 'aria-label': 'Tag name', class: 'tag-key', maxlength: String(SECRET_LIMITS.tagNameMaxLength + 1) });
  const value = input('', 'text', tag.value, { 'aria-label': 'Tag value', class: 'tag-value', maxlength: String(SECRET_LIMITS.tagValueMaxLength + 1) });
  key.removeAttribute('id');
  value.removeAttribute('id');
  const remove = el('button', { className: 'link remove-tag', text: 'Remove', attrs: { type: 'button', 'aria-label': 'Remove this tag' } });
  return el('div', { className: 'tag-row' }, key, value, remove);
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
      field('name', 'Name', input('f-name', 'text', f.name, { autocomplete: 'off', spellcheck: 'false', maxlength: '200' }), 'Letters, digits and dashes; at most 127 characters.'),
    );
  }
  if (shown.includes('value')) {
    const area = el('textarea', { className: 'masked', attrs: { id: 'f-value', rows: '6', spellcheck: 'false', autocomplete: 'off', 'aria-label': 'Value' } });
    const reveal = el('button', { className: 'secondary reveal', text: 'Show', attrs: { type: 'button', id: 'reveal', 'aria-pressed': 'false', 'aria-controls': 'f-value' } });
    const counter = el('span', { className: 'hint counter', attrs: { id: 'value-size', 'aria-live': 'polite' } });
    const wrap = el('div', { className: 'value-wrap', attrs: { id: 'value-wrap' } }, area, el('div', { className: 'value-tools' }, reveal, counter));
    wrap.id = 'f-value-wrap';
    const fv = field('value', 'Value', wrap, 'Multi-line values are kept as typed. Hidden unless you choose Show.');
    fv.querySelector('label')?.setAttribute('for', 'f-value');
    area.setAttribute('aria-describedby', 'err-value hint-value');
    form.appendChild(fv);
  }
  const ct = input('f-contentType', 'text', f.contentType, { list: 'content-types', autocomplete: 'off', spellcheck: 'false' });
  form.appendChild(field('contentType', 'Content type', ct, 'Optional. Sets the language when the value is shown (for example application/json).'));
  form.appendChild(el('datalist', { attrs: { id: 'content-types' } }, ...CONTENT_TYPES.map((c) => el('option', { attrs: { value: c } }))));

  const enabled = input('f-enabled', 'checkbox', '', {});
  enabled.checked = f.enabled;
  form.appendChild(
    el(
      'div',
      { className: 'field field-enabled', attrs: { 'data-field': 'enabled' } },
      el('label', { className: 'checkbox', attrs: { for: 'f-enabled' } }, enabled, document.createTextNode(' Enabled')),
      el('p', { className: 'hint', text: 'A disabled version cannot be read.' }),
      el('p', { className: 'error', attrs: { id: 'err-enabled', role: 'alert' } }),
    ),
  );
  const dates = el(
    'div',
    { className: 'dates' },
    field('notBefore', 'Not before (local time)', input('f-notBefore', 'datetime-local', toLocalInput(f.notBefore)), 'Optional. Informational: Key Vault still returns the value before this date; apps and policies may check it.'),
    field('expiresOn', 'Expires (local time)', input('f-expiresOn', 'datetime-local', toLocalInput(f.expiresOn)), 'Optional. Informational: Key Vault still returns the value after it expires; apps, alerts and policies use it.'),
  );
  form.appendChild(dates);

  const tags = el('div', { className: 'tags', attrs: { id: 'f-tags', role: 'group', 'aria-label': 'Tags' } }, ...f.tags.map(tagRow));
  const addTag = el('button', { className: 'secondary', text: 'Add Tag', attrs: { type: 'button', id: 'add-tag' } });
  const tagsField = field('tags', 'Tags', el('div', { attrs: { id: 'tags-wrap' } }, tags, addTag), `At most ${SECRET_LIMITS.maxTags} tags.`);
  tagsField.querySelector('label')?.removeAttribute('for');
  form.appendChild(tagsField);

  form.appendChild(el('div', { className: 'banner', attrs: { id: 'form-message', role: 'status' } }));
  form.appendChild(
    el(
      'div',
      { className: 'actions' },
      el('button', { text: h.save, attrs: { type: 'button', id: 'save' } }),
      el('button', { className: 'secondary', text: 'Cancel', attrs: { type: 'button', id: 'cancel' } }),
    ),
  );
  app.appendChild(form);
  wire(form);
  updateSize();
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
    const control = document.querySelector<HTMLElement>(`[data-field="${name}"] input:not([type=checkbox]), [data-field="${name}"] textarea`);
    if (name !== 'tags') control?.setAttribute('aria-invalid', message !== '' ? 'true' : 'false');
    document.querySelector(`[data-field="${name}"]`)?.classList.toggle('invalid', message !== '');
  }
}

function updateSize(): void {
  const counter = document.getElementById('value-size');
  if (counter === null) return;
  const bytes = utf8ByteLength(value('f-value'));
  counter.textContent = `${bytes.toLocaleString()} of ${SECRET_LIMITS.valueMaxBytes.toLocaleString()} bytes`;
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
      t.textContent = revealed ? 'Hide' : 'Show';
      t.setAttribute('aria-pressed', String(revealed));
    } else if (t.id === 'add-tag') {
      const tags = document.getElementById('f-tags');
      const row = tagRow({ key: '', value: '' });
      tags?.appendChild(row);
      row.querySelector<HTMLInputElement>('.tag-key')?.focus();
      touched.add('tags');
      if (init !== undefined) showErrors(validateForm(init.mode, collect()));
    } else if (t.classList.contains('remove-tag')) {
      t.closest('.tag-row')?.remove();
      touched.add('tags');
      if (init !== undefined) showErrors(validateForm(init.mode, collect()));
      saveState();
    } else if (t.id === 'cancel') {
      vscodeApi.postMessage({ type: 'cancel' });
    } else if (t.id === 'save') {
      save();
    }
  });
  // The webview has no form permission (no navigation, no form submission): Save is a plain button.
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
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
    setMessage('Fix the marked fields.', true);
    const first = document.querySelector<HTMLElement>('.field.invalid input, .field.invalid textarea');
    first?.focus();
    return;
  }
  pendingRequest = ++requestId;
  setBusy(true);
  setMessage('Saving…', false);
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
    setMessage('Saved.', false);
    return;
  }
  const errors = r.errors ?? {};
  for (const k of Object.keys(errors) as FormFieldName[]) touched.add(k);
  showErrors(errors, false);
  setMessage(r.message ?? 'Not saved.', true);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = event.data;
  if (!isHostToForm(msg)) return;
  if (msg.type === 'init') {
    const first = init === undefined;
    init = msg;
    const saved = vscodeApi.getState() as SavedState | undefined;
    if (first || document.getElementById('secret-form') === null) {
      render(msg, saved?.key === stateKey(msg) ? saved : undefined);
    }
  } else {
    onResult(msg);
  }
});

vscodeApi.postMessage({ type: 'ready' });

// The secret form (create, new version, edit properties). Validates as the user types with the shared rules,
// posts `submit`, and shows the host's answer next to the fields. The value is never written to the webview
// state; only the other fields are, so a hidden-and-shown panel keeps them.

import './common.css';
import './secretForm.css';
import { isHostToForm, type FormInit, type FormResult } from '../src/shared/webviewMessages/secretFormProtocol';
import {
  fieldsOf,
  meaningfulTags,
  validateForm,
  type FormErrors,
  type FormFieldName,
  type SecretFormFields,
} from '../src/shared/secretFormModel';
import { fromDateInput, toDateInput } from '../src/shared/dates';
import { fill, type FormStrings } from '../src/shared/webviewStrings';
import { useHostTranslations } from './lib/translations';
import { el, vscodeApi } from './lib/vscodeApi';
import { clearInput, field, input, value, withClear } from './secretForm/controls';
import { chosenSyntax, referenceField, updateReferencePreview } from './secretForm/referenceField';
import { addTagRow, collectTags, markTagRows, tagsField, updateTagControls } from './secretForm/tagsEditor';
import { toggleReveal, updateSize, valueField } from './secretForm/valueField';
import { showHeld, toggleGenerator, requestGenerate } from './secretForm/valueGenerator';
import { savedFormState, saveFormState, type SavedState } from './secretForm/savedState';

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
  if (shown.includes('value')) form.appendChild(valueField(s, i));
  if (i.reference !== undefined) form.appendChild(referenceField(s, i.reference, saved?.syntax));
  const ct = input('f-contentType', 'text', f.contentType, {
    list: 'content-types',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  form.appendChild(
    withClear(field('contentType', s.contentType, ct, s.contentTypeHint), ct.id, s.clear, s.clearContentType),
  );
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
    withClear(
      field(
        'notBefore',
        s.notBefore,
        input('f-notBefore', 'datetime-local', toDateInput(f.notBefore)),
        s.notBeforeHint,
      ),
      'f-notBefore',
      s.clear,
      s.clearNotBefore,
    ),
    withClear(
      field('expiresOn', s.expires, input('f-expiresOn', 'datetime-local', toDateInput(f.expiresOn)), s.expiresHint),
      'f-expiresOn',
      s.clear,
      s.clearExpires,
    ),
  );
  form.appendChild(dates);

  form.appendChild(tagsField(s, f.tags));

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
    notBefore: fromDateInput(toDateInput(i.fields.notBefore)),
    expiresOn: fromDateInput(toDateInput(i.fields.expiresOn)),
  });
  updateSize(s);
  updateReferencePreview(i.reference);
  updateTagControls(s);
  showErrors(validateForm(i.mode, collect()));
  const first = form.querySelector<HTMLElement>('input:not([type=checkbox]), textarea');
  first?.focus();
}

/* ------------------------------------------------------------------ behaviour ------------------------------------------------------------------ */

function collect(): SecretFormFields {
  return {
    name: value('f-name'),
    value: value('f-value'),
    contentType: value('f-contentType'),
    enabled: (document.getElementById('f-enabled') as HTMLInputElement | null)?.checked ?? true,
    notBefore: fromDateInput(value('f-notBefore')),
    expiresOn: fromDateInput(value('f-expiresOn')),
    tags: collectTags(),
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

/** The form's fields without the value, in one comparable string. */
function snapshot(f: SecretFormFields): string {
  return JSON.stringify([f.name, f.contentType, f.enabled, f.notBefore, f.expiresOn, meaningfulTags(f.tags)]);
}

/** Whether the user entered anything that Cancel would throw away. */
function hasChanges(): boolean {
  return value('f-value') !== '' || heldChars !== undefined || snapshot(collect()) !== pristine;
}

/** The host holds a generated value of `chars` characters (undefined: the user types the value again). */
function showHeldValue(chars: number | undefined): void {
  if (showHeld(init?.generator, chars, () => updateSize(s))) heldChars = chars;
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
  if (init !== undefined) saveFormState(init, collect(), chosenSyntax());
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
    if ((e.target as HTMLElement).id === 'f-value') updateSize(s);
    updateReferencePreview(init?.reference);
    if (init !== undefined) showErrors(validateForm(init.mode, collect()));
    saveState();
  };
  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);
  form.addEventListener('click', (e) => {
    const clicked = e.target as HTMLElement;
    if (clicked.id === 'reveal') {
      toggleReveal(s, clicked);
    } else if (clicked.id === 'open-generator') {
      toggleGenerator(clicked);
    } else if (clicked.id === 'generate') {
      requestGenerate();
    } else if (clicked.id === 'type-instead') {
      vscodeApi.postMessage({ type: 'dropHeld' });
      showHeldValue(undefined);
      document.getElementById('f-value')?.focus();
    } else if (clicked.classList.contains('clear-field')) {
      clearInput(clicked);
    } else if (clicked.id === 'add-tag') {
      addTagRow(s);
      touched.add('tags');
      updateTagControls(s);
      if (init !== undefined) showErrors(validateForm(init.mode, collect()));
    } else if (clicked.classList.contains('remove-tag')) {
      clicked.closest('.tag-row')?.remove();
      touched.add('tags');
      updateTagControls(s);
      if (init !== undefined) showErrors(validateForm(init.mode, collect()));
      saveState();
    } else if (clicked.id === 'cancel') {
      if (hasChanges()) askDiscard();
      else vscodeApi.postMessage({ type: 'cancel' });
    } else if (clicked.id === 'discard') {
      vscodeApi.postMessage({ type: 'cancel' });
    } else if (clicked.id === 'keep-editing') {
      closeDiscard();
    } else if (clicked.id === 'save') {
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
  const syntax = chosenSyntax();
  vscodeApi.postMessage({
    type: 'submit',
    requestId: pendingRequest,
    fields,
    ...(syntax !== undefined ? { syntax } : {}),
  });
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
    const saved = savedFormState(msg);
    if (first || document.getElementById('secret-form') === null) {
      render(msg, saved);
    }
  } else if (msg.type === 'held') {
    showHeldValue(msg.chars);
  } else {
    onResult(msg);
  }
});

vscodeApi.postMessage({ type: 'ready' });

// The Create Self-Signed Certificate form. Checks the fields as the user types with the shared rules, posts
// `submit`, then shows what the host says about the pending operation until Key Vault completes or fails it.
// Nothing secret is in this form; the fields are kept in the webview state so a hidden-and-shown panel keeps them.

import './common.css';
import './secretForm.css';
import {
  KEY_CHOICES,
  validateCertificateForm,
  type CertificateFieldName,
  type CertificateFormErrors,
  type CertificateFormFields,
  type CertificateTag,
  type CertContentType,
  type KeyChoice,
} from '../src/shared/certificateFormModel';
import type { CertificateFormStrings } from '../src/shared/certificateFormStrings';
import {
  isHostToCertificateForm,
  parseCertificateFields,
  type CertificateFormInit,
  type CertificateFormResult,
  type CertificateFormStatus,
} from '../src/shared/webviewMessages/certificateFormProtocol';
import { fill } from '../src/shared/webviewStrings';
import { useHostTranslations } from './lib/translations';
import { el, vscodeApi } from './lib/vscodeApi';

const KEY_LABELS: Readonly<Record<KeyChoice, string>> = {
  'RSA-2048': 'RSA 2048',
  'RSA-3072': 'RSA 3072',
  'RSA-4096': 'RSA 4096',
  'EC-P-256': 'EC P-256',
  'EC-P-384': 'EC P-384',
};

let s: CertificateFormStrings;
let requestId = 0;
let pendingRequest: number | undefined;
const touched = new Set<CertificateFieldName>();
let submitted = false;
const app = document.getElementById('app') as HTMLElement;

function field(name: CertificateFieldName, label: string, control: HTMLElement, hint?: string): HTMLElement {
  control.setAttribute('aria-describedby', hint !== undefined ? `err-${name} hint-${name}` : `err-${name}`);
  return el(
    'div',
    { className: `field field-${name}`, attrs: { 'data-field': name } },
    el('label', { text: label, attrs: { for: control.id } }),
    control,
    hint !== undefined ? el('p', { className: 'hint', text: hint, attrs: { id: `hint-${name}` } }) : null,
    el('p', { className: 'error', attrs: { id: `err-${name}`, role: 'alert' } }),
  );
}

function textInput(id: string, text: string, attrs: Record<string, string> = {}): HTMLInputElement {
  const i = el('input', { attrs: { id, type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs } });
  i.value = text;
  return i;
}

function select(id: string, options: ReadonlyArray<[string, string]>, chosen: string): HTMLSelectElement {
  const sel = el('select', { attrs: { id } });
  for (const [v, label] of options) {
    const o = el('option', { text: label, attrs: { value: v } });
    o.selected = v === chosen;
    sel.appendChild(o);
  }
  return sel;
}

function valueOf(id: string): string {
  return (
    (document.getElementById(id) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null)?.value ?? ''
  );
}

function tagsText(tags: readonly CertificateTag[]): string {
  return tags.map((tg) => `${tg.key}=${tg.value}`).join('\n');
}

function tagsOf(text: string): CertificateTag[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const eq = line.indexOf('=');
      return eq < 0
        ? { key: line.trim(), value: '' }
        : { key: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim() };
    });
}

function collect(): CertificateFormFields {
  return {
    name: valueOf('f-name'),
    subject: valueOf('f-subject'),
    dnsNames: valueOf('f-dnsNames'),
    validityMonths: valueOf('f-validityMonths'),
    keyChoice: valueOf('f-keyChoice') as KeyChoice,
    contentType: valueOf('f-contentType') as CertContentType,
    tags: tagsOf(valueOf('f-tags')),
  };
}

function render(i: CertificateFormInit, saved: CertificateFormFields | undefined): void {
  const f = saved ?? i.fields;
  app.replaceChildren();
  app.appendChild(el('h1', { text: s.title }));
  app.appendChild(el('p', { className: 'subtitle', text: fill(s.subtitle, i.vaultName, i.vaultUrl) }));
  const form = el('form', { attrs: { id: 'certificate-form', novalidate: '' } });
  const tags = el('textarea', { attrs: { id: 'f-tags', rows: '3', spellcheck: 'false' } });
  tags.value = tagsText(f.tags);
  form.append(
    field('name', s.name, textInput('f-name', f.name, { maxlength: '200' }), s.nameHint),
    field(
      'subject',
      s.subject,
      textInput('f-subject', f.subject, { placeholder: 'CN=www.example.com' }),
      s.subjectHint,
    ),
    field('dnsNames', s.dnsNames, textInput('f-dnsNames', f.dnsNames), s.dnsNamesHint),
    field(
      'validityMonths',
      s.validityMonths,
      textInput('f-validityMonths', f.validityMonths, { inputmode: 'numeric' }),
    ),
    field(
      'keyChoice',
      s.keyChoice,
      select(
        'f-keyChoice',
        KEY_CHOICES.map((k) => [k, KEY_LABELS[k]]),
        f.keyChoice,
      ),
    ),
    field(
      'contentType',
      s.contentType,
      select(
        'f-contentType',
        [
          ['application/x-pkcs12', s.pkcs12],
          ['application/x-pem-file', s.pem],
        ],
        f.contentType,
      ),
    ),
    field('tags', s.tags, tags, s.tagsHint),
    el('div', { className: 'banner', attrs: { id: 'form-message', role: 'status' } }),
    el(
      'div',
      { className: 'actions' },
      el('button', { text: s.create, attrs: { type: 'button', id: 'save' } }),
      el('button', { className: 'secondary', text: s.cancel, attrs: { type: 'button', id: 'cancel' } }),
    ),
  );
  app.appendChild(form);
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('input', (e) => {
    const name = (e.target as HTMLElement).closest<HTMLElement>('.field')?.dataset.field as CertificateFieldName;
    if (name !== undefined) touched.add(name);
    vscodeApi.setState(collect());
    showErrors(validateCertificateForm(collect()));
  });
  document.getElementById('save')?.addEventListener('click', save);
  document.getElementById('cancel')?.addEventListener('click', () => vscodeApi.postMessage({ type: 'cancel' }));
  (document.getElementById('f-name') as HTMLInputElement | null)?.focus();
}

function showErrors(errors: CertificateFormErrors, all = submitted): void {
  for (const node of document.querySelectorAll<HTMLElement>('.field')) {
    const name = node.dataset.field as CertificateFieldName;
    const message = all || touched.has(name) ? (errors[name] ?? '') : '';
    node.classList.toggle('invalid', message !== '');
    const line = node.querySelector('.error');
    if (line !== null) line.textContent = message;
  }
}

function setMessage(text: string, isError: boolean): void {
  const banner = document.getElementById('form-message');
  if (banner === null) return;
  banner.textContent = text;
  banner.classList.toggle('error', isError);
}

function setBusy(busy: boolean): void {
  const button = document.getElementById('save') as HTMLButtonElement | null;
  if (button !== null) button.disabled = busy;
  document.getElementById('certificate-form')?.setAttribute('aria-busy', String(busy));
}

function save(): void {
  if (pendingRequest !== undefined) return;
  submitted = true;
  const fields = collect();
  const errors = validateCertificateForm(fields);
  showErrors(errors, true);
  if (Object.keys(errors).length > 0) {
    setMessage(s.fixFields, true);
    document
      .querySelector<HTMLElement>('.field.invalid input, .field.invalid select, .field.invalid textarea')
      ?.focus();
    return;
  }
  pendingRequest = ++requestId;
  setBusy(true);
  setMessage(s.creating, false);
  vscodeApi.postMessage({ type: 'submit', requestId: pendingRequest, fields });
}

function onStatus(m: CertificateFormStatus): void {
  setMessage(m.message, m.state === 'failed');
}

function onResult(r: CertificateFormResult): void {
  if (r.requestId !== pendingRequest) return;
  pendingRequest = undefined;
  setBusy(false);
  if (r.ok) return;
  const errors = r.errors ?? {};
  for (const k of Object.keys(errors) as CertificateFieldName[]) touched.add(k);
  showErrors(errors, false);
  setMessage(r.message ?? s.fixFields, true);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = event.data;
  if (!isHostToCertificateForm(msg)) return;
  if (msg.type === 'init') {
    s = msg.strings;
    useHostTranslations(msg.l10n);
    if (document.getElementById('certificate-form') === null) {
      const saved = parseCertificateFields(vscodeApi.getState());
      render(msg, saved.ok ? saved.message : undefined);
    }
  } else if (msg.type === 'status') onStatus(msg);
  else onResult(msg);
});

vscodeApi.postMessage({ type: 'ready' });

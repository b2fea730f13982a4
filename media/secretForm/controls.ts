// The form's building blocks: a labelled field with its hint and error line, an input, and reading a control.

import type { FormFieldName } from '../../src/shared/secretFormModel';
import { el } from '../lib/vscodeApi';

/** A field: its label, the control, an optional hint and the error line a screen reader hears (role=alert). */
export function field(name: FormFieldName, label: string, control: HTMLElement, hint?: string): HTMLElement {
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

export function input(id: string, type: string, value: string, attrs: Record<string, string> = {}): HTMLInputElement {
  const i = el('input', { attrs: { id, type, ...attrs } });
  i.value = value;
  return i;
}

/** The text of the input or textarea with this id ('' when there is none). */
export function value(id: string): string {
  return (document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement | null)?.value ?? '';
}

/**
 * Adds a Clear button after the input of a field (the dates, the content type): it empties the input and tells the
 * form as typing would, so the value is removed when the form is saved. Its label names what it clears.
 */
export function withClear(fieldEl: HTMLElement, inputId: string, text: string, label: string): HTMLElement {
  const button = el('button', {
    className: 'secondary clear-field',
    text,
    attrs: { type: 'button', id: `clear-${inputId}`, 'data-clears': inputId, 'aria-label': label },
  });
  fieldEl.querySelector(`#${inputId}`)?.after(button);
  return fieldEl;
}

/** The Clear button was pressed: empty its input, announce the edit, and leave the focus on the input. */
export function clearInput(button: HTMLElement): void {
  const target = document.getElementById(button.dataset.clears ?? '') as HTMLInputElement | null;
  if (target === null || target.value === '') return;
  target.value = '';
  target.dispatchEvent(new Event('input', { bubbles: true }));
  target.focus();
}

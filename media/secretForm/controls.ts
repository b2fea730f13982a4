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

// Move to Key Vault's reference choice: which syntax replaces the value in the file (the default is what the
// file's readers understand), and the exact reference that will be written, updated as the name is typed.

import type { ReferenceChoice } from '../../src/shared/webviewMessages/secretFormProtocol';
import type { ReferenceSyntax } from '../../src/shared/references/referenceModel';
import { formatReference, isReferenceSyntax } from '../../src/shared/references/referenceText';
import { validateSecretName } from '../../src/shared/validation';
import { fill, type FormStrings } from '../../src/shared/webviewStrings';
import { el } from '../lib/vscodeApi';
import { value } from './controls';

/** The name shown in the preview while the typed one is not a valid secret name yet. */
const PLACEHOLDER_NAME = 'secret-name';

/** The choice's field; `restored` is the syntax chosen before the panel was hidden, kept when it is one offered. */
export function referenceField(s: FormStrings, choice: ReferenceChoice, restored?: string): HTMLElement {
  const select = el(
    'select',
    { attrs: { id: 'f-syntax' } },
    ...choice.options.map((o) => el('option', { text: o.label, attrs: { value: o.syntax } })),
  );
  // The preview and the hint describe the choice.
  select.setAttribute('aria-describedby', ['reference-preview', 'hint-syntax'].join(' '));
  select.value = choice.options.find((o) => o.syntax === restored)?.syntax ?? choice.selected;
  return el(
    'div',
    { className: 'field field-syntax', attrs: { 'data-reference': '' } },
    el('label', { text: fill(s.reference, choice.fileName), attrs: { for: 'f-syntax' } }),
    select,
    el('code', {
      className: 'reference-preview',
      // Read out as the select's description (a code element may not carry a name of its own).
      attrs: { id: 'reference-preview', 'aria-live': 'polite' },
    }),
    el('p', { className: 'hint', text: s.referenceHint, attrs: { id: 'hint-syntax' } }),
  );
}

/** The syntax chosen, when the form has a reference choice. */
export function chosenSyntax(): ReferenceSyntax | undefined {
  const v = value('f-syntax');
  return isReferenceSyntax(v) ? v : undefined;
}

/** Shows the reference that will be written for the name typed now, in the syntax chosen. */
export function updateReferencePreview(choice: ReferenceChoice | undefined): void {
  const box = document.getElementById('reference-preview');
  const syntax = chosenSyntax();
  if (choice === undefined || box === null || syntax === undefined) return;
  const typed = value('f-name').trim();
  const name = validateSecretName(typed) === undefined ? typed : PLACEHOLDER_NAME;
  box.textContent = formatReference(syntax, { ...choice.target, name }) ?? '';
}

// The form's value field: a masked text box (a fixed mask covers it while hidden, so neither its length nor its
// lines show), Show/Hide, the size counter against the service's limit, and Generate Value's controls. When the
// host holds the value (Move to Key Vault), a read-only note with its length stands in for the box.

import type { FormInit } from '../../src/shared/webviewMessages/secretFormProtocol';
import { SECRET_LIMITS, utf8ByteLength } from '../../src/shared/validation';
import { fill, type FormStrings } from '../../src/shared/webviewStrings';
import { el } from '../lib/vscodeApi';
import { field, value } from './controls';
import { generatorPanel } from './valueGenerator';

export function valueField(s: FormStrings, i: FormInit): HTMLElement {
  if (i.heldValueChars !== undefined) {
    // The host holds the value (Move to Key Vault): it is never sent here, only its length.
    const n = i.heldValueChars;
    const note = el('p', {
      className: 'held-value',
      // Named after its setting when the user selected nothing (the quick fix on a line).
      text:
        i.heldValueKey !== undefined
          ? fill(n === 1 ? s.heldSettingOne : s.heldSettingMany, n.toLocaleString(), i.heldValueKey)
          : fill(n === 1 ? s.heldValueOne : s.heldValueMany, n.toLocaleString()),
      attrs: { id: 'f-value-held', tabindex: '0' },
    });
    const fv = field('value', s.value, note, s.heldValueHint);
    fv.querySelector('label')?.setAttribute('for', 'f-value-held');
    return fv;
  }
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
  return fv;
}

/** The size counter: bytes of the value against the service's limit, and by how much it is over. */
export function updateSize(s: FormStrings): void {
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

/** Show/Hide: the value box unmasked or masked again. */
export function toggleReveal(s: FormStrings, button: HTMLElement): void {
  const area = document.getElementById('f-value');
  const revealed = area?.classList.toggle('masked') === false;
  button.textContent = revealed ? s.hide : s.show;
  button.setAttribute('aria-pressed', String(revealed));
  updateMask();
}

// Generate Value in the form: the length and character sets, checked by the shared rule and posted; the host
// draws the value and keeps it. While it holds one, the value box stays masked and empty and says how long the
// value is; "Type a Value Instead" gives the box back.

import { checkGenerateOptions, CHARACTER_SET_NAMES, type CharacterSet } from '../../src/shared/generateValue';
import type { GeneratorInit } from '../../src/shared/webviewMessages/secretFormProtocol';
import { el, vscodeApi } from '../lib/vscodeApi';
import { input, value } from './controls';

/** Generate Value's choices: length and character sets (the host draws the value and keeps it). */
export function generatorPanel(g: GeneratorInit): HTMLElement {
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

/** The generator's choices shown or hidden (its length focused when shown). */
export function toggleGenerator(button: HTMLElement): void {
  const panel = document.getElementById('generator');
  if (panel === null) return;
  panel.hidden = !panel.hidden;
  button.setAttribute('aria-expanded', String(!panel.hidden));
  if (!panel.hidden) document.getElementById('gen-length')?.focus();
}

/** The choices in the generator panel; posts them when the shared rule accepts them, else says why. */
export function requestGenerate(): void {
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
 * `updateSize` redraws the counter for the box as it is now. False when the form has no generator.
 */
export function showHeld(g: GeneratorInit | undefined, chars: number | undefined, updateSize: () => void): boolean {
  const area = document.getElementById('f-value') as HTMLTextAreaElement | null;
  if (area === null || g === undefined) return false;
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
    if (counter !== null) counter.textContent = g.labels.held.replace('{0}', chars.toLocaleString());
    const mask = document.getElementById('value-mask');
    if (mask !== null) mask.hidden = false;
    const panel = document.getElementById('generator');
    if (panel !== null) panel.hidden = true;
    document.getElementById('open-generator')?.setAttribute('aria-expanded', 'false');
  }
  return true;
}

// What the secret form keeps while its panel is hidden (VS Code's webview state): the fields but never the value,
// and Move to Key Vault's reference syntax; kept per form (mode, vault, secret, version), so another form's state
// is never restored into this one.

import type { SecretFormFields } from '../../src/shared/secretFormModel';
import type { FormInit } from '../../src/shared/webviewMessages/secretFormProtocol';
import { vscodeApi } from '../lib/vscodeApi';

export interface SavedState {
  readonly key: string;
  readonly fields: Omit<SecretFormFields, 'value'>;
  /** Move to Key Vault: the reference syntax chosen. */
  readonly syntax?: string;
}

function stateKey(i: FormInit): string {
  return [i.mode, i.vaultUrl, i.secretName ?? '', i.version ?? ''].join('|');
}

/** Keeps the fields (the value left out) and the syntax chosen. */
export function saveFormState(init: FormInit, fields: SecretFormFields, syntax: string | undefined): void {
  const { value: _value, ...rest } = fields;
  const state: SavedState = { key: stateKey(init), fields: rest, ...(syntax !== undefined ? { syntax } : {}) };
  vscodeApi.setState(state);
}

/** The state kept for this form, if any. */
export function savedFormState(init: FormInit): SavedState | undefined {
  const saved = vscodeApi.getState() as SavedState | undefined;
  return saved?.key === stateKey(init) ? saved : undefined;
}

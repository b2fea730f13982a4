// The secret form's protocol (media/secretForm.ts): what the host sends it and what it may post back. No secret
// value ever travels host -> webview; the form's `submit` carries the value the user typed, once.

import {
  FORM_FIELD_NAMES,
  type FormErrors,
  type FormFieldName,
  type SecretFormFields,
  type SecretFormMode,
} from '../secretFormModel';
import { checkGenerateOptions, type CharacterSet, type GenerateOptions } from '../generateValue';
import type { L10nBundle } from '../l10n';
import type { ReferenceSyntax } from '../references/referenceModel';
import { isReferenceSyntax, type ReferenceTarget } from '../references/referenceText';
import type { FormStrings } from '../webviewStrings';
import {
  isRecord,
  isRequestId,
  isText,
  onlyKeys,
  parseTagRows,
  parseWebviewMessage,
  type MessageRules,
  type Parsed,
  type ReadyMessage,
} from './validate';

export interface FormInit {
  readonly type: 'init';
  readonly mode: SecretFormMode;
  readonly vaultName: string;
  readonly vaultUrl: string;
  /** Known secret name (newVersion, editProperties). */
  readonly secretName?: string;
  /** The version being edited (editProperties). */
  readonly version?: string;
  /** The host holds the value (Move to Key Vault): its length in characters; the value itself is never sent. */
  readonly heldValueChars?: number;
  /** The setting whose value the host holds, when it was not selected (the quick fix on a line). */
  readonly heldValueKey?: string;
  /** Move to Key Vault: the reference that will replace the value, and the syntaxes the user may choose. */
  readonly reference?: ReferenceChoice;
  /** Initial field values; `value` is always ''. */
  readonly fields: SecretFormFields;
  /** Generate Value (create and new version, when the host holds no value): its bounds and labels. */
  readonly generator?: GeneratorInit;
  /** The form's words, translated by the host. */
  readonly strings: FormStrings;
  /** The current translations (`vscode.l10n.bundle`), for the messages the shared rules make in the webview. */
  readonly l10n?: L10nBundle;
}

/** What the form's Generate Value needs: the length bounds and its labels (localised on the host). */
export interface GeneratorInit {
  readonly minLength: number;
  readonly maxLength: number;
  readonly defaults: GenerateOptions;
  readonly labels: {
    readonly open: string;
    readonly length: string;
    readonly sets: { readonly [S in CharacterSet]: string };
    readonly generate: string;
    /** "{0}" = the length: the note shown instead of the value once one was generated. */
    readonly held: string;
    readonly typeInstead: string;
  };
}

/** The reference Move to Key Vault will write: the form shows it as the name is typed, in the syntax chosen. */
export interface ReferenceChoice {
  /** The file the reference goes into (its base name). */
  readonly fileName: string;
  /** What it points at, but the secret's name (the form's name field). */
  readonly target: Omit<ReferenceTarget, 'name'>;
  /** The syntaxes this target can be written in, with their labels; the default first. */
  readonly options: ReadonlyArray<{ readonly syntax: ReferenceSyntax; readonly label: string }>;
  /** The default: what the file's readers understand (preferredSyntax). */
  readonly selected: ReferenceSyntax;
}

/** The host generated a value and holds it (it is never sent here): the form shows its length, masked. */
export interface FormHeld {
  readonly type: 'held';
  readonly chars: number;
}

export interface FormResult {
  readonly type: 'result';
  readonly requestId: number;
  readonly ok: boolean;
  /** A refusal not tied to one field, in plain words. */
  readonly message?: string;
  /** Refusals tied to fields (ours or the service's). */
  readonly errors?: FormErrors;
}

export type HostToForm = FormInit | FormResult | FormHeld;

export interface FormSubmit {
  readonly type: 'submit';
  readonly requestId: number;
  readonly fields: SecretFormFields;
  /** The reference syntax chosen (a form with a reference choice only). */
  readonly syntax?: ReferenceSyntax;
}
export interface FormCancel {
  readonly type: 'cancel';
}

/** Generate Value: the host draws a value of this length from these sets and holds it for the submit. */
export interface FormGenerate {
  readonly type: 'generate';
  readonly length: number;
  readonly sets: readonly CharacterSet[];
}
/** The user chose to type a value instead of the generated one: the host forgets it. */
export interface FormDropHeld {
  readonly type: 'dropHeld';
}

export type FormToHost = ReadyMessage | FormSubmit | FormCancel | FormGenerate | FormDropHeld;

const MAX_TEXT = 64 * 1024;
const MAX_L10N_ENTRIES = 10_000;
const MAX_L10N_TEXT = 4096;

/** A translation bundle from the host: absent, or a bounded record of short strings to short strings. */
export function isL10nBundle(x: unknown): x is L10nBundle | undefined {
  if (x === undefined) return true;
  if (!isRecord(x)) return false;
  const entries = Object.entries(x);
  return (
    entries.length <= MAX_L10N_ENTRIES &&
    entries.every(([k, v]) => k.length <= MAX_L10N_TEXT && isText(v, MAX_L10N_TEXT))
  );
}

export function parseFormFields(x: unknown): Parsed<SecretFormFields> {
  if (!isRecord(x)) return { ok: false, reason: 'fields must be an object' };
  const extra = onlyKeys(x, FORM_FIELD_NAMES);
  if (extra !== undefined) return { ok: false, reason: `fields: ${extra}` };
  const { name, value, contentType, enabled, notBefore, expiresOn } = x;
  if (!isText(name, 1024)) return { ok: false, reason: 'name must be a string' };
  if (!isText(value, MAX_TEXT)) return { ok: false, reason: 'value must be a string of at most 64 KB' };
  if (!isText(contentType, 1024)) return { ok: false, reason: 'contentType must be a string' };
  if (typeof enabled !== 'boolean') return { ok: false, reason: 'enabled must be a boolean' };
  if (!isText(notBefore, 64) || !isText(expiresOn, 64)) return { ok: false, reason: 'dates must be short strings' };
  const tags = parseTagRows(x.tags);
  if (typeof tags === 'string') return { ok: false, reason: tags };
  return { ok: true, message: { name, value, contentType, enabled, notBefore, expiresOn, tags } };
}

const FORM_RULES: MessageRules<FormToHost> = {
  ready: {},
  cancel: {},
  dropHeld: {},
  generate: {
    keys: ['length', 'sets'],
    read: (x) => {
      const problem = checkGenerateOptions({ length: x.length, sets: x.sets });
      if (problem !== undefined) return problem;
      const options = x as unknown as GenerateOptions;
      return { type: 'generate', length: options.length, sets: [...options.sets] };
    },
  },
  submit: {
    keys: ['requestId', 'fields', 'syntax'],
    read: (x) => {
      if (!isRequestId(x.requestId)) return 'requestId must be a non-negative integer';
      if (x.syntax !== undefined && !isReferenceSyntax(x.syntax)) return 'syntax must be a reference syntax';
      const fields = parseFormFields(x.fields);
      if (!fields.ok) return fields.reason;
      return {
        type: 'submit',
        requestId: x.requestId,
        fields: fields.message,
        ...(x.syntax !== undefined ? { syntax: x.syntax } : {}),
      };
    },
  },
};

/** Validates anything the secret form posted. */
export function parseFormMessage(x: unknown): Parsed<FormToHost> {
  return parseWebviewMessage(x, FORM_RULES);
}

/** The front end's guard for what the host posts. */
export function isHostToForm(x: unknown): x is HostToForm {
  if (!isRecord(x)) return false;
  if (x.type === 'init')
    return typeof x.mode === 'string' && isRecord(x.fields) && isRecord(x.strings) && isL10nBundle(x.l10n);
  if (x.type === 'result') return isRequestId(x.requestId) && typeof x.ok === 'boolean';
  if (x.type === 'held') return typeof x.chars === 'number';
  return false;
}

export function isFormFieldName(x: unknown): x is FormFieldName {
  return typeof x === 'string' && (FORM_FIELD_NAMES as readonly string[]).includes(x);
}

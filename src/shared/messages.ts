// The messages between the extension host and its two webviews (the secret form and the secret details panel),
// as discriminated unions, with runtime validators the host applies to everything a webview sends.
// A webview is the less trusted side: nothing it posts is used before `parse*` has accepted it.
// No secret value ever travels host -> webview. The form's `submit` carries the value the user typed, once.

import {
  FORM_FIELD_NAMES,
  type FormErrors,
  type FormFieldName,
  type SecretFormFields,
  type SecretFormMode,
  type TagField,
} from './secretFormModel';
import { checkGenerateOptions, type CharacterSet, type GenerateOptions } from './generateValue';
import { isSecretVersion } from './validation';
import type { L10nBundle } from './l10n';
import type { DetailsStrings, FormStrings } from './webviewStrings';

/* ---------------------------------------------------------------- secret form ---------------------------------------------------------------- */

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

export interface FormReady {
  readonly type: 'ready';
}
export interface FormSubmit {
  readonly type: 'submit';
  readonly requestId: number;
  readonly fields: SecretFormFields;
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

export type FormToHost = FormReady | FormSubmit | FormCancel | FormGenerate | FormDropHeld;

/* -------------------------------------------------------------- secret details -------------------------------------------------------------- */

/** Properties the details panel shows for a secret or a version: metadata only, dates as ISO strings. */
export interface PropertiesView {
  readonly enabled: boolean;
  readonly contentType?: string;
  readonly createdOn?: string;
  readonly updatedOn?: string;
  readonly notBefore?: string;
  readonly expiresOn?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** One version as the details panel shows it. */
export interface VersionView extends PropertiesView {
  readonly version: string;
  readonly current: boolean;
}

export interface DetailsView extends PropertiesView {
  readonly vaultName: string;
  readonly vaultUrl: string;
  readonly name: string;
  readonly id: string;
  readonly deleted: boolean;
  readonly managed: boolean;
  readonly recoveryLevel?: string;
  readonly recoverableDays?: number;
  readonly deletedOn?: string;
  readonly scheduledPurgeDate?: string;
  readonly canPurge: boolean;
  readonly versions: readonly VersionView[];
  /** More versions exist than were loaded. */
  readonly moreVersions: boolean;
}

export interface DetailsState {
  readonly type: 'details';
  readonly view?: DetailsView;
  readonly loading: boolean;
  readonly error?: string;
}

/** A state as sent: with the panel's words, translated by the host. */
export type HostToDetails = DetailsState & { readonly strings: DetailsStrings };

export const DETAILS_ACTIONS = [
  'refresh',
  'showValue',
  'showProperties',
  'copyValue',
  'copyId',
  'copyVersionedId',
  'copyReference',
  'newVersion',
  'editProperties',
  'enable',
  'disable',
  'compareWithPrevious',
  'makeVersionCurrent',
  'backup',
  'delete',
  'recover',
  'purge',
] as const;
export type DetailsAction = (typeof DETAILS_ACTIONS)[number];

export interface DetailsActionMessage {
  readonly type: 'action';
  readonly action: DetailsAction;
  /** The version the action applies to; absent = the secret (latest). */
  readonly version?: string;
}

export type DetailsToHost = FormReady | DetailsActionMessage;

/* ------------------------------------------------------------------ validation ------------------------------------------------------------------ */

export type Parsed<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly reason: string };

const MAX_TEXT = 64 * 1024;
const MAX_TAG_ROWS = 100;

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function onlyKeys(x: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  for (const k of Object.keys(x)) if (!allowed.includes(k)) return `unexpected property "${k}"`;
  return undefined;
}

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

function isText(x: unknown, max = MAX_TEXT): x is string {
  return typeof x === 'string' && x.length <= max;
}

function isRequestId(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

function parseTags(x: unknown): TagField[] | string {
  if (!Array.isArray(x)) return 'tags must be a list';
  if (x.length > MAX_TAG_ROWS) return 'too many tag rows';
  const out: TagField[] = [];
  for (const row of x as unknown[]) {
    if (!isRecord(row)) return 'a tag row must be an object';
    const extra = onlyKeys(row, ['key', 'value']);
    if (extra !== undefined) return `tag row: ${extra}`;
    if (!isText(row.key, 1024) || !isText(row.value, 1024)) return 'a tag key and value must be short strings';
    out.push({ key: row.key, value: row.value });
  }
  return out;
}

export function parseFormFields(x: unknown): Parsed<SecretFormFields> {
  if (!isRecord(x)) return { ok: false, reason: 'fields must be an object' };
  const extra = onlyKeys(x, FORM_FIELD_NAMES);
  if (extra !== undefined) return { ok: false, reason: `fields: ${extra}` };
  const { name, value, contentType, enabled, notBefore, expiresOn } = x;
  if (!isText(name, 1024)) return { ok: false, reason: 'name must be a string' };
  if (!isText(value)) return { ok: false, reason: 'value must be a string of at most 64 KB' };
  if (!isText(contentType, 1024)) return { ok: false, reason: 'contentType must be a string' };
  if (typeof enabled !== 'boolean') return { ok: false, reason: 'enabled must be a boolean' };
  if (!isText(notBefore, 64) || !isText(expiresOn, 64)) return { ok: false, reason: 'dates must be short strings' };
  const tags = parseTags(x.tags);
  if (typeof tags === 'string') return { ok: false, reason: tags };
  return { ok: true, message: { name, value, contentType, enabled, notBefore, expiresOn, tags } };
}

/** Validates anything the secret form posted. */
export function parseFormMessage(x: unknown): Parsed<FormToHost> {
  if (!isRecord(x)) return { ok: false, reason: 'a message must be an object' };
  switch (x.type) {
    case 'ready':
    case 'cancel':
    case 'dropHeld': {
      const extra = onlyKeys(x, ['type']);
      return extra === undefined ? { ok: true, message: { type: x.type } } : { ok: false, reason: extra };
    }
    case 'generate': {
      const extra = onlyKeys(x, ['type', 'length', 'sets']);
      if (extra !== undefined) return { ok: false, reason: extra };
      const problem = checkGenerateOptions({ length: x.length, sets: x.sets });
      if (problem !== undefined) return { ok: false, reason: problem };
      const options = x as unknown as GenerateOptions;
      return { ok: true, message: { type: 'generate', length: options.length, sets: [...options.sets] } };
    }
    case 'submit': {
      const extra = onlyKeys(x, ['type', 'requestId', 'fields']);
      if (extra !== undefined) return { ok: false, reason: extra };
      if (!isRequestId(x.requestId)) return { ok: false, reason: 'requestId must be a non-negative integer' };
      const fields = parseFormFields(x.fields);
      if (!fields.ok) return fields;
      return { ok: true, message: { type: 'submit', requestId: x.requestId, fields: fields.message } };
    }
    default:
      return {
        ok: false,
        reason: `unknown message type ${JSON.stringify(typeof x.type === 'string' ? x.type.slice(0, 40) : typeof x.type)}`,
      };
  }
}

export function isDetailsAction(x: unknown): x is DetailsAction {
  return typeof x === 'string' && (DETAILS_ACTIONS as readonly string[]).includes(x);
}

/** Validates anything the details panel posted. */
export function parseDetailsMessage(x: unknown): Parsed<DetailsToHost> {
  if (!isRecord(x)) return { ok: false, reason: 'a message must be an object' };
  switch (x.type) {
    case 'ready': {
      const extra = onlyKeys(x, ['type']);
      return extra === undefined ? { ok: true, message: { type: 'ready' } } : { ok: false, reason: extra };
    }
    case 'action': {
      const extra = onlyKeys(x, ['type', 'action', 'version']);
      if (extra !== undefined) return { ok: false, reason: extra };
      if (!isDetailsAction(x.action)) return { ok: false, reason: 'unknown action' };
      if (x.version === undefined) return { ok: true, message: { type: 'action', action: x.action } };
      if (!isSecretVersion(x.version)) return { ok: false, reason: 'version must be a version id' };
      return { ok: true, message: { type: 'action', action: x.action, version: x.version } };
    }
    default:
      return { ok: false, reason: 'unknown message type' };
  }
}

/* ------------------------------------------------ host -> webview guards (used by the front end) ------------------------------------------------ */

export function isHostToForm(x: unknown): x is HostToForm {
  if (!isRecord(x)) return false;
  if (x.type === 'init')
    return typeof x.mode === 'string' && isRecord(x.fields) && isRecord(x.strings) && isL10nBundle(x.l10n);
  if (x.type === 'result') return isRequestId(x.requestId) && typeof x.ok === 'boolean';
  if (x.type === 'held') return typeof x.chars === 'number';
  return false;
}

export function isHostToDetails(x: unknown): x is HostToDetails {
  return isRecord(x) && x.type === 'details' && typeof x.loading === 'boolean' && isRecord(x.strings);
}

export function isFormFieldName(x: unknown): x is FormFieldName {
  return typeof x === 'string' && (FORM_FIELD_NAMES as readonly string[]).includes(x);
}

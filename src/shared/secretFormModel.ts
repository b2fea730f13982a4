// The secret form as plain data, shared by the webview (validation as the user types) and the host
// (the same validation before anything is sent). Pure: no `vscode`, no DOM, no Node APIs.

import {
  MAX_DATE_TIME_TEXT,
  parseIsoDateTime,
  validateDates,
  validateSecretFields,
  validateSecretName,
} from './validation';
import { t } from './l10n';

export type SecretFormMode = 'create' | 'newVersion' | 'editProperties';

export interface TagField {
  readonly key: string;
  readonly value: string;
}

/**
 * What the form holds, as the user typed it. Dates are ISO 8601 strings (UTC) or '' for none; the webview
 * converts its local date-time inputs before sending.
 */
export interface SecretFormFields {
  readonly name: string;
  readonly value: string;
  readonly contentType: string;
  readonly enabled: boolean;
  readonly notBefore: string;
  readonly expiresOn: string;
  readonly tags: readonly TagField[];
}

export type FormFieldName = 'name' | 'value' | 'contentType' | 'enabled' | 'notBefore' | 'expiresOn' | 'tags';

export const FORM_FIELD_NAMES: readonly FormFieldName[] = [
  'name',
  'value',
  'contentType',
  'enabled',
  'notBefore',
  'expiresOn',
  'tags',
];

export type FormErrors = Partial<Record<FormFieldName, string>>;

/** Which fields a mode shows. */
export function fieldsOf(mode: SecretFormMode): readonly FormFieldName[] {
  switch (mode) {
    case 'create':
      return FORM_FIELD_NAMES;
    case 'newVersion':
      return FORM_FIELD_NAMES.filter((f) => f !== 'name');
    case 'editProperties':
      return FORM_FIELD_NAMES.filter((f) => f !== 'name' && f !== 'value');
  }
}

export function emptyFields(): SecretFormFields {
  return { name: '', value: '', contentType: '', enabled: true, notBefore: '', expiresOn: '', tags: [] };
}

/** Parses a date field (strict ISO 8601, as the webview sends it); '' is "no date". Undefined for anything else. */
export function parseDateField(text: string): Date | null | undefined {
  if (text.length > MAX_DATE_TIME_TEXT) return undefined;
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return parseIsoDateTime(trimmed);
}

/** The tags that will be sent: rows with an empty key and value are ignored (the blank row of the editor). */
export function meaningfulTags(tags: readonly TagField[]): readonly TagField[] {
  return tags.filter((tag) => tag.key.trim() !== '' || tag.value !== '');
}

export function tagsRecord(tags: readonly TagField[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of meaningfulTags(tags)) out[tag.key.trim()] = tag.value;
  return out;
}

/** Same-key tags are a user mistake the service would silently merge: report them. */
export function duplicateTagKeys(tags: readonly TagField[]): readonly string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const tag of meaningfulTags(tags)) {
    const k = tag.key.trim();
    if (seen.has(k)) dup.add(k);
    seen.add(k);
  }
  return [...dup];
}

/** The message a service `badParameter` refusal maps to, by the field it names (the service's words otherwise). */
export function formFieldOf(serviceField: string | undefined): FormFieldName | undefined {
  if (serviceField === undefined) return undefined;
  const f = serviceField.toLowerCase();
  if (f === 'name' || f === 'secretname' || f === 'secret-name') return 'name';
  if (f === 'value') return 'value';
  if (f === 'contenttype' || f === 'content_type' || f === 'contentype') return 'contentType';
  if (f === 'nbf' || f === 'notbefore' || f === 'attributes.nbf') return 'notBefore';
  if (f === 'exp' || f === 'expires' || f === 'expireson' || f === 'attributes.exp') return 'expiresOn';
  if (f === 'tags' || f.startsWith('tags.')) return 'tags';
  if (f === 'enabled' || f === 'attributes.enabled') return 'enabled';
  return undefined;
}

/** Whether any error concerns a field the mode shows (others are ignored: they cannot be fixed here). */
export function hasErrors(errors: FormErrors): boolean {
  return Object.values(errors).some((m) => m !== undefined && m !== '');
}

/** The form's rules: the shared Key Vault input rules plus the form's own (readable dates, no duplicate tag keys). */
export function validateForm(mode: SecretFormMode, fields: SecretFormFields): FormErrors {
  const errors: FormErrors = {};
  const shown = fieldsOf(mode);
  if (shown.includes('name')) {
    const m = validateSecretName(fields.name.trim());
    if (m !== undefined) errors.name = m;
  }
  const notBefore = parseDateField(fields.notBefore);
  const expiresOn = parseDateField(fields.expiresOn);
  if (notBefore === undefined) errors.notBefore = t('Enter a valid "not before" date and time.');
  if (expiresOn === undefined) errors.expiresOn = t('Enter a valid expiry date and time.');
  const tags = meaningfulTags(fields.tags);
  const shared = validateSecretFields({
    value: shown.includes('value') ? fields.value : undefined,
    contentType: fields.contentType,
    enabled: fields.enabled,
    tags: tagsRecord(tags),
  });
  Object.assign(errors, shared);
  if (errors.tags === undefined) {
    if (tags.some((tag) => tag.key.trim() === '')) errors.tags = t('A tag name cannot be empty.');
    else {
      const dup = duplicateTagKeys(tags);
      if (dup.length > 0) errors.tags = t('Tag "{0}" appears more than once.', dup[0]);
    }
  }
  if (notBefore !== undefined && expiresOn !== undefined) {
    Object.assign(errors, validateDates(notBefore ?? undefined, expiresOn ?? undefined));
  }
  for (const k of Object.keys(errors) as FormFieldName[]) if (!shown.includes(k)) delete errors[k];
  return errors;
}

/** What SetSecret receives (create, new version). Call only when `validateForm` found nothing. */
export interface SecretInputData {
  readonly value: string;
  readonly contentType?: string;
  readonly enabled: boolean;
  readonly notBefore?: Date;
  readonly expiresOn?: Date;
  readonly tags: Record<string, string>;
}

export function toSecretInput(fields: SecretFormFields): SecretInputData {
  const notBefore = parseDateField(fields.notBefore) ?? undefined;
  const expiresOn = parseDateField(fields.expiresOn) ?? undefined;
  const contentType = fields.contentType.trim();
  return {
    value: fields.value,
    ...(contentType !== '' ? { contentType } : {}),
    enabled: fields.enabled,
    ...(notBefore !== undefined ? { notBefore } : {}),
    ...(expiresOn !== undefined ? { expiresOn } : {}),
    tags: tagsRecord(fields.tags),
  };
}

/** What UpdateSecret receives; `null` removes the content type or a date. */
export interface PropertiesUpdateData extends Omit<
  SecretInputData,
  'value' | 'contentType' | 'notBefore' | 'expiresOn'
> {
  readonly contentType?: string | null;
  readonly notBefore?: Date | null;
  readonly expiresOn?: Date | null;
}

/**
 * What UpdateSecret receives: every field of the form (tags replace the old ones). A field the user emptied that had
 * a value when the form opened (`initial`; unknown counts as had) is sent as `null`, which clears it; one that was
 * empty already is left out.
 */
export function toPropertiesUpdate(fields: SecretFormFields, initial?: SecretFormFields): PropertiesUpdateData {
  const { value: _value, ...rest } = toSecretInput({ ...fields, value: '' });
  const cleared = (key: 'contentType' | 'notBefore' | 'expiresOn'): boolean =>
    fields[key].trim() === '' && (initial === undefined || initial[key].trim() !== '');
  return {
    ...rest,
    ...(cleared('contentType') ? { contentType: null } : {}),
    ...(cleared('notBefore') ? { notBefore: null } : {}),
    ...(cleared('expiresOn') ? { expiresOn: null } : {}),
  };
}

/** Initial form fields from known properties (never a value). */
export function fieldsFromProperties(p: {
  readonly contentType?: string;
  readonly enabled: boolean;
  readonly notBefore?: Date;
  readonly expiresOn?: Date;
  readonly tags: Readonly<Record<string, string>>;
}): SecretFormFields {
  return {
    name: '',
    value: '',
    contentType: p.contentType ?? '',
    enabled: p.enabled,
    notBefore: p.notBefore?.toISOString() ?? '',
    expiresOn: p.expiresOn?.toISOString() ?? '',
    tags: Object.entries(p.tags).map(([key, value]) => ({ key, value })),
  };
}

// The secret form as plain data, shared by the webview (validation as the user types) and the host
// (the same validation before anything is sent). Pure: no `vscode`, no DOM, no Node APIs.

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

export const FORM_FIELD_NAMES: readonly FormFieldName[] = ['name', 'value', 'contentType', 'enabled', 'notBefore', 'expiresOn', 'tags'];

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

/** Parses an ISO date field; '' is "no date". Returns undefined for an unreadable date. */
export function parseDateField(text: string): Date | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const d = new Date(trimmed);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The tags that will be sent: rows with an empty key and value are ignored (the blank row of the editor). */
export function meaningfulTags(tags: readonly TagField[]): readonly TagField[] {
  return tags.filter((t) => t.key.trim() !== '' || t.value !== '');
}

export function tagsRecord(tags: readonly TagField[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of meaningfulTags(tags)) out[t.key.trim()] = t.value;
  return out;
}

/** Same-key tags are a user mistake the service would silently merge: report them. */
export function duplicateTagKeys(tags: readonly TagField[]): readonly string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const t of meaningfulTags(tags)) {
    const k = t.key.trim();
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

import { t } from './l10n';
// Input rules of the Key Vault secrets API, checked before any request is sent.
// Pure code: used by the vault layer and by the webview forms (no `vscode`, no Node APIs).

export const SECRET_LIMITS = {
  /** Object names: 1..127 of 0-9 a-z A-Z and dash. */
  nameMaxLength: 127,
  /** Secret values: at most 25 KB, counted in UTF-8 bytes. */
  valueMaxBytes: 25 * 1024,
  contentTypeMaxLength: 255,
  maxTags: 15,
  tagNameMaxLength: 256,
  tagValueMaxLength: 256,
} as const;

/** The one secret-name rule (object names of the Key Vault API). */
export const SECRET_NAME_PATTERN = /^[0-9a-zA-Z-]{1,127}$/;
/**
 * The one version-id rule: letters and digits, 1..64. Key Vault (and the local server) mint 32 hex digits; the
 * wider rule keeps ids of other emulators readable while still refusing anything that could be a path (`/`,
 * `..`, `%`) or markup. The vault layer, the webview messages and the document URIs all use this one.
 */
export const SECRET_VERSION_PATTERN = /^[0-9a-zA-Z]{1,64}$/;

export function isSecretName(x: unknown): x is string {
  return typeof x === 'string' && SECRET_NAME_PATTERN.test(x);
}

export function isSecretVersion(x: unknown): x is string {
  return typeof x === 'string' && SECRET_VERSION_PATTERN.test(x);
}

/** The message for a version id that does not follow the rule (the id shown shortened, as data). */
export function validateSecretVersion(version: unknown): string | undefined {
  if (isSecretVersion(version)) return undefined;
  const shown = typeof version === 'string' ? JSON.stringify(version.slice(0, 40)) : typeof version;
  return t('{0} is not a secret version id (letters and digits only).', shown);
}

/** The fields a secret form has; the keys of a validation result. */
export type SecretField = 'name' | 'value' | 'contentType' | 'enabled' | 'notBefore' | 'expiresOn' | 'tags';

/** One message per field at fault; an empty object means valid. */
export type FieldErrors = Partial<Record<SecretField, string>>;

export interface SecretFieldsInput {
  readonly value?: string;
  readonly contentType?: string;
  readonly enabled?: boolean;
  readonly notBefore?: Date;
  readonly expiresOn?: Date;
  readonly tags?: Readonly<Record<string, string>>;
}

const encoder = new TextEncoder();

/** Size of a string in UTF-8 bytes (what the service counts). */
export function utf8ByteLength(text: string): number {
  return encoder.encode(text).byteLength;
}

export function validateSecretName(name: string): string | undefined {
  if (name.length === 0) return t('Enter a secret name.');
  if (name.length > SECRET_LIMITS.nameMaxLength) {
    return t(
      'A secret name can be at most {0} characters (this one has {1}).',
      SECRET_LIMITS.nameMaxLength,
      name.length,
    );
  }
  if (!SECRET_NAME_PATTERN.test(name))
    return t('A secret name can contain only letters (a-z, A-Z), digits (0-9) and dashes (-).');
  return undefined;
}

/**
 * The same name rule for a certificate or a key (Key Vault names all three alike), in words that say which:
 * `noun` is the translated object type ("key", "certificate").
 */
export function validateItemName(name: string, noun: string): string | undefined {
  if (name.length === 0) return t('Enter a {0} name.', noun);
  if (name.length > SECRET_LIMITS.nameMaxLength) {
    return t(
      'A {0} name can be at most {1} characters (this one has {2}).',
      noun,
      SECRET_LIMITS.nameMaxLength,
      name.length,
    );
  }
  if (!SECRET_NAME_PATTERN.test(name))
    return t('A {0} name can contain only letters (a-z, A-Z), digits (0-9) and dashes (-).', noun);
  return undefined;
}

/** The value's size only: its content is never read into a message. */
export function validateSecretValue(value: string): string | undefined {
  const bytes = utf8ByteLength(value);
  if (bytes > SECRET_LIMITS.valueMaxBytes) {
    return t(
      'A secret value can be at most 25 KB ({0} bytes in UTF-8); this one is {1} bytes.',
      SECRET_LIMITS.valueMaxBytes,
      bytes,
    );
  }
  return undefined;
}

export function validateContentType(contentType: string): string | undefined {
  if (contentType.length > SECRET_LIMITS.contentTypeMaxLength) {
    return t(
      'A content type can be at most {0} characters (this one has {1}).',
      SECRET_LIMITS.contentTypeMaxLength,
      contentType.length,
    );
  }
  return undefined;
}

export function validateTags(tags: Readonly<Record<string, string>>): string | undefined {
  const entries = Object.entries(tags);
  if (entries.length > SECRET_LIMITS.maxTags) {
    return t('A secret can have at most {0} tags (this one has {1}).', SECRET_LIMITS.maxTags, entries.length);
  }
  for (const [tagName, tagValue] of entries) {
    if (tagName.trim().length === 0) return t('A tag name cannot be empty.');
    if (tagName.length > SECRET_LIMITS.tagNameMaxLength) {
      return t('Tag name "{0}" is too long: at most {1} characters.', shorten(tagName), SECRET_LIMITS.tagNameMaxLength);
    }
    if (typeof tagValue !== 'string') return t('Tag "{0}" needs a text value.', shorten(tagName));
    if (tagValue.length > SECRET_LIMITS.tagValueMaxLength) {
      return t(
        'The value of tag "{0}" is too long: at most {1} characters.',
        shorten(tagName),
        SECRET_LIMITS.tagValueMaxLength,
      );
    }
  }
  return undefined;
}

/** The most text read as a date-time (35 characters, and room for spaces around them). */
export const MAX_DATE_TIME_TEXT = 100;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Strict ISO 8601 date-time, as the webview sends dates: `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z` or `±HH:MM`.
 * Every field is range-checked (no 2026-02-30, no 24:00); years 1970..9999 (Key Vault stores Unix seconds).
 * Anything else (`Date.parse`'s lenient forms, numbers, words) is undefined.
 */
export function parseIsoDateTime(text: unknown): Date | undefined {
  // The longest date-time is 35 characters: longer text (spaces around it included) is not one, unread.
  if (typeof text !== 'string' || text.length > MAX_DATE_TIME_TEXT) return undefined;
  const m = ISO_DATE_TIME.exec(text.trim());
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (year < 1970 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return undefined;
  if (m[8] !== 'Z' && (Number(m[9]) > 23 || Number(m[10]) > 59)) return undefined;
  const date = new Date(text.trim());
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function isValidDate(date: unknown): date is Date {
  return date instanceof Date && !Number.isNaN(date.getTime());
}

/** Checks each date, then that not-before comes before expires. */
export function validateDates(
  notBefore: Date | undefined,
  expiresOn: Date | undefined,
): Pick<FieldErrors, 'notBefore' | 'expiresOn'> {
  const errors: { notBefore?: string; expiresOn?: string } = {};
  if (notBefore !== undefined && !isValidDate(notBefore))
    errors.notBefore = t('Enter a valid "not before" date and time.');
  if (expiresOn !== undefined && !isValidDate(expiresOn)) errors.expiresOn = t('Enter a valid expiry date and time.');
  if (
    errors.notBefore === undefined &&
    errors.expiresOn === undefined &&
    notBefore !== undefined &&
    expiresOn !== undefined
  ) {
    if (notBefore.getTime() >= expiresOn.getTime())
      errors.expiresOn = t('The expiry date must be after the "not before" date.');
  }
  return errors;
}

/** Validates the fields that are present (so it serves both SetSecret and UpdateSecret). */
export function validateSecretFields(input: SecretFieldsInput): FieldErrors {
  const errors: FieldErrors = {};
  if (input.value !== undefined) {
    const message =
      typeof input.value === 'string' ? validateSecretValue(input.value) : t('A secret value must be text.');
    if (message !== undefined) errors.value = message;
  }
  if (input.contentType !== undefined) {
    const message = validateContentType(input.contentType);
    if (message !== undefined) errors.contentType = message;
  }
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean')
    errors.enabled = t('Enabled must be on or off.');
  if (input.tags !== undefined) {
    const message = validateTags(input.tags);
    if (message !== undefined) errors.tags = message;
  }
  Object.assign(errors, validateDates(input.notBefore, input.expiresOn));
  return errors;
}

/** SetSecret: a name and a value are required. */
export function validateNewSecret(name: string, input: SecretFieldsInput & { readonly value: string }): FieldErrors {
  const errors: FieldErrors = {};
  const nameMessage = validateSecretName(name);
  if (nameMessage !== undefined) errors.name = nameMessage;
  return { ...errors, ...validateSecretFields(input) };
}

/** UpdateSecret: no value is sent. */
/**
 * What UpdateSecret may change: the fields present are set; `null` clears the content type, the "not before" or the
 * expiry date (the service reads an explicit null in the PATCH body as "remove"; an absent field stays as it is).
 */
export interface PropertiesUpdateInput extends Omit<
  SecretFieldsInput,
  'value' | 'contentType' | 'notBefore' | 'expiresOn'
> {
  readonly contentType?: string | null;
  readonly notBefore?: Date | null;
  readonly expiresOn?: Date | null;
}

export function validatePropertiesUpdate(name: string, update: PropertiesUpdateInput): FieldErrors {
  const errors: FieldErrors = {};
  const nameMessage = validateSecretName(name);
  if (nameMessage !== undefined) errors.name = nameMessage;
  const { contentType, notBefore, expiresOn, ...rest } = update;
  const fields: SecretFieldsInput = {
    ...rest,
    ...(contentType !== undefined && contentType !== null ? { contentType } : {}),
    ...(notBefore !== undefined && notBefore !== null ? { notBefore } : {}),
    ...(expiresOn !== undefined && expiresOn !== null ? { expiresOn } : {}),
  };
  return { ...errors, ...validateSecretFields(fields) };
}

/** The first field at fault, in form order, or undefined when valid. */
export function firstFieldError(errors: FieldErrors): { field: SecretField; message: string } | undefined {
  const order: readonly SecretField[] = ['name', 'value', 'contentType', 'enabled', 'notBefore', 'expiresOn', 'tags'];
  for (const field of order) {
    const message = errors[field];
    if (message !== undefined) return { field, message };
  }
  return undefined;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

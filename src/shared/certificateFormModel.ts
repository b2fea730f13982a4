// The Create Self-Signed Certificate form's fields and their rules, shared by the webview (checks as the user types)
// and the host (checks again before any request). The rules are the service's (CERTS-KEYS.md §1.4, §3.1, §5): the
// one name rule, a subject of known attribute=value parts, DNS names as SANs, validity 1..1200 months, RSA 2048 /
// 3072 / 4096 or EC P-256 / P-384, PKCS#12 or PEM (every key type goes with either content type).

import { t } from './l10n';
import { SECRET_LIMITS, SECRET_NAME_PATTERN, validateTags } from './validation';

export const KEY_CHOICES = ['RSA-2048', 'RSA-3072', 'RSA-4096', 'EC-P-256', 'EC-P-384'] as const;
export type KeyChoice = (typeof KEY_CHOICES)[number];

export const CERT_CONTENT_TYPES = ['application/x-pkcs12', 'application/x-pem-file'] as const;
export type CertContentType = (typeof CERT_CONTENT_TYPES)[number];

export const VALIDITY_LIMITS = { min: 1, max: 1200 } as const;
/** The most DNS names the form sends (the service's own limit is not documented; this keeps a request small). */
export const MAX_DNS_NAMES = 100;

export interface CertificateTag {
  readonly key: string;
  readonly value: string;
}

/** The form's fields as typed (text), before they become a request. */
export interface CertificateFormFields {
  readonly name: string;
  readonly subject: string;
  /** DNS names, separated by commas, spaces or new lines. */
  readonly dnsNames: string;
  readonly validityMonths: string;
  readonly keyChoice: KeyChoice;
  readonly contentType: CertContentType;
  readonly tags: readonly CertificateTag[];
}

export type CertificateFieldName =
  'name' | 'subject' | 'dnsNames' | 'validityMonths' | 'keyChoice' | 'contentType' | 'tags';
export const CERTIFICATE_FIELD_NAMES: readonly CertificateFieldName[] = [
  'name',
  'subject',
  'dnsNames',
  'validityMonths',
  'keyChoice',
  'contentType',
  'tags',
];
export type CertificateFormErrors = Partial<Record<CertificateFieldName, string>>;

export function emptyCertificateFields(): CertificateFormFields {
  return {
    name: '',
    subject: '',
    dnsNames: '',
    validityMonths: '12',
    keyChoice: 'RSA-2048',
    contentType: 'application/x-pkcs12',
    tags: [],
  };
}

/** The subject attributes Key Vault accepts (CN=…, O=…, …), upper-case. */
const SUBJECT_ATTRIBUTES = new Set([
  'CN',
  'O',
  'OU',
  'C',
  'L',
  'S',
  'ST',
  'STREET',
  'E',
  'EMAILADDRESS',
  'DC',
  'SERIALNUMBER',
]);
const MAX_SUBJECT = 1024;
/** A DNS name or a wildcard one: labels of letters, digits and dashes, not starting or ending with a dash. */
const DNS_NAME = /^(\*\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)*[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

export function validateCertificateName(name: string): string | undefined {
  if (name.length === 0) return t('Enter a certificate name.');
  if (name.length > SECRET_LIMITS.nameMaxLength)
    return t(
      'A certificate name can be at most {0} characters (this one has {1}).',
      SECRET_LIMITS.nameMaxLength,
      name.length,
    );
  if (!SECRET_NAME_PATTERN.test(name))
    return t('A certificate name can contain only letters (a-z, A-Z), digits (0-9) and dashes (-).');
  return undefined;
}

export function validateSubject(subject: string): string | undefined {
  const text = subject.trim();
  if (text === '') return t('Enter a subject, such as CN=www.example.com.');
  if (text.length > MAX_SUBJECT) return t('A subject can be at most {0} characters.', MAX_SUBJECT);
  const parts = text.split(/,(?=\s*[A-Za-z.]+\s*=)/).map((p) => p.trim());
  for (const part of parts) {
    const eq = part.indexOf('=');
    const attribute = eq < 1 ? '' : part.slice(0, eq).trim().toUpperCase();
    if (!SUBJECT_ATTRIBUTES.has(attribute) || part.slice(eq + 1).trim() === '')
      return t(
        'The subject must be attribute=value parts separated by commas, such as CN=www.example.com, O=Contoso (attributes CN, O, OU, L, S, C, E, DC).',
      );
  }
  return undefined;
}

/** The DNS names typed (commas, spaces or new lines between them), without empty entries. */
export function dnsNamesOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
}

export function validateDnsNames(text: string): string | undefined {
  const names = dnsNamesOf(text);
  if (names.length > MAX_DNS_NAMES) return t('At most {0} DNS names.', MAX_DNS_NAMES);
  const bad = names.find((n) => n.length > 253 || !DNS_NAME.test(n));
  return bad === undefined
    ? undefined
    : t('"{0}" is not a DNS name (letters, digits, dashes and dots, such as www.example.com).', bad.slice(0, 80));
}

export function validateValidity(text: string): string | undefined {
  const trimmed = text.trim();
  const months = /^\d{1,5}$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isInteger(months) || months < VALIDITY_LIMITS.min || months > VALIDITY_LIMITS.max)
    return t('Validity is a whole number of months from {0} to {1}.', VALIDITY_LIMITS.min, VALIDITY_LIMITS.max);
  return undefined;
}

function tagRecord(tags: readonly CertificateTag[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, value } of tags) if (key.trim() !== '' || value !== '') out[key.trim()] = value;
  return out;
}

export function validateCertificateForm(f: CertificateFormFields): CertificateFormErrors {
  const errors: CertificateFormErrors = {};
  const name = validateCertificateName(f.name.trim());
  if (name !== undefined) errors.name = name;
  const subject = validateSubject(f.subject);
  if (subject !== undefined) errors.subject = subject;
  const dns = validateDnsNames(f.dnsNames);
  if (dns !== undefined) errors.dnsNames = dns;
  const validity = validateValidity(f.validityMonths);
  if (validity !== undefined) errors.validityMonths = validity;
  if (!KEY_CHOICES.includes(f.keyChoice)) errors.keyChoice = t('Choose a key type.');
  if (!CERT_CONTENT_TYPES.includes(f.contentType)) errors.contentType = t('Choose PKCS#12 or PEM.');
  const named = f.tags.filter((tg) => tg.key.trim() !== '' || tg.value !== '');
  if (named.some((tg) => tg.key.trim() === '')) errors.tags = t('A tag name cannot be empty.');
  else {
    const tags = validateTags(tagRecord(named));
    if (tags !== undefined) errors.tags = tags;
  }
  return errors;
}

export function hasCertificateErrors(errors: CertificateFormErrors): boolean {
  return Object.keys(errors).length > 0;
}

/** What the vault layer's beginCreate takes, from valid fields. */
export function newCertificateRequest(f: CertificateFormFields): {
  readonly name: string;
  readonly input: {
    readonly subject: string;
    readonly dnsNames: readonly string[];
    readonly validityMonths: number;
    readonly keyType: 'RSA' | 'EC';
    readonly keySize?: number;
    readonly keyCurve?: string;
    readonly contentType: CertContentType;
    readonly tags?: Readonly<Record<string, string>>;
  };
} {
  const rsa = f.keyChoice.startsWith('RSA-');
  const tags = tagRecord(f.tags);
  return {
    name: f.name.trim(),
    input: {
      subject: f.subject.trim(),
      dnsNames: dnsNamesOf(f.dnsNames),
      validityMonths: Number(f.validityMonths.trim()),
      keyType: rsa ? 'RSA' : 'EC',
      ...(rsa ? { keySize: Number(f.keyChoice.slice(4)) } : { keyCurve: f.keyChoice.slice(3) }),
      contentType: f.contentType,
      ...(Object.keys(tags).length > 0 ? { tags } : {}),
    },
  };
}

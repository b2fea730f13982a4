// The Create Self-Signed Certificate form's protocol (media/certificateForm.ts): what the host sends it and what it
// may post back. Nothing secret travels either way: the form holds a name, a subject, DNS names and tags.

import {
  CERT_CONTENT_TYPES,
  CERTIFICATE_FIELD_NAMES,
  KEY_CHOICES,
  type CertificateFieldName,
  type CertificateFormErrors,
  type CertificateFormFields,
  type CertContentType,
  type KeyChoice,
} from '../certificateFormModel';
import type { CertificateFormStrings } from '../certificateFormStrings';
import type { L10nBundle } from '../l10n';
import { isL10nBundle } from './secretFormProtocol';
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

export interface CertificateFormInit {
  readonly type: 'init';
  readonly vaultName: string;
  readonly vaultUrl: string;
  readonly fields: CertificateFormFields;
  readonly strings: CertificateFormStrings;
  readonly l10n?: L10nBundle;
}

/** Where the creation is: sent, waiting on Key Vault (its own words), done, failed, or no longer waited on. */
export interface CertificateFormStatus {
  readonly type: 'status';
  readonly state: 'sending' | 'inProgress' | 'completed' | 'failed' | 'stopped';
  readonly message: string;
}

export interface CertificateFormResult {
  readonly type: 'result';
  readonly requestId: number;
  readonly ok: boolean;
  readonly message?: string;
  readonly errors?: CertificateFormErrors;
}

export type HostToCertificateForm = CertificateFormInit | CertificateFormStatus | CertificateFormResult;

export interface CertificateFormSubmit {
  readonly type: 'submit';
  readonly requestId: number;
  readonly fields: CertificateFormFields;
}
export interface CertificateFormCancel {
  readonly type: 'cancel';
}
export type CertificateFormToHost = ReadyMessage | CertificateFormSubmit | CertificateFormCancel;

export function parseCertificateFields(x: unknown): Parsed<CertificateFormFields> {
  if (!isRecord(x)) return { ok: false, reason: 'fields must be an object' };
  const extra = onlyKeys(x, CERTIFICATE_FIELD_NAMES);
  if (extra !== undefined) return { ok: false, reason: `fields: ${extra}` };
  const { name, subject, dnsNames, validityMonths, keyChoice, contentType } = x;
  if (!isText(name, 1024)) return { ok: false, reason: 'name must be a short string' };
  if (!isText(subject, 4096)) return { ok: false, reason: 'subject must be a string of at most 4096 characters' };
  if (!isText(dnsNames, 64 * 1024)) return { ok: false, reason: 'dnsNames must be a string of at most 64 KB' };
  if (!isText(validityMonths, 16)) return { ok: false, reason: 'validityMonths must be a short string' };
  if (typeof keyChoice !== 'string' || !(KEY_CHOICES as readonly string[]).includes(keyChoice))
    return { ok: false, reason: 'keyChoice must be one of the key types offered' };
  if (typeof contentType !== 'string' || !(CERT_CONTENT_TYPES as readonly string[]).includes(contentType))
    return { ok: false, reason: 'contentType must be PKCS#12 or PEM' };
  const tags = parseTagRows(x.tags);
  if (typeof tags === 'string') return { ok: false, reason: tags };
  return {
    ok: true,
    message: {
      name,
      subject,
      dnsNames,
      validityMonths,
      keyChoice: keyChoice as KeyChoice,
      contentType: contentType as CertContentType,
      tags,
    },
  };
}

const RULES: MessageRules<CertificateFormToHost> = {
  ready: {},
  cancel: {},
  submit: {
    keys: ['requestId', 'fields'],
    read: (x) => {
      if (!isRequestId(x.requestId)) return 'requestId must be a non-negative integer';
      const fields = parseCertificateFields(x.fields);
      if (!fields.ok) return fields.reason;
      return { type: 'submit', requestId: x.requestId, fields: fields.message };
    },
  },
};

/** Validates anything the certificate form posted. */
export function parseCertificateFormMessage(x: unknown): Parsed<CertificateFormToHost> {
  return parseWebviewMessage(x, RULES);
}

/** The front end's guard for what the host posts. */
export function isHostToCertificateForm(x: unknown): x is HostToCertificateForm {
  if (!isRecord(x)) return false;
  if (x.type === 'init') return isRecord(x.fields) && isRecord(x.strings) && isL10nBundle(x.l10n);
  if (x.type === 'status') return typeof x.state === 'string' && typeof x.message === 'string';
  if (x.type === 'result') return isRequestId(x.requestId) && typeof x.ok === 'boolean';
  return false;
}

export function isCertificateFieldName(x: unknown): x is CertificateFieldName {
  return typeof x === 'string' && (CERTIFICATE_FIELD_NAMES as readonly string[]).includes(x);
}

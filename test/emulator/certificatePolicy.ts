// A certificate's policy as the service fills it in (CERTS-KEYS.md §3.2 defaults, §3.5 the policy derived from an
// imported certificate), validated before anything is generated.

import type { KeyObject } from 'node:crypto';
import { badParameter, type KvReply } from './errors';
import { CURVES, type Kty } from './keys';
import { describeCertificate, parseSubject, type Sans } from './x509';

export const PFX = 'application/x-pkcs12';
export const PEM = 'application/x-pem-file';
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

export interface Policy {
  key_props: { exportable: boolean; kty: Kty; key_size?: number; reuse_key: boolean; crv?: string };
  secret_props: { contentType: string };
  x509_props: {
    subject: string;
    sans?: Sans;
    ekus: string[];
    key_usage: string[];
    validity_months: number;
    basic_constraints: { ca: boolean };
  };
  lifetime_actions: Array<{ trigger: Record<string, number>; action: { action_type: string } }>;
  issuer: Record<string, unknown> & { name: string };
  attributes: { enabled: boolean; created: number; updated: number };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? [...v] : undefined;

/**
 * The request's policy (create, import or a PATCH over `base`) with the service's defaults filled in; a 400 when a
 * member is of the wrong kind. Members the request leaves out keep `base`'s value.
 */
export function normalizePolicy(input: unknown, nowS: number, base?: Policy): Policy | KvReply {
  if (input !== undefined && input !== null && !isRecord(input)) {
    return badParameter('The parameter policy is invalid.');
  }
  const p = rec(input);
  const kp = rec(p.key_props);
  const sp = rec(p.secret_props);
  const xp = rec(p.x509_props);
  const kty = kp.kty ?? base?.key_props.kty ?? 'RSA';
  if (typeof kty !== 'string' || !['RSA', 'RSA-HSM', 'EC', 'EC-HSM'].includes(kty)) {
    return badParameter(`The parameter policy.key_props.kty is invalid: ${JSON.stringify(kty)}.`);
  }
  const rsa = kty.startsWith('RSA');
  const keySize = kp.key_size ?? (base?.key_props.kty === kty ? base.key_props.key_size : undefined) ?? 2048;
  if (rsa && (typeof keySize !== 'number' || ![2048, 3072, 4096].includes(keySize))) {
    return badParameter(`The parameter policy.key_props.key_size is invalid: ${JSON.stringify(keySize)}.`);
  }
  const crv = kp.crv ?? (base?.key_props.kty === kty ? base.key_props.crv : undefined) ?? 'P-256';
  if (!rsa && (typeof crv !== 'string' || CURVES[crv] === undefined)) {
    return badParameter(`The parameter policy.key_props.crv is invalid: ${JSON.stringify(crv)}.`);
  }
  const contentType = sp.contentType ?? base?.secret_props.contentType ?? PFX;
  if (contentType !== PFX && contentType !== PEM) {
    return badParameter(`The parameter policy.secret_props.contentType is invalid: ${JSON.stringify(contentType)}.`);
  }
  const subject = xp.subject ?? base?.x509_props.subject;
  if (typeof subject !== 'string' || parseSubject(subject) === undefined) {
    return badParameter(
      'The parameter policy.x509_props.subject is invalid: a subject such as CN=example is required.',
    );
  }
  const months = xp.validity_months ?? base?.x509_props.validity_months ?? 12;
  if (typeof months !== 'number' || !Number.isInteger(months) || months < 1 || months > 1200) {
    return badParameter('The parameter policy.x509_props.validity_months is invalid.');
  }
  const ekus = xp.ekus === undefined ? (base?.x509_props.ekus ?? [SERVER_AUTH, CLIENT_AUTH]) : strings(xp.ekus);
  const usage =
    xp.key_usage === undefined
      ? (base?.x509_props.key_usage ?? ['digitalSignature', 'keyEncipherment'])
      : strings(xp.key_usage);
  if (!ekus || !usage) {
    return badParameter('The parameters policy.x509_props.ekus and key_usage must be arrays of strings.');
  }
  const sans = xp.sans === undefined ? base?.x509_props.sans : isRecord(xp.sans) ? (xp.sans as Sans) : undefined;
  const issuer = p.issuer === undefined ? (base?.issuer ?? { name: 'Self' }) : rec(p.issuer);
  if (typeof issuer.name !== 'string' || issuer.name === '') {
    return badParameter('The parameter policy.issuer.name is required.');
  }
  const actions = p.lifetime_actions ??
    base?.lifetime_actions ?? [{ trigger: { lifetime_percentage: 80 }, action: { action_type: 'AutoRenew' } }];
  if (!Array.isArray(actions)) {
    return badParameter('The parameter policy.lifetime_actions is invalid.');
  }
  const attrs = rec(p.attributes);
  const keyProps: Policy['key_props'] = {
    exportable: typeof kp.exportable === 'boolean' ? kp.exportable : (base?.key_props.exportable ?? true),
    kty: kty as Kty,
    reuse_key: typeof kp.reuse_key === 'boolean' ? kp.reuse_key : (base?.key_props.reuse_key ?? false),
  };
  if (rsa) keyProps.key_size = keySize as number;
  else keyProps.crv = crv as string;
  return {
    key_props: keyProps,
    secret_props: { contentType },
    x509_props: {
      subject,
      ...(sans === undefined ? {} : { sans }),
      ekus,
      key_usage: usage,
      validity_months: months,
      basic_constraints: { ca: base?.x509_props.basic_constraints.ca ?? false },
    },
    lifetime_actions: actions as Policy['lifetime_actions'],
    issuer: { ...issuer, name: issuer.name },
    attributes: {
      enabled: typeof attrs.enabled === 'boolean' ? attrs.enabled : (base?.attributes.enabled ?? true),
      created: base?.attributes.created ?? nowS,
      updated: nowS,
    },
  };
}

/**
 * The policy of an imported certificate: x509_props always from the certificate, key_props from its key, issuer
 * `Unknown` with `EmailContacts` unless the request's policy names its own.
 */
export function importedPolicy(
  requested: unknown,
  cerDer: Buffer,
  key: KeyObject,
  contentType: string,
  nowS: number,
  previous?: Policy,
): Policy {
  const d = describeCertificate(cerDer);
  const r = rec(requested);
  const rsa = key.asymmetricKeyType === 'rsa';
  const crv = Object.entries(CURVES).find(([, n]) => n === key.asymmetricKeyDetails?.namedCurve)?.[0];
  return {
    key_props: {
      exportable: rec(r.key_props).exportable !== false,
      kty: rsa ? 'RSA' : 'EC',
      ...(rsa ? { key_size: key.asymmetricKeyDetails?.modulusLength ?? 2048 } : { crv: crv ?? 'P-256' }),
      reuse_key: false,
    },
    secret_props: { contentType },
    x509_props: {
      subject: d.subject,
      ekus: d.ekus,
      key_usage: d.keyUsage,
      validity_months: Math.max(1, Math.round((d.notAfter - d.notBefore) / (86400 * 30.44))),
      basic_constraints: { ca: d.ca },
    },
    lifetime_actions: Array.isArray(r.lifetime_actions)
      ? (r.lifetime_actions as Policy['lifetime_actions'])
      : [{ trigger: { lifetime_percentage: 80 }, action: { action_type: 'EmailContacts' } }],
    issuer:
      isRecord(r.issuer) && typeof r.issuer.name === 'string'
        ? { ...r.issuer, name: r.issuer.name }
        : { name: 'Unknown' },
    attributes: { enabled: true, created: previous?.attributes.created ?? nowS, updated: nowS },
  };
}

/** Unix seconds `months` calendar months after `fromS`. */
export function addMonths(fromS: number, months: number): number {
  const d = new Date(fromS * 1000);
  d.setUTCMonth(d.getUTCMonth() + months);
  return Math.floor(d.getTime() / 1000);
}

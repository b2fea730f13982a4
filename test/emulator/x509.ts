// X.509 for the local server's certificates: self-signed certificates and CSRs built as DER (node-forge's ASN.1
// encoder) and signed by Node's crypto (RSA and EC alike), PEM and PKCS#12 in and out, subjects parsed and rendered.

import {
  createHash,
  createPrivateKey,
  createPublicKey,
  randomBytes,
  sign,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';

const { asn1 } = forge;
const U = asn1.Class.UNIVERSAL;
const CTX = asn1.Class.CONTEXT_SPECIFIC;

type Node = forge.asn1.Asn1;

const bin = (b: Buffer): string => b.toString('binary');
const seq = (items: Node[]): Node => asn1.create(U, asn1.Type.SEQUENCE, true, items);
const oid = (id: string): Node => asn1.create(U, asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
const octets = (b: string): Node => asn1.create(U, asn1.Type.OCTETSTRING, false, b);
const der = (n: Node): Buffer => Buffer.from(asn1.toDer(n).getBytes(), 'binary');
const fromDer = (b: Buffer): Node => asn1.fromDer(forge.util.createBuffer(bin(b)));

/** Attribute names a policy subject may use, and the OIDs they stand for. */
const NAME_OIDS: Readonly<Record<string, string>> = {
  CN: '2.5.4.3',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  C: '2.5.4.6',
  L: '2.5.4.7',
  S: '2.5.4.8',
  ST: '2.5.4.8',
  STREET: '2.5.4.9',
  E: '1.2.840.113549.1.9.1',
  EMAILADDRESS: '1.2.840.113549.1.9.1',
  DC: '0.9.2342.19200300.100.1.25',
  SERIALNUMBER: '2.5.4.5',
};
/** How the service writes each attribute when it renders a certificate's subject (S for state, E for e-mail). */
const NAME_LABELS: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'S',
  '2.5.4.9': 'STREET',
  '1.2.840.113549.1.9.1': 'E',
  '0.9.2342.19200300.100.1.25': 'DC',
  '2.5.4.5': 'SERIALNUMBER',
};

/** Parses "CN=a, O=b" into attribute pairs; undefined when a part is not NAME=value with a known name. */
export function parseSubject(subject: string): Array<[string, string]> | undefined {
  const parts = subject
    .split(/,(?=\s*[A-Za-z.]+\s*=)/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const out: Array<[string, string]> = [];
  for (const p of parts) {
    const eq = p.indexOf('=');
    const id = NAME_OIDS[p.slice(0, eq).trim().toUpperCase()];
    const value = p.slice(eq + 1).trim();
    if (eq < 1 || id === undefined || value === '') {
      return undefined;
    }
    out.push([id, value]);
  }
  return out.length > 0 ? out : undefined;
}

function name(attrs: ReadonlyArray<[string, string]>): Node {
  return seq(
    attrs.map(([id, value]) =>
      asn1.create(U, asn1.Type.SET, true, [
        seq([
          oid(id),
          id === '2.5.4.6'
            ? asn1.create(U, asn1.Type.PRINTABLESTRING, false, value)
            : id === '1.2.840.113549.1.9.1' || id === '0.9.2342.19200300.100.1.25'
              ? asn1.create(U, asn1.Type.IA5STRING, false, value)
              : asn1.create(U, asn1.Type.UTF8, false, forge.util.encodeUtf8(value)),
        ]),
      ]),
    ),
  );
}

/** A certificate's subject as the service renders it for an imported certificate: last RDN first, S= for state. */
export function renderSubject(cert: X509Certificate): string {
  const attrs = cert.subject.split('\n').filter((l) => l !== '');
  const label: Readonly<Record<string, string>> = { ST: 'S', emailAddress: 'E' };
  return attrs
    .reverse()
    .map((l) => {
      const eq = l.indexOf('=');
      const k = l.slice(0, eq);
      return `${label[k] ?? NAME_LABELS[NAME_OIDS[k.toUpperCase()] ?? ''] ?? k}=${l.slice(eq + 1)}`;
    })
    .join(', ');
}

export const KEY_USAGE_BITS: readonly string[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

function keyUsage(usages: readonly string[]): Node | undefined {
  const bits = usages.map((u) => KEY_USAGE_BITS.indexOf(u)).filter((i) => i >= 0);
  if (bits.length === 0) {
    return undefined;
  }
  const last = Math.max(...bits);
  const bytes = Buffer.alloc((last >> 3) + 1);
  for (const i of bits) {
    bytes[i >> 3] = (bytes[i >> 3] ?? 0) | (0x80 >> (i & 7));
  }
  const unused = bytes.length * 8 - (last + 1);
  return asn1.create(U, asn1.Type.BITSTRING, false, String.fromCharCode(unused) + bin(bytes));
}

export interface Sans {
  readonly emails?: readonly string[];
  readonly dns_names?: readonly string[];
  readonly upns?: readonly string[];
  readonly uris?: readonly string[];
  readonly ipAddresses?: readonly string[];
}

function ipBytes(ip: string): string {
  if (isIP(ip) === 4) {
    return String.fromCharCode(...ip.split('.').map(Number));
  }
  // IPv6: expand "::" and write eight 16-bit groups.
  const [head = '', tail] = ip.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return bin(Buffer.from(groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff])));
}

function subjectAltName(s: Sans): Node | undefined {
  const names: Node[] = [
    ...(s.emails ?? []).map((e) => asn1.create(CTX, 1, false, e)),
    ...(s.dns_names ?? []).map((d) => asn1.create(CTX, 2, false, d)),
    ...(s.uris ?? []).map((u) => asn1.create(CTX, 6, false, u)),
    ...(s.ipAddresses ?? []).filter((ip) => isIP(ip) !== 0).map((ip) => asn1.create(CTX, 7, false, ipBytes(ip))),
    ...(s.upns ?? []).map((u) =>
      asn1.create(CTX, 0, true, [
        oid('1.3.6.1.4.1.311.20.2.3'),
        asn1.create(CTX, 0, true, [asn1.create(U, asn1.Type.UTF8, false, forge.util.encodeUtf8(u))]),
      ]),
    ),
  ];
  return names.length === 0 ? undefined : seq(names);
}

function extension(id: string, critical: boolean, value: Node): Node {
  const parts = [oid(id)];
  if (critical) {
    parts.push(asn1.create(U, asn1.Type.BOOLEAN, false, '\xff'));
  }
  parts.push(octets(asn1.toDer(value).getBytes()));
  return seq(parts);
}

export interface CertificateRequest {
  readonly subject: ReadonlyArray<[string, string]>;
  readonly sans: Sans;
  readonly ekus: readonly string[];
  readonly keyUsage: readonly string[];
  readonly ca: boolean;
  /** Unix seconds. */
  readonly notBefore: number;
  readonly notAfter: number;
  readonly privateKey: KeyObject;
}

/** The signature algorithm and digest for a key: SHA-256 with RSA, ECDSA with the curve's own digest. */
function signatureAlgorithm(key: KeyObject): { id: Node; digest: string } {
  if (key.asymmetricKeyType === 'rsa') {
    return { id: seq([oid('1.2.840.113549.1.1.11'), asn1.create(U, asn1.Type.NULL, false, '')]), digest: 'sha256' };
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (curve === 'secp384r1') return { id: seq([oid('1.2.840.10045.4.3.3')]), digest: 'sha384' };
  if (curve === 'secp521r1') return { id: seq([oid('1.2.840.10045.4.3.4')]), digest: 'sha512' };
  return { id: seq([oid('1.2.840.10045.4.3.2')]), digest: 'sha256' };
}

function time(unixSeconds: number): Node {
  const d = new Date(unixSeconds * 1000);
  return d.getUTCFullYear() < 2050
    ? asn1.create(U, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(d))
    : asn1.create(U, asn1.Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(d));
}

function extensions(r: CertificateRequest, spki: Buffer): Node[] {
  const ski = createHash('sha1').update(spki).digest();
  const list: Node[] = [];
  const ku = keyUsage(r.keyUsage);
  if (ku) list.push(extension('2.5.29.15', true, ku));
  if (r.ekus.length > 0) list.push(extension('2.5.29.37', false, seq(r.ekus.map(oid))));
  const san = subjectAltName(r.sans);
  if (san) list.push(extension('2.5.29.17', false, san));
  list.push(
    extension('2.5.29.19', true, seq(r.ca ? [asn1.create(U, asn1.Type.BOOLEAN, false, '\xff')] : [])),
    extension('2.5.29.14', false, octets(bin(ski))),
    extension('2.5.29.35', false, seq([asn1.create(CTX, 0, false, bin(ski))])),
  );
  return list;
}

/** A self-signed X.509 v3 certificate (DER): 16-byte random serial, subject = issuer, the requested extensions. */
export function selfSignedCertificate(r: CertificateRequest): Buffer {
  const spki = createPublicKey(r.privateKey).export({ type: 'spki', format: 'der' });
  const alg = signatureAlgorithm(r.privateKey);
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01;
  const tbs = seq([
    asn1.create(CTX, 0, true, [asn1.create(U, asn1.Type.INTEGER, false, asn1.integerToDer(2).getBytes())]),
    asn1.create(U, asn1.Type.INTEGER, false, bin(serial)),
    alg.id,
    name(r.subject),
    seq([time(r.notBefore), time(r.notAfter)]),
    name(r.subject),
    fromDer(spki),
    asn1.create(CTX, 3, true, [seq(extensions(r, spki))]),
  ]);
  const tbsDer = der(tbs);
  const signature = sign(alg.digest, tbsDer, r.privateKey);
  return der(seq([tbs, alg.id, asn1.create(U, asn1.Type.BITSTRING, false, '\x00' + bin(signature))]));
}

/** A PKCS#10 request (DER) for the subject and key, as the pending operation's `csr`. */
export function certificateSigningRequest(subject: ReadonlyArray<[string, string]>, key: KeyObject): Buffer {
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const alg = signatureAlgorithm(key);
  const info = seq([
    asn1.create(U, asn1.Type.INTEGER, false, asn1.integerToDer(0).getBytes()),
    name(subject),
    fromDer(spki),
    asn1.create(CTX, 0, true, []),
  ]);
  const signature = sign(alg.digest, der(info), key);
  return der(seq([info, alg.id, asn1.create(U, asn1.Type.BITSTRING, false, '\x00' + bin(signature))]));
}

/** base64url SHA-1 of the DER, unpadded: the bundle's `x5t`. */
export function thumbprint(cerDer: Buffer): string {
  return createHash('sha1').update(cerDer).digest('base64url');
}

export function certificatePem(cerDer: Buffer): string {
  const lines = cerDer.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** The secret of a PEM certificate: the PKCS#8 key first (when exportable), then the certificates, LF line ends. */
export function pemBundle(key: KeyObject | undefined, chain: readonly Buffer[]): string {
  const keyPem = key === undefined ? '' : (key.export({ type: 'pkcs8', format: 'pem' }) as string);
  return keyPem + chain.map(certificatePem).join('');
}

/**
 * The secret of a PKCS#12 certificate: base64 PFX with an empty password (3DES, SHA-1 MAC), the key (when
 * exportable) and the chain. undefined for a key forge cannot hold (EC).
 */
export function pfxBundle(key: KeyObject | undefined, chain: readonly Buffer[]): string | undefined {
  try {
    const certs = chain.map((c) => forge.pki.certificateFromAsn1(fromDer(c)));
    const forgeKey =
      key === undefined ? null : forge.pki.privateKeyFromPem(key.export({ type: 'pkcs8', format: 'pem' }) as string);
    const p12 = forge.pkcs12.toPkcs12Asn1(forgeKey, certs, '', { algorithm: '3des' });
    return Buffer.from(asn1.toDer(p12).getBytes(), 'binary').toString('base64');
  } catch {
    return undefined;
  }
}

export interface ParsedBundle {
  readonly key: KeyObject;
  /** Leaf first (the certificate of `key`), then the rest in the order given. */
  readonly chain: Buffer[];
}

/** Reads an imported PFX (base64) with its password: undefined when unreadable, the password is wrong or no key. */
export function readPfx(base64: string, password: string | undefined): ParsedBundle | undefined {
  try {
    const p12Asn1 = asn1.fromDer(forge.util.decode64(base64));
    let p12: forge.pkcs12.Pkcs12Pfx;
    try {
      p12 = forge.pkcs12.pkcs12FromAsn1(p12Asn1, password ?? '');
    } catch (err) {
      if (password !== undefined && password !== '') throw err;
      p12 = forge.pkcs12.pkcs12FromAsn1(p12Asn1);
    }
    const keyBags = [
      ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
      ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
    ];
    const forgeKey = keyBags.find((b) => b.key)?.key;
    if (!forgeKey) return undefined;
    const key = createPrivateKey(forge.pki.privateKeyToPem(forgeKey));
    const certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).flatMap((b) =>
      b.cert ? [der(forge.pki.certificateToAsn1(b.cert))] : [],
    );
    return orderChain(key, certs);
  } catch {
    return undefined;
  }
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\n([A-Za-z0-9+/=\n]+?)\n?-----END \1-----/g;

/** Reads an imported PEM: one PKCS#8 `PRIVATE KEY` and at least one certificate, LF line ends; undefined otherwise. */
export function readPem(text: string): ParsedBundle | undefined {
  if (text.includes('\r')) return undefined;
  let key: KeyObject | undefined;
  const certs: Buffer[] = [];
  try {
    for (const m of text.matchAll(PEM_BLOCK)) {
      const body = Buffer.from((m[2] ?? '').replace(/\n/g, ''), 'base64');
      if (m[1] === 'PRIVATE KEY' && key === undefined) {
        key = createPrivateKey({ key: body, format: 'der', type: 'pkcs8' });
      } else if (m[1] === 'CERTIFICATE') {
        certs.push(Buffer.from(new X509Certificate(body).raw));
      } else {
        return undefined;
      }
    }
  } catch {
    return undefined;
  }
  return key === undefined ? undefined : orderChain(key, certs);
}

function orderChain(key: KeyObject, certs: Buffer[]): ParsedBundle | undefined {
  const leaf = certs.findIndex((c) => new X509Certificate(c).checkPrivateKey(key));
  if (leaf < 0) return undefined;
  return { key, chain: [certs[leaf], ...certs.filter((_, i) => i !== leaf)] };
}

/** What a policy derived from an imported certificate needs: subject, EKUs, key usage, CA flag, validity. */
export function describeCertificate(cerDer: Buffer): {
  subject: string;
  ekus: string[];
  keyUsage: string[];
  ca: boolean;
  notBefore: number;
  notAfter: number;
} {
  const x = new X509Certificate(cerDer);
  const cert = fromDer(cerDer);
  let ekus: string[] = [];
  let usage: string[] = [];
  let ca = false;
  // Walk the extensions of the TBSCertificate ([3] of its items).
  const tbs = (cert.value as Node[])[0];
  const ext = (tbs?.value as Node[] | undefined)?.find((n) => n.tagClass === CTX && Number(n.type) === 3);
  for (const e of ((ext?.value as Node[] | undefined)?.[0]?.value as Node[] | undefined) ?? []) {
    const items = e.value as Node[];
    const id = asn1.derToOid(items[0]?.value as string);
    const inner = asn1.fromDer(items[items.length - 1]?.value as string);
    if (id === '2.5.29.37') {
      ekus = (inner.value as Node[]).map((n) => asn1.derToOid(n.value as string));
    } else if (id === '2.5.29.15') {
      const bytes = Buffer.from((inner.value as string).slice(1), 'binary');
      usage = KEY_USAGE_BITS.filter((_, i) => ((bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0);
    } else if (id === '2.5.29.19') {
      const first = (inner.value as Node[])[0];
      ca = first?.type === asn1.Type.BOOLEAN && first.value !== '\x00';
    }
  }
  return {
    subject: renderSubject(x),
    ekus,
    keyUsage: usage,
    ca,
    notBefore: Math.floor(Date.parse(x.validFrom) / 1000),
    notAfter: Math.floor(Date.parse(x.validTo) / 1000),
  };
}

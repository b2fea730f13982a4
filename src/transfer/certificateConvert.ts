// Converting a certificate file on this machine, with no request: a PFX (PKCS#12) to PEM (the PKCS#8 private key,
// then the certificate and its chain, as Key Vault writes a PEM), and a PEM with its key to a PFX. Node's crypto
// cannot read or write PKCS#12, so node-forge does that part only; it is imported on first use (its own chunk, never
// at activation). Node's crypto re-reads every key and certificate before anything is written. The file is
// untrusted input: its size is capped by the caller, and every way it can be wrong ends in words, never with the
// password or the key in them.

import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { sharedOnce } from '../shared/concurrency';
import { t } from '../shared/l10n';

const loadForge = sharedOnce(async () => (await import('node-forge')).default);

/** The password does not open the PFX (its integrity check or its key's decryption failed). */
export class WrongPfxPassword extends Error {
  constructor() {
    super(t('The password does not open this PFX. Type it again, or press Escape to stop.'));
    this.name = 'WrongPfxPassword';
  }
}

type Forge = Awaited<ReturnType<typeof loadForge>>;

function binary(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('binary');
}

function derOf(forge: Forge, asn1: ReturnType<Forge['asn1']['fromDer']>): Buffer {
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** Leaf first: the certificate the key belongs to, then the others in the file's order. */
function leafFirst(certificates: readonly X509Certificate[], key: KeyObject): X509Certificate[] {
  const leaf = certificates.find((c) => c.checkPrivateKey(key));
  if (leaf === undefined)
    throw new Error(t('The private key in this file belongs to none of its certificates: the file is not usable.'));
  return [leaf, ...certificates.filter((c) => c !== leaf)];
}

/** A PFX's key and certificates as PEM text (the key first); throws WrongPfxPassword for a wrong password. */
export async function pfxToPem(pfx: Uint8Array, password: string): Promise<string> {
  const forge = await loadForge();
  let asn1: ReturnType<Forge['asn1']['fromDer']>;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(binary(pfx)), false);
  } catch {
    throw new Error(t('This file is not a PFX (PKCS#12) file: it could not be read as one.'));
  }
  let p12: ReturnType<Forge['pkcs12']['pkcs12FromAsn1']>;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (e) {
    const why = e instanceof Error ? e.message : '';
    if (/MAC|password|decrypt/i.test(why)) throw new WrongPfxPassword();
    throw new Error(
      t('This PFX could not be read: it is not a PKCS#12 file, or it uses an algorithm this conversion does not read.'),
    );
  }
  const oids = forge.pki.oids;
  const keyBags = [
    ...(p12.getBags({ bagType: oids.pkcs8ShroudedKeyBag })[oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: oids.keyBag })[oids.keyBag] ?? []),
  ];
  const certBags = p12.getBags({ bagType: oids.certBag })[oids.certBag] ?? [];
  if (keyBags.length !== 1)
    throw new Error(
      keyBags.length === 0
        ? t(
            'This PFX holds no private key: there is nothing to convert with a key. Download or export the certificate alone instead.',
          )
        : t('This PFX holds {0} private keys; the conversion takes a PFX with one.', keyBags.length),
    );
  const bag = keyBags[0];
  const keyDer =
    bag?.key != null
      ? derOf(forge, forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)))
      : bag?.asn1 !== undefined
        ? derOf(forge, bag.asn1)
        : undefined;
  const unreadableKey = (): Error => new Error(t('The private key in this PFX is of a kind that cannot be converted.'));
  if (keyDer === undefined) throw unreadableKey();
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: keyDer, format: 'der', type: 'pkcs8' });
  } catch {
    throw unreadableKey();
  }
  const unreadableCertificate = (): Error => new Error(t('A certificate in this PFX could not be read.'));
  const certificates = certBags.map((c) => {
    const source = c.cert != null ? forge.pki.certificateToAsn1(c.cert) : c.asn1;
    if (source === undefined) throw unreadableCertificate();
    try {
      return new X509Certificate(derOf(forge, source));
    } catch {
      throw unreadableCertificate();
    }
  });
  if (certificates.length === 0) throw new Error(t('This PFX holds no certificate.'));
  const keyPem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  return [keyPem, ...leafFirst(certificates, key).map((c) => c.toString())].map((p) => p.trimEnd() + '\n').join('');
}

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const KEY_BLOCK = /-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]+?-----END \1PRIVATE KEY-----/g;

/** A PEM with one unencrypted private key and its certificate (and chain) as a PFX under `password` ('' = none). */
export async function pemToPfx(pem: string, password: string): Promise<Uint8Array> {
  const keys = pem.match(KEY_BLOCK) ?? [];
  if (keys.length !== 1)
    throw new Error(
      keys.length === 0
        ? t('This PEM file has no private key: a PFX needs the certificate and its key.')
        : t('This PEM file has {0} private keys; the conversion takes a file with one.', keys.length),
    );
  let key: KeyObject;
  try {
    key = createPrivateKey(keys[0] ?? '');
  } catch {
    throw new Error(t('The private key in this PEM file could not be read (an encrypted key is not converted).'));
  }
  const certificates = (pem.match(CERTIFICATE_BLOCK) ?? []).map((block) => {
    try {
      return new X509Certificate(block);
    } catch {
      throw new Error(t('A certificate in this PEM file could not be read.'));
    }
  });
  if (certificates.length === 0) throw new Error(t('This PEM file holds no certificate.'));
  const ordered = leafFirst(certificates, key);
  if (key.asymmetricKeyType !== 'rsa')
    throw new Error(
      t(
        'This conversion writes a PFX for an RSA key only; this key is {0}. Use "openssl pkcs12 -export -inkey key.pem -in cert.pem" instead.',
        (key.asymmetricKeyType ?? 'unknown').toUpperCase(),
      ),
    );
  const forge = await loadForge();
  try {
    const forgeKey = forge.pki.privateKeyFromPem(key.export({ type: 'pkcs8', format: 'pem' }).toString());
    const chain = ordered.map((c) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(binary(c.raw))));
    const p12 = forge.pkcs12.toPkcs12Asn1(forgeKey, chain, password, { algorithm: 'aes256' });
    return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
  } catch {
    throw new Error(
      t('The PFX could not be written: a certificate of the chain uses a key this conversion does not write.'),
    );
  }
}

// Public material of a certificate or key as files: a certificate as CER (DER) or PEM from its own bytes, a key's
// public part as PEM (SubjectPublicKeyInfo) or JWK, computed here from the key bundle. Nothing here can carry a
// private key: a certificate's DER holds none, and a key's JWK from the vault layer has public members only.

import { createPublicKey, type JsonWebKey as NodeJwk } from 'node:crypto';
import { t } from '../shared/l10n';
import type { PublicJwk } from '../vault/objectModel';

/** A certificate's DER bytes as PEM: base64 in lines of 64, LF line ends, a trailing LF. */
export function certificatePem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** Node's JWK for a Key Vault key: the HSM suffix dropped (Node knows RSA, EC, OKP) and P-256K named secp256k1. */
function nodeJwk(jwk: PublicJwk): NodeJwk {
  const kty = jwk.kty.replace(/-HSM$/, '');
  if (kty === 'RSA' && jwk.n !== undefined && jwk.e !== undefined) return { kty, n: jwk.n, e: jwk.e };
  if (kty === 'EC' && jwk.crv !== undefined && jwk.x !== undefined && jwk.y !== undefined)
    return { kty, crv: jwk.crv === 'P-256K' ? 'secp256k1' : jwk.crv, x: jwk.x, y: jwk.y };
  throw new Error(t('A {0} key has no public part that can be exported.', jwk.kty));
}

/** The public key as PEM (`-----BEGIN PUBLIC KEY-----`, SubjectPublicKeyInfo). */
export function publicKeyPem(jwk: PublicJwk): string {
  return createPublicKey({ key: nodeJwk(jwk), format: 'jwk' })
    .export({ type: 'spki', format: 'pem' })
    .toString();
}

/** The public key as a JWK file (RFC 7517): its public members (kty without the HSM suffix), key id and operations. */
export function publicKeyJwk(jwk: PublicJwk, kid: string, keyOps: readonly string[]): string {
  nodeJwk(jwk); // refuses a key without a public part
  const kty = jwk.kty.replace(/-HSM$/, '');
  const members = kty === 'RSA' ? { kty, n: jwk.n, e: jwk.e } : { kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  return `${JSON.stringify({ ...members, kid, key_ops: [...keyOps] }, null, 2)}\n`;
}

// Certificate files the user picks (Import Certificate…, Convert Certificate File…): what kind a file is, checked
// before anything is sent (a PEM needs its certificate and an unencrypted key), and the certificate name a file
// name proposes. No vscode import: unit tests run it in plain Node.

import { basename, extname } from 'node:path';
import { t } from '../shared/l10n';
import { SECRET_LIMITS } from '../shared/validation';

/** A certificate file (chain and key) stays far below this; anything larger is not read. */
export const MAX_CERTIFICATE_FILE_BYTES = 1024 * 1024;

const PKCS12 = 'application/x-pkcs12';
const PEM = 'application/x-pem-file';

/** A certificate name proposed from a file name through the one name rule ('' when nothing of it is left). */
export function nameFromFile(path: string): string {
  return basename(path, extname(path))
    .replace(/[^0-9a-zA-Z-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SECRET_LIMITS.nameMaxLength)
    .replace(/-+$/, '');
}

/** What a picked file is: PEM text (checked for a certificate and an unencrypted key) or PKCS#12 bytes. */
export function certificateFileKind(bytes: Uint8Array): typeof PKCS12 | typeof PEM {
  if (bytes.byteLength === 0) throw new Error(t('The file is empty: choose a .pfx, .p12 or .pem certificate file.'));
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1').trimStart();
  if (!head.startsWith('-----BEGIN ')) return PKCS12;
  const text = Buffer.from(bytes).toString('utf8');
  if (!/-----BEGIN CERTIFICATE-----/.test(text))
    throw new Error(
      t(
        'This PEM file holds no certificate (no CERTIFICATE block). Choose the PEM with the certificate and its private key.',
      ),
    );
  if (/BEGIN ENCRYPTED PRIVATE KEY/.test(text))
    throw new Error(
      t(
        'The private key in this PEM file is encrypted, and Key Vault imports only an unencrypted PKCS#8 key. Import the PFX instead, or decrypt the key first ("openssl pkcs8 -topk8 -nocrypt").',
      ),
    );
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text))
    throw new Error(
      t(
        'This PEM file has a certificate but no private key. Key Vault imports a certificate together with its key: add the PKCS#8 private key to the file (or import the PFX).',
      ),
    );
  return PEM;
}

/**
 * The bytes sent for a picked file: a PFX as it is; a PEM with its line ends made LF (Key Vault refuses CRLF, which
 * a PEM saved on Windows often has; the blocks mean the same either way).
 */
export function importBytes(bytes: Uint8Array, kind: typeof PKCS12 | typeof PEM): Uint8Array {
  if (kind === PKCS12) return bytes;
  return Buffer.from(Buffer.from(bytes).toString('utf8').replace(/\r\n?/g, '\n'), 'utf8');
}

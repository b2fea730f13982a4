// A secret value to and from a file, the way `az keyvault secret set --file --encoding` and
// `az keyvault secret download --encoding` do it: utf-8 (the file's text is the value), base64 or hex (the
// file's bytes, encoded as text). The CLI records the encoding in the tag `file-encoding`; download uses that
// tag when no encoding is given. Pure: no Node APIs (atob/btoa and TextEncoder/TextDecoder exist in both hosts).

import { t } from '../l10n';

export const FILE_ENCODING_TAG = 'file-encoding';
export const FILE_ENCODINGS = ['utf-8', 'base64', 'hex'] as const;
export type FileEncoding = (typeof FILE_ENCODINGS)[number];

export function isFileEncoding(x: unknown): x is FileEncoding {
  return typeof x === 'string' && (FILE_ENCODINGS as readonly string[]).includes(x);
}

/** The encoding a secret's tags record; undefined when there is no tag, or one this extension does not know. */
export function fileEncodingOf(tags: Readonly<Record<string, string>>): FileEncoding | undefined {
  const tag = Object.prototype.hasOwnProperty.call(tags, FILE_ENCODING_TAG) ? tags[FILE_ENCODING_TAG] : undefined;
  const lower = tag?.toLowerCase();
  return isFileEncoding(lower) ? lower : undefined;
}

/** base64 or hex: the value is a file's bytes, not text to show. */
export function isBinaryEncoding(encoding: FileEncoding | undefined): boolean {
  return encoding === 'base64' || encoding === 'hex';
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/** A file's bytes as a secret value. utf-8 refuses bytes that are not UTF-8 text (base64 keeps them). */
export function encodeFileValue(bytes: Uint8Array, encoding: FileEncoding): { value: string } | { error: string } {
  switch (encoding) {
    case 'utf-8':
      try {
        return { value: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
      } catch {
        return { error: t('The file is not UTF-8 text. Choose base64 or hex to store its bytes.') };
      }
    case 'base64':
      return { value: bytesToBase64(bytes) };
    case 'hex':
      return { value: Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('') };
  }
}

/** A secret value as the bytes of a file. Refuses a value that is not what its encoding says (never quoting it). */
export function decodeFileValue(value: string, encoding: FileEncoding): { bytes: Uint8Array } | { error: string } {
  switch (encoding) {
    case 'utf-8':
      return { bytes: new TextEncoder().encode(value) };
    case 'base64': {
      const compact = value.replace(/\s+/g, '');
      if (!BASE64.test(compact))
        return { error: t('The value is not base64, although its file-encoding tag says so.') };
      return { bytes: Uint8Array.from(atob(compact), (c) => c.charCodeAt(0)) };
    }
    case 'hex': {
      const compact = value.replace(/\s+/g, '');
      if (!HEX.test(compact)) return { error: t('The value is not hex, although its file-encoding tag says so.') };
      const bytes = new Uint8Array(compact.length / 2);
      for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(compact.slice(2 * i, 2 * i + 2), 16);
      return { bytes };
    }
  }
}

/**
 * What the value editor shows for a secret: the value itself, or, when its tag says the value is a file's bytes
 * (base64 or hex), a line saying so (binary, N bytes) and how to save it, instead of the encoded text.
 */
export function valueDocumentText(value: string, tags: Readonly<Record<string, string>>): string {
  const encoding = fileEncodingOf(tags);
  if (encoding === undefined || !isBinaryEncoding(encoding)) return value;
  const decoded = decodeFileValue(value, encoding);
  if ('error' in decoded) return value;
  return t(
    'Binary, {0} bytes (stored as {1}, tag file-encoding). Use "Save Value to File…" to write the bytes to a file.',
    decoded.bytes.length,
    encoding,
  );
}

// Backup blobs: opaque and encrypted, shaped like the service's (a length-prefixed marker, then a
// JWE-style compact serialization), sealed with AES-256-GCM under a key that lives only in this
// process. Any vault of any emulator in the same process can restore them; nothing else can.

import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';

const MARKER = 'AzureKeyVaultSecretBackupV1.microsoft.com';
const PROCESS_KEY = randomBytes(32);
const PROCESS_KID = randomUUID();

export interface BackupVersion {
  readonly version: string;
  readonly value: string;
  readonly contentType?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly enabled: boolean;
  readonly nbf?: number;
  readonly exp?: number;
  readonly created: number;
  readonly updated: number;
}

export interface BackupPayload {
  readonly name: string;
  readonly managed: boolean;
  readonly kid?: string;
  /** Oldest first. */
  readonly versions: readonly BackupVersion[];
}

function b64url(buf: Buffer): string {
  return buf.toString('base64url');
}

/** Seals a secret with all its versions; returns the raw blob bytes (the API sends them as base64url). */
export function sealBackup(payload: BackupPayload): Buffer {
  return sealBlob(MARKER, payload);
}

/** Seals any JSON payload behind `marker` (one marker per object kind, so a blob restores only as its kind). */
export function sealBlob(marker: string, payload: unknown): Buffer {
  const header = b64url(Buffer.from(JSON.stringify({ kid: PROCESS_KID, alg: 'dir', enc: 'A256GCM' })));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', PROCESS_KEY, iv);
  cipher.setAAD(Buffer.from(header, 'ascii'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  const jwe = [header, '', b64url(iv), b64url(ciphertext), b64url(tag)].join('.');
  return Buffer.concat([Buffer.from([marker.length]), Buffer.from(marker, 'ascii'), Buffer.from(jwe, 'ascii')]);
}

function isBackupPayload(v: unknown): v is BackupPayload {
  if (typeof v !== 'object' || v === null) {
    return false;
  }
  const p = v as Partial<BackupPayload>;
  return (
    typeof p.name === 'string' &&
    typeof p.managed === 'boolean' &&
    Array.isArray(p.versions) &&
    p.versions.length > 0 &&
    p.versions.every((x: Partial<BackupVersion>) => typeof x.version === 'string' && typeof x.value === 'string')
  );
}

/** Opens a blob; undefined when it is not one of ours, was tampered with, or is sealed by another process. */
export function openBackup(blob: Buffer): BackupPayload | undefined {
  const parsed = openBlob(MARKER, blob);
  return isBackupPayload(parsed) ? parsed : undefined;
}

/** Opens a blob sealed behind `marker`; undefined when it is not one of ours, was tampered with or is foreign. */
export function openBlob(marker: string, blob: Buffer): unknown {
  try {
    if (
      blob.length < marker.length + 2 ||
      blob[0] !== marker.length ||
      blob.subarray(1, 1 + marker.length).toString('ascii') !== marker
    ) {
      return undefined;
    }
    const parts = blob
      .subarray(1 + marker.length)
      .toString('ascii')
      .split('.');
    if (parts.length !== 5) {
      return undefined;
    }
    const [header, , ivText, ctText, tagText] = parts as [string, string, string, string, string];
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (iv.length !== 12 || tag.length !== 16) {
      return undefined;
    }
    const decipher = createDecipheriv('aes-256-gcm', PROCESS_KEY, iv);
    decipher.setAAD(Buffer.from(header, 'ascii'));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(Buffer.from(ctText, 'base64url')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

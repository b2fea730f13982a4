// What the local Key Vault server holds for a secret and how it reads a request's fields: the service's limits,
// a secret's records (its versions, its lifecycle phase), list queries, and the properties of a Set or Update body
// checked as the service checks them. The vault's state and operations (test/emulator/vault.ts) build on these.

import { randomBytes } from 'node:crypto';
import { badParameter, type KvReply } from './errors';

export const NAME_RULE = /^[0-9a-zA-Z-]{1,127}$/;
export const VERSION_RULE = /^[0-9a-fA-F]{32}$/;
export const MAX_VALUE_BYTES = 25600;
export const MAX_TAGS = 15;
export const MAX_TAG_NAME = 256;
export const MAX_TAG_VALUE = 256;
export const MAX_CONTENT_TYPE = 255;
export const DEFAULT_SUBSCRIPTION = '4a1c6e2f-9b3d-4e8a-a7c5-2f0d1b3e5c7a';

/** In sorted `keys`, the index of the first key at or after `key` (strictly after when `after`); keys.length when none. */
export function searchSorted(keys: readonly string[], key: string, after: boolean): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid];
    if (k < key || (after && k === key)) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}
/** `previousVersion` is set only on certificate versions created after 2025-06-01 (unix seconds). */
export const PREVIOUS_VERSION_SINCE = Date.UTC(2025, 5, 1) / 1000;
export const PEM = 'application/x-pem-file';
export const PFX = 'application/x-pkcs12';

/** What the request's api-version adds to a GetSecret (both arrive with 2025-07-01). */
export interface GetOptions {
  /** Honoured only when the api-version has it. */
  readonly outContentType?: string;
  /** Whether SecretBundle may carry `previousVersion`. */
  readonly previousVersion: boolean;
}

export interface VersionRecord {
  readonly version: string;
  readonly value: string;
  contentType?: string;
  tags?: Record<string, string>;
  enabled: boolean;
  nbf?: number;
  exp?: number;
  readonly created: number;
  updated: number;
}

export interface SecretRecord {
  readonly name: string;
  readonly managed: boolean;
  /** Set for certificate-backed secrets; `null` until given an origin (the kid follows the origin used). */
  readonly kid?: string | null;
  /** Oldest first; the last is current. */
  versions: VersionRecord[];
  deleted?: { deletedDate: number; scheduledPurgeDate: number; visibleAtMs: number };
  recoveringUntilMs?: number;
}

export type Phase = 'absent' | 'active' | 'recovering' | 'deleting' | 'deleted' | 'purging';

export interface ListQuery {
  readonly apiVersion: string;
  readonly maxresults?: string;
  readonly skiptoken?: string;
}

export function newVersionId(): string {
  return randomBytes(16).toString('hex');
}

export function isStringRecord(v: unknown): v is Record<string, string> {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string')
  );
}

export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export interface ParsedProps {
  contentType?: string;
  tags?: Record<string, string>;
  enabled?: boolean;
  nbf?: number;
  exp?: number;
}

/** Validates contentType, tags and attributes of a set/update body. */
export function parseProps(body: Record<string, unknown>): ParsedProps | KvReply {
  const out: ParsedProps = {};
  if (body.contentType !== undefined && body.contentType !== null) {
    if (typeof body.contentType !== 'string') {
      return badParameter('The parameter contentType is invalid: it must be a string.');
    }
    if (body.contentType.length > MAX_CONTENT_TYPE) {
      return badParameter(`The content type exceeds the maximum length of ${MAX_CONTENT_TYPE} characters.`);
    }
    out.contentType = body.contentType;
  }
  if (body.tags !== undefined && body.tags !== null) {
    if (!isStringRecord(body.tags)) {
      return badParameter('The parameter tags is invalid: tag values must be strings.');
    }
    const entries = Object.entries(body.tags);
    if (entries.length > MAX_TAGS) {
      return badParameter(`The number of tags (${entries.length}) exceeds the maximum of ${MAX_TAGS}.`);
    }
    for (const [k, v] of entries) {
      if (k.length > MAX_TAG_NAME) {
        return badParameter(
          `The tag name '${k.slice(0, 32)}…' exceeds the maximum length of ${MAX_TAG_NAME} characters.`,
        );
      }
      if (v.length > MAX_TAG_VALUE) {
        return badParameter(`The value of tag '${k}' exceeds the maximum length of ${MAX_TAG_VALUE} characters.`);
      }
    }
    out.tags = { ...body.tags };
  }
  const attrs = body.attributes;
  if (attrs !== undefined && attrs !== null) {
    if (typeof attrs !== 'object' || Array.isArray(attrs)) {
      return badParameter('The parameter attributes is invalid.');
    }
    const a = attrs as Record<string, unknown>;
    if (a.enabled !== undefined && a.enabled !== null) {
      if (typeof a.enabled !== 'boolean') {
        return badParameter('The parameter attributes.enabled is invalid.');
      }
      out.enabled = a.enabled;
    }
    for (const key of ['nbf', 'exp'] as const) {
      const v = a[key];
      if (v !== undefined && v !== null) {
        if (!isInt(v)) {
          return badParameter(`The parameter attributes.${key} is invalid.`);
        }
        out[key] = Math.floor(v);
      }
    }
  }
  return out;
}

/**
 * The fields an update (PATCH) body removes: an explicit `null` for `contentType`, `attributes.nbf` or
 * `attributes.exp` clears it, as the real service does; an absent field leaves the stored one as it is.
 */
export function clearedProps(body: Record<string, unknown>): { contentType: boolean; nbf: boolean; exp: boolean } {
  const attrs = body.attributes;
  const a =
    typeof attrs === 'object' && attrs !== null && !Array.isArray(attrs) ? (attrs as Record<string, unknown>) : {};
  return { contentType: body.contentType === null, nbf: a.nbf === null, exp: a.exp === null };
}

export function isReply(v: unknown): v is KvReply {
  return typeof v === 'object' && v !== null && typeof (v as { status?: unknown }).status === 'number';
}

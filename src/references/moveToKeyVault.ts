// Pure helpers of "Move to Key Vault": which lines hold a value that looks like a secret, where that value is,
// and the secret name proposed from its key (Import's rule, nameMapping.ts). They only look at a line's shape: a value is never logged or shown.

import { variableToSecret } from '../shared/transfer/nameMapping';

/** Keys whose values are usually secrets. */
const SECRET_KEY =
  /pass(?:word|wd)?|pwd|secret|token|api[-_.]?key|access[-_.]?key|account[-_.]?key|connection[-_.]?string|connstr|private[-_.]?key|credential|sas|client[-_.]?secret/i;

/** The longest line looked at; longer lines are not settings. */
const MAX_LINE = 4096;

export interface Assignment {
  /** The key, as written (without quotes). */
  readonly key: string;
  /** The value's offsets in the line, without its quotes. */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** The quote around the value, if any. */
  readonly quote?: '"' | "'";
}

/** `KEY=value`, `export KEY="value"`, `"Key": "value"` (JSON) or `key: value` (YAML) on one line. */
export function assignmentOf(line: string): Assignment | undefined {
  if (line.length > MAX_LINE) return undefined;
  const m = /^(\s*(?:export\s+)?)(["']?)([A-Za-z_][A-Za-z0-9_.:-]{0,200})\2(\s*[:=]\s*)/.exec(line);
  if (m === null) return undefined;
  const key = m[3];
  let start = m[0].length;
  const open = line[start];
  if (open === '"' || open === "'") {
    const close = line.indexOf(open, start + 1);
    if (close < 0) return undefined;
    return { key, valueStart: start + 1, valueEnd: close, quote: open };
  }
  let end = line.length;
  // A JSON value without quotes (a number) or a trailing comment/comma is not part of an unquoted value.
  const stop = line.slice(start).search(/\s+#|,\s*$|\s*$/);
  if (stop >= 0) end = start + stop;
  while (start < end && line[start] === ' ') start++;
  return end > start ? { key, valueStart: start, valueEnd: end } : undefined;
}

/** A line whose key names a secret and whose value is not already a reference. */
export function looksLikeSecretAssignment(line: string): boolean {
  const a = assignmentOf(line);
  if (a === undefined || !SECRET_KEY.test(a.key)) return false;
  const value = line.slice(a.valueStart, a.valueEnd);
  if (value.length < 4) return false;
  return !/^(?:@Microsoft\.KeyVault\(|akvs:\/\/|https:\/\/[^/]+\/secrets\/)/i.test(value);
}

/** A secret name from a setting's key, by Import's rule: `DB_PASSWORD` → `db-password`; `secret` for a key of none. */
export function proposeSecretName(key: string): string {
  const name = variableToSecret(key);
  return name === '' ? 'secret' : name;
}

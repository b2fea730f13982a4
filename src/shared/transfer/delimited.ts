// The record layer of CSV and TSV files (RFC 4180): fields separated by `,` (CSV) or a tab (TSV), records by
// CRLF, LF or a lone CR; a field in double quotes may hold the separator, line breaks and `""` (one quote). A
// byte-order mark at the start is skipped. Untrusted text: one pass, every character looked at a bounded number of
// times (quoted fields are found with indexOf and decoded natively), a record holds at most MAX_FIELDS fields (the
// rest are counted, not kept). Problems name the line, never text of it (a field may be a value).
// What the fields mean (the secret columns) is in secretTable.ts.

import { t } from '../l10n';

/** A record keeps at most this many fields; more are counted (a row of noise is not an array of a million). */
export const MAX_FIELDS = 64;

export type Delimiter = ',' | '\t';

export interface DelimitedRecord {
  /** 1-based line where the record starts (a quoted field may span lines). */
  readonly line: number;
  /** At most MAX_FIELDS. */
  readonly fields: readonly string[];
  /** How many fields the record has (may exceed fields.length). */
  readonly count: number;
}

/** Why reading stopped at a record, or what is wrong with one; `fatal` ends the reading. */
export interface RecordProblem {
  readonly line: number;
  readonly message: string;
  readonly fatal: boolean;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * A quoted field's body with each `""` as one quote. Built from its code units in blocks (String.replaceAll takes
 * 300 ms on 1 MB of quotes; a lone surrogate survives, as TextDecoder would not keep it).
 */
function unescapeQuotes(body: string): string {
  const codes = new Uint16Array(body.length);
  let n = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    codes[n++] = c;
    if (c === QUOTE) i++;
  }
  let out = '';
  for (let i = 0; i < n; i += 8192)
    out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  return out;
}

/**
 * Calls `onRecord` for each record of `text` in order (blank lines are skipped); answers the problems met. A quoted
 * field never closed, or text after a closing quote, ends the reading there (the fields after it would be pieces
 * of a value). `onRecord` answers false to stop (a cap was reached).
 */
export function eachRecord(
  text: string,
  delimiter: Delimiter,
  onRecord: (record: DelimitedRecord) => boolean,
): RecordProblem[] {
  const d = delimiter.charCodeAt(0);
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const n = src.length;
  let pos = 0;
  let line = 1;
  while (pos < n) {
    const start = line;
    const fields: string[] = [];
    let count = 0;
    for (;;) {
      if (src.charCodeAt(pos) === QUOTE) {
        // A quoted field: the next quote not followed by another closes it; `""` is one quote. One look at each
        // character, counting line breaks on the way.
        let i = pos + 1;
        let escaped = false;
        let close = -1;
        while (i < n) {
          const c = src.charCodeAt(i);
          if (c === QUOTE) {
            if (src.charCodeAt(i + 1) !== QUOTE) {
              close = i;
              break;
            }
            escaped = true;
            i += 2;
            continue;
          }
          if (c === LF || (c === CR && src.charCodeAt(i + 1) !== LF)) line++;
          i++;
        }
        if (close < 0) {
          return [
            {
              line: start,
              message: t('Line {0}: a quoted field has no closing quote; the rest of the file is not read.', start),
              fatal: true,
            },
          ];
        }
        if (count++ < MAX_FIELDS) {
          const body = src.slice(pos + 1, close);
          fields.push(escaped ? unescapeQuotes(body) : body);
        }
        pos = close + 1;
        const after = src.charCodeAt(pos);
        if (pos < n && after !== d && after !== LF && after !== CR) {
          return [
            {
              line,
              message: t(
                'Line {0}: text after a closing quote (write a quote inside a quoted field as ""); the rest of the file is not read.',
                line,
              ),
              fatal: true,
            },
          ];
        }
      } else {
        // A bare field: up to the next separator or line break (a quote inside it is kept as written).
        let end = pos;
        for (; end < n; end++) {
          const c = src.charCodeAt(end);
          if (c === d || c === LF || c === CR) break;
        }
        if (count++ < MAX_FIELDS) fields.push(src.slice(pos, end));
        pos = end;
      }
      const c = src.charCodeAt(pos);
      if (pos < n && c === d) {
        pos++;
        continue;
      }
      // End of the record: a line break or the end of the text.
      if (c === CR) pos += src.charCodeAt(pos + 1) === LF ? 2 : 1;
      else if (c === LF) pos++;
      if (c === CR || c === LF) line++;
      break;
    }
    const blank = count === 1 && fields[0] === '';
    if (!blank && !onRecord({ line: start, fields, count })) break;
  }
  return [];
}

/** One field as written: quoted when it holds the separator, a quote or a line break (or starts/ends with a space). */
export function writeField(value: string, delimiter: Delimiter): string {
  const needs =
    value.includes(delimiter) ||
    value.includes('"') ||
    value.includes('\n') ||
    value.includes('\r') ||
    value.startsWith(' ') ||
    value.endsWith(' ');
  return needs ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Records as text: fields quoted as needed, CRLF after every record (RFC 4180). */
export function writeRecords(records: ReadonlyArray<readonly string[]>, delimiter: Delimiter): string {
  return records.map((r) => `${r.map((f) => writeField(f, delimiter)).join(delimiter)}\r\n`).join('');
}

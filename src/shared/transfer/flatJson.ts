// Flat JSON files of import and export: one object whose members are strings (numbers and booleans are read as
// their text exactly as written). Untrusted: size-limited, keys kept as data in an array (a key such as `__proto__` or
// `constructor` is an entry like any other and never touches an object's prototype), nested values refused.

import { t } from '../l10n';
import {
  MAX_TRANSFER_ENTRIES,
  MAX_TRANSFER_FILE_BYTES,
  parseDotenv,
  shownKey,
  type FileEntry,
  type FileProblem,
  type ParsedFile,
} from './dotenv';
import { parseCsv, parseTsv, tableDelimiterOf } from './secretTable';

interface SourceMembers {
  /** The last literal written for each name (the member JSON.parse keeps): a number, true, false or null as written
   * (JSON.parse would round `1.0` or `1e400`); undefined for a string, object or array. */
  readonly literals: Map<string, string | undefined>;
  /** Names written more than once, in the order their second writing appears. */
  readonly repeated: Set<string>;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * The members of the top-level object as written (JSON.parse keeps only the last of a repeated name, silently, and
 * turns numbers into doubles). `text` is known to parse: a scan of strings and nesting is enough, it looks at each
 * character once, and a member costs no more than its characters (no regular expression, no object per member).
 */
function topLevelMembers(text: string): SourceMembers {
  const literals = new Map<string, string | undefined>();
  const repeated = new Set<string>();
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === QUOTE) {
      let j = i + 1;
      let escaped = false;
      for (let d = text.charCodeAt(j); j < text.length && d !== QUOTE; d = text.charCodeAt(j)) {
        if (d === BACKSLASH) {
          escaped = true;
          j += 2;
        } else j++;
      }
      let k = j + 1;
      while (k < text.length && isJsonSpace(text.charCodeAt(k))) k++;
      if (depth === 1 && text.charCodeAt(k) === 0x3a) {
        // Only a name with an escape needs decoding; the rest are their own text.
        const name = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j);
        k++;
        while (k < text.length && isJsonSpace(text.charCodeAt(k))) k++;
        const first = text.charCodeAt(k);
        let literal: string | undefined;
        if (first !== QUOTE && first !== 0x7b && first !== 0x5b) {
          // A number, true, false or null ends at the next comma, closing brace or space.
          let end = k;
          for (let e = text.charCodeAt(end); end < text.length; e = text.charCodeAt(++end))
            if (e === 0x2c || e === 0x7d || isJsonSpace(e)) break;
          literal = text.slice(k, end);
          j = end - 1;
        }
        if (literals.has(name)) repeated.add(name);
        literals.set(name, literal);
      }
      i = j;
    }
  }
  return { literals, repeated };
}

/** Deeper nesting than this is refused before JSON.parse (which builds every level: 500,000 arrays in 1 MB). */
export const MAX_JSON_DEPTH = 64;

/** Whether brackets outside strings nest deeper than `max`: one pass, whether or not the text is valid JSON. */
function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') {
      if (++depth > max) return true;
    } else if (c === '}' || c === ']') depth--;
    else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    }
  }
  return false;
}

export function parseFlatJson(text: string): ParsedFile {
  const entries: FileEntry[] = [];
  const problems: FileProblem[] = [];
  if (text.length > MAX_TRANSFER_FILE_BYTES) {
    return { entries, problems: [{ line: 0, message: t('The file is larger than 1 MB.') }] };
  }
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    return {
      entries,
      problems: [
        {
          line: 0,
          message: t(
            'The file nests more than {0} levels: it must hold one JSON object of names and values.',
            MAX_JSON_DEPTH,
          ),
        },
      ],
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // The parser's message may quote the text (a value): not repeated.
    return { entries, problems: [{ line: 0, message: t('The file is not valid JSON.') }] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { entries, problems: [{ line: 0, message: t('The file must hold one JSON object of names and values.') }] };
  }
  // JSON.parse defines every member as an own property (`__proto__` included), so this reads them all as data.
  const members = Object.entries(parsed as Record<string, unknown>);
  const { literals, repeated } = topLevelMembers(text);
  for (const name of repeated)
    problems.push({ line: 0, message: t('{0} is set more than once; the last one is used.', shownKey(name)) });
  for (const [index, [key, value]] of members.entries()) {
    const position = index + 1;
    if (entries.length >= MAX_TRANSFER_ENTRIES) {
      problems.push({
        line: position,
        message: t('More than {0} entries: the rest of the file is not read.', MAX_TRANSFER_ENTRIES),
      });
      break;
    }
    if (typeof value === 'string') entries.push({ key, value, line: position });
    else if (typeof value === 'number' || typeof value === 'boolean')
      // The text as written: 12345678901234567890, 1.0 and 1e400 stay what the file says, not what a double holds.
      entries.push({ key, value: literals.get(key) ?? String(value), line: position });
    else
      problems.push({
        line: position,
        message: t('{0} is not a string (objects, arrays and null are not imported).', shownKey(key)),
      });
  }
  return { entries, problems };
}

/** A flat JSON object (two-space indented, keys in the given order), ending with a newline. */
export function serializeFlatJson(entries: ReadonlyArray<{ readonly key: string; readonly value: string }>): string {
  // Object.fromEntries defines own data properties: a key `__proto__` is written as a member, not a prototype.
  return `${JSON.stringify(Object.fromEntries(entries.map((e) => [e.key, e.value])), null, 2)}\n`;
}

/** Which format a file's name says: `.json` is flat JSON, anything else `.env`. */
export function transferFormatOf(path: string): 'json' | 'dotenv' {
  return /\.json$/i.test(path) ? 'json' : 'dotenv';
}

/** Parses a picked file's text in the format its name says (`.csv` and `.tsv`: secretTable.ts). */
export function parseTransferFile(path: string, text: string): ParsedFile {
  const delimiter = tableDelimiterOf(path);
  if (delimiter !== undefined) return delimiter === ',' ? parseCsv(text) : parseTsv(text);
  return transferFormatOf(path) === 'json' ? parseFlatJson(text) : parseDotenv(text);
}

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

interface SourceMember {
  readonly name: string;
  /** The value's text as written, for a number, true, false or null (JSON.parse would round `1.0` or `1e400`). */
  readonly literal?: string;
}

const COLON = /\s*:\s*/y;
const LITERAL = /[-+.0-9eE]+|true|false|null/y;

/**
 * The members of the top-level object, in order, as written (JSON.parse keeps only the last of a repeated name,
 * silently, and turns numbers into doubles). `text` is known to parse: a scan of strings and nesting is enough, and
 * it looks at each character once.
 */
function topLevelMembers(text: string): SourceMember[] {
  const members: SourceMember[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      COLON.lastIndex = j + 1;
      if (depth === 1 && COLON.test(text)) {
        const name = JSON.parse(text.slice(i, j + 1)) as string;
        LITERAL.lastIndex = COLON.lastIndex;
        const literal = LITERAL.exec(text)?.[0];
        members.push(literal !== undefined ? { name, literal } : { name });
        if (literal !== undefined) j = LITERAL.lastIndex - 1;
      }
      i = j;
    }
  }
  return members;
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
  const seen = new Set<string>();
  const repeated = new Set<string>();
  /** The last literal written for each name (the member JSON.parse keeps). */
  const literals = new Map<string, string | undefined>();
  for (const { name, literal } of topLevelMembers(text)) {
    (seen.has(name) ? repeated : seen).add(name);
    literals.set(name, literal);
  }
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

/** Parses a picked file's text in the format its name says. */
export function parseTransferFile(path: string, text: string): ParsedFile {
  return transferFormatOf(path) === 'json' ? parseFlatJson(text) : parseDotenv(text);
}

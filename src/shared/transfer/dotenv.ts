// The `.env` rules of import and export, one definition: parse a file the user picked (untrusted: any size, any
// bytes, any keys) and write one that every common dotenv reader (dotenv, azd, docker compose, python-dotenv)
// reads back to the same values. A problem names the line and the key, never a value.

import { t } from '../l10n';

/** Files larger than this are refused before parsing (a .env of secrets is a few KB). */
export const MAX_TRANSFER_FILE_BYTES = 1024 * 1024;
/** At most this many entries are read from one file. */
export const MAX_TRANSFER_ENTRIES = 1000;

/** A variable name as dotenv readers accept it. */
export const ENV_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,254}$/;

export interface FileEntry {
  readonly key: string;
  /** Never logged, never shown, never sent to a webview. */
  readonly value: string;
  /** 1-based line (dotenv) or position (JSON) of the entry, for messages. */
  readonly line: number;
}

export interface FileProblem {
  readonly line: number;
  /** Safe to show: names the key (as data) and the rule, never the value. */
  readonly message: string;
}

export interface ParsedFile {
  readonly entries: readonly FileEntry[];
  readonly problems: readonly FileProblem[];
}

/** The key as shown in a message: shortened, quoted (it is data from the file). */
export function shownKey(key: string): string {
  return JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}…` : key);
}

const DOUBLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$' };

/** A double-quoted value's escapes; unknown escapes stay as written (what dotenv readers do). */
function unescapeDouble(body: string): string {
  return body.replace(/\\(.)/gs, (whole, c: string) => DOUBLE_ESCAPES[c] ?? whole);
}

/** Where a quoted value closes: the index of the closing quote from `from`, or -1. Backslash escapes count in "…". */
function closingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quote === '"') i++;
    else if (c === quote) return i;
  }
  return -1;
}

/**
 * Parses `.env` text: `KEY=value`, `export KEY=value`, `#` comments, bare values (a ` #` starts a comment), and
 * '…' (literal), "…" (escapes \n \r \t \" \\ \$; may span lines) or `…` values. Refuses (as problems) lines
 * that are not assignments, keys dotenv readers would not accept, unterminated quotes and repeated keys (the
 * first is kept).
 */
export function parseDotenv(text: string): ParsedFile {
  const entries: FileEntry[] = [];
  const problems: FileProblem[] = [];
  if (text.length > MAX_TRANSFER_FILE_BYTES) {
    return { entries, problems: [{ line: 0, message: t('The file is larger than 1 MB.') }] };
  }
  const seen = new Set<string>();
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let pos = 0;
  let line = 1;
  while (pos < src.length) {
    let end = src.indexOf('\n', pos);
    if (end < 0) end = src.length;
    const startLine = line;
    const raw = src.slice(pos, end);
    const trimmed = raw.trim();
    let next = end + 1;
    line++;
    if (trimmed === '' || trimmed.startsWith('#')) {
      pos = next;
      continue;
    }
    const m = /^\s*(?:export\s+)?([^=\s]+)\s*=\s*/.exec(raw);
    if (m === null) {
      problems.push({ line: startLine, message: t('Line {0} is not KEY=value.', startLine) });
      pos = next;
      continue;
    }
    const key = m[1];
    const valueStart = pos + m[0].length;
    let value: string;
    const quote = src[valueStart];
    let bad: string | undefined;
    if (quote === '"' || quote === "'" || quote === '`') {
      const close = closingQuote(src, valueStart + 1, quote);
      if (close < 0) {
        bad = t('Line {0}: the value of {1} has no closing quote.', startLine, shownKey(key));
        value = '';
      } else {
        const body = src.slice(valueStart + 1, close);
        value = quote === '"' ? unescapeDouble(body) : body;
        // The value may have spanned lines: continue after the line of the closing quote.
        let after = src.indexOf('\n', close);
        if (after < 0) after = src.length;
        line += src.slice(end, after).split('\n').length - 1;
        next = after + 1;
        const rest = src.slice(close + 1, after).trim();
        if (rest !== '' && !rest.startsWith('#'))
          bad = t('Line {0}: unexpected text after the quoted value of {1}.', startLine, shownKey(key));
      }
    } else {
      const rest = src.slice(valueStart, end);
      const hash = rest.search(/\s#/);
      value = (hash >= 0 ? rest.slice(0, hash) : rest).trim();
    }
    pos = next;
    if (bad !== undefined) {
      problems.push({ line: startLine, message: bad });
      continue;
    }
    if (!ENV_KEY_PATTERN.test(key)) {
      problems.push({
        line: startLine,
        message: t(
          'Line {0}: {1} is not a variable name (letters, digits, _ . -; not starting with a digit).',
          startLine,
          shownKey(key),
        ),
      });
      continue;
    }
    if (seen.has(key)) {
      problems.push({
        line: startLine,
        message: t('Line {0}: {1} is set again; the first one is used.', startLine, shownKey(key)),
      });
      continue;
    }
    if (entries.length >= MAX_TRANSFER_ENTRIES) {
      problems.push({
        line: startLine,
        message: t('More than {0} entries: the rest of the file is not read.', MAX_TRANSFER_ENTRIES),
      });
      break;
    }
    seen.add(key);
    entries.push({ key, value, line: startLine });
  }
  return { entries, problems };
}

/** A value every dotenv reader takes bare (no quotes, spaces, #, $, backslash or newline). */
const BARE = /^[A-Za-z0-9_./:@+,=%-]*$/;

/** One value as `.env` text that parses back to exactly `value`. */
export function dotenvValue(value: string): string {
  if (BARE.test(value)) return value;
  // Single quotes are literal everywhere (no escapes, no ${} expansion): the safest form when they fit.
  if (!/['\n\r]/.test(value)) return `'${value}'`;
  return `"${value.replace(/[\\"$\n\r]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\${c}`))}"`;
}

/** `.env` text for the entries, one `KEY=value` per line, ending with a newline. Keys must follow ENV_KEY_PATTERN. */
export function serializeDotenv(entries: ReadonlyArray<{ readonly key: string; readonly value: string }>): string {
  return entries.map((e) => `${e.key}=${dotenvValue(e.value)}\n`).join('');
}

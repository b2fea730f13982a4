// The `.env` rules of import: parse a file the user picked (untrusted: any size, any bytes, any keys). A problem
// names the line, never text of it (an invalid line may be part of a value). Writing is in dotenvWrite.ts.

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

const UTF16 = new TextDecoder('utf-16le');

/** Whether a string has no lone surrogate (String.prototype.isWellFormed: Node 20, Chromium 111). */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

/**
 * A string of the first `length` code units, copied from `source`. Decoded natively when `source` is well-formed
 * (a picked file is: it was decoded as UTF-8); a lone surrogate would come out of that decode as U+FFFD, so other
 * text is built in blocks of code units instead (never a concatenation per character).
 */
function fromCodes(codes: Uint16Array, length: number, source: string): string {
  if (isWellFormed(source)) return UTF16.decode(codes.subarray(0, length));
  let out = '';
  for (let i = 0; i < length; i += 8192)
    out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(length, i + 8192)) as unknown as number[]);
  return out;
}

/** Line ends as \n: \r\n and a lone \r become \n. One pass over the text, whatever it holds. */
function unixLineEnds(text: string): string {
  if (!text.includes('\r')) return text;
  const codes = new Uint16Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x0d) codes[n++] = c;
    else {
      codes[n++] = 0x0a;
      if (text.charCodeAt(i + 1) === 0x0a) i++;
    }
  }
  return fromCodes(codes, n, text);
}

/**
 * Room for decoded code units, one per file read: the values of escapes are decoded into it without an allocation
 * per value (a file of many values would otherwise allocate its remaining length for each one).
 */
interface Scratch {
  codes: Uint16Array;
}

/**
 * A quoted value from `from` (just after the opening quote): where it closes and its text, line ends as \n and,
 * in "…", the escapes decoded (unknown ones stay as written, as dotenv readers do); undefined when it never closes.
 * In "…" a backslash escapes the next character. A value without a backslash is a slice; one with backslashes is
 * decoded in the same single pass that finds its close, so a value of escapes costs one look at each character.
 */
function readQuoted(
  text: string,
  from: number,
  quote: string,
  scratch: Scratch,
): { close: number; value: string } | undefined {
  const close = text.indexOf(quote, from);
  // No quote left: never closes (a backslash cannot make one). Read up to the first quote only: searching further
  // for each value would read a file of many values once per value.
  if (close < 0) return undefined;
  const body = text.slice(from, close);
  if (quote !== '"' || !body.includes('\\')) return { close, value: unixLineEnds(body) };
  const length = text.length;
  if (scratch.codes.length < length - from) scratch.codes = new Uint16Array(length);
  const codes = scratch.codes;
  let n = 0;
  let i = from;
  // The backslash is tested first and its escapes by a switch: the cheapest path for a value that is all escapes.
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      const next = text.charCodeAt(i + 1);
      switch (next) {
        case 0x22: // \"
        case 0x5c: // \\
        case 0x24: // \$
          codes[n++] = next;
          i += 2;
          continue;
        case 0x6e: // \n
          codes[n++] = 0x0a;
          i += 2;
          continue;
        case 0x72: // \r
          codes[n++] = 0x0d;
          i += 2;
          continue;
        case 0x74: // \t
          codes[n++] = 0x09;
          i += 2;
          continue;
      }
      // An unknown escape stays as written: the backslash, then its character read as any other.
      codes[n++] = c;
      i++;
      continue;
    }
    if (c === 0x22) return { close: i, value: fromCodes(codes, n, text.slice(from, i)) };
    if (c === 0x0d) {
      codes[n++] = 0x0a;
      i += text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
      continue;
    }
    codes[n++] = c;
    i++;
  }
  return undefined;
}

/** At most this many problems are listed; past them the file is not read further (a file of noise is not a list). */
export const MAX_TRANSFER_PROBLEMS = 100;

/** At most this many lines are read (ten per entry read at most: comments and blank lines included). */
export const MAX_TRANSFER_LINES = 10 * MAX_TRANSFER_ENTRIES;

/** `KEY =` at the start of a line, with an optional `export`; a name longer than any variable name is not one. */
const ASSIGNMENT = /^\s*(?:export\s+)?([^=\s]{1,256})\s*=\s*/;
/** A line of one word: how the next line of a PEM key or base64 text looks (a sentence is just a bad line). */
const ONE_TOKEN = /^\s*\S+\s*$/;
/** A line of wrapped base64 text (64 or 76 characters in PEM and MIME; 40 or more here). */
const BASE64_LINE = /^[A-Za-z0-9+/]{40,}$/;
/** A line that is only base64 text with its padding: after a base64 line, its last line, not a `KEY=value`. */
const BASE64_TAIL = /^\s*[A-Za-z0-9+/]+={1,2}\s*$/;

/**
 * Parses `.env` text: `KEY=value`, `export KEY=value`, `#` comments, bare values (a ` #` starts a comment), and
 * '…' (literal), "…" (escapes \n \r \t \" \\ \$; may span lines) or `…` values. Refuses (as problems) lines
 * that are not assignments, keys dotenv readers would not accept, text after a closing quote and repeated keys
 * (the first is kept). An unclosed quote ends the reading there. A bare value that goes on over the next lines (a
 * PEM key or base64 text pasted without quotes) refuses the whole file: its lines would otherwise read as entries
 * whose names are pieces of the value. Problems give line numbers only, never text of the line (it may be a value).
 * Linear in the text: every character is looked at a bounded number of times.
 */
export function parseDotenv(text: string): ParsedFile {
  const entries: FileEntry[] = [];
  const problems: FileProblem[] = [];
  if (text.length > MAX_TRANSFER_FILE_BYTES) {
    return { entries, problems: [{ line: 0, message: t('The file is larger than 1 MB.') }] };
  }
  const firstLine = new Map<string, number>();
  const scratch: Scratch = { codes: new Uint16Array(0) };
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  // Line ends are \n, \r\n or \r. The next of each is remembered, so finding every line end is one pass.
  let nextLf = -1;
  let nextCr = -1;
  const lineEnd = (from: number): number => {
    if (nextLf < from) nextLf = src.indexOf('\n', from) >>> 0; // none: 2^32 - 1, past any text
    if (nextCr < from) nextCr = src.indexOf('\r', from) >>> 0;
    return Math.min(nextLf, nextCr, src.length);
  };
  const lineAfter = (end: number): number => (src[end] === '\r' && src[end + 1] === '\n' ? end + 2 : end + 1);
  const refuse = (line: number, message: string): boolean => {
    problems.push({ line, message });
    if (problems.length < MAX_TRANSFER_PROBLEMS) return false;
    problems.push({
      line,
      message: t('More than {0} problems: the rest of the file is not read.', MAX_TRANSFER_PROBLEMS),
    });
    return true;
  };
  /** The line of a bare value that the line being read could continue (the line just before it). */
  let bareBefore: number | undefined;
  /** That bare value is a line of base64 text. */
  let base64Before = false;
  let pos = 0;
  let line = 1;
  while (pos < src.length) {
    if (line > MAX_TRANSFER_LINES) {
      refuse(line, t('More than {0} lines: the rest of the file is not read.', MAX_TRANSFER_LINES));
      break;
    }
    const end = lineEnd(pos);
    const startLine = line;
    const raw = src.slice(pos, end);
    let next = lineAfter(end);
    line++;
    if (raw.length === 0) {
      bareBefore = undefined;
      pos = next;
      continue;
    }
    const continues = bareBefore;
    const afterBase64 = base64Before;
    bareBefore = undefined;
    base64Before = false;
    if (/^\s*(?:#|$)/.test(raw)) {
      pos = next;
      continue;
    }
    const m = ASSIGNMENT.exec(raw);
    if (continues !== undefined && ((m === null && ONE_TOKEN.test(raw)) || (afterBase64 && BASE64_TAIL.test(raw))))
      return multiLineBare(continues);
    if (m === null) {
      if (refuse(startLine, t('Line {0} is not KEY=value.', startLine))) break;
      pos = next;
      continue;
    }
    const key = m[1];
    const valueStart = pos + m[0].length;
    let value: string;
    const quote = src[valueStart];
    let bad: string | undefined;
    if (quote === '"' || quote === "'" || quote === '`') {
      const quoted = readQuoted(src, valueStart + 1, quote, scratch);
      if (quoted === undefined) {
        // Every later line is inside the open quote: nothing after it can be read as an entry.
        refuse(startLine, t('Line {0}: the value has no closing quote; the rest of the file is not read.', startLine));
        break;
      }
      const close = quoted.close;
      value = quoted.value;
      // The value may have spanned lines: continue after the line of the closing quote.
      for (let i = end; i < close; i = lineEnd(lineAfter(i))) line++;
      const after = lineEnd(close);
      next = lineAfter(after);
      const rest = src.slice(close + 1, after).trim();
      if (rest !== '' && !rest.startsWith('#')) bad = t('Line {0}: unexpected text after the quoted value.', startLine);
    } else {
      const rest = src.slice(valueStart, end);
      const hash = rest.search(/\s#/);
      value = (hash >= 0 ? rest.slice(0, hash) : rest).trim();
      // A PEM block opened and not closed on this line goes on over the next lines.
      if (value.startsWith('-----BEGIN ') && !value.includes('-----END ')) return multiLineBare(startLine);
      bareBefore = startLine;
      base64Before = BASE64_LINE.test(value);
    }
    pos = next;
    if (bad !== undefined) {
      if (refuse(startLine, bad)) break;
      continue;
    }
    if (!ENV_KEY_PATTERN.test(key)) {
      const message = t(
        'Line {0}: the name is not a variable name (letters, digits, _ . -; not starting with a digit).',
        startLine,
      );
      if (refuse(startLine, message)) break;
      continue;
    }
    const first = firstLine.get(key);
    if (first !== undefined) {
      if (refuse(startLine, t('Line {0} sets the same name as line {1}; the first one is used.', startLine, first)))
        break;
      continue;
    }
    if (entries.length >= MAX_TRANSFER_ENTRIES) {
      refuse(startLine, t('More than {0} entries: the rest of the file is not read.', MAX_TRANSFER_ENTRIES));
      break;
    }
    firstLine.set(key, startLine);
    entries.push({ key, value, line: startLine });
  }
  return { entries, problems };
}

/** The whole file refused: a bare value starting on `line` goes on over the lines after it. */
function multiLineBare(line: number): ParsedFile {
  return {
    entries: [],
    problems: [
      {
        line,
        message: t(
          'Line {0}: the value goes on over the next lines without quotes (a PEM key or base64 text?). Put the whole value in double quotes. Nothing in this file was read.',
          line,
        ),
      },
    ],
  };
}

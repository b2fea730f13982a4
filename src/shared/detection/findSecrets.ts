// Finds secrets written in plain text in a workspace file: cloud and service tokens by their shape, private keys
// (PEM), passwords in URLs, and the keys of Azure and database connection strings. Pure (no vscode, no Node),
// total (never throws) and linear in the text's length: each line is cut into pieces once (tokens, `Key=value`
// parts, URL credentials) and each piece is matched by an anchored rule of secretRules.ts; PEM blocks are found in
// one forward pass over the whole text. What it returns are offsets only: the caller never needs the value itself.
//
// Not flagged: placeholders (isPlaceholder), Key Vault references (parseReferences' spans), lines a
// `secretlint-disable-line` / `secretlint-disable-next-line` comment names, and the lines between
// `secretlint-disable` and `secretlint-enable`. Every offset is a UTF-16 offset into the text.

import type { Span } from '../references/parseReferences';
import { parseReferences } from '../references/parseReferences';
import {
  isPlaceholder,
  keyValueRule,
  tokenRule,
  urlPasswordRule,
  type SecretKeyName,
  type SecretRule,
} from './secretRules';

export interface SecretDetection {
  readonly rule: SecretRule;
  /** The secret itself: what Move to Key Vault takes. */
  readonly span: Span;
  /** The whole connection string or URL the secret is part of, when it is more than the secret. */
  readonly whole?: Span;
}

/** At most this many detections per text (a generated file full of tokens is reported, not exhausted). */
export const MAX_DETECTIONS = 1000;
/** Longer lines are not read for tokens or connection strings (minified or generated text, images). */
export const MAX_LINE = 8192;

const TOKEN = /[A-Za-z0-9_\-+/.]{20,}/g;
const AWS_SECRET =
  /(?:aws[_-]?)?secret[_-]?access[_-]?key["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi;
const URL_CREDENTIALS = /\b([A-Za-z][A-Za-z0-9+.:-]{0,30}):\/\/([^\s:/?#@"'<>;,]{1,128}):([^\s/?#@"'<>]{1,256})@/g;
const URL_REST = /[^\s"'<>]*/y;
const KEY_VALUE = /\b(AccountKey|SharedAccessKey|Password|Pwd|sig)[ \t]*=[ \t]*/gi;
const KEY_VALUE_VALUE = /[^;"'<>\s\\]*/y;
const SIG_VALUE = /[^;"'<>\s\\&]*/y;
/** `KEY=`, `export KEY=`, `"Key": `, `key: ` at the start of a line: what comes after is the setting's value. */
const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?["']?[A-Za-z_][\w.:-]{0,200}["']?[ \t]*[:=][ \t]*/;
const PEM_BEGIN = '-----BEGIN ';
const PEM_END = '-----END ';
const PEM_LABEL = /-----BEGIN ((?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?)-----/y;
/** A private key's body has at least this many base64 characters (a placeholder body has none). */
const MIN_PEM_BODY = 64;

/** The secrets in a text, in text order, without overlaps. */
export function findSecrets(text: string): SecretDetection[] {
  const found: SecretDetection[] = [];
  if (typeof text !== 'string' || text.length === 0) return found;
  const disabled = scanLines(text, found);
  scanPrivateKeys(text, disabled, found);
  if (found.length === 0) return found;
  found.sort((a, b) => a.span.start - b.span.start);
  const references = parseReferences(text).references.map((r) => r.span);
  const kept: SecretDetection[] = [];
  let r = 0;
  let lastEnd = -1;
  for (const d of found) {
    if (d.span.start < lastEnd) continue;
    while (r < references.length && references[r].end <= d.span.start) r++;
    if (r < references.length && references[r].start < d.span.end) continue;
    kept.push(d);
    lastEnd = d.span.end;
    if (kept.length >= MAX_DETECTIONS) break;
  }
  return kept;
}

/** Reads every line; returns the spans of the lines a secretlint comment turns off. */
function scanLines(text: string, found: SecretDetection[]): Span[] {
  const disabled: Span[] = [];
  let inBlock = false;
  let nextOff = false;
  for (let start = 0; start <= text.length && found.length < MAX_DETECTIONS;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    let off = inBlock || nextOff;
    nextOff = false;
    if (line.includes('secretlint-')) {
      const d = directive(line);
      if (d === 'line') off = true;
      else if (d === 'next') nextOff = true;
      else if (d === 'block') {
        inBlock = true;
        off = true;
      } else if (d === 'enable') inBlock = false;
    }
    if (off) disabled.push({ start, end });
    else if (line.length <= MAX_LINE) scanLine(line, start, found);
    start = end + 1;
  }
  return disabled;
}

type Directive = 'line' | 'next' | 'block' | 'enable' | undefined;

function directive(line: string): Directive {
  const m = /secretlint-(disable-next-line|disable-line|disable|enable)\b/.exec(line);
  if (m === null) return undefined;
  return m[1] === 'disable-next-line'
    ? 'next'
    : m[1] === 'disable-line'
      ? 'line'
      : m[1] === 'disable'
        ? 'block'
        : 'enable';
}

function scanLine(line: string, base: number, found: SecretDetection[]): void {
  scanTokens(line, base, found);
  if (line.length >= 40 && /secret[_-]?access[_-]?key/i.test(line)) scanAwsSecrets(line, base, found);
  if (line.includes('://')) scanUrlCredentials(line, base, found);
  if (line.includes('=')) scanKeyValues(line, base, found);
}

function scanTokens(line: string, base: number, found: SecretDetection[]): void {
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(line); m !== null; m = TOKEN.exec(line)) {
    let token = m[0];
    let at = m.index;
    // A token after `//` (a URL's host) or ending a sentence: the slashes and the full stop are not part of it.
    let lead = 0;
    while (lead < token.length && token[lead] === '/') lead++;
    let trail = token.length;
    while (trail > lead && token[trail - 1] === '.') trail--;
    if (lead > 0 || trail < token.length) {
      token = token.slice(lead, trail);
      at += lead;
    }
    const rule = tokenRule(token);
    if (rule === undefined || isPlaceholder(token)) continue;
    // A Slack webhook is the whole URL.
    const start = rule === 'slack-webhook' && at >= 8 && line.slice(at - 8, at) === 'https://' ? at - 8 : at;
    found.push({ rule, span: { start: base + start, end: base + at + token.length } });
  }
}

function scanAwsSecrets(line: string, base: number, found: SecretDetection[]): void {
  AWS_SECRET.lastIndex = 0;
  for (let m = AWS_SECRET.exec(line); m !== null; m = AWS_SECRET.exec(line)) {
    const value = m[1];
    if (isPlaceholder(value)) continue;
    const start = m.index + m[0].length - value.length;
    found.push({ rule: 'aws-secret-key', span: { start: base + start, end: base + start + value.length } });
  }
}

function scanUrlCredentials(line: string, base: number, found: SecretDetection[]): void {
  URL_CREDENTIALS.lastIndex = 0;
  for (let m = URL_CREDENTIALS.exec(line); m !== null; m = URL_CREDENTIALS.exec(line)) {
    const [all, scheme, user, password] = m;
    if (isPlaceholder(password) || isPlaceholder(user) || password.startsWith('$')) continue;
    const at = m.index + all.length - 1 - password.length;
    URL_REST.lastIndex = m.index + all.length;
    const rest = URL_REST.exec(line)?.[0] ?? '';
    found.push({
      rule: urlPasswordRule(scheme),
      span: { start: base + at, end: base + at + password.length },
      whole: { start: base + m.index, end: base + m.index + all.length + rest.length },
    });
  }
}

function scanKeyValues(line: string, base: number, found: SecretDetection[]): void {
  let region: Span | undefined;
  KEY_VALUE.lastIndex = 0;
  for (let m = KEY_VALUE.exec(line); m !== null; m = KEY_VALUE.exec(line)) {
    const key = m[1].toLowerCase() as SecretKeyName;
    const valueAt = m.index + m[0].length;
    const scan = key === 'sig' ? SIG_VALUE : KEY_VALUE_VALUE;
    scan.lastIndex = valueAt;
    const value = scan.exec(line)?.[0] ?? '';
    KEY_VALUE.lastIndex = Math.max(KEY_VALUE.lastIndex, valueAt + value.length);
    if (isPlaceholder(value)) continue;
    const rule = keyValueRule(key, value, line);
    if (rule === undefined) continue;
    region ??= valueRegion(line);
    const span = { start: base + valueAt, end: base + valueAt + value.length };
    const whole =
      region.start <= m.index && valueAt + value.length <= region.end && region.end - region.start > value.length
        ? { start: base + region.start, end: base + region.end }
        : undefined;
    found.push(whole === undefined ? { rule, span } : { rule, span, whole });
  }
}

/** Where a line's setting value is: after `KEY=` / `"Key": `, without its quotes and a JSON comma. */
function valueRegion(line: string): Span {
  const a = ASSIGNMENT.exec(line);
  let start = a === null ? 0 : a[0].length;
  let end = line.length;
  while (end > start && /[\s,]/.test(line[end - 1])) end--;
  while (start < end && /\s/.test(line[start])) start++;
  const q = line[start];
  if ((q === '"' || q === "'") && end - start >= 2 && line[end - 1] === q) {
    start++;
    end--;
  }
  return { start, end };
}

/** PEM private keys, in one forward pass: each BEGIN is paired with the first END after it. */
function scanPrivateKeys(text: string, disabled: readonly Span[], found: SecretDetection[]): void {
  let d = 0;
  for (let from = 0; found.length < MAX_DETECTIONS;) {
    const begin = text.indexOf(PEM_BEGIN, from);
    if (begin < 0) return;
    const end = text.indexOf(PEM_END, begin + PEM_BEGIN.length);
    if (end < 0) return;
    from = end + PEM_END.length;
    PEM_LABEL.lastIndex = begin;
    const m = PEM_LABEL.exec(text);
    if (m === null) continue;
    const marker = `${PEM_END}${m[1]}-----`;
    if (!text.startsWith(marker, end)) continue;
    while (d < disabled.length && disabled[d].end < begin) d++;
    if (d < disabled.length && disabled[d].start <= begin) continue;
    if (base64Count(text, begin + m[0].length, end) < MIN_PEM_BODY) continue;
    const rule: SecretRule = text.slice(Math.max(0, begin - 40), begin).includes('"private_key"')
      ? 'gcp-service-account-key'
      : 'private-key';
    found.push({ rule, span: { start: begin, end: end + marker.length } });
    from = end + marker.length;
  }
}

function base64Count(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47) n++;
  }
  return n;
}

// The one masking helper (no value in logs): every log line and every error text that could hold a secret value
// goes through maskText. Used by the vault layer's error mapping, the error boundary and the secret form.
// Pure: no `vscode`, no Node APIs.
//
// For each value it masks the forms a value takes on its way into text:
//   - the literal value, and its CRLF and LF variants (a value typed on Windows, logged on Linux);
//   - JSON-escaped (a request or response body quoted in an error), URL-encoded (a query string, a form body),
//     HTML-escaped (a proxy's error page);
//   - each line of a multi-line value that is at least MIN_LINE_LENGTH long (a PEM key quoted one line at a time);
//   - a value shorter than MIN_VALUE_LENGTH is not masked inside words (masking "ab" everywhere would destroy
//     the text and reveal the value by its holes); it is masked where it stands as a whole JSON string value
//     (`"value": "ab"`) or as the whole text.

export const MASK = '***';
/** Values at least this long are masked wherever they occur. */
export const MIN_VALUE_LENGTH = 3;
/** Lines of a multi-line value at least this long are masked on their own. */
export const MIN_LINE_LENGTH = 8;

function jsonEscaped(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

function htmlEscaped(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function urlEncoded(value: string): string[] {
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch {
    return []; // a lone surrogate cannot be encoded, so it cannot appear encoded either
  }
  const form = encoded.replace(/%20/g, '+');
  const lower = encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
  return [encoded, form, lower];
}

/** Every form of one value that maskText looks for (longest first). */
export function maskForms(value: string): string[] {
  if (value === '') return [];
  const lf = value.replace(/\r\n/g, '\n');
  const crlf = lf.replace(/\n/g, '\r\n');
  const forms = new Set<string>();
  const addEncodings = (text: string): void => {
    for (const f of [text, jsonEscaped(text), htmlEscaped(text), ...urlEncoded(text)]) forms.add(f);
  };
  for (const base of [value, lf, crlf]) addEncodings(base);
  if (lf.includes('\n')) {
    for (const line of lf.split('\n')) {
      if (line.trim().length >= MIN_LINE_LENGTH) addEncodings(line.trim());
    }
  }
  return [...forms].filter((f) => f.length >= MIN_VALUE_LENGTH).sort((a, b) => b.length - a.length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces every form of each value with ***. Empty values and duplicates are ignored. */
export function maskText(text: string, values: Iterable<string>): string {
  const unique = [...new Set(values)].filter((v) => typeof v === 'string' && v !== '');
  if (unique.length === 0 || text === '') return text;
  let out = text;
  const forms = new Set<string>();
  for (const v of unique) for (const f of maskForms(v)) forms.add(f);
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    if (out.includes(form)) out = out.split(form).join(MASK);
  }
  for (const v of unique) {
    if (v.length >= MIN_VALUE_LENGTH) continue;
    if (out === v || out.trim() === v) {
      out = MASK;
      continue;
    }
    // A short value as a whole JSON string value: `"key": "ab"`, `["ab"]`, `, "ab"`.
    const quoted = escapeRegExp(JSON.stringify(v));
    out = out.replace(new RegExp(`([:\\[,]\\s*)${quoted}`, 'g'), `$1"${MASK}"`);
  }
  return out;
}

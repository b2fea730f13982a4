// The parameters of an App Service reference body, `key = value; key = value`: whitespace around the parts and
// optional quotes around a value. Every scan stays inside the part it reads (never past the body, never to the end
// of the document), so a body of n characters costs O(n) whatever it holds.

/** A half-open range of offsets [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Param {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: string;
  readonly valueSpan: Span;
  /** The parameter with the separator before it (or after it, when it is the first). */
  readonly removal: Span;
}

/** More parameters than a reference can hold (four names, each once): the body is refused unread past this. */
export const MAX_REFERENCE_PARAMS = 8;

/**
 * The parameters of the body text[start, end). `undefined` when it holds more than MAX_REFERENCE_PARAMS of them
 * (the caller refuses the reference).
 */
export function splitParams(text: string, start: number, end: number): Param[] | undefined {
  const params: Param[] = [];
  let partStart = start;
  for (let i = start; i <= end; i++) {
    if (i < end && text[i] !== ';') continue;
    const part = trimSpan(text, partStart, i);
    if (part.end > part.start) {
      if (params.length === MAX_REFERENCE_PARAMS) return undefined;
      params.push(param(text, part, partStart, i, end, params.length === 0));
    }
    partStart = i + 1;
  }
  return params;
}

function param(text: string, part: Span, partStart: number, separator: number, bodyEnd: number, first: boolean): Param {
  let eq = part.start;
  while (eq < part.end && text[eq] !== '=') eq++;
  const hasEq = eq < part.end;
  const keySpan = trimSpan(text, part.start, eq);
  let valueSpan = hasEq ? trimSpan(text, eq + 1, part.end) : { start: part.end, end: part.end };
  const quote = text[valueSpan.start];
  if (valueSpan.end - valueSpan.start >= 2 && (quote === '"' || quote === "'") && text[valueSpan.end - 1] === quote) {
    valueSpan = { start: valueSpan.start + 1, end: valueSpan.end - 1 };
  }
  return {
    key: text.slice(keySpan.start, keySpan.end),
    keySpan,
    value: text.slice(valueSpan.start, valueSpan.end),
    valueSpan,
    removal: first
      ? { start: part.start, end: Math.min(separator + 1, bodyEnd) }
      : { start: partStart - 1, end: part.end },
  };
}

function trimSpan(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  return { start: s, end: e };
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

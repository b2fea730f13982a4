// Where a URL-like reference token (akvs://… or https://…/secrets/…) ends in any of the file formats. Pure.

import { MAX_REFERENCE_LENGTH } from './referenceModel';

/** Characters that end a URL-like token (azd and bare identifiers) in any of the file formats. */
const TOKEN_END = new Set([
  ' ',
  '\t',
  '\n',
  '\r',
  '\f',
  '\v',
  '"',
  "'",
  '`',
  ',',
  ';',
  '(',
  ')',
  '<',
  '>',
  '[',
  ']',
  '{',
  '}',
  '|',
  '\\',
  '?',
  '#',
  '^',
]);

/** The end of a URL-like token starting at `start` (bounded, so a hostile line stays linear). */
export function tokenEnd(text: string, start: number): number {
  const limit = Math.min(text.length, start + MAX_REFERENCE_LENGTH);
  let end = start;
  while (end < limit) {
    const c = text[end];
    if (TOKEN_END.has(c) || c.charCodeAt(0) < 0x20) break;
    end++;
  }
  // Sentence punctuation after a token is not part of it (names and versions never end in '.' or ':').
  while (end > start && (text[end - 1] === '.' || text[end - 1] === ':')) end--;
  return end;
}

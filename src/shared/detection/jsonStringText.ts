// The text a value written inside a JSON string stands for: JSON escapes its line breaks, quotes and backslashes
// (a PEM key on one line is `-----BEGIN …\n…`), and what moves to a vault is the decoded text, never the escapes.
// Pure (no vscode, no Node).

/** Whether a document is JSON (by its language, or by its name when the language is not known). */
export function isJsonDocument(languageId: string, path: string): boolean {
  return languageId === 'json' || languageId === 'jsonc' || /\.json$/i.test(path);
}

/**
 * The text a piece of a JSON string's body stands for, its escapes decoded; undefined when the piece is not one
 * JSON accepts inside a string (an unescaped quote or control character, a broken escape).
 */
export function jsonStringText(body: string): string | undefined {
  if (!body.includes('\\')) return body;
  try {
    const decoded: unknown = JSON.parse(`"${body}"`);
    return typeof decoded === 'string' ? decoded : undefined;
  } catch {
    return undefined;
  }
}

// Writing `.env` files for export. A value is written only in a form that the common readers read back to exactly
// that value: the npm package dotenv, python-dotenv, godotenv (azd) and docker compose. Their rules differ:
//   dotenv         "…" decodes only \n and \r; '…' and bare text are literal.
//   python-dotenv  "…" decodes \\ \' \" \n \r \t and more; '…' decodes \\ and \'; ${NAME} is expanded in every form.
//   godotenv, docker compose   "…" and bare text expand $NAME and ${NAME}; '…' is literal.
// So the three forms written are: bare (a small safe alphabet), '…' (no ' and no \\ inside, no ${, one line),
// and "…" (no " \ or $ inside; line breaks written \n and \r). A value that fits none of them is not written: the
// caller is told which name and why, never the value.

import { t } from '../l10n';

/** A value every reader takes bare (no quotes, spaces, #, $, backslash or line break). */
const BARE = /^[A-Za-z0-9_./:@+,=%-]*$/;

/** One value as `.env` text every reader reads back as exactly `value`, or why there is none. */
export function dotenvValue(value: string): { readonly text: string } | { readonly reason: string } {
  if (BARE.test(value)) return { text: value };
  if (value.includes('${')) return { reason: t('its value holds "${", which python-dotenv replaces in every form') };
  const lineBreak = /[\n\r]/.test(value);
  if (!value.includes("'") && !value.includes('\\\\') && !lineBreak) return { text: `'${value}'` };
  if (!/["\\$]/.test(value)) return { text: `"${value.replace(/[\n\r]/g, (c) => (c === '\n' ? '\\n' : '\\r'))}"` };
  return {
    reason: lineBreak
      ? t('its value holds a line break and one of " \\ $, which .env readers read back differently')
      : t('its value holds \' and one of " \\ $, which .env readers read back differently'),
  };
}

export interface DotenvText {
  /** `KEY=value` lines, ending with a newline. */
  readonly text: string;
  /** The entries left out, by key, with the reason (never the value). */
  readonly refused: ReadonlyArray<{ readonly key: string; readonly reason: string }>;
}

/** `.env` text for the entries that can be written exactly. Keys must follow ENV_KEY_PATTERN. */
export function serializeDotenv(entries: ReadonlyArray<{ readonly key: string; readonly value: string }>): DotenvText {
  let text = '';
  const refused: Array<{ key: string; reason: string }> = [];
  for (const e of entries) {
    const form = dotenvValue(e.value);
    if ('text' in form) text += `${e.key}=${form.text}\n`;
    else refused.push({ key: e.key, reason: form.reason });
  }
  return { text, refused };
}

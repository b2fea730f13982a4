// What a chat agent gives the Key Vault tools, checked before anything is read or sent. A tool's input is
// untrusted (a model wrote it, maybe from text a workspace planted): it is checked like a command argument, by the
// same rules (the vault URL rule, the vault-argument rule, the secret field rules), and anything else is refused
// with a message the model can act on. Pure (no `vscode`), so the bad-input rows run it in plain Node.

import { t } from '../shared/l10n';
import { markdownCode } from '../shared/markup';
import {
  isSecretVersion,
  parseIsoDateTime,
  SECRET_LIMITS,
  validateContentType,
  validateSecretName,
  validateTags,
} from '../shared/validation';
import { parseVaultUrl } from '../shared/vaultUrl';
import type { VaultRef } from '../vault/model';
import { resolveVaultArgument } from '../vault/vaultArguments';

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const no = <T>(message: string): Checked<T> => ({ ok: false, message });

/** The most characters of a file path a tool reads (longer input is refused unread). */
export const MAX_TOOL_PATH_LENGTH = 1024;
/** The most line number a tool accepts (a file the references feature reads is far shorter). */
export const MAX_TOOL_LINE = 1_000_000;

/** The input object: only the keys the tool declares; anything else (a "value" switch, say) is refused by name. */
export function toolInput(input: unknown, keys: readonly string[]): Checked<Readonly<Record<string, unknown>>> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return no(t('The tool input must be an object.'));
  const unknown = Object.keys(input).filter((k) => !keys.includes(k));
  if (unknown.length > 0)
    return no(
      t(
        'This tool does not take {0}. It takes only: {1}.',
        unknown
          .slice(0, 3)
          .map((k) => JSON.stringify(k.slice(0, 40)))
          .join(', '),
        keys.join(', ') || t('nothing'),
      ),
    );
  return ok(input as Readonly<Record<string, unknown>>);
}

/**
 * A vault the tools may use: one of the user's own vaults (their settings, or discovery), named by its URL. A
 * vault only the workspace's settings list is refused (a workspace must not pick where an agent's requests go),
 * as is a URL the vault URL rule refuses and a vault the user does not have; the answer is always the known entry,
 * so how the vault is reached comes from the user's settings, never from the input.
 */
export function toolVault(
  arg: unknown,
  own: readonly VaultRef[],
  workspaceListed: readonly VaultRef[],
): Checked<VaultRef> {
  if (typeof arg !== 'string') return no(t('Give the vault as its URL, from the list of your vaults.'));
  const parsed = parseVaultUrl(arg);
  if (!parsed.ok) return no(t('This is not a vault URL: {0}', parsed.message));
  const mine = resolveVaultArgument(parsed.url, own);
  if (mine.ok) return ok(mine.vault);
  if (workspaceListed.some((v) => v.key === parsed.url))
    return no(
      t(
        '{0} is listed by this workspace\'s settings, not by the user: the Key Vault tools use only the user\'s own vaults. The user can add it with "Add Vault by URL".',
        parsed.url,
      ),
    );
  return no(t("{0} is not one of the user's vaults. List them with the tool keyVaultSecrets_listVaults.", parsed.url));
}

export function toolSecretName(arg: unknown): Checked<string> {
  if (typeof arg !== 'string') return no(t('Give the secret name as text.'));
  // A long input is refused unread.
  if (arg.length > SECRET_LIMITS.nameMaxLength)
    return no(t('A secret name is 1 to {0} letters, digits and dashes.', SECRET_LIMITS.nameMaxLength));
  const problem = validateSecretName(arg);
  return problem === undefined ? ok(arg) : no(problem);
}

export function toolVersion(arg: unknown): Checked<string | undefined> {
  if (arg === undefined) return ok(undefined);
  return isSecretVersion(arg) ? ok(arg) : no(t('A version id is 1 to 64 letters and digits.'));
}

/** The name pattern of Find Secrets: letters, digits, dashes and the wildcards `*` and `?` (never a regular expression). */
export const NAME_PATTERN_CHARS = /^[0-9a-zA-Z*?-]+$/;

export function toolNamePattern(arg: unknown): Checked<string> {
  if (typeof arg !== 'string') return no(t('Give the name pattern as text.'));
  // A pattern longer than a secret name can match nothing: refused before it is read.
  if (arg.length > SECRET_LIMITS.nameMaxLength)
    return no(t('A name pattern can be at most {0} characters.', SECRET_LIMITS.nameMaxLength));
  if (arg.length === 0) return no(t('Give part of a secret name, or * for every secret.'));
  if (!NAME_PATTERN_CHARS.test(arg))
    return no(
      t('A name pattern can contain only letters, digits, dashes and the wildcards * and ? (no regular expression).'),
    );
  return ok(arg);
}

/**
 * Whether a secret name matches a pattern, case-insensitively: without a wildcard, the pattern anywhere in the
 * name; with `*` (any run) or `?` (one character), the whole name. A two-pointer walk, linear in practice and
 * never worse than name × pattern (no regular expression built from the input).
 */
export function matchesNamePattern(name: string, pattern: string): boolean {
  const p = pattern.toLowerCase();
  const s = name.toLowerCase();
  if (!p.includes('*') && !p.includes('?')) return s.includes(p);
  let i = 0;
  let j = 0;
  let star = -1;
  let resume = 0;
  while (i < s.length) {
    if (j < p.length && (p[j] === '?' || p[j] === s[i])) {
      i++;
      j++;
    } else if (j < p.length && p[j] === '*') {
      star = j++;
      resume = i;
    } else if (star >= 0) {
      j = star + 1;
      i = ++resume;
    } else return false;
  }
  while (j < p.length && p[j] === '*') j++;
  return j === p.length;
}

/** A workspace file path as text (where it points is checked against the workspace folders by the caller). */
export function toolPath(arg: unknown): Checked<string> {
  if (typeof arg !== 'string' || arg.trim().length === 0) return no(t('Give the file as a path in the workspace.'));
  if (arg.length > MAX_TOOL_PATH_LENGTH)
    return no(t('A file path can be at most {0} characters.', MAX_TOOL_PATH_LENGTH));
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (/[\u0000-\u001f\u007f]/.test(arg)) return no(t('A file path cannot contain control characters.'));
  // A scheme (two letters or more before a colon; `C:` is a Windows drive) makes it a URI, not a path.
  if (/^[a-z][a-z0-9+.-]+:/i.test(arg)) return no(t('Give the file as a path in the workspace, not a URI.'));
  return ok(arg.trim());
}

/** A 1-based line and column as integers (whether they fall inside the file is checked against the document). */
export function toolPosition(line: unknown, column: unknown): Checked<{ line: number; column: number }> {
  const whole = (x: unknown): x is number =>
    typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= MAX_TOOL_LINE;
  if (!whole(line) || !whole(column)) return no(t('Give the line and the column as whole numbers counted from 1.'));
  return ok({ line, column });
}

/** A 1-based position as a 0-based one inside a text of `lineCount` lines (`lineLength` of each): refused when outside. */
export function positionInside(
  position: { line: number; column: number },
  lineCount: number,
  lineLength: (line: number) => number,
): Checked<{ line: number; character: number }> {
  if (position.line > lineCount)
    return no(t('Line {0} is outside the file: it has {1} lines.', position.line, lineCount));
  const length = lineLength(position.line - 1);
  if (position.column > length + 1)
    return no(t('Column {0} is outside line {1}: it has {2} characters.', position.column, position.line, length));
  return ok({ line: position.line - 1, character: position.column - 1 });
}

/** Metadata a create may prefill (never a value). */
export interface CreatePrefill {
  readonly contentType: string;
  readonly tags: ReadonlyArray<{ readonly key: string; readonly value: string }>;
  readonly notBefore: string;
  readonly expiresOn: string;
}

/** The optional metadata of Create Secret, by the secret field rules. */
export function toolCreatePrefill(input: Readonly<Record<string, unknown>>): Checked<CreatePrefill> {
  const { contentType = '', tags = {}, notBefore, expiresOn } = input;
  if (typeof contentType !== 'string') return no(t('Give the content type as text.'));
  const typeProblem = validateContentType(contentType);
  if (typeProblem !== undefined) return no(typeProblem);
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags))
    return no(t('Give the tags as an object of names and text values.'));
  const entries = Object.entries(tags as Record<string, unknown>);
  if (entries.length > SECRET_LIMITS.maxTags)
    return no(t('A secret can have at most {0} tags (this one has {1}).', SECRET_LIMITS.maxTags, entries.length));
  if (entries.some(([, v]) => typeof v !== 'string')) return no(t('Each tag needs a text value.'));
  const tagProblem = validateTags(Object.fromEntries(entries) as Record<string, string>);
  if (tagProblem !== undefined) return no(tagProblem);
  const date = (x: unknown, what: string): Checked<string> => {
    if (x === undefined) return ok('');
    const parsed = parseIsoDateTime(x);
    return parsed === undefined
      ? no(t('The {0} date must be an ISO 8601 date and time, for example 2027-01-31T00:00:00Z.', what))
      : ok(parsed.toISOString());
  };
  const nb = date(notBefore, t('activation'));
  if (!nb.ok) return nb;
  const exp = date(expiresOn, t('expiry'));
  if (!exp.ok) return exp;
  return ok({
    contentType,
    tags: entries.map(([key, value]) => ({ key, value: value as string })),
    notBefore: nb.value,
    expiresOn: exp.value,
  });
}

/** Untrusted text (a name, a path) inside a confirmation message: shown as code, never as markup. */
export function quoted(text: string): string {
  return markdownCode(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}

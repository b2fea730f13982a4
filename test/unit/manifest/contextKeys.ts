// The context keys of the extension, read from their two ends: the keys `when` and `enablement` clauses of
// package.json read, and the keys the code sets with `setContext`. Used by contextKeys.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The prefix of the keys this extension owns; every other key a clause reads is VS Code's own. */
export const OWN_PREFIX = 'keyVaultSecrets.';

/**
 * VS Code's own context keys that our clauses may read. A key outside this list and outside our prefix is a typo
 * or a key nobody sets: add it here only after checking VS Code's "when clause contexts" reference.
 */
export const VSCODE_KEYS: ReadonlySet<string> = new Set([
  'view',
  'viewItem',
  'focusedView',
  'inputFocus',
  'editorTextFocus',
  'editorReadonly',
  'editorIsOpen',
  'editorHasSelection',
  'resourceScheme',
  'resourceFilename',
  'isWorkspaceTrusted',
  'listMultiSelection',
]);

/** Every `when` and `enablement` string anywhere under `node` (package.json's `contributes`). */
export function clausesOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) clausesOf(n, out);
  else if (node !== null && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'when' || k === 'enablement') && typeof v === 'string') out.push(v);
      // A walkthrough step's "onContext:<clause>" completion event reads its keys too.
      else if (k === 'completionEvents' && Array.isArray(v)) {
        for (const e of v) if (typeof e === 'string' && e.startsWith('onContext:')) out.push(e.slice(10));
      } else clausesOf(v, out);
    }
  return out;
}

/** The keys a clause reads: each operand on the left of a comparison, or alone (`a && !b || c == x`). */
export function keysRead(clause: string): string[] {
  const withoutRegexes = clause.replace(/=~\s*\/(?:\\.|[^/\\])*\/[a-z]*/g, '=~ R');
  return withoutRegexes
    .split(/&&|\|\||[()!]/)
    .map((term) => /^\s*([A-Za-z_][\w.-]*)/.exec(term)?.[1])
    .filter((k): k is string => k !== undefined && k !== 'true' && k !== 'false');
}

export interface KeySet {
  readonly key: string;
  readonly where: string;
}

/**
 * Each `executeCommand('setContext', KEY, …)` in the .ts files under `dir`: KEY is a string literal, a
 * constant defined in one of those files as `const NAME = '…'`, or `TABLE[…]` of a table of literals defined as
 * `const TABLE = { a: '…', … }` (each of its keys counts as set). A key given any other way is returned with
 * `key` set to `?NAME`, so the test fails until it is a literal or a constant.
 */
export function keysSet(dir: string): KeySet[] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
  const constants = new Map<string, string>();
  for (const { text } of files)
    for (const m of text.matchAll(/\bconst\s+([A-Za-z_]\w*)\s*=\s*'([^']*)'/g)) constants.set(m[1] ?? '', m[2] ?? '');
  const tables = new Map<string, string[]>();
  for (const { text } of files)
    for (const m of text.matchAll(/\bconst\s+([A-Za-z_]\w*)\s*=\s*\{([^}]*)\}/g)) {
      const values = [...(m[2] ?? '').matchAll(/^\s*\w+:\s*'([^']*)',?\s*$/gm)].map((v) => v[1] ?? '');
      if (values.length > 0) tables.set(m[1] ?? '', values);
    }
  const found: KeySet[] = [];
  for (const { file, text } of files)
    for (const m of text.matchAll(/executeCommand\(\s*'setContext'\s*,\s*('([^']*)'|[A-Za-z_][\w.]*)(\[)?/g)) {
      const line = text.slice(0, m.index).split('\n').length;
      const literal = m[2];
      const name = m[1] ?? '';
      const table = m[3] !== undefined ? tables.get(name) : undefined;
      if (table !== undefined) for (const key of table) found.push({ key, where: `${file}:${line}` });
      else found.push({ key: literal ?? constants.get(name) ?? `?${name}`, where: `${file}:${line}` });
    }
  return found;
}

export interface Mismatch {
  /** Keys of ours a clause reads that no code sets: the clause can never be true (or never false). */
  readonly readNeverSet: string[];
  /** Keys the code sets that no clause reads: dead state, or a clause that lost its key to a rename. */
  readonly setNeverRead: string[];
  /** Keys a clause reads that are neither ours nor VS Code keys on the list. */
  readonly unknown: string[];
  /** setContext calls whose key is neither a literal nor a known constant. */
  readonly unresolved: string[];
}

export function compare(clauses: readonly string[], set: readonly KeySet[]): Mismatch {
  const read = new Set(clauses.flatMap(keysRead));
  const setKeys = new Set(set.map((s) => s.key).filter((k) => !k.startsWith('?')));
  const ours = [...read].filter((k) => k.startsWith(OWN_PREFIX));
  return {
    readNeverSet: ours.filter((k) => !setKeys.has(k)).sort(),
    setNeverRead: [...setKeys].filter((k) => !read.has(k)).sort(),
    unknown: [...read].filter((k) => !k.startsWith(OWN_PREFIX) && !VSCODE_KEYS.has(k)).sort(),
    unresolved: set.filter((s) => s.key.startsWith('?')).map((s) => `${s.where} ${s.key.slice(1)}`),
  };
}

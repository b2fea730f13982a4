// Insert Key Vault Reference into a file the user has not placed a cursor in (the command opened it: the Get Started
// walkthrough's button, the palette with no editor): the reference goes in as a new setting, so the file stays
// valid. A JSON file gets a new member at the top of its "Values" object (local.settings.json) or else of its
// top-level object; a .env file gets a new last line. The setting's name comes from the secret's name by the export
// rule (`db-password` → `DB_PASSWORD`), numbered when the file already has it. Anything else: no edit (the user is
// asked to place the cursor). Pure: the webview-free, vscode-free rule the command and its tests share.

import { secretToVariable } from '../transfer/nameMapping';

/** One insertion into the file's text. */
export interface NewSettingEdit {
  readonly offset: number;
  readonly text: string;
  /** The setting's name as written. */
  readonly key: string;
  /** Where the reference itself starts in the file after the edit, and its length (to select it). */
  readonly referenceOffset: number;
}

export type SettingFileKind = 'json' | 'dotenv';

/** The kind of settings file a path names, by its base name; undefined for any other file. */
export function settingFileKind(path: string): SettingFileKind | undefined {
  const base = (path.split(/[\\/]/).pop() ?? '').toLowerCase();
  if (base.endsWith('.json')) return 'json';
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return 'dotenv';
  return undefined;
}

/** The first of NAME, NAME_2, NAME_3, … that `taken` does not hold (at most 100 tried: each may read the file). */
function freeKey(base: string, taken: (key: string) => boolean): string | undefined {
  for (let i = 1; i <= 100; i++) {
    const key = i === 1 ? base : `${base}_${i}`;
    if (!taken(key)) return key;
  }
  return undefined;
}

/** A line's leading spaces and tabs, before `offset`. */
function indentOfLineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const m = /^[ \t]*/.exec(text.slice(start, Math.min(text.length, start + 200)));
  return m?.[0] ?? '';
}

const VALUES_OBJECT = /"Values"[ \t\r\n]*:[ \t\r\n]*\{/;

function jsonEdit(text: string, secretName: string, reference: string): NewSettingEdit | undefined {
  const values = VALUES_OBJECT.exec(text);
  let brace: number;
  if (values !== null) brace = values.index + values[0].length - 1;
  else {
    brace = text.search(/\S/);
    if (brace < 0 || text[brace] !== '{') return undefined;
  }
  const key = freeKey(secretToVariable(secretName), (k) => text.includes(`"${k}"`));
  if (key === undefined) return undefined;
  const afterBrace = text.slice(brace + 1);
  const next = afterBrace.search(/\S/);
  const empty = next >= 0 && afterBrace[next] === '}';
  const outer = indentOfLineAt(text, brace);
  // The members' indentation: the first member's line when there is one on a line of its own, else one step in.
  const firstMember = !empty && next >= 0 ? brace + 1 + next : -1;
  const memberOnOwnLine = firstMember >= 0 && /\n[ \t]*$/.test(text.slice(brace + 1, firstMember));
  const inner = memberOnOwnLine ? indentOfLineAt(text, firstMember) : `${outer}  `;
  const member = `${JSON.stringify(key)}: ${JSON.stringify(reference)}`;
  const insert = empty ? `\n${inner}${member}\n${outer}` : `\n${inner}${member},`;
  const offset = brace + 1;
  // JSON.stringify of the reference adds a quote before it (references hold no character JSON escapes).
  const referenceOffset = offset + insert.indexOf(member) + JSON.stringify(key).length + 3;
  return { offset, text: insert, key, referenceOffset };
}

function dotenvEdit(text: string, secretName: string, reference: string): NewSettingEdit | undefined {
  const taken = new Set<string>();
  for (const line of text.split(/\r?\n|\r/)) {
    const m = /^\s*(?:export\s+)?([^=\s]{1,256})\s*=/.exec(line);
    if (m?.[1] !== undefined) taken.add(m[1]);
  }
  const key = freeKey(secretToVariable(secretName), (k) => taken.has(k));
  if (key === undefined) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lead = text.length === 0 || text.endsWith('\n') || text.endsWith('\r') ? '' : eol;
  const line = `${lead}${key}=${reference}${eol}`;
  return { offset: text.length, text: line, key, referenceOffset: text.length + lead.length + key.length + 1 };
}

/** The new setting that holds `reference` in a file of this kind, or undefined when its text has no place for one. */
export function newSettingEdit(
  kind: SettingFileKind,
  text: string,
  secretName: string,
  reference: string,
): NewSettingEdit | undefined {
  return kind === 'json' ? jsonEdit(text, secretName, reference) : dotenvEdit(text, secretName, reference);
}

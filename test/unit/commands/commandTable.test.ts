// The one command table: every command id of src/shared/commandIds.ts has exactly one row in
// src/commands/commandTable.ts, and nothing in src/ registers a command anywhere else. The type of the table
// already makes a missing row a compile error; this test also fails on an extra or repeated row, and on a second
// registration path (a `registerCommand(` outside the two places that may call it). Reads the sources as text: the
// table's handlers import `vscode`, which the unit tier does not load.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { COMMAND_NAMES } from '../../../src/shared/commandIds';

const ROOT = join(__dirname, '..', '..', '..');
const TABLE = 'src/commands/commandTable.ts';

/** The names of the table's rows, in order: `name: [` at the indentation of the returned object's properties. */
function tableRows(text: string): string[] {
  const body = text.slice(text.indexOf('export function commandTable('));
  return [...body.matchAll(/^ {4}(\w+): \[/gm)].map((m) => m[1] ?? '');
}

function sources(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    if (!e.name.endsWith('.ts')) return [];
    return [{ file: relative(ROOT, path).replace(/\\/g, '/'), text: readFileSync(path, 'utf8') }];
  });
}

/**
 * Where src/ may register a command, and how often: activation's stand-ins (one per id of commandIds.ts, in one
 * loop) and the registration of the one table (one call, in its loop over the rows).
 */
const REGISTRATION_POINTS: Readonly<Record<string, number>> = {
  'src/lazyActivation.ts': 1,
  'src/commands/registerCommands.ts': 1,
};

function registrations(files: ReadonlyArray<{ file: string; text: string }>): Record<string, number> {
  const found: Record<string, number> = {};
  for (const { file, text } of files) {
    const code = text.replace(/^\s*(\/\/|\*|\/\*).*$/gm, '');
    const n = [...code.matchAll(/\bregister(?:TextEditor)?Command\s*\(/g)].length;
    if (n > 0) found[file] = n;
  }
  return found;
}

describe('the one command table', () => {
  const rows = tableRows(readFileSync(join(ROOT, TABLE), 'utf8'));

  it('has exactly one row for every command id, and no row for anything else', () => {
    const repeated = rows.filter((r, i) => rows.indexOf(r) !== i);
    assert.deepEqual(repeated, [], `rows repeated in ${TABLE}`);
    const missing = COMMAND_NAMES.filter((n) => !rows.includes(n));
    assert.deepEqual(missing, [], `command ids without a handler in ${TABLE}`);
    const unknown = rows.filter((r) => !(COMMAND_NAMES as readonly string[]).includes(r));
    assert.deepEqual(unknown, [], `rows of ${TABLE} that are not command ids`);
  });

  it('is the only way a command is registered: no registerCommand( anywhere else in src/', () => {
    assert.deepEqual(registrations(sources(join(ROOT, 'src'))), REGISTRATION_POINTS);
  });
});

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_COMMAND_IDS, COMMAND_NAMES, COMMANDS, MANY_ROW_COMMANDS } from '../../../src/shared/commandIds';

interface Contributes {
  readonly commands: ReadonlyArray<{ readonly command: string; readonly title: string }>;
  readonly menus: Readonly<
    Record<
      string,
      ReadonlyArray<{
        readonly command?: string;
        readonly submenu?: string;
        readonly when?: string;
        readonly group?: string;
      }>
    >
  >;
  readonly keybindings?: ReadonlyArray<{ readonly command: string }>;
  readonly viewsWelcome?: ReadonlyArray<{ readonly contents: string }>;
}

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: Contributes;
};
const contributed = pkg.contributes.commands.map((c) => c.command);
/** Manifest strings are `%key%` references into package.nls.json. */
const nls = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.nls.json'), 'utf8')) as Record<
  string,
  string
>;
const localised = (text: string): string => text.replace(/^%(.+)%$/, (whole, key: string) => nls[key] ?? whole);

describe('command ids', () => {
  it('equal package.json contributes.commands, one for one', () => {
    assert.deepEqual([...ALL_COMMAND_IDS].sort(), [...contributed].sort());
    assert.equal(new Set(contributed).size, contributed.length, 'a command is contributed twice');
  });

  it('every menu entry names a known command', () => {
    const known = new Set<string>(ALL_COMMAND_IDS);
    const unknown: string[] = [];
    for (const [menu, entries] of Object.entries(pkg.contributes.menus)) {
      for (const e of entries)
        if (e.command !== undefined && !known.has(e.command)) unknown.push(`${menu}: ${e.command}`);
    }
    for (const k of pkg.contributes.keybindings ?? [])
      if (!known.has(k.command)) unknown.push(`keybinding: ${k.command}`);
    assert.deepEqual(unknown, []);
  });

  it('every command link in a welcome view names a known command (or a VS Code one)', () => {
    const links = (pkg.contributes.viewsWelcome ?? []).flatMap((w) =>
      [...localised(w.contents).matchAll(/\(command:([\w.]+)/g)].map((m) => m[1] ?? ''),
    );
    assert.ok(links.length > 0);
    const ours = links.filter((id) => id.startsWith('keyVaultSecrets.'));
    assert.deepEqual(
      ours.filter((id) => !(ALL_COMMAND_IDS as readonly string[]).includes(id)),
      [],
    );
  });

  it('a row context menu of several selected rows lists only the commands that act on every selected row', () => {
    const many = new Set<string>(MANY_ROW_COMMANDS.map((n) => COMMANDS[n]));
    const wrong: string[] = [];
    for (const e of pkg.contributes.menus['view/item/context'] ?? []) {
      if (e.command === undefined || !(e.when ?? '').startsWith('view == keyVaultSecrets.vaults')) continue;
      if ((e.group ?? '').startsWith('inline')) continue; // a row's own buttons act on that row
      const hidden = / && !listMultiSelection\b/.test(e.when ?? '');
      if (many.has(e.command) === hidden) wrong.push(`${e.command} (${e.group ?? ''}): ${e.when ?? ''}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('names map to prefixed ids', () => {
    for (const n of COMMAND_NAMES) assert.equal(COMMANDS[n], `keyVaultSecrets.${n}`);
  });
});

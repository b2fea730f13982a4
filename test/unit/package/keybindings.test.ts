// The extension's keys never take a key away from the workbench: no keybinding of package.json may use a key
// that VS Code binds, on that platform, for the whole window (workbenchKeybindings.json lists those defaults),
// except where the extension's command is that same action on the focused view's row.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

type Platform = 'linux' | 'windows' | 'macos';
const PLATFORMS: readonly Platform[] = ['linux', 'windows', 'macos'];

interface Keybinding {
  readonly command: string;
  readonly args?: { readonly command?: string };
  readonly key: string;
  readonly mac?: string;
  readonly linux?: string;
  readonly win?: string;
  readonly when?: string;
}

const repo = resolve(__dirname, '..', '..', '..');
const defaults = JSON.parse(readFileSync(join(__dirname, 'workbenchKeybindings.json'), 'utf8')) as Record<
  Platform,
  Record<string, string>
>;
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  contributes: { keybindings: readonly Keybinding[] };
};

/**
 * Workbench commands a binding may take over because it does the same thing on the selected row: Copy copies
 * the selected secret's value, as the workbench's own Problems and Search views bind their Copy to Ctrl+C.
 */
const SAME_ACTION: Readonly<Record<string, readonly string[]>> = {
  copyValue: ['editor.action.clipboardCopyAction', 'execCopy'],
};

/** The key a binding uses on a platform, its modifiers in one order (VS Code accepts them in any). */
function keyOn(b: Keybinding, platform: Platform): string {
  const key = (platform === 'macos' ? b.mac : platform === 'linux' ? b.linux : b.win) ?? b.key;
  return key
    .toLowerCase()
    .split(' ')
    .map((chord) => {
      const parts = chord.split('+');
      const last = parts.pop() ?? '';
      return [...parts.sort(), last].join('+');
    })
    .join(' ');
}

/** The workbench commands `b` would shadow, one line per platform. */
function shadowed(b: Keybinding): string[] {
  const normalised = (platform: Platform): Map<string, string> =>
    new Map(Object.entries(defaults[platform]).map(([k, c]) => [keyOn({ command: c, key: k }, platform), c]));
  return PLATFORMS.flatMap((platform) => {
    const key = keyOn(b, platform);
    const workbench = normalised(platform).get(key);
    if (workbench === undefined) return [];
    if (SAME_ACTION[b.args?.command ?? b.command]?.includes(workbench)) return [];
    return [`${platform}: ${key} is ${workbench}`];
  });
}

describe("package.json's keybindings", () => {
  it('the list of workbench defaults holds the window-wide keys it is checked against', () => {
    assert.equal(defaults.linux['ctrl+r'], 'workbench.action.openRecent');
    assert.equal(defaults.windows['ctrl+p'], 'workbench.action.quickOpen');
    assert.equal(defaults.macos['cmd+p'], 'workbench.action.quickOpen');
    assert.deepEqual(shadowed({ command: 'x', key: 'ctrl+r', mac: 'cmd+r' }), [
      'linux: ctrl+r is workbench.action.openRecent',
      'windows: ctrl+r is workbench.action.openRecent',
    ]);
  });

  for (const b of manifest.contributes.keybindings) {
    const name = `${b.args?.command ?? b.command} (${b.key}, mac ${b.mac ?? b.key})`;
    it(`${name} shadows no window-wide workbench key on Linux, Windows or macOS`, () => {
      assert.deepEqual(shadowed(b), []);
    });
  }
});

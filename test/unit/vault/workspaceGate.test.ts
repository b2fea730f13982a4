// The workspace-input gate's entry points: every read of workspace trust, workspace or folder settings and
// workspace files, and every terminal created with an environment, happens in the gate
// (src/vault/workspaceGate.ts) or in a file the allowlist names with its reason. A new read elsewhere in src/
// fails this test; the fixture (a deliberate bypass) proves the scan sees each kind of read.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const REPO = join(__dirname, '..', '..', '..');
const GATE = 'src/vault/workspaceGate.ts';

/** What counts as reading a workspace input (or, for createTerminal, setting a process's environment). */
const ENTRY_POINTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['a settings read (getConfiguration)', /\bgetConfiguration\s*\(/],
  ['a per-scope settings read (inspect)', /\.inspect\s*(<[^>]*>)?\s*\(/],
  ['a workspace scope of a setting', /\bworkspace(Folder)?Value\b/],
  ['a workspace file read', /\bworkspace\.fs\.(readFile|stat|readDirectory)\b/],
  ['a workspace file search (findFiles)', /\bfindFiles\s*\(/],
  ['the workspace trust', /\bworkspace\.isTrusted\b|\bonDidGrantWorkspaceTrust\b/],
  ['a terminal with an environment (createTerminal)', /\bcreateTerminal\s*\(/],
];

/** Files other than the gate that may hold an entry point, and why. */
const ALLOWLIST: Readonly<Record<string, { readonly kinds: readonly string[]; readonly why: string }>> = {
  'src/platform/workspaceTrust.ts': {
    kinds: ['the workspace trust'],
    why: "the one read of the trust flag, below the gate so the process rules share it: the gate's workspaceTrusted() is this read",
  },
  'src/transfer/terminal.ts': {
    kinds: ['a terminal with an environment (createTerminal)'],
    why: 'the one terminal with secrets: its variables passed the dangerous-name rule and the user confirmed them',
  },
};

/** The code of a file without its comments (a comment may name what it must not call). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Every entry point outside the gate and the allowlist, as `file:line: kind`. */
export function bypasses(files: ReadonlyArray<{ readonly path: string; readonly text: string }>): string[] {
  const found: string[] = [];
  for (const { path, text } of files) {
    if (path === GATE) continue;
    const allowed = Object.hasOwn(ALLOWLIST, path) ? (ALLOWLIST[path]?.kinds ?? []) : [];
    code(text)
      .split('\n')
      .forEach((line, i) => {
        for (const [kind, pattern] of ENTRY_POINTS)
          if (pattern.test(line) && !allowed.includes(kind)) found.push(`${path}:${i + 1}: ${kind}`);
      });
  }
  return found;
}

function sourceFiles(dir: string): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (name.endsWith('.ts'))
      out.push({ path: relative(REPO, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
  }
  return out;
}

describe('workspace-input gate: entry points', () => {
  it('no code in src/ reads workspace settings, files or trust outside the gate and its allowlist', () => {
    assert.deepEqual(bypasses(sourceFiles(join(REPO, 'src'))), []);
  });

  it('the gate itself holds the reads (so the scan is not vacuous)', () => {
    const gate = readFileSync(join(REPO, GATE), 'utf8');
    for (const [kind, pattern] of ENTRY_POINTS.filter(([k]) => !k.includes('createTerminal')))
      assert.match(code(gate), pattern, kind);
  });

  it('reports each kind of read in a deliberate bypass (the fixture)', () => {
    const text = readFileSync(join(__dirname, 'fixtures', 'gateBypass.ts.txt'), 'utf8');
    const found = bypasses([{ path: 'src/commands/sneaky.ts', text }]);
    assert.deepEqual(found.map((f) => f.replace(/^src\/commands\/sneaky\.ts:\d+: /, '')).sort(), [
      'a per-scope settings read (inspect)',
      'a settings read (getConfiguration)',
      'a terminal with an environment (createTerminal)',
      'a workspace file read',
      'a workspace file search (findFiles)',
      'a workspace scope of a setting',
      'the workspace trust',
    ]);
    // The same file under the gate's path, or a comment naming a read, reports nothing.
    assert.deepEqual(bypasses([{ path: GATE, text }]), []);
    assert.deepEqual(bypasses([{ path: 'src/x.ts', text: '// vscode.workspace.fs.readFile(uri)\n' }]), []);
  });
});

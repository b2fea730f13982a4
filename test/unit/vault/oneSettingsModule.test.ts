// One settings module: src/vault/settings.ts names every `keyVaultSecrets.*` setting the manifest contributes, and
// it is the only module that reads or writes settings through the workspace-input gate.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const REPO = join(__dirname, '..', '..', '..');
const SETTINGS = 'src/vault/settings.ts';
const GATE = 'src/vault/workspaceGate.ts';
const GATE_SETTING_READS = [
  'userSetting',
  'settingScopes',
  'settingScopesForEdit',
  'effectiveSetting',
  'updateSetting',
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) return sources(full);
    return full.endsWith('.ts') ? [relative(REPO, full).split(sep).join('/')] : [];
  });
}

/** Files of src/ other than the settings module and the gate that import one of the gate's setting reads. */
export function settingReadersOutside(files: ReadonlyArray<{ path: string; text: string }>): string[] {
  const imports = new RegExp(
    `import\\s*\\{[^}]*\\b(${GATE_SETTING_READS.join('|')})\\b[^}]*\\}\\s*from\\s*'[^']*workspaceGate'`,
  );
  return files.filter((f) => f.path !== SETTINGS && f.path !== GATE && imports.test(f.text)).map((f) => f.path);
}

describe('one settings module (src/vault/settings.ts)', () => {
  it('names every keyVaultSecrets.* setting of package.json in SETTING_KEYS', () => {
    const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      contributes: {
        configuration: { properties: Record<string, unknown> } | Array<{ properties: Record<string, unknown> }>;
      };
    };
    const configuration = manifest.contributes.configuration;
    const properties = Array.isArray(configuration)
      ? configuration.flatMap((c) => Object.keys(c.properties))
      : Object.keys(configuration.properties);
    const keys = properties
      .filter((p) => p.startsWith('keyVaultSecrets.'))
      .map((p) => p.slice('keyVaultSecrets.'.length));
    assert.ok(keys.length > 5);
    const table = /export const SETTING_KEYS = \{([\s\S]*?)\} as const/.exec(
      readFileSync(join(REPO, SETTINGS), 'utf8'),
    );
    assert.ok(table, 'SETTING_KEYS not found');
    const named = [...(table[1] ?? '').matchAll(/:\s*'([^']+)'/g)].map((m) => m[1]);
    assert.deepEqual(
      keys.filter((k) => !named.includes(k)),
      [],
      'a setting that src/vault/settings.ts does not know',
    );
  });

  it('is the only module that reads or writes a setting through the gate', () => {
    const files = sources(join(REPO, 'src')).map((path) => ({ path, text: readFileSync(join(REPO, path), 'utf8') }));
    assert.deepEqual(settingReadersOutside(files), []);
    // The scan sees a module that reads a setting itself.
    assert.deepEqual(
      settingReadersOutside([
        { path: 'src/references/x.ts', text: "import { effectiveSetting } from '../vault/workspaceGate';" },
      ]),
      ['src/references/x.ts'],
    );
  });
});

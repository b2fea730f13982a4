// The pure rules of the workspace-input gate (src/shared/workspaceInput.ts) and the places that apply them:
// environment names a file may not set, hosts a workspace may name, settings keys that must not find inherited
// members, display names a workspace may not reuse, and the caps.
import * as assert from 'node:assert/strict';
import { severityNameFromSetting } from '../../../src/references/referenceState';
import { terminalPlanOfDotenv } from '../../../src/shared/transfer/terminalPlan';
import {
  cappedTextList,
  dangerousEnvironmentName,
  displayNameClashes,
  ownEntry,
  WORKSPACE_LIMITS,
  workspaceMayNameHost,
} from '../../../src/shared/workspaceInput';
import { vaultPickItems } from '../../../src/ui/vaultItems';
import { mergeAddedVaults } from '../../../src/vault/addedVaults';
import type { VaultRef } from '../../../src/vault/model';

const REF = '@Microsoft.KeyVault(SecretUri=https://contoso.vault.azure.net/secrets/db)';

describe('workspace-input gate: the pure rules', () => {
  it('refuses environment names that change how programs run, in any case', () => {
    for (const name of [
      'PATH',
      'path',
      'Path',
      'LD_PRELOAD',
      'ld_library_path',
      'DYLD_INSERT_LIBRARIES',
      'NODE_OPTIONS',
      'NODE_TLS_REJECT_UNAUTHORIZED',
      'node_tls_min_v1',
      'BASH_ENV',
      'ENV',
      'PROMPT_COMMAND',
      'PS1',
      'ps4',
      'SHELLOPTS',
      'PYTHONPATH',
      'PYTHONSTARTUP',
      'GIT_SSH_COMMAND',
      'git_dir',
      'HTTPS_PROXY',
      'http_proxy',
      'ALL_PROXY',
      'NO_PROXY',
      'JAVA_TOOL_OPTIONS',
      'PERL5OPT',
      'RUBYOPT',
      'NPM_CONFIG_SCRIPT_SHELL',
      'PSModulePath',
      'ZDOTDIR',
      'SSL_CERT_FILE',
      'BASH_FUNC_ls%%',
    ])
      assert.match(dangerousEnvironmentName(name) ?? '', /changes how programs in the terminal run/, name);
    for (const name of [
      'DB_PASSWORD',
      'API_KEY',
      'PATHWAY_TOKEN',
      'PSK',
      'NODE_ENV',
      'MY_PATH',
      'ENVIRONMENT',
      'GITHUB_TOKEN',
    ])
      assert.equal(dangerousEnvironmentName(name), undefined, name);
  });

  it('a .env plan: dangerous names and entries beyond the cap are skipped with their reason, before any vault is asked', () => {
    const plan = terminalPlanOfDotenv(
      [`PATH=${REF}`, `ld_preload=${REF}`, `DB=${REF}`, 'PLAIN=hello', `TWO=${REF} ${REF}`].join('\n'),
    );
    assert.deepEqual(
      plan.requested.map((r) => r.key),
      ['DB'],
    );
    assert.deepEqual(
      plan.skipped.map((s) => s.key),
      ['PATH', 'ld_preload'],
    );
    assert.equal(plan.literal, 2);
    const many = Array.from({ length: WORKSPACE_LIMITS.terminalVariables + 5 }, (_, i) => `V${i}=${REF}`).join('\n');
    const capped = terminalPlanOfDotenv(many);
    assert.equal(capped.requested.length, WORKSPACE_LIMITS.terminalVariables);
    assert.equal(capped.skipped.length, 5);
    assert.match(capped.skipped[0]?.reason ?? '', /at most 100 variables/);
  });

  it('a workspace may name Key Vault hosts and this machine by the strict rule only', () => {
    for (const h of ['contoso.vault.azure.net', 'contoso.vault.azure.cn', 'localhost', '127.0.0.1', '127.9.9.9'])
      assert.equal(workspaceMayNameHost(h), true, h);
    for (const h of ['a.localhost', 'localhost.evil.com', '127.0.0.1.nip.io', '[::1]', '::1', 'evil.com', '0.0.0.0'])
      assert.equal(workspaceMayNameHost(h), false, h);
  });

  it('a workspace vault list entry on *.localhost is ignored; the user list keeps it', () => {
    const { vaults, problems } = mergeAddedVaults({
      user: [{ url: 'https://mine.localhost:8443', emulator: true }],
      workspace: [{ url: 'https://team.localhost:8443' }, { url: 'https://127.0.0.1:9443' }],
    });
    assert.deepEqual(
      vaults.map((v) => [v.url, v.origin ?? 'user', v.emulator === true]),
      [
        ['https://mine.localhost:8443', 'user', true],
        ['https://127.0.0.1:9443', 'workspace', false],
      ],
    );
    assert.match(problems.join('\n'), /team\.localhost.*may list only Key Vault hosts/);
  });

  it('settings keys find only a table’s own entries (toString, __proto__, constructor find nothing)', () => {
    const table = { error: 1, warning: 2 };
    assert.equal(ownEntry(table, 'error'), 1);
    for (const key of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 42, undefined])
      assert.equal(ownEntry(table, key), undefined, String(key));
    for (const chosen of ['toString', '__proto__', 'constructor', 'valueOf'])
      assert.equal(severityNameFromSetting({ notFound: chosen }, 'notFound'), 'error', chosen);
    assert.equal(severityNameFromSetting({ notFound: 'hint' }, 'notFound'), 'hint');
    assert.equal(severityNameFromSetting({ notFound: 'off' }, 'notFound'), 'off');
    assert.equal(severityNameFromSetting(JSON.parse('{"__proto__": {"notFound": "off"}}'), 'notFound'), 'error');
  });

  it('list settings: text entries only, capped in count and length', () => {
    const list = cappedTextList(['a', 7, '', 'x'.repeat(300), ...Array.from({ length: 100 }, (_, i) => `g${i}`)]);
    assert.equal(list?.[0], 'a');
    assert.equal(list?.length, WORKSPACE_LIMITS.listEntries);
    assert.ok(list?.every((g) => g.length <= WORKSPACE_LIMITS.entryLength));
    assert.equal(cappedTextList('**/*.env'), undefined);
  });
});

describe('vault pickers: workspace-listed vaults', () => {
  const vault = (name: string, url: string, origin?: 'workspace'): VaultRef => ({
    key: url,
    url,
    name,
    source: 'added',
    ...(origin !== undefined ? { origin } : {}),
  });

  it('are marked, sorted last, and shown by host when their name is another vault’s', () => {
    const items = vaultPickItems([
      vault('prod', 'https://evil.vault.azure.net', 'workspace'),
      vault('prod', 'https://prod.vault.azure.net'),
      vault('team', 'https://team.vault.azure.net', 'workspace'),
      vault('dev', 'https://dev.vault.azure.net'),
    ]);
    assert.deepEqual(
      items.map((i) => [i.label, i.description]),
      [
        ['dev', 'https://dev.vault.azure.net'],
        ['prod', 'https://prod.vault.azure.net'],
        ['evil.vault.azure.net', 'listed by this workspace · https://evil.vault.azure.net'],
        ['team', 'listed by this workspace · https://team.vault.azure.net'],
      ],
    );
    assert.equal(displayNameClashes(' PROD ', ['prod']), true);
  });

  it('a workspace entry cannot take a display name the user already gave another vault', () => {
    const { vaults, problems } = mergeAddedVaults({
      user: [{ url: 'https://prod.vault.azure.net', name: 'Production' }],
      workspace: [{ url: 'https://evil.vault.azure.net', name: 'production' }],
    });
    assert.deepEqual(
      vaults.map((v) => v.name),
      ['Production', 'evil'],
    );
    assert.match(problems.join('\n'), /already another vault's/);
  });
});

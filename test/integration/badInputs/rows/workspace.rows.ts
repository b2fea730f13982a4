// Hostile workspace inputs (a .env file for Terminal with Secrets, workspace vault lists, references in workspace
// files, workspace settings keys, display names), each through the pure gate code the extension runs
// (src/shared/workspaceInput.ts and the rules built on it). The terminal rows stop before any vault is asked:
// what they refuse is never read.
import { ReferenceResolver } from '../../../../src/references/ReferenceResolver';
import { severityNameFromSetting } from '../../../../src/references/referenceState';
import { parseReferences } from '../../../../src/shared/references/parseReferences';
import { terminalPlanOfDotenv } from '../../../../src/shared/transfer/terminalPlan';
import { parseVaultUrl } from '../../../../src/shared/vaultUrl';
import { cappedTextList, fileTooLarge, WORKSPACE_LIMITS } from '../../../../src/shared/workspaceInput';
import { vaultPickItems } from '../../../../src/ui/vaultItems';
import { mergeAddedVaults } from '../../../../src/vault/addedVaults';
import type { VaultRef } from '../../../../src/vault/model';
import { accepted, neutralised, refused, type Outcome, type Row } from '../catalogue';

const REF = '@Microsoft.KeyVault(SecretUri=https://contoso.vault.azure.net/secrets/db)';

/** The terminal plan of a one-line .env: refused when the variable is skipped, accepted when it is requested. */
function terminalLine(line: string): Outcome {
  const plan = terminalPlanOfDotenv(`${line}\n`);
  const skipped = plan.skipped[0];
  if (skipped !== undefined) return refused(`${skipped.key}: ${skipped.reason}`);
  const asked = plan.requested[0];
  return asked !== undefined ? accepted(`${asked.key} ← ${asked.ref.name}`) : neutralised('left out');
}

/** A dangerous variable name, spelled as a .env would: refused with the rule, and no vault asked. */
function envRow(input: string, line: string): Row {
  return {
    surface: 'workspace .env → terminal',
    input,
    expect: 'refused',
    says: /changes how programs in the terminal run/,
    run: () => terminalLine(line),
  };
}

/** A workspace's `keyVaultSecrets.vaults` with one entry: refused when the entry is ignored. */
function workspaceVault(entry: unknown, user: unknown[] = []): Outcome {
  const { vaults, problems } = mergeAddedVaults({ user, workspace: [entry] });
  const listed = vaults.find((v) => v.origin === 'workspace');
  if (listed === undefined) return refused(problems.join(' '));
  return problems.length > 0
    ? neutralised(`${listed.name} (${listed.url}); ${problems.join(' ')}`)
    : accepted(`${listed.name} (${listed.url})`);
}

function hostRow(input: string, url: string): Row {
  return {
    surface: 'workspace vault list',
    input,
    expect: 'refused',
    says: /may list only Key Vault hosts|IPv6|not a URL|host/,
    run: () => workspaceVault({ url }),
  };
}

/** A `severity` setting value: neutralised when the hostile value falls back to the default. */
function severityRow(input: string, value: unknown): Row {
  return {
    surface: 'workspace settings key',
    input,
    expect: 'neutralised',
    says: /^notFound → error$/,
    run: () => neutralised(`notFound → ${severityNameFromSetting(value, 'notFound')}`),
  };
}

const vault = (name: string, url: string, origin?: 'workspace'): VaultRef => ({
  key: url,
  url,
  name,
  source: 'added',
  ...(origin !== undefined ? { origin } : {}),
});

export const rows: readonly Row[] = [
  envRow('PATH from a .env', `PATH=${REF}`),
  envRow('path in lower case (Windows names are case-insensitive)', `path=${REF}`),
  envRow('LD_PRELOAD (dynamic linker family)', `LD_PRELOAD=${REF}`),
  envRow('DYLD_INSERT_LIBRARIES (macOS linker family)', `DYLD_INSERT_LIBRARIES=${REF}`),
  envRow('NODE_OPTIONS (Node runtime flags)', `NODE_OPTIONS=${REF}`),
  envRow('BASH_ENV (bash startup file)', `BASH_ENV=${REF}`),
  envRow('ENV (sh startup file)', `ENV=${REF}`),
  envRow('PROMPT_COMMAND (runs before each prompt)', `PROMPT_COMMAND=${REF}`),
  envRow('ps1 prompt string, lower case', `ps1=${REF}`),
  envRow('SHELLOPTS (shell options)', `SHELLOPTS=${REF}`),
  envRow('PYTHONSTARTUP (Python family)', `PYTHONSTARTUP=${REF}`),
  envRow('GIT_SSH_COMMAND (git family)', `GIT_SSH_COMMAND=${REF}`),
  envRow('https_proxy (proxy family, lower case)', `https_proxy=${REF}`),
  envRow('JAVA_TOOL_OPTIONS (JVM agent flags)', `JAVA_TOOL_OPTIONS=${REF}`),
  envRow('NPM_CONFIG_SCRIPT_SHELL (npm config family)', `NPM_CONFIG_SCRIPT_SHELL=${REF}`),
  envRow('export PATH= (the export spelling)', `export PATH=${REF}`),
  envRow('quoted value: PATH="…"', `PATH="${REF}"`),
  {
    surface: 'workspace .env → terminal',
    input: 'PATHWAY_TOKEN (only looks like PATH)',
    expect: 'accepted',
    says: /^PATHWAY_TOKEN ← db$/,
    run: () => terminalLine(`PATHWAY_TOKEN=${REF}`),
  },
  {
    surface: 'workspace .env → terminal',
    input: 'NODE_ENV (an ordinary Node variable)',
    expect: 'accepted',
    says: /^NODE_ENV ← db$/,
    run: () => terminalLine(`NODE_ENV=${REF}`),
  },
  {
    surface: 'workspace .env → terminal',
    input: 'a .env of 65 KB',
    expect: 'refused',
    says: /larger than 64 KB/,
    run: () => {
      const why = fileTooLarge(65 * 1024, WORKSPACE_LIMITS.dotenvBytes);
      return why !== undefined ? refused(why) : accepted('read');
    },
  },
  {
    surface: 'workspace .env → terminal',
    input: '150 references in one .env',
    expect: 'neutralised',
    says: /^100 requested, 50 skipped: .*at most 100 variables/,
    run: () => {
      const plan = terminalPlanOfDotenv(Array.from({ length: 150 }, (_, i) => `V${i}=${REF}`).join('\n'));
      return neutralised(
        `${plan.requested.length} requested, ${plan.skipped.length} skipped: ${plan.skipped[0]?.reason ?? ''}`,
      );
    },
  },
  {
    surface: 'workspace .env → terminal',
    input: 'a value with text around the reference',
    expect: 'neutralised',
    says: /^left out$/,
    run: () => terminalLine(`DB=prefix ${REF}`),
  },
  {
    surface: 'automatic reference check',
    input: '60 pinned references to distinct secrets in one file',
    expect: 'neutralised',
    says: /^60 not checked: too many references$/,
    requests: WORKSPACE_LIMITS.automaticRequests,
    run: async ({ client }) => {
      const resolver = new ReferenceResolver({
        clientFor: () => client,
        knownVaults: () => Promise.resolve([client.vault]),
        expiryWarningDays: () => 30,
      });
      const text = Array.from(
        { length: 60 },
        (_, i) => `K${i}=${client.vault.url}/secrets/n-${i}/${'a'.repeat(32)}`,
      ).join('\n');
      const r = await resolver.resolveAll(parseReferences(text).references);
      return neutralised(`${r.filter((x) => x.status === 'tooMany').length} not checked: too many references`);
    },
  },
  hostRow('a.localhost (a name that only looks local)', 'https://a.localhost:8443'),
  hostRow('localhost.evil.com', 'https://localhost.evil.com'),
  hostRow('127.0.0.1.nip.io (DNS that answers 127.0.0.1)', 'https://127.0.0.1.nip.io:8443'),
  hostRow('[::1] (IPv6 loopback literal)', 'https://[::1]:8443'),
  hostRow('a custom host (private endpoint style)', 'https://vault.corp.example'),
  {
    surface: 'workspace vault list',
    input: '127.0.0.2 (loopback, 127.0.0.0/8)',
    expect: 'accepted',
    says: /^127\.0\.0\.2 \(https:\/\/127\.0\.0\.2:8443\)$/,
    run: () => workspaceVault({ url: 'https://127.0.0.2:8443' }),
  },
  {
    surface: 'workspace vault list',
    input: 'a workspace entry with emulator: true and a caFile',
    expect: 'neutralised',
    says: /"emulator" is honoured only in your user settings/,
    run: () => workspaceVault({ url: 'https://127.0.0.3:8443', emulator: true, caFile: '/repo/ca.pem' }),
  },
  {
    surface: 'workspace file reference',
    input: 'a reference to https://kv.localhost (never checked)',
    expect: 'refused',
    says: /^other$/,
    run: () => {
      const ref = parseReferences('X=https://kv.localhost:8443/secrets/db').references[0];
      const kind = ref?.vault.kind === 'url' ? ref.vault.hostKind : 'none';
      return kind === 'other' ? refused(kind) : accepted(kind);
    },
  },
  severityRow('severity value "toString"', { notFound: 'toString' }),
  severityRow('severity value "__proto__"', { notFound: '__proto__' }),
  severityRow('severity value "constructor"', { notFound: 'constructor' }),
  severityRow('severity object whose __proto__ key says off', JSON.parse('{"__proto__": {"notFound": "off"}}')),
  {
    surface: 'workspace settings key',
    input: '200 file globs, one of 300 characters',
    expect: 'neutralised',
    says: /^64 globs, longest 3$/,
    run: () => {
      const list = cappedTextList(['x'.repeat(300), ...Array.from({ length: 200 }, (_, i) => `g${i}`)]) ?? [];
      return neutralised(`${list.length} globs, longest ${Math.max(...list.map((g) => g.length))}`);
    },
  },
  {
    surface: 'workspace vault list',
    input: "a display name equal to the user's vault's",
    expect: 'neutralised',
    says: /^evil \(https:\/\/evil\.vault\.azure\.net\); .*already another vault's/,
    run: () =>
      workspaceVault({ url: 'https://evil.vault.azure.net', name: 'Production' }, [
        { url: 'https://prod.vault.azure.net', name: 'Production' },
      ]),
  },
  {
    surface: 'workspace vault list',
    input: 'the same display name in another case with spaces',
    expect: 'neutralised',
    says: /already another vault's/,
    run: () =>
      workspaceVault({ url: 'https://evil.vault.azure.net', name: '  PRODUCTION ' }, [
        { url: 'https://prod.vault.azure.net', name: 'production' },
      ]),
  },
  {
    surface: 'workspace vault list',
    input: 'a display name with a right-to-left override',
    expect: 'neutralised',
    says: /printable characters/,
    run: () => workspaceVault({ url: 'https://team.vault.azure.net', name: 'prod\u202Eved' }),
  },
  {
    surface: 'vault picker',
    input: 'a workspace-listed vault named like a discovered vault',
    expect: 'neutralised',
    says: /^mine \| evil\.vault\.azure\.net — listed by this workspace/,
    run: () => {
      const items = vaultPickItems([
        vault('mine', 'https://evil.vault.azure.net', 'workspace'),
        { ...vault('mine', 'https://mine.vault.azure.net'), source: 'discovered' },
      ]);
      return neutralised(
        items.map((i) => `${i.label}${i.data.origin === 'workspace' ? ` — ${i.description ?? ''}` : ''}`).join(' | '),
      );
    },
  },
  {
    surface: 'workspace vault list',
    input: '500 vaults listed by a workspace',
    expect: 'neutralised',
    says: /^64 used; .*lists 500 vaults; only the first 64 are used from a workspace/,
    run: () => {
      const { vaults, problems } = mergeAddedVaults({
        workspace: Array.from({ length: 500 }, (_, i) => `https://team${i}.vault.azure.net`),
      });
      return neutralised(`${vaults.length} used; ${problems.join(' ')}`);
    },
  },
  {
    surface: 'workspace vault list',
    input: 'an http:// vault URL',
    expect: 'refused',
    says: /must start with https/,
    run: () => {
      const parsed = parseVaultUrl('http://contoso.vault.azure.net');
      return parsed.ok ? accepted(parsed.url) : refused(parsed.message);
    },
  },
];

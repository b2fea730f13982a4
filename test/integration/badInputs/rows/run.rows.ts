// Hostile launch configurations and mapping files for Run and debug with secrets, each through the rules the
// extension runs before any vault is asked (src/shared/run/runMapping.ts, src/run/mappingPath.ts): what they
// refuse stops the launch, so nothing of it is ever read (no request to the vault `catalogue`).
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mappingFilePath } from '../../../../src/run/mappingPath';
import {
  entriesOfFile,
  envFileEntries,
  inlineEntries,
  loaderReason,
  runPlan,
  type RunPlan,
} from '../../../../src/shared/run/runMapping';
import { WORKSPACE_LIMITS } from '../../../../src/shared/workspaceInput';
import { accepted, refused, type Outcome, type Row } from '../catalogue';

const REF = '@Microsoft.KeyVault(SecretUri=https://contoso.vault.azure.net/secrets/db)';

/** A plan's outcome: refused rows and loader names first (either stops the launch), else the rows it would read. */
function outcomeOf(plan: RunPlan): Outcome {
  if (plan.refused.length > 0) return refused(plan.refused.map((r) => `${r.key}: ${r.reason}`).join(' · '));
  if (plan.loaders.length > 0) return refused(plan.loaders.map((l) => loaderReason(l.key)).join(' · '));
  return accepted(plan.variables.map((v) => `${v.key} ← ${v.ref.name}`).join(', '));
}

/** The plan of a launch configuration's keyVaultSecrets.env. */
function inline(value: unknown): Outcome {
  const { entries, problem } = inlineEntries(value);
  return outcomeOf(
    runPlan(
      [{ origin: 'keyVaultSecrets.env', entries, inline: true }],
      problem === undefined ? [] : [{ key: 'keyVaultSecrets.env', reason: problem }],
    ),
  );
}

/** A workspace folder with a file outside it, and a link inside pointing there. */
function folderWithOutside(): { folder: string; outside: string; link: string } {
  const root = mkdtempSync(join(tmpdir(), 'kvs-run-rows-'));
  const folder = join(root, 'workspace');
  mkdirSync(folder);
  const outside = join(root, 'secrets.env');
  writeFileSync(outside, `DB=${REF}\n`);
  const link = join(folder, 'linked.env');
  symlinkSync(outside, link);
  return { folder, outside, link };
}

function pathRow(input: string, entry: (f: ReturnType<typeof folderWithOutside>) => string): Row {
  return {
    surface: 'launch configuration keyVaultSecrets.envFile',
    input,
    expect: 'refused',
    says: /is not a file inside the workspace folder/,
    run: () => {
      const f = folderWithOutside();
      const where = mappingFilePath(f.folder, entry(f));
      return 'refused' in where ? refused(where.refused) : accepted(where.path);
    },
  };
}

export const rows: readonly Row[] = [
  pathRow('envFile climbing out of the folder (../secrets.env)', () => '../secrets.env'),
  pathRow('envFile as a symbolic link inside the folder to a file outside it', (f) => f.link),
  {
    surface: 'launch configuration keyVaultSecrets.envFile',
    input: 'envFile that is an object instead of a path or a list of paths',
    expect: 'refused',
    says: /must be a file path or a list of at most 64 file paths/,
    run: () => {
      const { problem } = envFileEntries({ path: '.env' });
      return problem !== undefined ? refused(problem) : accepted('taken');
    },
  },
  {
    surface: 'launch configuration keyVaultSecrets.env',
    input: 'a plain value where a reference belongs (the value would be set from launch.json as is)',
    expect: 'refused',
    says: /DB_PASSWORD: its value in keyVaultSecrets.env is not one whole Key Vault reference/,
    run: () => inline({ DB_PASSWORD: 'hunter2' }),
  },
  {
    surface: 'launch configuration keyVaultSecrets.env',
    input: 'a reference with text around it (prefix that would reach the environment)',
    expect: 'refused',
    says: /not one whole Key Vault reference/,
    run: () => inline({ DB: `--require=/tmp/x ${REF}` }),
  },
  {
    surface: 'launch configuration keyVaultSecrets.env',
    input: 'loader name in lower case (node_options ← a secret)',
    expect: 'refused',
    says: /node_options changes how the program runs/,
    run: () => inline({ node_options: REF }),
  },
  {
    surface: 'launch configuration keyVaultSecrets.env',
    input: 'variable name with "=" and a line break',
    expect: 'refused',
    says: /is not a valid variable name/,
    run: () => inline({ 'A=B\nC': REF }),
  },
  {
    surface: 'launch configuration keyVaultSecrets.env',
    input: `${WORKSPACE_LIMITS.runVariables + 1} variables in one configuration`,
    expect: 'refused',
    says: new RegExp(`a launch may set at most ${WORKSPACE_LIMITS.runVariables} variables from Key Vault`),
    run: () =>
      inline(Object.fromEntries(Array.from({ length: WORKSPACE_LIMITS.runVariables + 1 }, (_, i) => [`V${i}`, REF]))),
  },
  {
    surface: 'Azure Functions local.settings.json as envFile',
    input: '"Values" only under "__proto__" (an inherited member, not the file\'s own)',
    expect: 'refused',
    says: /has no "Values" object/,
    run: () => {
      const { entries, refused: problems } = entriesOfFile(
        'functions',
        'local.settings.json',
        `{"__proto__": {"Values": {"DB": "${REF.replace(/"/g, '\\"')}"}}}`,
      );
      return problems.length > 0
        ? refused(problems.map((p) => p.reason).join(' '))
        : accepted(entries.map((e) => e.key).join(','));
    },
  },
  {
    surface: 'launch configuration keyVaultSecrets.env',
    input: 'an ordinary name with a whole reference (must be accepted)',
    expect: 'accepted',
    says: /DB_PASSWORD ← db/,
    run: () => inline({ DB_PASSWORD: REF }),
  },
];

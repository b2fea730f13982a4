// What a launch configuration, a task or a variable command may ask of "Run and debug with secrets", before any
// vault is looked at: the rows VARIABLE ← reference from `keyVaultSecrets.envFile` (a .env file of references, or
// an Azure Functions local.settings.json whose Values hold references) and `keyVaultSecrets.env` (references
// inline). Everything here is workspace input: shapes are checked, counts capped, a value must be one whole Key
// Vault reference, and a name that changes how programs run (PATH, LD_*, NODE_OPTIONS, …) is set apart for its own
// question. Pure (no `vscode`, no Node), so the unit tests and the bad-input catalogue run exactly this.

import { t } from '../l10n';
import { wholeReference, type KeyVaultReference } from '../references/parseReferences';
import { ENV_KEY_PATTERN, parseDotenv, shownKey, type FileEntry } from '../transfer/dotenv';
import { cappedTextList, isRunChangingName, ownEntry, WORKSPACE_LIMITS } from '../workspaceInput';

import { ENV_FILE_KEY, ENV_KEY } from './runKeys';

export { ENV_FILE_KEY, ENV_KEY, optsIn } from './runKeys';

/** One row of the mapping: a variable, the reference that gives its value, and where the row was written. */
export interface RunVariable {
  readonly key: string;
  readonly ref: KeyVaultReference;
  /** The file name, or the configuration key of an inline row. */
  readonly origin: string;
}

/** A row that stops the launch before anything is read (a wrong shape, not a reference, over a cap). */
export interface RefusedRow {
  readonly key: string;
  readonly reason: string;
}

export interface RunPlan {
  /** Ordinary variables to resolve. */
  readonly variables: readonly RunVariable[];
  /** Variables whose names change how programs run: set only when the user approves them separately. */
  readonly loaders: readonly RunVariable[];
  readonly refused: readonly RefusedRow[];
  /** File entries that are not Key Vault references (left to the program's own reading of the file). */
  readonly literal: number;
}

/** A file of `keyVaultSecrets.envFile`: by its name, an Azure Functions settings file or a .env file. */
export type MappingFileKind = 'functions' | 'dotenv';

export function mappingFileKind(path: string): MappingFileKind {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.toLowerCase() === 'local.settings.json' ? 'functions' : 'dotenv';
}

/** The file entries of `keyVaultSecrets.envFile`: a text, or a list of texts (capped); anything else is refused. */
export function envFileEntries(value: unknown): { readonly files: readonly string[]; readonly problem?: string } {
  if (value === undefined) return { files: [] };
  if (typeof value === 'string' && value.trim() !== '' && value.length <= WORKSPACE_LIMITS.entryLength)
    return { files: [value] };
  const list = cappedTextList(value);
  if (list !== undefined && list.length === (value as unknown[]).length) return { files: list };
  return {
    files: list ?? [],
    problem: t(
      '{0} must be a file path or a list of at most {1} file paths inside the workspace folder.',
      ENV_FILE_KEY,
      WORKSPACE_LIMITS.listEntries,
    ),
  };
}

/** The entries of a mapping file's text; a file that cannot be read as its kind is one refused row. */
export function entriesOfFile(
  kind: MappingFileKind,
  name: string,
  text: string,
): { readonly entries: readonly FileEntry[]; readonly refused: readonly RefusedRow[] } {
  if (kind === 'dotenv') {
    const parsed = parseDotenv(text);
    return {
      entries: parsed.entries,
      refused: parsed.problems.map((p) => ({ key: t('{0} line {1}', name, p.line), reason: p.message })),
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { entries: [], refused: [{ key: name, reason: t('{0} is not valid JSON.', name) }] };
  }
  const values =
    typeof json === 'object' && json !== null ? ownEntry(json as Record<string, unknown>, 'Values') : undefined;
  if (typeof values !== 'object' || values === null || Array.isArray(values))
    return { entries: [], refused: [{ key: name, reason: t('{0} has no "Values" object.', name) }] };
  const entries: FileEntry[] = [];
  let line = 0;
  for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
    line++;
    if (typeof value === 'string') entries.push({ key, value, line });
  }
  return { entries, refused: [] };
}

/** Rows from one source, in order; `inline`: every value must be a reference (keyVaultSecrets.env holds nothing else). */
export interface MappingSource {
  readonly origin: string;
  readonly entries: readonly FileEntry[];
  readonly inline: boolean;
}

/** The entries of `keyVaultSecrets.env`: an object of texts; anything else is refused. */
export function inlineEntries(value: unknown): { readonly entries: readonly FileEntry[]; readonly problem?: string } {
  if (value === undefined) return { entries: [] };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { entries: [], problem: t('{0} must be an object of VARIABLE: reference.', ENV_KEY) };
  const entries: FileEntry[] = [];
  let line = 0;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    line++;
    entries.push({ key, value: typeof v === 'string' ? v : '', line });
  }
  return { entries };
}

/**
 * The plan of every source, in order (a later row for the same variable replaces an earlier one): whole
 * references only, valid names, loaders set apart, at most WORKSPACE_LIMITS.runVariables variables.
 */
export function runPlan(sources: readonly MappingSource[], initiallyRefused: readonly RefusedRow[] = []): RunPlan {
  const rows = new Map<string, RunVariable>();
  const refused: RefusedRow[] = [...initiallyRefused];
  let literal = 0;
  for (const source of sources) {
    for (const entry of source.entries) {
      if (!ENV_KEY_PATTERN.test(entry.key)) {
        refused.push({ key: shownKey(entry.key), reason: t('{0} is not a valid variable name.', shownKey(entry.key)) });
        continue;
      }
      const ref = wholeReference(entry.value);
      if (ref === undefined) {
        if (source.inline)
          refused.push({
            key: entry.key,
            reason: t('its value in {0} is not one whole Key Vault reference (put plain values in "env").', ENV_KEY),
          });
        else literal++;
        continue;
      }
      rows.delete(entry.key);
      rows.set(entry.key, { key: entry.key, ref, origin: source.origin });
    }
  }
  const all = [...rows.values()];
  if (all.length > WORKSPACE_LIMITS.runVariables)
    for (const row of all.splice(WORKSPACE_LIMITS.runVariables))
      refused.push({
        key: row.key,
        reason: t('a launch may set at most {0} variables from Key Vault', WORKSPACE_LIMITS.runVariables),
      });
  return {
    variables: all.filter((r) => !isRunChangingName(r.key)),
    loaders: all.filter((r) => isRunChangingName(r.key)),
    refused,
    literal,
  };
}

/** Why a loader variable is asked about on its own. */
export function loaderReason(key: string): string {
  return t(
    '{0} changes how the program runs (like PATH, LD_*, NODE_OPTIONS, PYTHON*, BASH_ENV): it is set only if you allow it for this launch.',
    key,
  );
}

/** A row as approved: the variable, and the secret (vault URL, name, version) whose value it gets. */
export interface ApprovedRow {
  readonly key: string;
  readonly vaultUrl: string;
  readonly vaultName: string;
  readonly name: string;
  readonly version?: string;
}

/** The confirmation's line for a row: `VARIABLE ← secret (vault, version)`. */
export function approvalLine(row: ApprovedRow): string {
  return t('{0} ← {1} ({2}, {3})', row.key, row.name, row.vaultName, row.version ?? t('latest version'));
}

/** The text whose hash an approval remembers: the rows in a fixed order, no value (there is none yet). */
export function mappingText(rows: readonly ApprovedRow[]): string {
  const canonical = rows
    .map((r) => [r.key, r.vaultUrl.toLowerCase(), r.name.toLowerCase(), r.version ?? ''] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return JSON.stringify(canonical);
}

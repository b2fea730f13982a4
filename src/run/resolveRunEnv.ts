// The one resolution of "Run and debug with secrets": a launch configuration, a task or a variable command names
// VARIABLE ← reference rows (keyVaultSecrets.envFile, keyVaultSecrets.env); this turns them into an environment.
// The rows are workspace input (src/shared/run/runMapping.ts checks them): nothing is read in an untrusted
// workspace, files are read only inside the configuration's workspace folder through the workspace gate, a
// reference resolves only in one of the user's own vaults (never a vault a workspace lists, never an unknown
// host), and a name that changes how programs run is set only when the user allows it for this launch. Before the
// first read of a configuration, and whenever its mapping changes, the user approves the rows (remembered as a
// hash, runApprovals.ts). Then each distinct secret costs one GetSecret (the shared reader, a few at a time). One
// failure stops the launch, naming the variable, the reason and what to do, unless the user launches without it.
// Values live only in the returned object: never in a file, a setting, a message or a log line.

import * as vscode from 'vscode';
import { t } from '../shared/l10n';
import {
  approvalLine,
  entriesOfFile,
  envFileEntries,
  ENV_FILE_KEY,
  ENV_KEY,
  inlineEntries,
  loaderReason,
  mappingFileKind,
  mappingText,
  runPlan,
  type ApprovedRow,
  type MappingSource,
  type RefusedRow,
  type RunVariable,
} from '../shared/run/runMapping';
import { WORKSPACE_LIMITS } from '../shared/workspaceInput';
import { BULK_CONCURRENCY } from '../transfer/bulkRun';
import { readValues, type FailedVariable, type WantedVariable } from '../transfer/readValues';
import { referenceLocator } from '../transfer/terminal';
import type { ActionContext } from '../ui/ErrorBoundary';
import { confirm, warning } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { UserCancelled } from '../ui/UserCancelled';
import { vaultDirectory } from '../vault/VaultDirectory';
import { readWorkspaceText, requireTrustedWorkspace } from '../vault/workspaceGate';
import { mappingFilePath } from './mappingPath';
import type { RunApprovals } from './runApprovals';
import { failureRemedy, SecretExpired } from './runFailures';

/** What asks for an environment. */
export interface RunRequest {
  /** How messages name it: `launch configuration "Server"`, `task "test"`. */
  readonly what: string;
  /** Identifies the configuration for its approval (folder, kind, name). */
  readonly approvalKey: string;
  /** Where relative envFile paths are, and the only folder they may be in. */
  readonly folder: string | undefined;
  readonly envFile: unknown;
  readonly env: unknown;
}

const FEATURE = (): string => t('Run and debug with secrets');

/** The lines of refused rows, one per variable. */
const rowLines = (rows: readonly RefusedRow[]): string => rows.map((r) => t('{0}: {1}', r.key, r.reason)).join('\n');

/** Stops before any read, with the rows that are the reason and what to do. */
function refuse(what: string, rows: readonly RefusedRow[], todo: string): never {
  throw new Error(t('{0} was not started: {1} {2}', what, rowLines(rows).replace(/\n/g, ' · '), todo));
}

/** The mapping's sources: each envFile inside the folder (read through the workspace gate), then the inline rows. */
async function sourcesOf(request: RunRequest): Promise<{ sources: MappingSource[]; refused: RefusedRow[] }> {
  const sources: MappingSource[] = [];
  const refused: RefusedRow[] = [];
  const { files, problem } = envFileEntries(request.envFile);
  if (problem !== undefined) refused.push({ key: ENV_FILE_KEY, reason: problem });
  for (const entry of files) {
    const where = mappingFilePath(request.folder, entry);
    if ('refused' in where) {
      refused.push({ key: ENV_FILE_KEY, reason: where.refused });
      continue;
    }
    const path = where.path;
    const text = await readWorkspaceText(vscode.Uri.file(path), WORKSPACE_LIMITS.dotenvBytes, FEATURE());
    const kind = mappingFileKind(path);
    const parsed = entriesOfFile(kind, entry, text);
    refused.push(...parsed.refused);
    sources.push({ origin: entry, entries: parsed.entries, inline: false });
  }
  const inline = inlineEntries(request.env);
  if (inline.problem !== undefined) refused.push({ key: ENV_KEY, reason: inline.problem });
  sources.push({ origin: ENV_KEY, entries: inline.entries, inline: true });
  return { sources, refused };
}

/** Each row's vault among the user's own vaults; a row whose vault is not one of them stops the launch. */
async function locateRows(what: string, rows: readonly RunVariable[]): Promise<WantedVariable[]> {
  const locate = referenceLocator();
  const wanted: WantedVariable[] = [];
  const unknown: RefusedRow[] = [];
  for (const { key, ref } of rows) {
    const vault = await locate(ref);
    if (vault === undefined) {
      const where = ref.vault.kind === 'url' ? ref.vault.url : ref.vault.name;
      unknown.push({ key, reason: t('{0} is not one of your vaults', where) });
      continue;
    }
    wanted.push({ key, vault, name: ref.name, ...(ref.version !== undefined ? { version: ref.version } : {}) });
  }
  if (unknown.length > 0)
    refuse(
      what,
      unknown,
      t(
        'Only your own vaults are read (discovered in your subscriptions or added in your user settings): add the vault with "Add Vault by URL", never through workspace settings.',
      ),
    );
  return wanted;
}

const approvedRow = (w: WantedVariable): ApprovedRow => ({
  key: w.key,
  vaultUrl: w.vault.url,
  vaultName: w.vault.name,
  name: w.name,
  ...(w.version !== undefined ? { version: w.version } : {}),
});

/** The failed variables, each with its secret, the reason and what to do. */
function failureLines(failed: readonly FailedVariable[]): string {
  return failed
    .map(({ wanted: w, error }) => {
      const { reason, todo } = failureRemedy(error);
      return t('{0} ← {1} ({2}): {3} {4}', w.key, w.name, w.vault.name, reason, todo);
    })
    .join('\n');
}

/**
 * The environment `request` asks for, or throws (UserCancelled when the user said no; an Error whose message says
 * why otherwise). Nothing is read before the trust check, the checks of every row and the approvals.
 */
export async function resolveRunEnvironment(
  request: RunRequest,
  approvals: RunApprovals,
  action: ActionContext,
): Promise<Record<string, string>> {
  requireTrustedWorkspace(FEATURE());
  const { sources, refused } = await sourcesOf(request);
  const plan = runPlan(sources, refused);
  if (plan.refused.length > 0) refuse(request.what, plan.refused, t('Fix these rows of the configuration.'));
  const rows = [...plan.variables, ...plan.loaders];
  if (rows.length === 0) throw new Error(t('{0} names no Key Vault reference to resolve.', request.what));
  const wanted = await locateRows(request.what, rows);
  const loaderKeys = new Set(plan.loaders.map((l) => l.key));
  if (loaderKeys.size > 0) {
    const allow = t('Set Them for This Launch');
    const answer = await warning(
      t('{0} asks to set variables that change how the program runs.', request.what),
      { modal: true, detail: plan.loaders.map((l) => loaderReason(l.key)).join('\n') },
      allow,
    );
    if (answer !== allow)
      refuse(
        request.what,
        plan.loaders.map((l) => ({ key: l.key, reason: loaderReason(l.key) })),
        t('Remove them from the mapping, or allow them when asked.'),
      );
  }
  const approvedRows = wanted.map(approvedRow);
  const mapping = mappingText(approvedRows);
  if (!approvals.approved(request.approvalKey, mapping)) {
    await confirm(
      t('Read {0} secrets from Key Vault into the environment of {1}?', wanted.length, request.what),
      t('Read Secrets and Launch'),
      [
        ...approvedRows.map(approvalLine),
        '',
        t('You are asked again when these rows change. The program and its debug adapter can read its environment.'),
      ].join('\n'),
    );
    await approvals.approve(request.approvalKey, mapping);
  }
  const { env, failed } = await withProgress(t('Reading {0} secrets for {1}…', wanted.length, request.what), (signal) =>
    readValues(wanted, {
      clientFor: (v) => vaultDirectory().clientFor(v),
      concurrency: BULK_CONCURRENCY,
      signal,
      mask: (value) => action.mask(value),
      refuse: (read, w) =>
        read.properties.expiresOn !== undefined && read.properties.expiresOn.getTime() <= Date.now()
          ? new SecretExpired(w.name, read.properties.expiresOn)
          : undefined,
    }).catch((e: unknown) => {
      if (signal.aborted) throw new UserCancelled();
      throw e;
    }),
  );
  if (failed.length === 0) return env;
  const without = t('Launch Without It');
  const answer = await warning(
    t('{0} was not started: {1} of {2} secrets could not be read.', request.what, failed.length, wanted.length),
    { modal: true, detail: failureLines(failed) },
    without,
  );
  if (answer !== without) throw new UserCancelled();
  return env;
}

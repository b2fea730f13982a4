// Terminal with Secrets…: a new terminal whose environment holds secret values, from the Key Vault
// references of a chosen .env file or from secrets picked in the tree. The values live only in that terminal's
// process environment (createTerminal's env): the terminal is transient (never restored after a reload, so its
// environment is never persisted), and no value is written to a file, a setting or a log line.
// The file is untrusted: it is read through the workspace gate (trusted workspace, 64 KB), parsed by the shared
// .env rule, each value must be one whole Key Vault reference, a name that changes how programs run (PATH, LD_*,
// NODE_OPTIONS, …) is never set, and a reference resolves only in one of the user's own vaults. Before any secret
// is read the user confirms the `VARIABLE ← secret (vault)` rows. Each distinct secret costs one GetSecret, a few
// at a time. What could not be set is reported by key, never by value.

import * as vscode from 'vscode';
import { t } from '../shared/l10n';
import type { KeyVaultReference } from '../shared/references/parseReferences';
import { terminalPlanOfDotenv, type SkippedVariable } from '../shared/transfer/terminalPlan';
import { dangerousEnvironmentName, WORKSPACE_LIMITS } from '../shared/workspaceInput';
import type { ActionContext } from '../ui/ErrorBoundary';
import { UserCancelled } from '../ui/UserCancelled';
import { confirm, info, warning } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import type { VaultRef } from '../vault/model';
import { userMessage } from '../vault/userMessage';
import { readWorkspaceText } from '../vault/workspaceGate';
import { BULK_CONCURRENCY } from './bulkRun';
import { ReferenceResolver } from '../references/ReferenceResolver';
import { vaultDirectory } from '../vault/VaultDirectory';
import { readValues, type WantedVariable } from './readValues';

export type { SkippedVariable };

/** Where a reference points, by the references feature's own rule, among the user's vaults (never a workspace's). */
export function referenceLocator(): (ref: KeyVaultReference) => Promise<VaultRef | undefined> {
  const directory = vaultDirectory();
  const resolver = new ReferenceResolver({
    clientFor: (v) => directory.clientFor(v),
    knownVaults: () => directory.userVaults(),
    expiryWarningDays: () => 0,
  });
  return async (ref) => (await resolver.locate(ref)).vault;
}

export type { WantedVariable };

/**
 * Which variables a .env file asks for: the plan of the shared rule (whole references only, no name that changes
 * how programs run, a capped count), each located among the user's own vaults. No request.
 */
export async function variablesOfDotenv(
  text: string,
): Promise<{ readonly wanted: WantedVariable[]; readonly skipped: SkippedVariable[]; readonly literal: number }> {
  const plan = terminalPlanOfDotenv(text);
  const locate = referenceLocator();
  const wanted: WantedVariable[] = [];
  const skipped: SkippedVariable[] = [...plan.skipped];
  for (const { key, ref } of plan.requested) {
    const vault = await locate(ref);
    if (vault === undefined) {
      const where = ref.vault.kind === 'url' ? ref.vault.url : ref.vault.name;
      skipped.push({ key, reason: t('{0} is not one of your vaults (add it with "Add Vault by URL" first)', where) });
      continue;
    }
    wanted.push({ key, vault, name: ref.name, ...(ref.version !== undefined ? { version: ref.version } : {}) });
  }
  return { wanted, skipped, literal: plan.literal };
}

/** The confirmation's rows: `VARIABLE ← secret (vault)`, one a line. */
function variableRows(wanted: readonly WantedVariable[]): string {
  return wanted
    .map((w) =>
      t(
        '{0} ← {1} ({2})',
        w.key,
        w.version !== undefined ? `${w.name}/${w.version.slice(0, 8)}` : w.name,
        w.vault.name,
      ),
    )
    .join('\n');
}

/**
 * Asks before any secret is read: which variable gets which secret of which vault, what will not be set, and that
 * other extensions can read a terminal's environment. Throws UserCancelled unless the user agrees.
 */
async function confirmVariables(
  source: string,
  wanted: readonly WantedVariable[],
  notes: readonly string[],
): Promise<void> {
  const detail = [
    variableRows(wanted),
    ...(notes.length > 0 ? ['', t('Not set:'), ...notes] : []),
    '',
    t("The terminal's environment can be read by other extensions."),
  ].join('\n');
  await confirm(
    t('Read {0} secrets into a new terminal from {1}?', wanted.length, source),
    t('Read Secrets and Open Terminal'),
    detail,
  );
}

/** Reads the values by the shared reader (one GetSecret per distinct secret, a few at a time); failures are per variable. */
async function resolveValues(
  wanted: readonly WantedVariable[],
  action: ActionContext,
  signal: AbortSignal,
): Promise<{ readonly env: Record<string, string>; readonly skipped: SkippedVariable[] }> {
  try {
    const { env, failed } = await readValues(wanted, {
      clientFor: (v) => vaultDirectory().clientFor(v),
      concurrency: BULK_CONCURRENCY,
      signal,
      mask: (value) => action.mask(value),
    });
    const skipped = failed.map(({ wanted: w, error }) => ({
      key: w.key,
      reason: t('{0} in {1}: {2}', w.name, w.vault.name, userMessage(error)),
    }));
    return { env, skipped };
  } catch (e) {
    if (signal.aborted) throw new UserCancelled();
    throw e;
  }
}

/**
 * Opens the terminal: resolves the values, then creates a transient terminal named after its source with the
 * values in its environment only. Nothing resolved = no terminal, and the user is told why.
 */
export async function openTerminalWithSecrets(
  source: string,
  asked: readonly WantedVariable[],
  skippedAsked: readonly SkippedVariable[],
  action: ActionContext,
  fromFile?: { readonly literal: number },
): Promise<vscode.Terminal | undefined> {
  const literal = fromFile?.literal ?? 0;
  // Names that change how programs run are never set, whatever chose them (a file, or a secret's own name).
  const refused = asked.filter((w) => dangerousEnvironmentName(w.key) !== undefined);
  const wanted = asked.filter((w) => dangerousEnvironmentName(w.key) === undefined);
  const skippedBefore = [
    ...skippedAsked,
    ...refused.map((w) => ({ key: w.key, reason: dangerousEnvironmentName(w.key) ?? '' })),
  ];
  if (wanted.length > 0 && fromFile !== undefined)
    await confirmVariables(
      source,
      wanted,
      skippedBefore.map((s) => t('{0}: {1}', s.key, s.reason)),
    );
  const { env, skipped } =
    wanted.length === 0
      ? { env: {}, skipped: [] }
      : await withProgress(t('Reading {0} secrets for the terminal…', wanted.length), (signal) =>
          resolveValues(wanted, action, signal),
        );
  const notSet = [...skippedBefore, ...skipped];
  const keys = Object.keys(env);
  const notes = [
    ...notSet.map((s) => t('{0}: {1}', s.key, s.reason)),
    ...(literal > 0 ? [t('{0} entries are not Key Vault references and were left out.', literal)] : []),
  ];
  if (keys.length === 0) {
    throw new Error(
      notes.length > 0
        ? t('No secret could be read for the terminal. {0}', notes.join(' · '))
        : t('{0} has no Key Vault references to resolve.', source),
    );
  }
  const terminal = vscode.window.createTerminal({
    name: t('Secrets: {0}', source),
    env,
    isTransient: true,
    iconPath: new vscode.ThemeIcon('key'),
  });
  terminal.show();
  const opened = t(
    'Opened the terminal "{0}" with {1} variables from Key Vault: {2}.',
    source,
    keys.length,
    keys.sort().join(', '),
  );
  if (notSet.length > 0) void warning(t('{0} Not set: {1}', opened, notes.join(' · ')), {});
  else void info(literal > 0 ? t('{0} {1}', opened, notes.join(' ')) : opened);
  return terminal;
}

/** Reads a .env file through the workspace gate: a trusted workspace, a regular file of at most 64 KB. */
export function readDotenvFile(uri: vscode.Uri): Promise<string> {
  return readWorkspaceText(uri, WORKSPACE_LIMITS.dotenvBytes, t('Terminal with Secrets'));
}

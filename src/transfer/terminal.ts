// Terminal with Secrets…: a new terminal whose environment holds secret values, from the Key Vault
// references of a chosen .env file or from secrets picked in the tree. The values live only in that terminal's
// process environment (createTerminal's env): the terminal is transient (never restored after a reload, so its
// environment is never persisted), and no value is written to a file, a setting or a log line.
// The file is untrusted: it is parsed by the shared .env rule, each value must be one whole Key Vault reference
// (the shared reference parser), and a reference resolves only in one of the user's own vaults. Each distinct
// secret costs one GetSecret, a few at a time. What could not be set is reported by key, never by value.

import * as vscode from 'vscode';
import { Slots } from '../shared/concurrency';
import { t } from '../shared/l10n';
import { parseReferences, type KeyVaultReference } from '../shared/references/parseReferences';
import { MAX_TRANSFER_FILE_BYTES, parseDotenv } from '../shared/transfer/dotenv';
import type { ActionContext } from '../ui/ErrorBoundary';
import { UserCancelled } from '../ui/UserCancelled';
import { info, warning } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import type { VaultClient, VaultRef } from '../vault/model';
import { userMessage } from '../vault/vaultHelpers';
import { BULK_CONCURRENCY } from './bulkRun';

export interface TerminalHost {
  clientFor(vault: VaultRef): VaultClient;
  /** The user's own vault a reference points at (never a workspace's vault), or undefined. No request. */
  locate(ref: KeyVaultReference): Promise<VaultRef | undefined>;
}

/** One variable to set: its name, and the secret (or version) whose value it gets. */
export interface WantedVariable {
  readonly key: string;
  readonly vault: VaultRef;
  readonly name: string;
  readonly version?: string;
}

/** A variable that will not be set, and why (shown by key; never a value). */
export interface SkippedVariable {
  readonly key: string;
  readonly reason: string;
}

/** Which variables a .env file asks for: the entries whose value is one whole Key Vault reference to a known vault. */
export async function variablesOfDotenv(
  host: TerminalHost,
  text: string,
): Promise<{ readonly wanted: WantedVariable[]; readonly skipped: SkippedVariable[]; readonly literal: number }> {
  const parsed = parseDotenv(text);
  const wanted: WantedVariable[] = [];
  const skipped: SkippedVariable[] = parsed.problems.map((p) => ({
    key: t('line {0}', p.line),
    reason: p.message,
  }));
  let literal = 0;
  for (const entry of parsed.entries) {
    const value = entry.value.trim();
    const { references } = parseReferences(value);
    const ref = references[0];
    if (ref === undefined || references.length > 1 || ref.span.start !== 0 || ref.span.end !== value.length) {
      literal++;
      continue;
    }
    const vault = await host.locate(ref);
    if (vault === undefined) {
      const where = ref.vault.kind === 'url' ? ref.vault.url : ref.vault.name;
      skipped.push({
        key: entry.key,
        reason: t('{0} is not one of your vaults (add it with "Add Vault by URL" first)', where),
      });
      continue;
    }
    wanted.push({
      key: entry.key,
      vault,
      name: ref.name,
      ...(ref.version !== undefined ? { version: ref.version } : {}),
    });
  }
  return { wanted, skipped, literal };
}

/** Reads the values: one GetSecret per distinct secret (and version), a few at a time; failures are per variable. */
async function resolveValues(
  host: TerminalHost,
  wanted: readonly WantedVariable[],
  action: ActionContext,
  signal: AbortSignal,
): Promise<{ readonly env: Record<string, string>; readonly skipped: SkippedVariable[] }> {
  const slots = new Slots(BULK_CONCURRENCY);
  const reads = new Map<string, Promise<string>>();
  const readOf = (w: WantedVariable): Promise<string> => {
    const id = `${w.vault.key}|${w.name.toLowerCase()}|${w.version ?? ''}`;
    let read = reads.get(id);
    if (read === undefined) {
      read = slots.run(async () => {
        if (signal.aborted) throw new UserCancelled();
        const { value } = await host.clientFor(w.vault).getValue(w.name, w.version, { signal });
        action.mask(value);
        return value;
      });
      reads.set(id, read);
    }
    return read;
  };
  const env: Record<string, string> = {};
  const skipped: SkippedVariable[] = [];
  await Promise.all(
    wanted.map(async (w) => {
      try {
        env[w.key] = await readOf(w);
      } catch (e) {
        if (signal.aborted) throw new UserCancelled();
        skipped.push({ key: w.key, reason: t('{0} in {1}: {2}', w.name, w.vault.name, userMessage(e)) });
      }
    }),
  );
  return { env, skipped };
}

/**
 * Opens the terminal: resolves the values, then creates a transient terminal named after its source with the
 * values in its environment only. Nothing resolved = no terminal, and the user is told why.
 */
export async function openTerminalWithSecrets(
  host: TerminalHost,
  source: string,
  wanted: readonly WantedVariable[],
  skippedBefore: readonly SkippedVariable[],
  action: ActionContext,
  literal = 0,
): Promise<vscode.Terminal | undefined> {
  const { env, skipped } =
    wanted.length === 0
      ? { env: {}, skipped: [] }
      : await withProgress(t('Reading {0} secrets for the terminal…', wanted.length), (signal) =>
          resolveValues(host, wanted, action, signal),
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

/** Reads a picked .env file: refused when larger than the transfer limit (a .env of references is a few KB). */
export async function readDotenvFile(uri: vscode.Uri): Promise<string> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.type !== vscode.FileType.File) throw new Error(t('Choose a .env file: that is not a regular file.'));
  if (stat.size > MAX_TRANSFER_FILE_BYTES)
    throw new Error(t('The file is larger than 1 MB: it is not a .env file of references.'));
  return new TextDecoder('utf-8', { fatal: false }).decode(await vscode.workspace.fs.readFile(uri));
}

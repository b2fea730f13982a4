// Export Secrets…: a vault's secrets (or the ones selected in the tree) to a `.env` or flat JSON file, either as
// references (safe to commit) or, after a modal confirmation, as values; or, values with their properties, to a
// CSV or TSV file (exportTable.ts) after the same confirmation. Every file is written owner-only through
// a new file renamed into place (ownerOnlyFile.ts), never appended into an existing one. Variable names follow a
// visible rule (db-password → DB_PASSWORD) and can be edited in the preview before anything is read or written.

import { homedir } from 'node:os';
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { referenceTarget } from '../references/referenceCommands';
import { t } from '../shared/l10n';
import { formatReference } from '../shared/references/referenceText';
import { serializeDotenv } from '../shared/transfer/dotenvWrite';
import { createdAccessNote, writtenAccess } from '../shared/transfer/fileAccess';
import { serializeFlatJson, transferFormatOf } from '../shared/transfer/flatJson';
import { exportRuleText, secretToVariable, validateVariableName } from '../shared/transfer/nameMapping';
import { UserCancelled } from '../ui/UserCancelled';
import { confirm, info, input, pick, saveDialog, warning, type PickItem } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import type { SecretSummary, VaultClient, VaultRef } from '../vault/model';
import { userMessage } from '../vault/userMessage';
import { listAll } from '../vault/listing';
import { vaultDirectory } from '../vault/VaultDirectory';
import { eachLimited } from '../shared/concurrency';
import { isSecretName } from '../shared/validation';
import { READ_CONCURRENCY } from './importVaultState';
import { tableText } from './exportTable';
import { gitIgnoreState } from './gitIgnore';
import { localPath, repositoryOf, writeOwnerOnly } from './ownerOnlyFile';
import { workspaceFolderTrust } from '../platform/workspaceTrust';

type ExportKind = 'appServiceUri' | 'azd' | 'values' | 'table';

interface Row {
  readonly name: string;
  key: string;
}

/**
 * Before writing secret values in clear: when `path` is inside a Git work tree and Git does not ignore it, a
 * modal warning the user must pass (they may go on; the file is still owner-only). `what` names what would be
 * committed ("the values", "the value of db-password").
 */
export async function confirmOutsideGit(path: string, what: string): Promise<void> {
  const repository = repositoryOf(path);
  if (repository === undefined) return;
  // Git is asked only inside a trusted workspace folder; elsewhere the file is taken as not ignored.
  const state = await gitIgnoreState(workspaceFolderTrust(), repository, path);
  if (state === 'ignored') return;
  await confirm(
    state === 'notIgnored'
      ? t(
          '{0} is inside the Git work tree {1} and Git does not ignore it: {2} could be committed.',
          basename(path),
          repository,
          what,
        )
      : state === 'notAsked'
        ? t(
            '{0} is inside the Git work tree {1}, which is not in a trusted workspace folder: Git was not asked whether it ignores it, and {2} could be committed.',
            basename(path),
            repository,
            what,
          )
        : t(
            '{0} is inside the Git work tree {1}, and Git could not say whether it ignores it: {2} could be committed.',
            basename(path),
            repository,
            what,
          ),
    t('Write Anyway'),
    t('Add the file to .gitignore, or choose a folder outside the repository.'),
  );
}

async function chooseKind(vault: VaultRef): Promise<ExportKind> {
  const items: Array<PickItem<ExportKind>> = [
    {
      label: t('References: @Microsoft.KeyVault(SecretUri=…)'),
      description: t('safe to commit; App Service, Functions, Container Apps'),
      data: 'appServiceUri',
    },
  ];
  if (vault.subscriptionId !== undefined)
    items.push({
      label: t('References: akvs://<subscription>/<vault>/<name>'),
      description: t('safe to commit; azd environments'),
      data: 'azd',
    });
  items.push({
    label: t('Values, in clear'),
    description: t('the file will hold the secret values themselves'),
    data: 'values',
  });
  items.push({
    label: t('Values and properties, as CSV or TSV'),
    description: t('name, value, contentType, tags, notBefore, expires, enabled: the values in clear'),
    data: 'table',
  });
  const picked = await pick(items, { title: t('Export from {0}', vault.name), placeHolder: t('Export as') });
  if (picked === undefined) throw new UserCancelled();
  return picked.data;
}

/** The mapping preview: the rule, every VARIABLE ← secret row (pick one to rename it), and the button to go on. */
async function previewMapping(rows: Row[], kind: ExportKind): Promise<void> {
  for (;;) {
    const go: PickItem<number> = {
      label: kind === 'values' ? t('Export {0} values', rows.length) : t('Export {0} references', rows.length),
      description: exportRuleText(),
      data: -1,
    };
    const items = [go, ...rows.map((r, i) => ({ label: r.key, description: `← ${r.name}`, data: i }))];
    const picked = await pick(items, {
      title: t('Variable names (pick one to rename it)'),
      placeHolder: exportRuleText(),
    });
    if (picked === undefined) throw new UserCancelled();
    if (picked.data < 0) return;
    const row = rows[picked.data];
    const typed = await input({
      title: t('Variable name for "{0}"', row.name),
      value: row.key,
      validateInput: (text) =>
        validateVariableName(text) ??
        (rows.some((r) => r !== row && r.key === text) ? t('Another secret is exported as {0}.', text) : undefined),
    });
    if (typed !== undefined) row.key = typed;
  }
}

/** The path to write to, and for values the Git check around it (a warning the user must pass). */
async function chooseFile(vault: VaultRef, kind: ExportKind, count: number): Promise<string> {
  // References go next to the project (safe to commit); values outside it by default, as backups do.
  const clear = kind === 'values' || kind === 'table';
  const folder = clear ? vscode.Uri.file(homedir()) : vscode.workspace.workspaceFolders?.[0]?.uri;
  // A name with an extension of its own: VS Code's dialog adds the first filter's extension to a name it takes
  // as extension-less (".env" became ".env.env"), unless a filter accepts every file, as "All files" does.
  const fileName = kind === 'table' ? `${vault.name}.csv` : `${vault.name}.env`;
  const target = await saveDialog({
    title: t('Export {0} secrets of {1}', count, vault.name),
    saveLabel: t('Export'),
    filters:
      kind === 'table'
        ? { [t('CSV (comma-separated)')]: ['csv'], [t('TSV (tab-separated)')]: ['tsv'], [t('All files')]: ['*'] }
        : { [t('Environment file')]: ['env'], [t('Flat JSON')]: ['json'], [t('All files')]: ['*'] },
    ...(folder !== undefined ? { defaultUri: vscode.Uri.joinPath(folder, fileName) } : {}),
  });
  if (target === undefined) throw new UserCancelled();
  const path = localPath(target, t('Choose a file on the machine the extension runs on: it is written owner-only.'));
  if (!clear) return path;
  await confirm(
    t(
      'Write the values of {0} secrets of {1} in clear to {2} in {3}?',
      count,
      vault.name,
      basename(path),
      dirname(path),
    ),
    t('Write Values'),
    t('Anyone who can read this file can read the secrets. {0}', createdAccessNote(process.platform)),
  );
  await confirmOutsideGit(path, t('the values'));
  return path;
}

/** The file's text: references need no request; values are read once each (disabled ones are left out, and said). */
async function fileText(
  client: VaultClient,
  vault: VaultRef,
  rows: readonly Row[],
  kind: Exclude<ExportKind, 'table'>,
  path: string,
): Promise<{ text: string; left: string[] }> {
  const entries: Array<{ key: string; value: string }> = [];
  const left: string[] = [];
  if (kind === 'values') {
    const values = new Map<string, string>();
    await withProgress(t('Reading {0} values from {1}…', rows.length, vault.name), async (signal, step) => {
      let done = 0;
      await eachLimited(rows, READ_CONCURRENCY, async (r) => {
        if (signal.aborted) throw new UserCancelled();
        try {
          values.set(r.name, (await client.getValue(r.name, undefined, { signal })).value);
        } catch (e) {
          if (signal.aborted) throw e;
          left.push(`${r.name}: ${userMessage(e)}`);
        }
        step(t('{0} of {1}', ++done, rows.length));
      });
    });
    for (const r of rows) {
      const value = values.get(r.name);
      if (value !== undefined) entries.push({ key: r.key, value });
    }
  } else {
    for (const r of rows) {
      const text = formatReference(kind, referenceTarget(vault, r.name));
      if (text === undefined) left.push(t('{0}: no reference can be written for it', r.name));
      else entries.push({ key: r.key, value: text });
    }
  }
  if (transferFormatOf(path) === 'json') return { text: serializeFlatJson(entries), left };
  // A value no .env form carries exactly is left out and named, with why (never the value): JSON carries any value.
  const dotenv = serializeDotenv(entries);
  for (const r of dotenv.refused) {
    const name = rows.find((row) => row.key === r.key)?.name ?? r.key;
    left.push(t('{0}: {1}; export to a .json file to keep it', name, r.reason));
  }
  return { text: dotenv.text, left };
}

/**
 * Exports `names` of `vault` (all its secrets when omitted: the vault is listed once, page by page). Asks what to
 * export (references or values), shows the name mapping for editing, asks where, confirms values, writes the file
 * owner-only. The entry point for the tree's multi-selection too.
 */
export async function exportSecrets(vault: VaultRef, names?: readonly string[]): Promise<string> {
  const client = vaultDirectory().clientFor(vault);
  let chosen: readonly string[];
  if (names === undefined) {
    const all: SecretSummary[] = await withProgress(t('Listing the secrets of {0}…', vault.name), (signal) =>
      listAll((token) => client.listSecrets(token, { signal })),
    );
    chosen = all.map((s) => s.name);
  } else chosen = [...new Set(names)].filter(isSecretName); // a command argument: only well-formed names
  if (chosen.length === 0) {
    void info(t('{0} has no secrets to export.', vault.name));
    throw new UserCancelled();
  }
  const kind = await chooseKind(vault);
  const rows: Row[] = [...chosen]
    .sort((a, b) => a.localeCompare(b))
    .map((name) => ({ name, key: secretToVariable(name) }));
  // A table names each secret as it is: no variable names to map.
  if (kind !== 'table') await previewMapping(rows, kind);
  const path = await chooseFile(vault, kind, rows.length);
  const { text, left, notes } =
    kind === 'table'
      ? await tableText(client, vault, chosen, path)
      : { ...(await fileText(client, vault, rows, kind, path)), notes: [] };
  await writeOwnerOnly(path, new TextEncoder().encode(text));
  const written = rows.length - left.length;
  const exported =
    kind !== 'appServiceUri' && kind !== 'azd'
      ? t('Exported {0} values of {1} to {2} ({3}).', written, vault.name, path, writtenAccess(process.platform))
      : t('Exported {0} references to secrets of {1} to {2}.', written, vault.name, path);
  const message = [exported, ...notes].join(' ');
  if (left.length > 0) void warning(t('{0} Left out: {1}', message, left.join('; ')), {});
  else if (notes.length > 0) void warning(message, {});
  else void info(message);
  return path;
}

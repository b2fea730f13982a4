// Actions on many selected rows at once: delete, enable/disable, back up to a folder. Each asks one
// confirmation that lists what will happen (and, when anything is permanent, a typed one), runs under one
// cancellable progress a few requests at a time, and ends with a per-item report. The rows come already
// validated from the commands layer (src/commands/selection.ts): known vaults, valid names and versions.
// Fewest requests: the tree's rows carry each secret's properties (enabled, recovery level, certificate-backed),
// so nothing is read before acting except, per vault whose recovery level is unknown, one versions page.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { t } from '../shared/l10n';
import { UserCancelled } from '../ui/UserCancelled';
import { logWarn } from '../ui/log';
import { listedNames as listed, type LossGroup } from '../shared/destructive';
import { confirmLoss } from '../ui/destructiveGate';
import { confirm, info, openDialog, warning } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import type { SecretProperties, SecretVersion, VaultRef } from '../vault/model';
import type { Target } from '../vault/actionTargets';
import { listAll } from '../vault/listing';
import { announce } from '../vault/changes';
import { vaultDirectory } from '../vault/VaultDirectory';
import { bulkReport, groupByVault, mayHaveHappened, refused, runEach, type ItemOutcome } from './bulkRun';
import { backupFileName, planBackupFiles } from '../shared/transfer/backupNames';
import { localPath, repositoryOf, writeOwnerOnly } from './ownerOnlyFile';

/** A selected row: a target the commands layer validated (known vault, valid name and version). */
export type BulkRow = Target;

/** One secret (or one version of it) a bulk action acts on. */
interface Item {
  readonly vault: VaultRef;
  readonly name: string;
  readonly version?: string;
  readonly properties?: SecretProperties;
  readonly current: boolean;
}

const itemLabel = (i: Item): string =>
  i.version !== undefined && !i.current
    ? t('{0} (version {1}) in {2}', i.name, i.version.slice(0, 8), i.vault.name)
    : t('{0} in {1}', i.name, i.vault.name);

/** An item as a confirmation lists it under its vault: the name, and the version when it is not the current one. */
const versionLabel = (i: Item): string =>
  i.version !== undefined && !i.current ? t('{0} (version {1})', i.name, i.version.slice(0, 8)) : i.name;

const rowLabel = (r: BulkRow): string =>
  r.kind === 'vault' ? t('vault {0}', r.vault.name) : itemLabel({ ...r, current: true });

/** The whole secrets of rows (a version row stands for its secret), each once; other rows are refused with why. */
function wholeSecretsOf(
  rows: readonly BulkRow[],
  refusal: (row: Exclude<BulkRow, { kind: 'secret' }>) => string,
): { readonly items: Item[]; readonly refused: ItemOutcome<BulkRow>[] } {
  const items = new Map<string, Item>();
  const out: ItemOutcome<BulkRow>[] = [];
  for (const row of rows) {
    if (row.kind !== 'secret') {
      out.push(refused(row, refusal(row)));
      continue;
    }
    const key = `${row.vault.key}|${row.name}`;
    // A secret row's properties are the current version's; a version row's are its own.
    const known = items.get(key);
    if (known === undefined || (known.version !== undefined && row.version === undefined))
      items.set(key, {
        vault: row.vault,
        name: row.name,
        ...(row.properties !== undefined ? { properties: row.properties } : {}),
        current: true,
      });
  }
  return { items: [...items.values()], refused: out };
}

/** Shows the per-item report: a short note when all was done, otherwise a modal with every item's outcome. */
async function showReport<T>(
  title: string,
  outcomes: readonly ItemOutcome<T>[],
  label: (item: T) => string,
  cancelled: boolean,
): Promise<void> {
  const report = bulkReport(title, outcomes, label, cancelled);
  if (report.failed === 0 && report.notAttempted === 0 && !cancelled) {
    void info(t('{0} {1}', report.summary, listed(outcomes.map((o) => label(o.item)))));
    return;
  }
  logWarn(`${report.summary}\n${report.lines.join('\n')}`);
  await warning(report.summary, { modal: true, detail: report.lines.join('\n') });
}

/* ------------------------------------------------------------------ delete ------------------------------------------------------------------ */

/**
 * The recovery level of each vault of the items: from the tree's rows when they carry it, otherwise one
 * versions page of one of its secrets (the level is the vault's). Undefined when even that cannot be read.
 */
async function recoveryLevels(
  groups: ReadonlyArray<{ vault: VaultRef; items: Item[] }>,
  signal: AbortSignal,
): Promise<Map<string, SecretProperties | undefined>> {
  const levels = new Map<string, SecretProperties | undefined>();
  for (const g of groups) {
    const known = g.items.find((i) => i.properties?.recoveryLevel !== undefined)?.properties;
    if (known !== undefined) {
      levels.set(g.vault.key, known);
      continue;
    }
    const first = g.items[0];
    if (first === undefined) continue;
    try {
      const page = await vaultDirectory().clientFor(g.vault).listVersions(first.name, undefined, { signal });
      levels.set(g.vault.key, page.items[0]);
    } catch (e) {
      if (signal.aborted) throw new UserCancelled();
      // Without `list` permission the delete may still be allowed: ask in general words (as the single delete does).
      logWarn(`Bulk delete: could not read the recovery level of ${g.vault.name}: ${String(e)}`);
      levels.set(g.vault.key, undefined);
    }
  }
  return levels;
}

/**
 * Deletes the selected secrets (all their versions). One modal lists, per vault, what will be deleted and what
 * the vault's recovery level means; where a vault has no soft delete the user then types how many secrets go for
 * good. Deleted rows, vault rows and certificate-backed secrets are not attempted, and the report says why.
 */
export async function bulkDelete(rows: readonly BulkRow[]): Promise<void> {
  const { items: candidates, refused: notAttempted } = wholeSecretsOf(rows, (r) =>
    r.kind === 'deleted' ? t('already deleted (Purge removes it for good)') : t('a vault is not deleted from here'),
  );
  const items: Item[] = [];
  const skipped: ItemOutcome<Item>[] = [];
  for (const item of candidates) {
    if (item.properties?.managed === true)
      skipped.push(refused(item, t('it backs a Key Vault certificate: delete the certificate instead')));
    else items.push(item);
  }
  const title = t('Delete Secrets');
  if (items.length === 0) {
    await showReport(title, [...notAttempted.map(asItemOutcome), ...skipped], anyLabel, false);
    return;
  }
  const groups = groupByVault(items);
  // Known from the rows in the usual case (no request, no progress shown); else one versions page per vault.
  const known = groups.every((g) => g.items.some((i) => i.properties?.recoveryLevel !== undefined));
  const levels = known
    ? await recoveryLevels(groups, new AbortController().signal)
    : await withProgress(t("Reading the vaults' recovery levels…"), (signal) => recoveryLevels(groups, signal));
  await confirmLoss({
    kind: 'delete',
    groups: groups.map((g): LossGroup => {
      const p = levels.get(g.vault.key);
      return {
        vault: g.vault,
        names: g.items.map((i) => i.name),
        ...(p?.recoveryLevel !== undefined ? { recoveryLevel: p.recoveryLevel } : {}),
        ...(p?.recoverableDays !== undefined ? { recoverableDays: p.recoverableDays } : {}),
      };
    }),
    notes: [...notAttempted.map((o) => rowLabel(o.item)), ...skipped.map((o) => itemLabel(o.item))].map((l) =>
      t('Not deleted: {0}.', l),
    ),
  });
  const result = await withProgress(t('Deleting {0} secrets…', items.length), (signal, step) =>
    runEach(
      items,
      async (item) => {
        await vaultDirectory().clientFor(item.vault).deleteSecret(item.name);
      },
      { signal, onProgress: (ended, total) => step(t('{0} of {1}', ended, total)) },
    ),
  );
  for (const o of result.outcomes) {
    // Done = the poller saw the deleted secret: the row goes without a request. Otherwise the row is re-read.
    announce({
      vault: o.item.vault,
      name: o.item.name,
      kind: mayHaveHappened(o) ? 'deleted' : 'properties',
      gone: o.status === 'done',
    });
  }
  await showReport(
    title,
    [...result.outcomes, ...skipped, ...notAttempted.map(asItemOutcome)],
    anyLabel,
    result.cancelled,
  );
}

/** Reports mix secret items and other rows: one label function for both. */
type Reported = Item | BulkRow;
const anyLabel = (x: Reported): string => ('kind' in x ? rowLabel(x) : itemLabel(x));
const asItemOutcome = (o: ItemOutcome<BulkRow>): ItemOutcome<Reported> => o;

/* ------------------------------------------------------------- enable / disable ------------------------------------------------------------- */

/**
 * Enables or disables the selected secrets (their current version) and versions (that version). Rows already in
 * that state (as the tree last listed them) are not sent. Disabling current versions is confirmed: every reader
 * of those secrets fails until they are enabled again.
 */
export async function bulkSetEnabled(rows: readonly BulkRow[], enabled: boolean): Promise<void> {
  const items: Item[] = [];
  const notAttempted: ItemOutcome<Reported>[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    if (row.kind !== 'secret') {
      notAttempted.push(
        refused(
          row,
          row.kind === 'deleted' ? t('a deleted secret cannot be changed; recover it first') : t('not a secret'),
        ),
      );
      continue;
    }
    const current = row.version === undefined || row.current === true;
    const key = `${row.vault.key}|${row.name}|${current ? '' : (row.version ?? '')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const item: Item = {
      vault: row.vault,
      name: row.name,
      ...(row.version !== undefined && !current ? { version: row.version } : {}),
      ...(row.properties !== undefined ? { properties: row.properties } : {}),
      current,
    };
    if (row.properties?.enabled === enabled)
      notAttempted.push(refused(item, enabled ? t('already enabled') : t('already disabled')));
    else items.push(item);
  }
  const title = enabled ? t('Enable Secrets') : t('Disable Secrets');
  if (items.length === 0) {
    await showReport(title, notAttempted, anyLabel, false);
    return;
  }
  await confirmLoss({
    kind: enabled ? 'enable' : 'disable',
    groups: groupByVault(items).map((g) => ({ vault: g.vault, names: g.items.map(versionLabel) })),
    current: items.some((i) => i.current),
  });
  const answers = new Map<Item, SecretVersion>();
  const result = await withProgress(
    enabled ? t('Enabling {0} secrets…', items.length) : t('Disabling {0} secrets…', items.length),
    (signal, step) =>
      runEach(
        items,
        async (item) => {
          // One request each: without a version the update is the current version's.
          answers.set(
            item,
            await vaultDirectory().clientFor(item.vault).updateProperties(item.name, item.version, { enabled }),
          );
        },
        { signal, onProgress: (ended, total) => step(t('{0} of {1}', ended, total)) },
      ),
  );
  for (const o of result.outcomes) {
    const answer = answers.get(o.item);
    announce({
      vault: o.item.vault,
      name: o.item.name,
      kind: 'properties',
      ...(o.item.current && answer !== undefined ? { current: answer } : {}),
    });
  }
  await showReport(title, [...result.outcomes, ...notAttempted], anyLabel, result.cancelled);
}

/* ------------------------------------------------------------- back up to a folder ------------------------------------------------------------- */

/**
 * Backs up the selected secrets (a vault row = all its secrets) into a folder: one backup file per secret, the
 * same bytes as the single Back Up writes (Key Vault's encrypted blob, all versions), owner-only. Existing files
 * of the same name and a folder inside a Git work tree are named in a confirmation first.
 */
export async function bulkBackup(rows: readonly BulkRow[]): Promise<void> {
  const title = t('Back Up Secrets');
  const chosen = await openDialog({
    title: t('Back up to folder'),
    openLabel: t('Back Up Here'),
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
  });
  if (chosen === undefined) throw new UserCancelled();
  const dir = localPath(
    chosen,
    t('Choose a folder on the machine the extension runs on: backups are written with owner-only permissions.'),
  );
  // A vault row stands for all its secrets: list them (one request per page of 25).
  const vaultRows = rows.filter((r): r is Extract<BulkRow, { kind: 'vault' }> => r.kind === 'vault');
  const listedRows: BulkRow[] = [];
  if (vaultRows.length > 0) {
    const lists = await withProgress(t('Listing the secrets to back up…'), (signal) =>
      Promise.all(
        vaultRows.map(async (r) => {
          const client = vaultDirectory().clientFor(r.vault);
          const all = await listAll((token) => client.listSecrets(token, { signal }));
          return all.map((p): BulkRow => ({ kind: 'secret', vault: r.vault, name: p.name, properties: p }));
        }),
      ),
    );
    listedRows.push(...lists.flat());
  }
  const { items, refused: notAttempted } = wholeSecretsOf(
    [...rows.filter((r) => r.kind !== 'vault'), ...listedRows],
    () => t('a deleted secret cannot be backed up; recover it first'),
  );
  if (items.length === 0) {
    await showReport(title, notAttempted, rowLabel, false);
    return;
  }
  // File names from each vault's host (unique); a clash within the run (names differing only in case) is refused.
  const plan = planBackupFiles(items, (i) => backupFileName(i.vault.url, i.name));
  const clashes = plan.clashes.map(({ item, file, takenBy }) =>
    refused<Reported>(item, t('{0} is already the backup file of {1} in this run', file, itemLabel(takenBy))),
  );
  const toBackUp = [...plan.files];
  const existing = toBackUp.filter(([, file]) => existsSync(join(dir, file)));
  const repository = repositoryOf(join(dir, 'x'));
  const inRepository =
    repository !== undefined
      ? t(
          'The folder is inside the Git repository {0}. A backup is encrypted by Key Vault, but a committed backup can be restored by anyone with restore permission in the same subscription and geography.',
          repository,
        )
      : undefined;
  // Backup files that exist are replaced: a loss, asked through the gate; a folder in a repository only a warning.
  if (existing.length > 0)
    await confirmLoss({
      kind: 'replaceFiles',
      groups: [{ names: existing.map(([, file]) => file) }],
      notes: [
        t('Back up {0} secrets to {1}.', toBackUp.length, dir),
        ...(inRepository !== undefined ? [inRepository] : []),
      ],
    });
  else if (inRepository !== undefined)
    await confirm(t('Back up {0} secrets to {1}?', toBackUp.length, dir), t('Back Up'), inRepository);
  const result = await withProgress(t('Backing up {0} secrets…', toBackUp.length), (signal, step) =>
    runEach(
      toBackUp.map(([item]) => item),
      async (item) => {
        const blob = await vaultDirectory().clientFor(item.vault).backup(item.name);
        await writeOwnerOnly(join(dir, plan.files.get(item) ?? backupFileName(item.vault.url, item.name)), blob);
      },
      { signal, onProgress: (ended, total) => step(t('{0} of {1}', ended, total)) },
    ),
  );
  await showReport(
    t('Back up to {0}', dir),
    [...result.outcomes, ...clashes, ...notAttempted.map(asItemOutcome)],
    anyLabel,
    result.cancelled,
  );
}

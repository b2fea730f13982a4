// Copy to Another Vault, for one secret or many: the current version (or every version, oldest first and the
// source's current one last: copyOne.ts) with its content type, tags, dates and enabled state. A name that
// exists in the target gets new versions or is skipped (asked once for all of them); a name that is deleted in
// the target is recovered, purged (the user types the name) or skipped (asked per name, when the service says
// so). Runs under one progress, cancellable between secrets, and ends with a per-item report. Values are read one
// version at a time, written at once and dropped.
//
// Requests: the target is probed once per name (one versions page; a vault listing instead when many names are
// copied), then per version one read and one write; "current version" reads without listing versions, "all
// versions" reads the current one first (that read is its write's read).

import { t } from '../shared/l10n';
import {
  copyItemLine,
  copySummary,
  type CopyItem,
  type CopyMode,
  type CopyOutcome,
  type DeletedChoice,
  type ExistingChoice,
} from '../shared/transfer/copyPlan';
import { isSecretName } from '../shared/validation';
import { eachLimited } from '../shared/concurrency';
import { isCancellation } from '../ui/ErrorBoundary';
import { logDebug } from '../ui/log';
import { confirmLoss } from '../ui/destructiveGate';
import { info, pick } from '../ui/prompts';
import { chooseForDeletedName } from '../ui/deletedNameConflict';
import { withProgress } from '../ui/progress';
import { UserCancelled } from '../ui/UserCancelled';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { VaultClient, VaultRef } from '../vault/model';
import { connectionKey } from '../vault/connectionKey';
import { userMessage } from '../vault/userMessage';
import { listAll } from '../vault/listing';
import { vaultDirectory } from '../vault/VaultDirectory';
import { pickVault } from '../ui/pickVault';
import { copyOne, type CopyContext } from './copyOne';

export interface CopyReport {
  readonly source: VaultRef;
  readonly target: VaultRef;
  readonly mode: CopyMode;
  readonly items: readonly CopyItem[];
  readonly cancelled: boolean;
}

/** Up to this many names the target is probed name by name; more, and it is listed once. */
const PROBE_BY_NAME_MAX = 25;
const PROBE_CONCURRENCY = 4;
/** Names listed in a dialog's detail. */
const LISTED_NAMES = 10;

/** The names that exist (live) in the target vault, keyed case-insensitively as Key Vault compares names. */
async function existingIn(client: VaultClient, names: readonly string[], signal: AbortSignal): Promise<Set<string>> {
  const found = new Set<string>();
  if (names.length > PROBE_BY_NAME_MAX) {
    const all = await listAll((token) => client.listSecrets(token, { signal }));
    const wanted = new Set(names.map((n) => n.toLowerCase()));
    for (const s of all) if (wanted.has(s.name.toLowerCase())) found.add(s.name.toLowerCase());
    return found;
  }
  await eachLimited(names, PROBE_CONCURRENCY, async (name) => {
    try {
      const page = await client.listVersions(name, undefined, { signal });
      if (page.items.length > 0) found.add(name.toLowerCase());
    } catch (e) {
      if (!(isKeyVaultFailure(e) && e.kind === 'notFound')) throw e;
    }
  });
  return found;
}

async function chooseMode(title: string): Promise<CopyMode> {
  const picked = await pick<CopyMode>(
    [
      {
        label: t('Current version'),
        description: t('the value and properties apps read now'),
        data: 'current',
      },
      {
        label: t('All versions'),
        description: t('oldest first, so the newest stays current; disabled versions cannot be read'),
        data: 'all',
      },
    ],
    { title, placeHolder: t('What to copy') },
  );
  if (picked === undefined) throw new UserCancelled();
  return picked.data;
}

async function chooseExisting(present: readonly string[], target: VaultRef): Promise<ExistingChoice> {
  const answer = await confirmLoss({
    kind: 'overwrite',
    groups: [{ vault: target, names: present }],
    from: present.length === 1 ? t('the copy') : t('the copies'),
    alternative: t('Skip Them'),
  });
  return answer === 'alternative' ? 'skip' : 'newVersion';
}

/** The target answered that `name` is deleted but recoverable there: recover, purge (typed name) or skip. */
async function chooseDeleted(client: VaultClient, target: VaultRef, name: string): Promise<DeletedChoice> {
  const choice = await chooseForDeletedName(target, name, 'copy', () => client.getDeleted(name));
  return choice === 'declined' ? 'skip' : choice;
}

/**
 * Copies secrets of `source` to another vault (asked for unless `target` is given). `names`: the secrets'
 * names (validated; duplicates, compared as Key Vault does, are copied once). Resolves to the per-item report,
 * which is also shown; throws UserCancelled when the user backs out before anything is copied.
 */
export async function copySecretsToVault(
  source: VaultRef,
  names: readonly string[],
  target?: VaultRef,
): Promise<CopyReport> {
  const unique: string[] = [];
  const seen = new Set<string>();
  for (const n of names) {
    if (!isSecretName(n)) throw new Error(t('"{0}" is not a secret name.', String(n)));
    if (!seen.has(n.toLowerCase())) {
      seen.add(n.toLowerCase());
      unique.push(n);
    }
  }
  if (unique.length === 0) throw new Error(t('Choose at least one secret to copy.'));
  const title =
    unique.length === 1
      ? t('Copy "{0}" to Another Vault', unique[0])
      : t('Copy {0} Secrets to Another Vault', unique.length);
  const to = target ?? (await pickVault(title, source));
  if (connectionKey(to) === connectionKey(source) || to.key === source.key)
    throw new Error(t('"{0}" is the vault the secrets are in: choose another vault.', to.name));
  const mode = await chooseMode(title);
  const fromClient = vaultDirectory().clientFor(source);
  const toClient = vaultDirectory().clientFor(to);
  const existing = await withProgress(t('Checking which names exist in {0}…', to.name), (signal) =>
    existingIn(toClient, unique, signal),
  );
  const present = unique.filter((n) => existing.has(n.toLowerCase()));
  const onExisting: ExistingChoice = present.length > 0 ? await chooseExisting(present, to) : 'newVersion';

  const items: CopyItem[] = unique.map((name) => ({ name, outcome: { kind: 'notRun' } }));
  let cancelled = false;
  // Cancel stops the run between secrets: the secret being copied is finished (every call has its own timeout),
  // so the report says exactly what was written.
  await withProgress(t('Copying to {0}…', to.name), async (cancel, step) => {
    const c: CopyContext = {
      target: to,
      from: fromClient,
      to: toClient,
      mode,
      chooseDeleted: (name) => chooseDeleted(toClient, to, name),
      isCancellation,
    };
    for (let i = 0; i < unique.length; i++) {
      if (cancel.aborted) {
        cancelled = true;
        break;
      }
      const name = unique[i];
      const exists = existing.has(name.toLowerCase());
      step(t('{0} of {1}: {2}', i + 1, unique.length, name));
      items[i] = {
        name,
        outcome:
          exists && onExisting === 'skip'
            ? { kind: 'skipped', reason: 'exists' }
            : await copyOne(c, name, exists).catch((e: unknown): CopyOutcome => {
                // The user backed out (a sign-in) before anything of this name was written: the run stops here.
                if (isCancellation(e)) {
                  cancelled = true;
                  return { kind: 'notRun' };
                }
                return { kind: 'failed', message: userMessage(e), versions: 0 };
              }),
      };
      if (cancelled) break;
    }
  });

  const report: CopyReport = { source, target: to, mode, items, cancelled };
  const lines = items.map(copyItemLine);
  logDebug(`Copy from ${source.name} to ${to.name} (${mode}):\n  ${lines.join('\n  ')}`);
  void info(`${copySummary(items, to.name, cancelled)} ${lines.slice(0, LISTED_NAMES).join(' ')}`);
  return report;
}

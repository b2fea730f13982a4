// The command side of Copy to Another Vault, Compare Vaults and Make This Version Current: what a command was
// run on (tree rows, the multi-selection, a details panel's target, the palette's pickers) becomes the
// arguments of src/transfer's entry points.

import { t } from '../shared/l10n';
import type { ActionContext } from '../ui/ErrorBoundary';
import type { SecretVersion } from '../vault/model';
import { versionsNewestFirst } from '../vault/versionOrder';
import { withProgress } from '../ui/progress';
import { CompareReportPanel } from '../transfer/CompareReportPanel';
import { copySecretsToVault, type CopyReport } from '../transfer/copySecrets';
import { makeVersionCurrent } from '../transfer/rollBack';
import { pickVault } from '../ui/pickVault';
import { vaultDirectory } from '../vault/VaultDirectory';
import { resolveSecret, resolveVault, resolveVersion } from './pickers';
import { oneVault, selectionOf, wholeSecrets } from './selection';
import type { Services } from './services';

const COPY_TITLE = (): string => t('Copy to Another Vault');

/**
 * Copy to Another Vault…: the selected secret rows (one vault), the clicked secret, a details panel's target, or
 * the palette's picks. Version rows in a selection copy their secret.
 */
export async function copyToVault(s: Services, arg: unknown, selected?: unknown): Promise<CopyReport> {
  const { targets } = selectionOf(arg, selected);
  if (targets.length > 1) {
    const source = oneVault(targets, COPY_TITLE());
    const { secrets, others } = wholeSecrets(targets);
    const names = [...secrets.map((x) => x.name), ...others.flatMap((x) => (x.kind === 'secret' ? [x.name] : []))];
    if (names.length === 0) throw new Error(t('{0}: select secrets (not vaults or deleted secrets).', COPY_TITLE()));
    return copySecretsToVault(source, names);
  }
  const secret = await resolveSecret(s, arg, COPY_TITLE());
  return copySecretsToVault(secret.vault, [secret.name]);
}

/** Compare Vaults…: the clicked vault (or a picked one) against a second picked vault, in the report panel. */
export async function compareVaults(s: Services, arg: unknown): Promise<CompareReportPanel> {
  const title = t('Compare Vaults');
  const left = (await resolveVault(s, arg, title)).vault;
  const right = await pickVault(t('Compare {0} with…', left.name), left);
  if (right.key === left.key) throw new Error(t('Choose a vault other than {0} to compare it with.', left.name));
  return CompareReportPanel.show(left, right);
}

/** Make This Version Current: a version row, a details panel's version, or the palette's picks. */
export async function makeVersionCurrentCommand(
  s: Services,
  arg: unknown,
  action: ActionContext,
): Promise<SecretVersion> {
  const title = t('Make This Version Current');
  const target = await resolveVersion(s, arg, title);
  let version = target.properties as SecretVersion | undefined;
  let current = target.current === true;
  // A panel's target names the version only: its properties (and whether it is the newest) come from one listing.
  if (version?.version !== target.version || version.createdOn === undefined) {
    const all = await withProgress(t('Reading the versions of "{0}"…', target.name), (signal) =>
      versionsNewestFirst(vaultDirectory().clientFor(target.vault), target.name, signal),
    );
    version = all.find((v) => v.version === target.version);
    if (version === undefined)
      throw new Error(t('Version {0} of "{1}" no longer exists.', target.version, target.name));
    current = all[0]?.version === version.version;
  }
  return makeVersionCurrent({ vault: target.vault, name: target.name, version, current }, action);
}

// Refresh and targeted refresh: a list invalidated and re-fetched only where a row shows it, one secret re-read
// through its versions (the vault is not listed again), and changes the caller already knows the result of
// (an update, a confirmed delete) shown without a request. Pure (no `vscode`).

import { t } from '../shared/l10n';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { SecretSummary, SecretVersion, VaultRef } from '../vault/model';
import { connectionKey } from '../vault/connectionKey';
import { compareNewestFirst } from '../vault/versionOrder';
import { formatFilter, type SecretFilter } from './filter';
import { kindOf } from './nodeKinds';
import type { DeletedGroupNode, TreeNode } from './nodes';
import type { PagedList } from './PagedList';
import type { RenderedRows } from './RenderedRows';
import type { TreeFill } from './TreeFill';
import type { TreeSurface } from './treeSurface';
import type { AnyList, TreeLists } from './TreeLists';

/** What a refresh reads of the view: whether one shows the tree, and the active filter. */
export interface RefreshView {
  readonly attached: () => boolean;
  readonly filter: () => SecretFilter | undefined;
}

/** The summary of a secret as its newest version describes it (used after a targeted refresh). */
function summaryFromVersion(v: SecretVersion): SecretSummary {
  const { version, ...rest } = v;
  const suffix = `/${version}`;
  return { ...rest, id: rest.id.endsWith(suffix) ? rest.id.slice(0, -suffix.length) : rest.id };
}

export class TreeRefresh {
  constructor(
    private readonly lists: TreeLists,
    private readonly host: TreeSurface,
    private readonly rows: RenderedRows,
    private readonly filling: TreeFill,
    private readonly view: RefreshView,
  ) {}

  /** Invalidates a list and re-fetches its first page now when a parent is expanded (else when next shown). */
  async reload(list: AnyList, parents: readonly TreeNode[]): Promise<void> {
    const wasLoaded = list.settled || list.loading;
    list.invalidate();
    if (wasLoaded && (parents.some((p) => this.rows.isExpanded(p)) || !this.view.attached())) {
      const load = list.ensureFirstPage(true);
      this.rows.fire(parents);
      await this.host.inView(load);
      const parent = parents.find((p) => kindOf(p).paged?.filtered !== undefined);
      const filter = this.view.filter();
      if (filter && list.hasMore && parent)
        await this.filling.fill([{ list, parent }], t('Filtering by "{0}"', formatFilter(filter)), true);
    }
    this.rows.fire(parents);
  }

  /** Re-fetches the vault's secret list (the deleted group and versions reload when next shown). */
  async vault(vault: VaultRef | string): Promise<void> {
    for (const { connection, secrets } of this.lists.secretsOf(typeof vault === 'string' ? vault : vault.key)) {
      this.lists.invalidateBelow(connection);
      await this.reload(secrets, this.rows.vaults(connection));
    }
  }

  /** Re-fetches the deleted secrets of the vault, if they were shown. */
  async deleted(vault: VaultRef | string): Promise<void> {
    for (const { connection, list } of this.lists.deletedOf(typeof vault === 'string' ? vault : vault.key)) {
      const nodes = this.rows.where(
        (n): n is DeletedGroupNode => n.kind === 'deletedGroup' && connectionKey(n.vault) === connection,
      );
      await this.reload(list, nodes);
    }
  }

  /**
   * Re-fetches one secret's versions (one request, the vault is not listed again) and updates its row from the
   * newest version; a secret that no longer exists leaves the list, a new one joins it. Does nothing for a vault
   * whose secrets were never shown.
   */
  async secret(vault: VaultRef | string, name: string): Promise<void> {
    for (const { vault: ref, secrets } of this.lists.secretsOf(typeof vault === 'string' ? vault : vault.key)) {
      if (secrets.settled) await this.refreshOneSecret(ref, secrets, name);
      else this.lists.existing.versions(ref, name)?.invalidate();
    }
  }

  /**
   * A change whose result the caller already has (the service's answer to an update of the current version): the
   * secret's row and its version row show it without a request.
   */
  secretUpdated(vault: VaultRef | string, current: SecretVersion): void {
    for (const { vault: ref, secrets } of this.lists.secretsOf(typeof vault === 'string' ? vault : vault.key)) {
      const versions = this.lists.existing.versions(ref, current.name);
      if (versions?.settled) versions.upsert(current);
      if (secrets.settled) this.showSecret(ref, secrets, current.name, current);
    }
  }

  /**
   * A secret the service confirmed deleted: its row leaves its vault's list without a request (a bulk delete of
   * N secrets would otherwise re-read N version lists only to learn they are gone).
   */
  secretRemoved(vault: VaultRef | string, name: string): void {
    for (const { vault: ref, secrets } of this.lists.secretsOf(typeof vault === 'string' ? vault : vault.key)) {
      if (secrets.settled) this.showSecret(ref, secrets, name, undefined);
      else this.lists.existing.versions(ref, name)?.invalidate();
    }
  }

  private async refreshOneSecret(vault: VaultRef, secrets: PagedList<SecretSummary>, name: string): Promise<void> {
    const versions = this.lists.versions(vault, name);
    versions.invalidate();
    const load = versions.ensureFirstPage(true);
    this.rows.fire(this.rows.secrets(vault, name));
    await this.host.inView(load);
    const failure = versions.error;
    const gone =
      (failure && isKeyVaultFailure(failure.error) && failure.error.kind === 'notFound') ||
      (!failure && versions.items.length === 0);
    if (gone) this.showSecret(vault, secrets, name, undefined);
    else if (!failure) this.showSecret(vault, secrets, name, [...versions.items].sort(compareNewestFirst)[0]);
    else this.rows.fire(this.rows.secrets(vault, name));
  }

  /** Puts a secret's newest version in its vault's list (in name order), or takes the secret out (undefined). */
  private showSecret(
    vault: VaultRef,
    secrets: PagedList<SecretSummary>,
    name: string,
    newest: SecretVersion | undefined,
  ): void {
    const connection = connectionKey(vault);
    let membershipChanged: boolean;
    if (newest === undefined) {
      membershipChanged = secrets.remove(name);
      this.lists.dropVersions(connection, name);
    } else {
      membershipChanged = secrets.find(name) === undefined;
      secrets.upsert(summaryFromVersion(newest), (items) => {
        const at = items.findIndex((s) => s.name.localeCompare(name, undefined, { sensitivity: 'base' }) > 0);
        return at < 0 ? items.length : at;
      });
    }
    if (membershipChanged) this.rows.fire(this.rows.vaults(connection));
    else this.rows.fire(this.rows.secrets(vault, name));
  }
}

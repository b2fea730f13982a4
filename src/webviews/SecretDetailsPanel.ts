// Host side of the secret details panel: one panel per secret (per vault and name). It shows metadata only
// (current properties, the versions table, or the deleted secret's details) and runs the secret's actions as
// the registered commands, so the panel, the tree and the palette share one implementation.

import * as vscode from 'vscode';
import { t } from '../shared/l10n';
import {
  parseDetailsMessage,
  type DetailsAction,
  type DetailsToHost,
  type DetailsView,
  type DetailsState,
  type HostToDetails,
  type VersionView,
} from '../shared/webviewMessages/secretDetailsProtocol';
import { COMMANDS, type CommandId } from '../shared/commandIds';
import { runAction } from '../ui/ErrorBoundary';
import { logWarn } from '../ui/log';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { DeletedSecret, SecretProperties, SecretVersion, VaultClient, VaultRef } from '../vault/model';
import { userMessage } from '../vault/userMessage';
import { purgeAllowed } from '../vault/recoveryLevel';
import { compareNewestFirst } from '../vault/versionOrder';
import { vaultEntryId } from '../vault/vaultIdentity';
import { onSecretChange, type SecretChange } from '../vault/changes';
import { vaultDirectory } from '../vault/VaultDirectory';
import { lastAppScan, onAppScan } from '../vault/apps/appScanStore';
import { openLink } from '../ui/prompts';
import { deletedDetails } from './deletedDetails';
import { usedBySection } from './detailsUsedBy';
import { detailsStrings } from '../shared/webviewStrings';
import { PanelKind, WebviewPanelBase } from './WebviewPanelBase';

export const DETAILS_VIEW_TYPE = 'keyVaultSecrets.secretDetails';
/** The versions table shows at most this many (newest first). */
const MAX_VERSIONS = 100;
/** Versions loaded to find the newest: a secret with more is shown from the first this many the service lists. */
const MAX_LOADED_VERSIONS = 500;

/** The command each panel action runs (ids from registerCommands). */
const ACTION_COMMANDS: Readonly<Record<Exclude<DetailsAction, 'refresh'>, CommandId>> = {
  showValue: COMMANDS.showValue,
  showProperties: COMMANDS.showProperties,
  copyValue: COMMANDS.copyValue,
  copyId: COMMANDS.copySecretId,
  copyVersionedId: COMMANDS.copyVersionedId,
  copyReference: COMMANDS.copyReference,
  newVersion: COMMANDS.newVersion,
  editProperties: COMMANDS.editProperties,
  enable: COMMANDS.enableSecret,
  disable: COMMANDS.disableSecret,
  compareWithPrevious: COMMANDS.compareWithPrevious,
  makeVersionCurrent: COMMANDS.makeVersionCurrent,
  backup: COMMANDS.backupSecret,
  delete: COMMANDS.deleteSecret,
  recover: COMMANDS.recoverSecret,
  purge: COMMANDS.purgeSecret,
};

const iso = (d: Date | undefined): string | undefined => d?.toISOString();

/** The content type, dates (ISO, as sent to the webview) and tags of a version or of a secret's properties. */
function datesAndTags(
  p: SecretProperties,
): Pick<VersionView, 'contentType' | 'createdOn' | 'updatedOn' | 'notBefore' | 'expiresOn' | 'tags'> {
  return {
    ...(p.contentType !== undefined ? { contentType: p.contentType } : {}),
    ...(p.createdOn !== undefined ? { createdOn: iso(p.createdOn) } : {}),
    ...(p.updatedOn !== undefined ? { updatedOn: iso(p.updatedOn) } : {}),
    ...(p.notBefore !== undefined ? { notBefore: iso(p.notBefore) } : {}),
    ...(p.expiresOn !== undefined ? { expiresOn: iso(p.expiresOn) } : {}),
    tags: { ...p.tags },
  };
}

function versionView(v: SecretVersion, current: boolean): VersionView {
  return {
    version: v.version,
    enabled: v.enabled,
    ...datesAndTags(v),
    current,
  };
}

/** The versions of a secret, newest first, from at most MAX_LOADED_VERSIONS listed; `complete` when that was all of them. */
async function newestVersions(
  client: VaultClient,
  name: string,
): Promise<{ versions: SecretVersion[]; complete: boolean }> {
  const versions: SecretVersion[] = [];
  let token: string | undefined;
  do {
    const page = await client.listVersions(name, token);
    versions.push(...page.items);
    token = page.continuationToken;
  } while (token !== undefined && versions.length < MAX_LOADED_VERSIONS);
  return { versions: versions.sort(compareNewestFirst), complete: token === undefined };
}

const kind = new PanelKind<SecretDetailsPanel>();

/** What a live secret's current version and a deleted secret show alike: state, dates, tags, recovery. */
function propertiesView(
  p: SecretProperties,
): Omit<DetailsView, 'vaultName' | 'vaultUrl' | 'name' | 'id' | 'deleted' | 'versions' | 'moreVersions'> {
  return {
    managed: p.managed,
    enabled: p.enabled,
    ...datesAndTags(p),
    ...(p.recoveryLevel !== undefined ? { recoveryLevel: p.recoveryLevel } : {}),
    ...(p.recoverableDays !== undefined ? { recoverableDays: p.recoverableDays } : {}),
    canPurge: purgeAllowed(p.recoveryLevel),
  };
}

export class SecretDetailsPanel extends WebviewPanelBase<DetailsToHost, HostToDetails> {
  private state: DetailsState = { type: 'details', loading: true };
  private loadSeq = 0;
  /** The portal page of each "Used by" row last sent (the page asks for one by its index). */
  private appLinks: readonly string[] = [];
  /** The last load finished (tests wait on it). */
  loaded: Promise<void> = Promise.resolve();

  static all(): readonly SecretDetailsPanel[] {
    return kind.all();
  }

  /** `listed`: the deleted secret as its list gave it (shown when Key Vault hides its details). */
  static show(vault: VaultRef, name: string, deleted: boolean, listed?: DeletedSecret): SecretDetailsPanel {
    // One panel per secret of a row: the two rows of a vault known twice each get their own (vaultIdentity.ts).
    return kind.show(
      `${vaultEntryId(vault)}\n${name}`,
      () => new SecretDetailsPanel(vault, name, deleted, listed),
      (existing) => {
        existing.deleted = deleted;
        if (listed !== undefined) existing.listed = listed;
        existing.reload();
      },
    );
  }

  private constructor(
    readonly vault: VaultRef,
    readonly name: string,
    private deleted: boolean,
    private listed: DeletedSecret | undefined,
  ) {
    super({
      viewType: DETAILS_VIEW_TYPE,
      entry: 'secretDetails',
      title: `${name} · ${vault.name}`,
      logName: 'Secret details',
      parse: parseDetailsMessage,
    });
    this.own(onSecretChange((c) => this.onChange(c)));
    const stop = onAppScan(() => this.postState(this.state));
    this.own({ dispose: stop });
    this.reload();
  }

  get isDeleted(): boolean {
    return this.deleted;
  }

  private onChange(c: SecretChange): void {
    if (c.vault.key !== this.vault.key || c.name.toLowerCase() !== this.name.toLowerCase()) return;
    if (c.kind === 'purged') {
      this.panel.dispose();
      return;
    }
    if (c.kind === 'deleted') this.deleted = true;
    if (c.kind === 'recovered' || c.kind === 'created' || c.kind === 'restored') this.deleted = false;
    this.reload();
  }

  reload(): void {
    const seq = ++this.loadSeq;
    this.state = { ...this.state, loading: true };
    this.postState(this.state);
    this.loaded = runAction('Load secret details', async () => {
      try {
        const { view, notice } = await this.load();
        if (seq === this.loadSeq)
          this.state = { type: 'details', loading: false, view, ...(notice !== undefined ? { error: notice } : {}) };
      } catch (e) {
        if (seq !== this.loadSeq) return;
        if (isKeyVaultFailure(e) && e.kind === 'cancelled') throw e;
        logWarn(`Secret details of "${this.name}": ${userMessage(e)}`);
        this.state = { type: 'details', loading: false, error: userMessage(e) };
      }
      if (seq === this.loadSeq) this.postState(this.state);
    }).then(() => undefined);
  }

  private async load(): Promise<{ view: DetailsView; notice?: string }> {
    const client = vaultDirectory().clientFor(this.vault);
    if (!this.deleted) {
      try {
        const { versions, complete } = await newestVersions(client, this.name);
        const current = versions[0];
        if (current !== undefined) return { view: this.liveView(current, versions, complete) };
      } catch (e) {
        if (!(isKeyVaultFailure(e) && e.kind === 'notFound')) throw e;
      }
      this.deleted = true; // gone from the live list: perhaps deleted elsewhere
    }
    // Key Vault hides a disabled deleted secret's details (403 SecretDisabled); its list entry is what there is.
    const { deleted, hidden } = await deletedDetails(client, this.name, this.listed);
    if (hidden === undefined) return { view: this.deletedView(deleted) };
    this.listed = deleted;
    return {
      view: this.deletedView(deleted),
      notice: `${userMessage(hidden)} Shown here: what the deleted-secrets list gives.`,
    };
  }

  private liveView(current: SecretVersion, versions: readonly SecretVersion[], complete: boolean): DetailsView {
    return {
      vaultName: this.vault.name,
      vaultUrl: this.vault.url,
      name: this.name,
      id: `${this.vault.url}/secrets/${this.name}`,
      deleted: false,
      ...propertiesView(current),
      versions: versions.slice(0, MAX_VERSIONS).map((v, i) => versionView(v, i === 0)),
      moreVersions: !complete || versions.length > MAX_VERSIONS,
    };
  }

  private deletedView(d: DeletedSecret): DetailsView {
    return {
      vaultName: this.vault.name,
      vaultUrl: this.vault.url,
      name: this.name,
      id: d.recoveryId ?? d.id,
      deleted: true,
      ...propertiesView(d),
      ...(d.deletedOn !== undefined ? { deletedOn: iso(d.deletedOn) } : {}),
      ...(d.scheduledPurgeDate !== undefined ? { scheduledPurgeDate: iso(d.scheduledPurgeDate) } : {}),
      versions: [],
      moreVersions: false,
    };
  }

  protected async dispatch(msg: DetailsToHost): Promise<boolean> {
    switch (msg.type) {
      case 'ready':
        this.postState(this.state);
        return true;
      case 'action':
        await this.act(msg.action, msg.version);
        return true;
      case 'checkApps':
        await vscode.commands.executeCommand(COMMANDS.checkDeployedApps);
        return true;
      case 'openApp': {
        const link = this.appLinks[msg.index];
        if (link === undefined) throw new Error(t('That app is no longer in the list: check the deployed apps again.'));
        await openLink(link);
        return true;
      }
      default: {
        const never: never = msg;
        return never;
      }
    }
  }

  private async act(action: DetailsAction, version: string | undefined): Promise<void> {
    if (action === 'refresh') {
      this.reload();
      await this.loaded;
      return;
    }
    const deletedOnly = action === 'recover' || action === 'purge';
    if (deletedOnly !== this.deleted && action !== 'showProperties') {
      throw new Error(
        this.deleted ? t('"{0}" is deleted: recover it first.', this.name) : t('"{0}" is not deleted.', this.name),
      );
    }
    if (version !== undefined) {
      const known = this.state.view?.versions.some((v) => v.version === version) ?? false;
      if (!known) throw new Error(t("That version is not one of this secret's versions."));
    }
    const current =
      version !== undefined &&
      this.state.view?.versions.find((v) => v.version === version)?.current === true &&
      this.state.view.moreVersions === false;
    const target = this.deleted
      ? {
          kind: 'deleted' as const,
          vault: this.vault,
          name: this.name,
          ...(this.listed !== undefined ? { deleted: this.listed } : {}),
        }
      : {
          kind: 'secret' as const,
          vault: this.vault,
          name: this.name,
          ...(version !== undefined ? { version, current } : {}),
        };
    await vscode.commands.executeCommand(ACTION_COMMANDS[action], target);
  }

  private postState(state: DetailsState): void {
    const used = usedBySection(lastAppScan(), this.vault, this.name);
    this.appLinks = used.links;
    this.post({ ...state, usedBy: used.view, strings: detailsStrings() });
  }
}

// Host side of the secret details panel: one panel per secret (per vault and name). It shows metadata only
// (current properties, the versions table, or the deleted secret's details) and runs the secret's actions as
// the registered commands, so the panel, the tree and the palette share one implementation.

import * as vscode from 'vscode';
import { parseDetailsMessage, type DetailsAction, type DetailsView, type HostToDetails, type VersionView } from '../shared/messages';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { DeletedSecret, SecretVersion, VaultRef } from '../vault/model';
import { purgeAllowed, userMessage, versionsNewestFirst } from '../vault/vaultHelpers';
import type { PanelHost, SecretChange } from './PanelHost';
import { webviewHtml, webviewOptions } from './webviewHtml';

export const DETAILS_VIEW_TYPE = 'keyVaultSecrets.secretDetails';
const MAX_VERSIONS = 100;

/** The command each panel action runs (ids from registerCommands). */
const ACTION_COMMANDS: Readonly<Record<Exclude<DetailsAction, 'refresh'>, string>> = {
  showValue: 'keyVaultSecrets.showValue',
  showProperties: 'keyVaultSecrets.showProperties',
  copyValue: 'keyVaultSecrets.copyValue',
  copyId: 'keyVaultSecrets.copySecretId',
  copyVersionedId: 'keyVaultSecrets.copyVersionedId',
  copyReference: 'keyVaultSecrets.copyReference',
  newVersion: 'keyVaultSecrets.newVersion',
  editProperties: 'keyVaultSecrets.editProperties',
  enable: 'keyVaultSecrets.enableSecret',
  disable: 'keyVaultSecrets.disableSecret',
  compareWithPrevious: 'keyVaultSecrets.compareWithPrevious',
  backup: 'keyVaultSecrets.backupSecret',
  delete: 'keyVaultSecrets.deleteSecret',
  recover: 'keyVaultSecrets.recoverSecret',
  purge: 'keyVaultSecrets.purgeSecret',
};

const iso = (d: Date | undefined): string | undefined => d?.toISOString();

function versionView(v: SecretVersion, current: boolean): VersionView {
  return {
    version: v.version,
    enabled: v.enabled,
    ...(v.contentType !== undefined ? { contentType: v.contentType } : {}),
    ...(v.createdOn !== undefined ? { createdOn: iso(v.createdOn) } : {}),
    ...(v.updatedOn !== undefined ? { updatedOn: iso(v.updatedOn) } : {}),
    ...(v.notBefore !== undefined ? { notBefore: iso(v.notBefore) } : {}),
    ...(v.expiresOn !== undefined ? { expiresOn: iso(v.expiresOn) } : {}),
    tags: { ...v.tags },
    current,
  };
}

export class SecretDetailsPanel implements vscode.Disposable {
  private static readonly open = new Map<string, SecretDetailsPanel>();

  readonly sent: HostToDetails[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  private state: HostToDetails = { type: 'details', loading: true };
  private loadSeq = 0;
  /** The last load finished (tests wait on it). */
  loaded: Promise<void> = Promise.resolve();

  static all(): readonly SecretDetailsPanel[] {
    return [...SecretDetailsPanel.open.values()];
  }

  static show(host: PanelHost, vault: VaultRef, name: string, deleted: boolean): SecretDetailsPanel {
    const key = `${vault.key}\n${name}`;
    const existing = SecretDetailsPanel.open.get(key);
    if (existing !== undefined) {
      existing.deleted = deleted;
      existing.panel.reveal();
      existing.reload();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(DETAILS_VIEW_TYPE, `${name} · ${vault.name}`, vscode.ViewColumn.Active, webviewOptions(host.extensionUri));
    const details = new SecretDetailsPanel(host, panel, vault, name, deleted, key);
    SecretDetailsPanel.open.set(key, details);
    return details;
  }

  private constructor(
    private readonly host: PanelHost,
    readonly panel: vscode.WebviewPanel,
    readonly vault: VaultRef,
    readonly name: string,
    private deleted: boolean,
    private readonly key: string,
  ) {
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'keyvault.svg');
    panel.webview.html = webviewHtml(panel.webview, host.extensionUri, 'secretDetails', `${name} · ${vault.name}`);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      panel.onDidDispose(() => this.dispose()),
      host.onDidChangeSecret((c) => this.onChange(c)),
    );
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
    this.post(this.state);
    this.loaded = this.host
      .run('Load secret details', async () => {
        try {
          const view = await this.load();
          if (seq === this.loadSeq) this.state = { type: 'details', loading: false, view };
        } catch (e) {
          if (seq !== this.loadSeq) return;
          if (isKeyVaultFailure(e) && e.kind === 'cancelled') throw e;
          this.host.log.warn(`Secret details of "${this.name}": ${userMessage(e)}`);
          this.state = { type: 'details', loading: false, error: userMessage(e) };
        }
        if (seq === this.loadSeq) this.post(this.state);
      })
      .then(() => undefined);
  }

  private async load(): Promise<DetailsView> {
    const client = this.host.clientFor(this.vault);
    if (!this.deleted) {
      try {
        const versions = await versionsNewestFirst(client, this.name);
        const current = versions[0];
        if (current !== undefined) return this.liveView(current, versions);
      } catch (e) {
        if (!(isKeyVaultFailure(e) && e.kind === 'notFound')) throw e;
      }
      this.deleted = true; // gone from the live list: perhaps deleted elsewhere
    }
    return this.deletedView(await client.getDeleted(this.name));
  }

  private liveView(current: SecretVersion, versions: readonly SecretVersion[]): DetailsView {
    return {
      vaultName: this.vault.name,
      vaultUrl: this.vault.url,
      name: this.name,
      id: `${this.vault.url}/secrets/${this.name}`,
      deleted: false,
      managed: current.managed,
      enabled: current.enabled,
      ...(current.contentType !== undefined ? { contentType: current.contentType } : {}),
      ...(current.createdOn !== undefined ? { createdOn: iso(current.createdOn) } : {}),
      ...(current.updatedOn !== undefined ? { updatedOn: iso(current.updatedOn) } : {}),
      ...(current.notBefore !== undefined ? { notBefore: iso(current.notBefore) } : {}),
      ...(current.expiresOn !== undefined ? { expiresOn: iso(current.expiresOn) } : {}),
      tags: { ...current.tags },
      ...(current.recoveryLevel !== undefined ? { recoveryLevel: current.recoveryLevel } : {}),
      ...(current.recoverableDays !== undefined ? { recoverableDays: current.recoverableDays } : {}),
      canPurge: purgeAllowed(current.recoveryLevel),
      versions: versions.slice(0, MAX_VERSIONS).map((v, i) => versionView(v, i === 0)),
      moreVersions: versions.length > MAX_VERSIONS,
    };
  }

  private deletedView(d: DeletedSecret): DetailsView {
    return {
      vaultName: this.vault.name,
      vaultUrl: this.vault.url,
      name: this.name,
      id: d.recoveryId ?? d.id,
      deleted: true,
      managed: d.managed,
      enabled: d.enabled,
      ...(d.contentType !== undefined ? { contentType: d.contentType } : {}),
      ...(d.createdOn !== undefined ? { createdOn: iso(d.createdOn) } : {}),
      ...(d.updatedOn !== undefined ? { updatedOn: iso(d.updatedOn) } : {}),
      ...(d.expiresOn !== undefined ? { expiresOn: iso(d.expiresOn) } : {}),
      ...(d.notBefore !== undefined ? { notBefore: iso(d.notBefore) } : {}),
      tags: { ...d.tags },
      ...(d.recoveryLevel !== undefined ? { recoveryLevel: d.recoveryLevel } : {}),
      ...(d.recoverableDays !== undefined ? { recoverableDays: d.recoverableDays } : {}),
      ...(d.deletedOn !== undefined ? { deletedOn: iso(d.deletedOn) } : {}),
      ...(d.scheduledPurgeDate !== undefined ? { scheduledPurgeDate: iso(d.scheduledPurgeDate) } : {}),
      canPurge: purgeAllowed(d.recoveryLevel),
      versions: [],
      moreVersions: false,
    };
  }

  /** Every message from the webview enters here, inside the error boundary, and is validated before use. */
  async receive(raw: unknown): Promise<void> {
    await this.host.run('Secret details message', async () => {
      const parsed = parseDetailsMessage(raw);
      if (!parsed.ok) {
        this.host.refused(DETAILS_VIEW_TYPE, parsed.reason);
        this.host.log.warn(`Secret details: refused a message from the webview (${parsed.reason}).`);
        return;
      }
      const msg = parsed.message;
      switch (msg.type) {
        case 'ready':
          this.post(this.state);
          return;
        case 'action':
          await this.act(msg.action, msg.version);
          return;
        default: {
          const never: never = msg;
          return never;
        }
      }
    });
  }

  private async act(action: DetailsAction, version: string | undefined): Promise<void> {
    if (action === 'refresh') {
      this.reload();
      await this.loaded;
      return;
    }
    const deletedOnly = action === 'recover' || action === 'purge';
    if (deletedOnly !== this.deleted && action !== 'showProperties') {
      throw new Error(this.deleted ? `"${this.name}" is deleted: recover it first.` : `"${this.name}" is not deleted.`);
    }
    if (version !== undefined) {
      const known = this.state.view?.versions.some((v) => v.version === version) ?? false;
      if (!known) throw new Error('That version is not one of this secret\'s versions.');
    }
    const target = this.deleted
      ? { kind: 'deleted' as const, vault: this.vault, name: this.name }
      : { kind: 'secret' as const, vault: this.vault, name: this.name, ...(version !== undefined ? { version } : {}) };
    await vscode.commands.executeCommand(ACTION_COMMANDS[action], target);
  }

  private post(message: HostToDetails): void {
    if (this.disposed) return;
    this.sent.push(message);
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    SecretDetailsPanel.open.delete(this.key);
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}

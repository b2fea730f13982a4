// Read-only documents for secret values and properties, as a FileSystemProvider registered with a read-only
// message (so typing in one tells the user how to set a new version). Each read is one request; nothing is
// cached beyond what VS Code holds for an open editor. Reads run inside the error boundary without a popup:
// VS Code shows the failure in the editor.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { t } from '../shared/l10n';
import { valueDocumentText } from '../shared/transfer/fileEncoding';
import { runAction } from '../ui/ErrorBoundary';
import { logWarn } from '../ui/log';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import { onSecretChange, type SecretChange } from '../vault/changes';
import type { DeletedSecret, SecretProperties, SecretVersion, VaultClient, VaultRef } from '../vault/model';
import { vaultDirectory } from '../vault/VaultDirectory';
import { compareNewestFirst } from '../vault/versionOrder';
import { vaultEntryId } from '../vault/vaultIdentity';
import { decodeSecretUri, encodeSecretUri, sameSecret, SECRET_SCHEME, type SecretDocRef } from './secretUri';

/**
 * What any read of a URI this window did not mint for the user gets (another extension's `workspace.fs.readFile`,
 * an editor restored after a restart): no request is sent.
 */
export function notOpenedText(): string {
  return `${t(
    'This Key Vault secret document was not opened by you in this window, so it is not loaded: Key Vault Secrets reads a secret only when you ask. To see it, use Show Value, Show Properties or Compare on the secret in the Key Vault view (or the Key Vault commands in the Command Palette).',
  )}\n`;
}

/**
 * What an open editor of a secret that is no longer there shows when it is read again (the secret was deleted or
 * purged, here or elsewhere): a placeholder, never the old value.
 */
export function goneText(ref: SecretDocRef, vaultName: string): string {
  const gone =
    ref.version !== undefined
      ? t(
          'Version {0} of secret "{1}" is no longer in vault {2}: it was deleted or purged.',
          ref.version,
          ref.name,
          vaultName,
        )
      : t('Secret "{0}" is no longer in vault {1}: it was deleted or purged.', ref.name, vaultName);
  const where = t(
    'A deleted secret is listed under "Deleted secrets" in the Key Vault view, where it can be recovered. This editor no longer shows its value.',
  );
  return `${gone} ${where}\n`;
}

/** A read found nothing: the secret (or the version) is gone. */
const GONE = Symbol('gone');

/** The query parameter that carries a URI's one-time token (random, per URI, kept in memory only). */
const TOKEN_PARAM = 'k';

/** Properties as JSON-friendly data (dates as ISO strings), in a stable field order. */
export function propertiesJson(p: SecretProperties | DeletedSecret): Record<string, unknown> {
  const d = (x: Date | undefined): string | undefined => x?.toISOString();
  const deleted = p as Partial<DeletedSecret>;
  const out: Record<string, unknown> = {
    id: p.id,
    name: p.name,
    version: p.version,
    vaultUrl: p.vaultUrl,
    enabled: p.enabled,
    contentType: p.contentType,
    notBefore: d(p.notBefore),
    expiresOn: d(p.expiresOn),
    createdOn: d(p.createdOn),
    updatedOn: d(p.updatedOn),
    tags: p.tags,
    managed: p.managed,
    keyId: p.keyId,
    recoveryLevel: p.recoveryLevel,
    recoverableDays: p.recoverableDays,
    recoveryId: deleted.recoveryId,
    deletedOn: d(deleted.deletedOn),
    scheduledPurgeDate: d(deleted.scheduledPurgeDate),
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

export class SecretDocumentProvider implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  private readonly mtimes = new Map<string, number>();
  private readonly contentTypes = new Map<string, string>();
  private readonly started = Date.now();
  /** The URIs this window minted for the user's own actions (without their fragment), by what they show. */
  private readonly minted = new Map<string, vscode.Uri>();
  private readonly mintedKeys = new Set<string>();
  /** The vault entry (row) each minted URI was opened from: a vault known twice keeps its row (vaultIdentity.ts). */
  private readonly entries = new Map<string, VaultRef>();

  /** The open documents follow every change announced on the bus. */
  private readonly following = onSecretChange((c) => this.follow(c));

  /** A deleted or purged secret's editors close (a re-read would only find it gone); others are re-read. */
  private follow(c: SecretChange): void {
    if (c.failed === true) return;
    if (c.kind === 'deleted' || c.kind === 'purged') void this.closeEditorsOf(c.vault.url, c.name);
    else this.secretChanged(c.vault.url, c.name);
  }

  /**
   * The URI of a document the user asked for (Show Value, Show Properties, Compare). Only minted URIs are served:
   * each carries a random token known only to this window. Asking again for the same thing reuses its URI (and so
   * its editor).
   */
  mint(ref: SecretDocRef, entry?: VaultRef): vscode.Uri {
    const plain = encodeSecretUri(ref);
    const mintKey = entry === undefined ? plain : `${plain} ${vaultEntryId(entry)}`;
    const existing = this.minted.get(mintKey);
    if (existing !== undefined) return existing;
    const uri = vscode.Uri.parse(`${plain}&${TOKEN_PARAM}=${randomBytes(18).toString('base64url')}`, true);
    this.minted.set(mintKey, uri);
    this.mintedKeys.add(keyOf(uri));
    if (entry !== undefined) this.entries.set(keyOf(uri), entry);
    return uri;
  }

  /** The vault entry a minted URI was opened from (undefined: only its URL is known). */
  entryOf(uri: vscode.Uri): VaultRef | undefined {
    return this.entries.get(keyOf(uri));
  }

  /** Whether this window minted the URI for a user action (its fragment does not matter). */
  isMinted(uri: vscode.Uri): boolean {
    return this.mintedKeys.has(keyOf(uri));
  }

  /** The content type of the version last read for this URI (to set the language), when it had one. */
  contentTypeOf(uri: vscode.Uri): string | undefined {
    return this.contentTypes.get(keyOf(uri));
  }

  /**
   * The user deleted or purged a secret: its editors close (value, properties, the deleted secret's, and any diff
   * with one of them on a side), so none keeps showing what is gone. Other secrets' editors stay.
   */
  async closeEditorsOf(vaultUrl: string, name: string): Promise<void> {
    const showsIt = (uri: vscode.Uri): boolean => {
      const ref = docRefOf(uri);
      return ref !== undefined && sameSecret(ref, { vaultUrl, name });
    };
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((tab) => tabUris(tab).some(showsIt));
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
  }

  /** A secret changed: every open document of it is re-read (documents of a fixed version too: enabled/tags may change). */
  secretChanged(vaultUrl: string, name: string): void {
    const events: vscode.FileChangeEvent[] = [];
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme !== SECRET_SCHEME) continue;
      const ref = docRefOf(doc.uri);
      if (ref === undefined || !sameSecret(ref, { vaultUrl, name })) continue;
      this.mtimes.set(doc.uri.toString(), Date.now());
      events.push({ type: vscode.FileChangeType.Changed, uri: doc.uri });
    }
    if (events.length > 0) this.emitter.fire(events);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    if (docRefOf(uri) === undefined) throw vscode.FileSystemError.FileNotFound(uri);
    const key = uri.toString();
    const mtime = this.mtimes.get(key) ?? this.started;
    return {
      type: vscode.FileType.File,
      ctime: this.started,
      mtime,
      size: 0,
      permissions: vscode.FilePermission.Readonly,
    };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const ref = docRefOf(uri);
    if (ref === undefined) throw vscode.FileSystemError.FileNotFound(uri);
    // Only the user's own actions read secrets: anything else gets a placeholder, no request.
    if (!this.isMinted(uri)) return new TextEncoder().encode(notOpenedText());
    const vault = vaultDirectory().lookup(ref.vaultUrl, this.entryOf(uri));
    let result: Uint8Array | typeof GONE | undefined;
    try {
      result = await runAction(
        'Read secret document',
        async (ctx) => {
          if (vault === undefined)
            throw vscode.FileSystemError.Unavailable(t('Vault {0} is not in your vault list.', ref.vaultUrl));
          const client = vaultDirectory().quietClientFor(vault);
          const key = keyOf(uri);
          try {
            switch (ref.view) {
              case 'value': {
                const secret = await client.getValue(ref.name, ref.version);
                ctx.mask(secret.value);
                if (secret.properties.contentType !== undefined)
                  this.contentTypes.set(key, secret.properties.contentType);
                else this.contentTypes.delete(key);
                // A file's bytes stored as base64/hex (tag file-encoding) show as "binary, N bytes", not as encoded text.
                return new TextEncoder().encode(valueDocumentText(secret.value, secret.properties.tags));
              }
              case 'properties': {
                const props = await this.properties(client, ref.name, ref.version);
                return props === undefined ? GONE : json(propertiesJson(props));
              }
              case 'deleted':
                return json(propertiesJson(await client.getDeleted(ref.name)));
            }
          } catch (e) {
            // Expected once a secret is deleted or purged (here or elsewhere) while its editor is open.
            if (isKeyVaultFailure(e) && e.kind === 'notFound') return GONE;
            throw e;
          }
        },
        { suppressDisplay: true, rethrow: true },
      );
    } catch (e) {
      // Logged by the boundary (one line for a service failure); VS Code shows it in the editor.
      if (isKeyVaultFailure(e) && e.kind !== 'cancelled') throw vscode.FileSystemError.Unavailable(e.message);
      throw e;
    }
    if (result === GONE) {
      logWarn(
        `Read secret document: "${ref.name}" is no longer in vault ${vault?.name ?? ref.vaultUrl} (deleted or purged); its editor shows a placeholder.`,
      );
      return new TextEncoder().encode(goneText(ref, vault?.name ?? ref.vaultUrl));
    }
    if (result === undefined) throw vscode.FileSystemError.Unavailable(uri);
    return result;
  }

  /** Properties without touching the value where possible: the version list (a disabled version cannot be read).
   *  Undefined when the secret or the version is not there (any more). */
  private async properties(
    client: VaultClient,
    name: string,
    version: string | undefined,
  ): Promise<SecretProperties | undefined> {
    const all: SecretVersion[] = [];
    let token: string | undefined;
    for (let i = 0; i < 40; i++) {
      const page = await client.listVersions(name, token);
      if (version !== undefined) {
        const hit = page.items.find((v) => v.version === version);
        if (hit !== undefined) return hit;
      }
      all.push(...page.items);
      token = page.continuationToken;
      if (token === undefined) break;
    }
    if (version === undefined && all.length > 0) {
      return all.sort(compareNewestFirst)[0];
    }
    return undefined;
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.following.dispose();
    this.emitter.dispose();
  }
}

/** The URIs a tab shows (both sides of a diff). */
function tabUris(tab: vscode.Tab): vscode.Uri[] {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return [input.uri];
  if (input instanceof vscode.TabInputTextDiff) return [input.original, input.modified];
  return [];
}

/** A URI as the minted set knows it: without its fragment. */
function keyOf(uri: vscode.Uri): string {
  return uri.with({ fragment: '' }).toString();
}

/** What a `keyvault-secret:` URI names (its token and fragment aside); undefined when it is not one of ours. */
export function docRefOf(uri: vscode.Uri): SecretDocRef | undefined {
  return uri.scheme === SECRET_SCHEME ? decodeSecretUri(withoutToken(uri).toString()) : undefined;
}

/** The URI without its token parameter (what the pure codec decodes). */
function withoutToken(uri: vscode.Uri): vscode.Uri {
  const query = uri.query
    .split('&')
    .filter((p) => !p.startsWith(`${TOKEN_PARAM}=`))
    .join('&');
  return uri.with({ query, fragment: '' });
}

function json(data: unknown): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(data, null, 2)}\n`);
}

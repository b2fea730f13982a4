// Palette fallbacks: vault -> secret -> version (or deleted secret) quick picks, and the resolvers that use them
// when a command was started without a tree node.

import * as vscode from 'vscode';
import type { DeletedSecret, SecretSummary, SecretVersion, VaultRef } from '../vault/model';
import { listAll, versionsNewestFirst } from '../vault/vaultHelpers';
import { UserCancelled } from './ErrorBoundary';
import type { PickItem } from './Prompts';
import { clientFor, type Services } from './services';
import { toTarget, type DeletedTarget, type SecretTarget, type VaultTarget } from './targets';

/** Versions of a secret, newest first (by creation time), through the client for a user's action. */
export async function listVersionsNewestFirst(s: Services, vault: VaultRef, name: string, signal?: AbortSignal): Promise<SecretVersion[]> {
  return versionsNewestFirst(clientFor(s, vault), name, signal);
}

function dateText(d: Date | undefined): string {
  return d === undefined ? '' : d.toISOString().replace('T', ' ').slice(0, 16);
}

async function loading<T>(title: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title, cancellable: false }, () => {
    const controller = new AbortController();
    return fn(controller.signal);
  });
}

export async function pickVault(s: Services, title: string): Promise<VaultRef> {
  const vaults = await loading('Key Vault: loading vaults…', (signal) => s.vaults.list({ signal }));
  if (vaults.length === 0) {
    throw new Error('No vaults yet: add one by URL (Key Vault: Add Vault by URL…) or sign in to Azure.');
  }
  const items: PickItem<VaultRef>[] = vaults.map((v) => ({
    label: v.name,
    description: v.url,
    detail: v.source === 'discovered' ? v.subscriptionName : 'Added by URL',
    data: v,
  }));
  const picked = await s.prompts.pick(items, { title, placeHolder: 'Choose a vault', matchOnDescription: true });
  if (picked === undefined) throw new UserCancelled();
  return picked.data;
}

export async function pickSecret(s: Services, vault: VaultRef, title: string): Promise<SecretSummary> {
  const client = clientFor(s, vault);
  const secrets = await loading(`Key Vault: loading secrets of ${vault.name}…`, (signal) => listAll((t) => client.listSecrets(t, { signal })));
  if (secrets.length === 0) throw new Error(`Vault "${vault.name}" has no secrets.`);
  const items: PickItem<SecretSummary>[] = secrets.map((p) => ({
    label: p.name,
    description: [p.contentType, p.enabled ? undefined : 'disabled', p.managed ? 'managed' : undefined].filter((x) => x !== undefined).join(' · '),
    data: p,
  }));
  const picked = await s.prompts.pick(items, { title, placeHolder: `Choose a secret in ${vault.name}`, matchOnDescription: true });
  if (picked === undefined) throw new UserCancelled();
  return picked.data;
}

export async function pickVersion(
  s: Services,
  vault: VaultRef,
  name: string,
  title: string,
  exclude?: string,
): Promise<{ version: SecretVersion; current: boolean }> {
  const versions = await loading(`Key Vault: loading versions of ${name}…`, (signal) => listVersionsNewestFirst(s, vault, name, signal));
  const newest = versions[0]?.version;
  const items: PickItem<SecretVersion>[] = versions
    .filter((v) => v.version !== exclude)
    .map((v) => ({
      label: v.version,
      description: [v.version === newest ? 'current' : undefined, dateText(v.createdOn), v.enabled ? undefined : 'disabled', v.contentType]
        .filter((x) => x !== undefined && x !== '')
        .join(' · '),
      data: v,
    }));
  if (items.length === 0) throw new Error(`Secret "${name}" has no ${exclude !== undefined ? 'other ' : ''}versions.`);
  const picked = await s.prompts.pick(items, { title, placeHolder: `Choose a version of ${name}` });
  if (picked === undefined) throw new UserCancelled();
  return { version: picked.data, current: picked.data.version === newest };
}

export async function pickDeleted(s: Services, vault: VaultRef, title: string): Promise<DeletedSecret> {
  const client = clientFor(s, vault);
  const deleted = await loading(`Key Vault: loading deleted secrets of ${vault.name}…`, (signal) => listAll((t) => client.listDeleted(t, { signal })));
  if (deleted.length === 0) throw new Error(`Vault "${vault.name}" has no deleted secrets.`);
  const items: PickItem<DeletedSecret>[] = deleted.map((d) => ({
    label: d.name,
    description: d.deletedOn !== undefined ? `deleted ${dateText(d.deletedOn)}` : undefined,
    data: d,
  }));
  const picked = await s.prompts.pick(items, { title, placeHolder: `Choose a deleted secret in ${vault.name}` });
  if (picked === undefined) throw new UserCancelled();
  return picked.data;
}

/* ------------------------------------------------------------------ resolvers ------------------------------------------------------------------ */

export async function resolveVault(s: Services, arg: unknown, title: string): Promise<VaultTarget> {
  const t = toTarget(arg, (u) => s.vaults.lookup(u));
  if (t !== undefined) return { kind: 'vault', vault: t.vault };
  return { kind: 'vault', vault: await pickVault(s, title) };
}

/** A secret (no version chosen unless the argument named one). */
export async function resolveSecret(s: Services, arg: unknown, title: string): Promise<SecretTarget> {
  const t = toTarget(arg, (u) => s.vaults.lookup(u));
  if (t?.kind === 'secret') return t;
  const vault = t?.vault ?? (await pickVault(s, title));
  const secret = await pickSecret(s, vault, title);
  return { kind: 'secret', vault, name: secret.name, properties: secret };
}

/** A secret and one of its versions: a version node as is; a secret node or the palette picks the version. */
export async function resolveVersion(s: Services, arg: unknown, title: string): Promise<SecretTarget & { version: string }> {
  const t = await resolveSecret(s, arg, title);
  if (t.version !== undefined) return { ...t, version: t.version };
  const picked = await pickVersion(s, t.vault, t.name, title);
  return { kind: 'secret', vault: t.vault, name: t.name, version: picked.version.version, properties: picked.version, current: picked.current };
}

/** The newest version of a secret (what enable/disable and edit act on for a secret node). */
export async function resolveCurrentVersion(s: Services, arg: unknown, title: string): Promise<SecretTarget & { version: string }> {
  const t = toTarget(arg, (u) => s.vaults.lookup(u));
  if (t?.kind === 'secret' && t.version !== undefined) return { ...t, version: t.version };
  if (t?.kind === 'secret') {
    const versions = await listVersionsNewestFirst(s, t.vault, t.name);
    const newest = versions[0];
    if (newest === undefined) throw new Error(`Secret "${t.name}" has no versions.`);
    return { kind: 'secret', vault: t.vault, name: t.name, version: newest.version, properties: newest, current: true };
  }
  return resolveVersion(s, arg, title);
}

export async function resolveDeleted(s: Services, arg: unknown, title: string): Promise<DeletedTarget> {
  const t = toTarget(arg, (u) => s.vaults.lookup(u));
  if (t?.kind === 'deleted') return t;
  const vault = t?.vault ?? (await pickVault(s, title));
  const deleted = await pickDeleted(s, vault, title);
  return { kind: 'deleted', vault, name: deleted.name, deleted };
}

// Palette fallbacks: vault -> secret -> version (or deleted secret) quick picks, and the resolvers that use them
// when a command was started without a tree node.

import { vaultDirectory } from '../vault/VaultDirectory';
import type { CallOptions, DeletedSecret, Page, SecretSummary, SecretVersion, VaultRef } from '../vault/model';
import { compareNewestFirst, versionsNewestFirst } from '../vault/versionOrder';
import { UserCancelled } from '../ui/UserCancelled';
import { pickPaged, type PickItem } from '../ui/prompts';
import { pickVault } from '../ui/pickVault';
import { withProgress } from '../ui/progress';
import type { Services } from './services';
import { targetOf, type DeletedTarget, type SecretTarget, type VaultTarget } from './targets';
import { formatDateTime } from '../shared/dates';
import { t } from '../shared/l10n';

/**
 * Versions of a secret, newest first (by creation time), through the client for a user's action. The user waits
 * for it (often before a confirmation), so it shows progress and can be cancelled.
 */
export async function listVersionsNewestFirst(vault: VaultRef, name: string): Promise<SecretVersion[]> {
  const client = vaultDirectory().clientFor(vault);
  return withProgress(t('Reading the versions of "{0}"…', name), (signal) => versionsNewestFirst(client, name, signal));
}

function dateText(d: Date | undefined): string {
  return d === undefined ? '' : formatDateTime(d);
}

/**
 * Pages of a list, as the picker shows them: after each page, the items of everything loaded so far.
 * Every page is requested with the picker's signal, so Esc or a pick aborts the request in flight; there is
 * no page cap (a vault of any size can be picked from), and loading stops as soon as the picker closes.
 */
function pagesOf<R, T>(
  load: (token: string | undefined, options: CallOptions) => Promise<Page<R>>,
  toItems: (loaded: readonly R[], done: boolean) => readonly PickItem<T>[],
): (signal: AbortSignal) => AsyncIterable<readonly PickItem<T>[]> {
  return async function* (signal) {
    const loaded: R[] = [];
    let token: string | undefined;
    do {
      const page = await load(token, { signal });
      if (signal.aborted) return;
      loaded.push(...page.items);
      token = page.continuationToken;
      yield toItems(loaded, token === undefined);
    } while (token !== undefined);
  };
}

function secretItem(p: SecretSummary): PickItem<SecretSummary> {
  return {
    label: p.name,
    description: [p.contentType, p.enabled ? undefined : t('disabled'), p.managed ? t('managed') : undefined]
      .filter((x) => x !== undefined)
      .join(' · '),
    data: p,
  };
}

function deletedItem(d: DeletedSecret): PickItem<DeletedSecret> {
  return {
    label: d.name,
    description: d.deletedOn !== undefined ? t('deleted {0}', dateText(d.deletedOn)) : undefined,
    data: d,
  };
}

/** Appends each page's items to those already made (the list keeps the service's order; items are made once). */
function appending<R, T>(toItem: (r: R) => PickItem<T>): (loaded: readonly R[]) => readonly PickItem<T>[] {
  const items: PickItem<T>[] = [];
  return (loaded) => {
    for (let i = items.length; i < loaded.length; i++) items.push(toItem(loaded[i]));
    return items.slice();
  };
}

/** `exclude`: a vault not offered (the source of a copy, the first side of a comparison). */
export async function pickSecret(vault: VaultRef, title: string): Promise<SecretSummary> {
  const client = vaultDirectory().clientFor(vault);
  const items = pagesOf((token, o) => client.listSecrets(token, o), appending(secretItem));
  const r = await pickPaged(items, {
    title,
    placeHolder: t('Choose a secret in {0}', vault.name),
    matchOnDescription: true,
  });
  if (r.picked !== undefined) return r.picked.data;
  if (r.complete && r.count === 0) throw new Error(t('Vault "{0}" has no secrets.', vault.name));
  throw new UserCancelled();
}

export async function pickVersion(
  vault: VaultRef,
  name: string,
  title: string,
  exclude?: string,
): Promise<{ version: SecretVersion; current: boolean }> {
  const client = vaultDirectory().clientFor(vault);
  // Newest first over everything loaded so far; "current" is only said once the last page is in
  // (a newer version may still be on a later page). One page (up to 25 versions) is the common case.
  let newest: string | undefined;
  const toItems = (loaded: readonly SecretVersion[], done: boolean): readonly PickItem<SecretVersion>[] => {
    const sorted = loaded.slice().sort(compareNewestFirst);
    newest = done ? sorted[0]?.version : undefined;
    return sorted
      .filter((v) => v.version !== exclude)
      .map((v) => ({
        label: v.version,
        description: [
          v.version === newest ? t('current') : undefined,
          dateText(v.createdOn),
          v.enabled ? undefined : t('disabled'),
          v.contentType,
        ]
          .filter((x) => x !== undefined && x !== '')
          .join(' · '),
        data: v,
      }));
  };
  const items = pagesOf((token, o) => client.listVersions(name, token, o), toItems);
  const r = await pickPaged(items, { title, placeHolder: t('Choose a version of {0}', name) });
  if (r.picked !== undefined) return { version: r.picked.data, current: r.picked.data.version === newest };
  if (r.complete && r.count === 0)
    throw new Error(
      exclude !== undefined ? t('Secret "{0}" has no other versions.', name) : t('Secret "{0}" has no versions.', name),
    );
  throw new UserCancelled();
}

export async function pickDeleted(vault: VaultRef, title: string): Promise<DeletedSecret> {
  const client = vaultDirectory().clientFor(vault);
  const items = pagesOf((token, o) => client.listDeleted(token, o), appending(deletedItem));
  const r = await pickPaged(items, { title, placeHolder: t('Choose a deleted secret in {0}', vault.name) });
  if (r.picked !== undefined) return r.picked.data;
  if (r.complete && r.count === 0) throw new Error(t('Vault "{0}" has no deleted secrets.', vault.name));
  throw new UserCancelled();
}

/* ------------------------------------------------------------------ resolvers ------------------------------------------------------------------ */

export async function resolveVault(s: Services, arg: unknown, title: string): Promise<VaultTarget> {
  const target = targetOf(s, arg);
  if (target !== undefined) return { kind: 'vault', vault: target.vault };
  return { kind: 'vault', vault: await pickVault(title) };
}

/** A secret (no version chosen unless the argument named one). */
export async function resolveSecret(s: Services, arg: unknown, title: string): Promise<SecretTarget> {
  const target = targetOf(s, arg);
  if (target?.kind === 'secret') return target;
  const vault = target?.vault ?? (await pickVault(title));
  const secret = await pickSecret(vault, title);
  return { kind: 'secret', vault, name: secret.name, properties: secret };
}

/** A secret and one of its versions: a version node as is; a secret node or the palette picks the version. */
export async function resolveVersion(
  s: Services,
  arg: unknown,
  title: string,
): Promise<SecretTarget & { version: string }> {
  const target = await resolveSecret(s, arg, title);
  if (target.version !== undefined) return { ...target, version: target.version };
  const picked = await pickVersion(target.vault, target.name, title);
  return {
    kind: 'secret',
    vault: target.vault,
    name: target.name,
    version: picked.version.version,
    properties: picked.version,
    current: picked.current,
  };
}

/** The newest version of a secret (what enable/disable and edit act on for a secret node). */
export async function resolveCurrentVersion(
  s: Services,
  arg: unknown,
  title: string,
): Promise<SecretTarget & { version: string }> {
  const target = targetOf(s, arg);
  if (target?.kind === 'secret' && target.version !== undefined) return { ...target, version: target.version };
  if (target?.kind === 'secret') {
    const versions = await listVersionsNewestFirst(target.vault, target.name);
    const newest = versions[0];
    if (newest === undefined) throw new Error(t('Secret "{0}" has no versions.', target.name));
    return {
      kind: 'secret',
      vault: target.vault,
      name: target.name,
      version: newest.version,
      properties: newest,
      current: true,
    };
  }
  return resolveVersion(s, arg, title);
}

export async function resolveDeleted(s: Services, arg: unknown, title: string): Promise<DeletedTarget> {
  const target = targetOf(s, arg);
  if (target?.kind === 'deleted') return target;
  const vault = target?.vault ?? (await pickVault(title));
  const deleted = await pickDeleted(vault, title);
  return { kind: 'deleted', vault, name: deleted.name, deleted };
}

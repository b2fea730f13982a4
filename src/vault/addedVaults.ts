// The pure half of the settings module (src/vault/settings.ts reads VS Code): the `keyVaultSecrets.vaults`
// shape, how its entries become VaultRefs, the known-vault check for command arguments, and the value rules
// of the other settings. No `vscode` here, so all of it is unit-tested in plain Node.
//
// Trust: vault URLs may come from a workspace (a team shares its vault list), but only the
// user's own settings may mark a vault `emulator` (a static token, challenge verification off) or give it a
// `caFile` (a certificate to trust). Workspace entries keep their URL and name, are marked origin 'workspace',
// and any emulator/caFile they carry is reported and ignored. `emulator` counts only on a loopback host.

import { t } from '../shared/l10n';
import {
  defaultVaultDisplayName,
  isLoopbackVaultUrl,
  normalizeVaultUrl,
  parseVaultUrl,
  validateVaultDisplayName,
} from '../shared/vaultUrl';
import { displayNameClashes, WORKSPACE_LIMITS, workspaceMayNameHost } from '../shared/workspaceInput';
import type { VaultRef } from './model';
import { knownEntryFor } from './vaultIdentity';

/** One entry of `keyVaultSecrets.vaults`, as written to settings. */
export interface VaultSettingEntry {
  readonly url: string;
  readonly name?: string;
  readonly emulator?: boolean;
  readonly caFile?: string;
}

export type VaultOrigin = 'user' | 'workspace';

export interface AddedVaultsResult {
  readonly vaults: readonly VaultRef[];
  /** One line per ignored entry or field (invalid URL, duplicate, emulator from a workspace, …), for the log. */
  readonly problems: readonly string[];
}

/** The values of `keyVaultSecrets.vaults` per scope, as `inspect()` gives them. */
export interface VaultsSettingValues {
  readonly user?: unknown;
  readonly workspace?: unknown;
  readonly workspaceFolder?: unknown;
}

/** An absolute path: `/…`, `C:\…` / `C:/…`, or `\\server\share`. `~/` is the user's home (expanded by the reader). */
export function isAbsoluteCaPath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('~/') || /^[a-zA-Z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/**
 * Turns one scope's raw setting value into VaultRefs: invalid entries are skipped and reported, duplicates
 * (within `seen`) merged. `origin` says where the entries come from; only 'user' entries keep emulator/caFile.
 */
export function parseAddedVaults(
  setting: unknown,
  origin: VaultOrigin = 'user',
  seen: Set<string> = new Set(),
  takenNames: Set<string> = new Set(),
): AddedVaultsResult {
  const vaults: VaultRef[] = [];
  const problems: string[] = [];
  const where = origin === 'user' ? 'keyVaultSecrets.vaults' : 'keyVaultSecrets.vaults (workspace)';
  if (setting === undefined || setting === null) return { vaults, problems };
  if (!Array.isArray(setting)) return { vaults, problems: [`${where} must be an array.`] };
  // A workspace's list is capped (a team shares a few vaults); the user's own list is theirs.
  const cap = origin === 'workspace' ? WORKSPACE_LIMITS.listEntries : setting.length;
  if (setting.length > cap)
    problems.push(`${where} lists ${setting.length} vaults; only the first ${cap} are used from a workspace.`);
  setting.slice(0, cap).forEach((entry: unknown, index) => {
    const label = `${where}[${index}]`;
    const raw = typeof entry === 'string' ? { url: entry } : entry;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push(`${label} is not an object with a "url".`);
      return;
    }
    const { url, name, emulator, caFile } = raw as {
      url?: unknown;
      name?: unknown;
      emulator?: unknown;
      caFile?: unknown;
    };
    if (typeof url !== 'string') {
      problems.push(`${label} has no "url".`);
      return;
    }
    const parsed = parseVaultUrl(url);
    if (!parsed.ok) {
      problems.push(`${label} (${JSON.stringify(url.slice(0, 80))}): ${parsed.message}`);
      return;
    }
    if (origin === 'workspace' && !workspaceMayNameHost(parsed.host)) {
      // A workspace may share its vault list, but it cannot point the extension (and a sign-in) at any host:
      // only Key Vault hosts of the public and sovereign clouds, or this machine. Other hosts (private
      // endpoints with custom DNS) belong in the user's own settings.
      problems.push(
        `${label} (${parsed.url}): a workspace may list only Key Vault hosts (*.vault.azure.net and the sovereign clouds) or this machine (localhost, 127.0.0.0/8); add other hosts in your user settings. It is ignored.`,
      );
      return;
    }
    if (seen.has(parsed.url)) {
      problems.push(`${label} (${parsed.url}) is listed twice; the first entry is used.`);
      return;
    }
    seen.add(parsed.url);
    let displayName = defaultVaultDisplayName(parsed.url);
    if (name !== undefined && name !== null) {
      const nameProblem = validateVaultDisplayName(name);
      if (nameProblem !== undefined)
        problems.push(`${label} (${parsed.url}): ${nameProblem} The host is shown instead.`);
      else if (typeof name === 'string' && origin === 'workspace' && displayNameClashes(name, takenNames))
        problems.push(
          `${label} (${parsed.url}): the display name ${JSON.stringify(name.trim())} is already another vault's; a workspace cannot reuse it. The host is shown instead.`,
        );
      else if (typeof name === 'string' && name.trim() !== '') displayName = name.trim();
    }
    let useEmulator = false;
    if (emulator !== undefined && emulator !== null) {
      if (typeof emulator !== 'boolean')
        problems.push(`${label} (${parsed.url}): "emulator" must be true or false; it is ignored.`);
      else if (emulator && origin !== 'user')
        problems.push(
          `${label} (${parsed.url}): "emulator" is honoured only in your user settings, not in a workspace; it is ignored.`,
        );
      else if (emulator && !isLoopbackVaultUrl(parsed.url, 'user'))
        problems.push(
          `${label} (${parsed.url}): "emulator" is honoured only for a vault on this machine (127.0.0.0/8, ::1, localhost); it is ignored.`,
        );
      else useEmulator = emulator;
    }
    let useCaFile: string | undefined;
    if (caFile !== undefined && caFile !== null && caFile !== '') {
      if (typeof caFile !== 'string')
        problems.push(`${label} (${parsed.url}): "caFile" must be a path; it is ignored.`);
      else if (origin !== 'user')
        problems.push(
          `${label} (${parsed.url}): "caFile" is honoured only in your user settings, not in a workspace; it is ignored.`,
        );
      else if (!isAbsoluteCaPath(caFile.trim()))
        problems.push(`${label} (${parsed.url}): "caFile" must be an absolute path; it is ignored.`);
      else useCaFile = caFile.trim();
    }
    takenNames.add(displayName);
    vaults.push({
      key: parsed.url,
      name: displayName,
      url: parsed.url,
      source: 'added',
      ...(origin === 'workspace' ? { origin } : {}),
      ...(useEmulator ? { emulator: true } : {}),
      ...(useCaFile !== undefined ? { caFile: useCaFile } : {}),
    });
  });
  return { vaults, problems };
}

/** User entries first (they win a duplicate), then the workspace's, then the folder's; never merged into one list on disk. */
export function mergeAddedVaults(values: VaultsSettingValues): AddedVaultsResult {
  const seen = new Set<string>();
  const names = new Set<string>();
  const user = parseAddedVaults(values.user, 'user', seen, names);
  const workspace = parseAddedVaults(values.workspace, 'workspace', seen, names);
  const folder = parseAddedVaults(values.workspaceFolder, 'workspace', seen, names);
  return {
    vaults: [...user.vaults, ...workspace.vaults, ...folder.vaults],
    problems: [...user.problems, ...workspace.problems, ...folder.problems],
  };
}

/**
 * What Add Vault writes: the user's own list (`inspect('vaults').globalValue`) plus the new entry, nothing else.
 * `already` when the user's list already has the URL. Invalid or foreign entries of the user's list are kept
 * as they are (the user's file is theirs).
 */
export function userVaultsWithEntry(
  globalValue: unknown,
  entry: VaultSettingEntry,
): { readonly already: true } | { readonly already: false; readonly value: unknown[] } {
  const current: unknown[] = Array.isArray(globalValue) ? [...(globalValue as unknown[])] : [];
  const key = normalizeVaultUrl(entry.url);
  if (key === undefined)
    throw new Error(
      parseVaultUrl(entry.url).ok ? t('Invalid vault URL.') : (parseVaultUrl(entry.url) as { message: string }).message,
    );
  const has = current.some(
    (e) => normalizeVaultUrl(typeof e === 'string' ? e : (e as { url?: unknown } | null)?.url) === key,
  );
  if (has) return { already: true };
  const clean: VaultSettingEntry = {
    url: key,
    ...(entry.name !== undefined && entry.name.trim() !== '' ? { name: entry.name.trim() } : {}),
    ...(entry.emulator === true && isLoopbackVaultUrl(key, 'user') ? { emulator: true } : {}),
    ...(entry.caFile !== undefined && entry.caFile !== '' ? { caFile: entry.caFile } : {}),
  };
  return { already: false, value: [...current, clean] };
}

/** One scope's list without the entries of `key` (undefined when nothing was removed). */
export function vaultsWithout(value: unknown, key: string): unknown[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const list = value as unknown[];
  const kept = list.filter(
    (e) => normalizeVaultUrl(typeof e === 'string' ? e : (e as { url?: unknown } | null)?.url) !== key,
  );
  return kept.length === list.length ? undefined : kept;
}

/* ----------------------------------------------------------- the known-vault check ----------------------------------------------------------- */

export type VaultArgumentResult =
  { readonly ok: true; readonly vault: VaultRef } | { readonly ok: false; readonly message: string };

/**
 * Command arguments that name a vault (a tree node, a panel target, another extension's executeCommand) are
 * accepted only for a vault the extension already knows (discovered or in settings), and never carry
 * `emulator` or `caFile` of their own: the answer is always the known VaultRef, so how it is reached comes from
 * the user's settings, never from the argument. An argument whose emulator/caFile differs from the known vault
 * is refused outright.
 */
export function resolveVaultArgument(arg: unknown, known: readonly VaultRef[]): VaultArgumentResult {
  const refused = (why: string): VaultArgumentResult => ({
    ok: false,
    message: t('This command was given a vault it cannot use: {0}', why),
  });
  let url: unknown = arg;
  let extra: { emulator?: unknown; caFile?: unknown } = {};
  if (typeof arg === 'object' && arg !== null) {
    const record = arg as { url?: unknown; key?: unknown; emulator?: unknown; caFile?: unknown };
    url = record.url ?? record.key;
    extra = record;
  }
  const parsed = parseVaultUrl(url);
  if (!parsed.ok) return refused(parsed.message);
  // The entry the argument names (a row keeps its own entry when one vault is known twice).
  const vault = knownEntryFor(typeof arg === 'object' && arg !== null ? arg : parsed.url, known);
  if (vault === undefined)
    return refused(t('{0} is not one of your vaults. Add it with "Add Vault by URL" first.', parsed.url));
  const emulatorArg = extra.emulator === undefined ? undefined : extra.emulator === true;
  if (emulatorArg !== undefined && emulatorArg !== (vault.emulator === true))
    return refused(t('an argument cannot mark a vault as a local emulator.'));
  if (extra.caFile !== undefined && extra.caFile !== vault.caFile)
    return refused(t('an argument cannot choose a certificate to trust.'));
  return { ok: true, vault };
}

/* ------------------------------------------------------------- other settings' rules ------------------------------------------------------------- */

export const CLIPBOARD_CLEAR_DEFAULT_SECONDS = 30;
export const CLIPBOARD_CLEAR_MAX_SECONDS = 3600;

/** `clipboardClearSeconds` clamped to 0..3600 (0 = never clear); anything not a finite number is the default. */
export function clampClipboardClearSeconds(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return CLIPBOARD_CLEAR_DEFAULT_SECONDS;
  return Math.min(CLIPBOARD_CLEAR_MAX_SECONDS, Math.max(0, Math.round(value)));
}

export const EXPIRY_WARNING_DEFAULT_DAYS = 30;

export function clampExpiryWarningDays(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return EXPIRY_WARNING_DEFAULT_DAYS;
  return Math.min(3650, Math.max(0, Math.round(value)));
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `subscriptions`: GUIDs only; anything else is reported and left out. */
export function parseSubscriptionIds(value: unknown): {
  readonly ids: readonly string[];
  readonly problems: readonly string[];
} {
  if (value === undefined || value === null) return { ids: [], problems: [] };
  if (!Array.isArray(value))
    return { ids: [], problems: ['keyVaultSecrets.subscriptions must be a list of subscription ids.'] };
  const ids: string[] = [];
  const problems: string[] = [];
  (value as unknown[]).forEach((v, i) => {
    if (typeof v === 'string' && GUID.test(v.trim())) ids.push(v.trim().toLowerCase());
    else problems.push(`keyVaultSecrets.subscriptions[${i}] is not a subscription id (a GUID); it is ignored.`);
  });
  return { ids, problems };
}

/**
 * The Azure Resources extension's `azureResourceGroups.selectedSubscriptions`: entries `tenant/subscription` (both
 * GUIDs). Returns the subscription ids; entries of another shape are left out (that setting is not ours to report).
 */
export function parseAzureResourcesSelection(value: unknown): readonly string[] {
  if (!Array.isArray(value)) return [];
  const ids = new Set<string>();
  for (const entry of value as unknown[]) {
    if (typeof entry !== 'string') continue;
    const [tenant, subscription, ...rest] = entry.trim().split('/');
    if (
      rest.length === 0 &&
      tenant !== undefined &&
      subscription !== undefined &&
      GUID.test(tenant) &&
      GUID.test(subscription)
    )
      ids.add(subscription.toLowerCase());
  }
  return [...ids];
}

export type AuthenticationSetting = 'vscode' | 'azureCli' | 'default';

export function parseAuthenticationSetting(value: unknown): AuthenticationSetting {
  return value === 'azureCli' || value === 'default' ? value : 'vscode';
}

/** A URL from settings that a link or a token may go to: https with a valid host, else undefined. */
export function httpsSettingUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.hostname === '') return undefined;
  return `https://${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

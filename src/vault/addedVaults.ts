// The entries of `keyVaultSecrets.vaults` (Added Vaults): the setting's shape, how its entries in each scope become
// VaultRefs, and the lists Add Vault and Remove write back. src/vault/settings.ts reads and writes the setting; no
// `vscode` here, so all of it is unit-tested in plain Node.
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
import { isAbsoluteCaPath } from './settingValues';

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

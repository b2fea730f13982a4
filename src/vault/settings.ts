// The one settings module: every `keyVaultSecrets.*` key, and the VS Code reads and writes of them. The rules are
// pure and live beside it: the `vaults` entries in ./addedVaults.ts, the other values (clamping, GUIDs, https
// URLs, CA paths) in ./settingValues.ts.
//
// Trust: what chooses a credential, a certificate or where a token goes is read from the
// user's own (global) settings only, through inspect(): `authentication`, the emulator/caFile of a vault,
// the test-only ARM endpoint and VS Code's sovereign-cloud settings. A workspace may list vault URLs; those
// are marked as coming from the workspace and are never written into the user's settings.

import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { Slots } from '../shared/concurrency';
import { cappedTextList } from '../shared/workspaceInput';
import type { SubscriptionSelectionSource } from './model';
import {
  mergeAddedVaults,
  userVaultsWithEntry,
  vaultsWithout,
  type AddedVaultsResult,
  type VaultSettingEntry,
} from './addedVaults';
import {
  clampClipboardClearSeconds,
  clampExpiryWarningDays,
  httpsSettingUrl,
  isAbsoluteCaPath,
  parseAuthenticationSetting,
  parseAzureResourcesSelection,
  parseSubscriptionIds,
  type AuthenticationSetting,
} from './settingValues';
import { effectiveSetting, settingScopes, settingScopesForEdit, updateSetting, userSetting } from './workspaceGate';
import { t } from '../shared/l10n';

export const SETTINGS_SECTION = 'keyVaultSecrets';

/** Every key of the extension's settings (package.json contributes.configuration), without the section. */
export const SETTING_KEYS = {
  vaults: 'vaults',
  expiryWarningDays: 'expiryWarningDays',
  clipboardClearSeconds: 'clipboardClearSeconds',
  subscriptions: 'subscriptions',
  authentication: 'authentication',
  testingArmEndpoint: 'testing.armEndpoint',
  testingArmCaFile: 'testing.armCaFile',
  dailyExpiryCheck: 'dailyExpiryCheck',
  referencesEnabled: 'references.enabled',
  referencesCodeLens: 'references.codeLens',
  referencesFiles: 'references.files',
  referencesSeverity: 'references.severity',
  detectionEnabled: 'detection.enabled',
  detectionSeverity: 'detection.severity',
  detectionIgnore: 'detection.ignore',
} as const;
export type SettingKey = (typeof SETTING_KEYS)[keyof typeof SETTING_KEYS];

/** The full id (`keyVaultSecrets.vaults`), for affectsConfiguration and messages. */
export function settingId(key: SettingKey): string {
  return `${SETTINGS_SECTION}.${key}`;
}

/** The references feature's settings (`keyVaultSecrets.references.*`), for affectsConfiguration. */
export const REFERENCES_SECTION = `${SETTINGS_SECTION}.references`;

const SOVEREIGN_SECTION = 'microsoft-sovereign-cloud';

/** The user's own (global) value of a setting: never a workspace's. */
function userValue(key: string, section: string = SETTINGS_SECTION): unknown {
  return userSetting(section, key);
}

/** A setting as VS Code merges it (for the settings a workspace may set: they only narrow what is done). */
function effective(key: string, section: string = SETTINGS_SECTION): unknown {
  return effectiveSetting(section, key);
}

/** Vaults added by URL: the user's entries, then the workspace's (marked origin 'workspace', no emulator/caFile). */
export function readAddedVaults(): AddedVaultsResult {
  // An untrusted workspace's vault list is not used at all (restricted mode): the gate leaves its scopes out.
  const scopes = settingScopes(SETTINGS_SECTION, SETTING_KEYS.vaults);
  return mergeAddedVaults({
    user: scopes.user,
    ...(scopes.workspace !== undefined ? { workspace: scopes.workspace } : {}),
    ...(scopes.workspaceFolder !== undefined ? { workspaceFolder: scopes.workspaceFolder } : {}),
  });
}

/**
 * One read-modify-write of `vaults` at a time, in order: each reads the list the previous one left (two quick Removes
 * would otherwise both start from the same list, and the second write would put back the vault the first took out).
 */
const vaultsEdits = new Slots(1);

/** Add Vault: writes the user's own list plus the entry, nothing else. False when the user's list already has it. */
export function addVaultToUserSettings(entry: VaultSettingEntry): Promise<boolean> {
  return vaultsEdits.run(async () => {
    const result = userVaultsWithEntry(userValue(SETTING_KEYS.vaults), entry);
    if (result.already) return false;
    await updateSetting(SETTINGS_SECTION, SETTING_KEYS.vaults, result.value, vscode.ConfigurationTarget.Global);
    return true;
  });
}

/** Remove from Added Vaults: takes the vault out of every settings scope that lists it. */
export function removeVaultFromSettings(key: string): Promise<void> {
  return vaultsEdits.run(async () => {
    const inspected = settingScopesForEdit(SETTINGS_SECTION, SETTING_KEYS.vaults);
    const scopes: Array<[unknown, vscode.ConfigurationTarget]> = [
      [inspected.user, vscode.ConfigurationTarget.Global],
      [inspected.workspace, vscode.ConfigurationTarget.Workspace],
      [inspected.workspaceFolder, vscode.ConfigurationTarget.WorkspaceFolder],
    ];
    for (const [value, target] of scopes) {
      const kept = vaultsWithout(value, key);
      if (kept !== undefined) await updateSetting(SETTINGS_SECTION, SETTING_KEYS.vaults, kept, target);
    }
  });
}

/** How the extension signs in: user settings only (a workspace never chooses a credential). */
export function readAuthentication(): AuthenticationSetting {
  return parseAuthenticationSetting(userValue(SETTING_KEYS.authentication));
}

/** Seconds until a copied value is cleared, 0..3600; user settings only (a workspace cannot keep a value on the clipboard). */
export function readClipboardClearSeconds(): number {
  const value = userValue(SETTING_KEYS.clipboardClearSeconds);
  return clampClipboardClearSeconds(
    value === undefined ? settingScopes(SETTINGS_SECTION, SETTING_KEYS.clipboardClearSeconds).defaultValue : value,
  );
}

/** The opt-in daily expiry check: the user's own settings only, since it sends requests on its own. */
export function readDailyExpiryCheck(): boolean {
  return userValue(SETTING_KEYS.dailyExpiryCheck) === true;
}

export function readExpiryWarningDays(): number {
  return clampExpiryWarningDays(effective(SETTING_KEYS.expiryWarningDays));
}

/** The subscription filter (GUIDs only). A workspace may narrow the list it shows; it cannot add a request target. */
export function readSubscriptionIds(): { readonly ids: readonly string[]; readonly problems: readonly string[] } {
  return parseSubscriptionIds(effective(SETTING_KEYS.subscriptions));
}

/** The Azure Resources extension's subscription choice (`tenant/subscription` entries): the fallback selection. */
export const AZURE_RESOURCES_SELECTION = { section: 'azureResourceGroups', key: 'selectedSubscriptions' } as const;

export interface SubscriptionSelection {
  /** Lower-case subscription ids; empty = every subscription. */
  readonly ids: readonly string[];
  readonly source: SubscriptionSelectionSource;
  readonly problems: readonly string[];
}

/**
 * The subscriptions discovery lists: `keyVaultSecrets.subscriptions` when it names any, else the ones chosen in the
 * Azure Resources extension (so one choice serves both), else all. Either can only narrow what the account reaches.
 */
export function readSubscriptionSelection(): SubscriptionSelection {
  const own = readSubscriptionIds();
  if (own.ids.length > 0) return { ...own, source: 'keyVaultSecrets' };
  const azure = parseAzureResourcesSelection(
    effective(AZURE_RESOURCES_SELECTION.key, AZURE_RESOURCES_SELECTION.section),
  );
  return { ids: azure, problems: own.problems, source: azure.length > 0 ? 'azureResources' : 'none' };
}

/** Select Subscriptions: the choice in the user's settings; an empty choice removes the setting (all subscriptions). */
export async function writeSubscriptionIds(ids: readonly string[]): Promise<void> {
  await updateSetting(
    SETTINGS_SECTION,
    SETTING_KEYS.subscriptions,
    ids.length > 0 ? [...ids] : undefined,
    vscode.ConfigurationTarget.Global,
  );
}

// The references feature's settings. None of them chooses a credential, a certificate or a host: a workspace may set
// them (it can only check less, or look at more of its own files).

/** The references' one switch: false turns checking off (no diagnostics, no automatic request). */
export function readReferencesEnabled(): boolean {
  return effective(SETTING_KEYS.referencesEnabled) !== false;
}

/** Whether a CodeLens above each reference shows its state (default off: no CodeLens work at all). */
export function readReferencesCodeLens(): boolean {
  return effective(SETTING_KEYS.referencesCodeLens) === true;
}

/** The globs of the files whose references are checked, capped; undefined when the setting gives none (the default). */
export function readReferenceFiles(): readonly string[] | undefined {
  return cappedTextList(effective(SETTING_KEYS.referencesFiles));
}

/** The raw `references.severity` value (per kind of diagnostic); the references feature reads its shape. */
export function readReferenceSeverities(): unknown {
  return effective(SETTING_KEYS.referencesSeverity);
}

// Plain-text secret detection (`keyVaultSecrets.detection.*`): local only, it sends nothing. A workspace may set
// these (it can only look at fewer of its own files, or report differently).

/** The settings of plain-text secret detection, for affectsConfiguration. */
export const DETECTION_SECTION = `${SETTINGS_SECTION}.detection`;

/** Detection's switch: off unless the user turns it on. */
export function readDetectionEnabled(): boolean {
  return effective(SETTING_KEYS.detectionEnabled) === true;
}

/** The raw `detection.severity` value; the detection feature reads its shape. */
export function readDetectionSeverity(): unknown {
  return effective(SETTING_KEYS.detectionSeverity);
}

/** Globs of files detection leaves alone, capped. */
export function readDetectionIgnore(): readonly string[] {
  return cappedTextList(effective(SETTING_KEYS.detectionIgnore)) ?? [];
}

/** Test-only ARM endpoint and its CA (application scope; read from user settings only). */
export function readTestingArm(): { readonly endpoint: string; readonly caFile?: string } | undefined {
  const endpoint = httpsSettingUrl(userValue(SETTING_KEYS.testingArmEndpoint));
  if (endpoint === undefined) return undefined;
  const caFile = userValue(SETTING_KEYS.testingArmCaFile);
  return { endpoint, ...(typeof caFile === 'string' && caFile.trim() !== '' ? { caFile: caFile.trim() } : {}) };
}

/** VS Code's sovereign-cloud environment, from user settings only. */
export function readSovereignEnvironment(): string | undefined {
  const value = userValue('environment', SOVEREIGN_SECTION);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A URL of VS Code's custom sovereign environment (`portalUrl`, `resourceManagerEndpointUrl`): user settings, https only. */
export function readCustomCloudUrl(field: 'portalUrl' | 'resourceManagerEndpointUrl'): string | undefined {
  const custom = userValue('customEnvironment', SOVEREIGN_SECTION);
  if (typeof custom !== 'object' || custom === null) return undefined;
  return httpsSettingUrl((custom as Record<string, unknown>)[field]);
}

/** Largest CA file read: a PEM bundle is a few KB; anything near this is not one. */
export const CA_FILE_MAX_BYTES = 1024 * 1024;

/**
 * Reads a CA certificate file chosen in user settings: an absolute path (`~/` is the home folder) to a
 * regular file under 1 MB, checked with stat before it is read.
 */
export async function readCaFile(path: string): Promise<string> {
  const trimmed = path.trim();
  if (!isAbsoluteCaPath(trimmed)) throw new Error(t('The CA file "{0}" must be an absolute path.', trimmed));
  const expanded = trimmed.startsWith('~/') ? `${homedir()}${trimmed.slice(1)}` : trimmed;
  const info = await stat(expanded);
  if (!info.isFile()) throw new Error(t('The CA file "{0}" is not a regular file.', trimmed));
  if (info.size >= CA_FILE_MAX_BYTES)
    throw new Error(t('The CA file "{0}" is larger than 1 MB; it cannot be a CA certificate.', trimmed));
  return readFile(expanded, 'utf8');
}

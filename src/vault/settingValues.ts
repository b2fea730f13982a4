// The pure rules of setting values: how each raw `keyVaultSecrets.*` value (and the few VS Code and Azure Resources
// settings the extension reads) becomes what the code uses: clamped numbers, GUID lists, the sign-in choice, https
// URLs, CA file paths. src/vault/settings.ts reads the values; no `vscode` here, so every rule is unit-tested in
// plain Node.

/** An absolute path: `/…`, `C:\…` / `C:/…`, or `\\server\share`. `~/` is the user's home (expanded by the reader). */
export function isAbsoluteCaPath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('~/') || /^[a-zA-Z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

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

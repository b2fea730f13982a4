// Vault URLs typed by a user: https, a host (and optional port), nothing else.
// Pure code: used by the add-vault input box, the settings reader and the webviews.

export type VaultUrlResult = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly message: string };

/**
 * Parses a vault URL and normalises it to `https://host[:port]` (lower-case host, no default port,
 * no trailing slash). That normalised form is also the vault's stable key.
 */
export function parseVaultUrl(input: string): VaultUrlResult {
  const text = input.trim();
  if (text.length === 0) return { ok: false, message: 'Enter the vault URL, for example https://contoso.vault.azure.net.' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'This is not a URL. Enter the vault URL, for example https://contoso.vault.azure.net.' };
  }
  if (url.protocol !== 'https:') return { ok: false, message: 'A vault URL must start with https://.' };
  if (url.hostname.length === 0) return { ok: false, message: 'A vault URL needs a host name, for example contoso.vault.azure.net.' };
  if (url.username !== '' || url.password !== '') return { ok: false, message: 'A vault URL cannot contain a user name or password.' };
  if (url.pathname !== '/' && url.pathname !== '') {
    return { ok: false, message: 'A vault URL has no path: use only https://host (for example https://contoso.vault.azure.net).' };
  }
  if (url.search !== '' || text.includes('?')) return { ok: false, message: 'A vault URL has no query (nothing after "?").' };
  if (url.hash !== '' || text.includes('#')) return { ok: false, message: 'A vault URL has no fragment (nothing after "#").' };
  return { ok: true, url: `https://${url.host}` };
}

/** The message for an invalid URL, or undefined when valid (for input-box validation). */
export function validateVaultUrl(input: string): string | undefined {
  const result = parseVaultUrl(input);
  return result.ok ? undefined : result.message;
}

/** Normalised URL, or undefined when invalid. */
export function normalizeVaultUrl(input: string): string | undefined {
  const result = parseVaultUrl(input);
  return result.ok ? result.url : undefined;
}

// The one vault URL rule: Add Vault, the `keyVaultSecrets.vaults` setting, discovery (ARM's vaultUri), document
// URIs and command arguments all go through parseVaultUrl. Pure code (no `vscode`, no Node APIs).
//
//   https://host[:port][/]   host = LDH labels (letters, digits, dashes; no dash at a label's edge), or IPv4;
//                            port 1..65535 (443 is dropped); no user, path, query, fragment, `%` escapes or `;`.
//
// IPv6 literals (`https://[::1]:8443`) are refused everywhere, with a message that names the alternative:
// document URIs and command arguments carry the host as an authority, and one rule that every surface can
// round-trip is worth more than a form nobody needs (a local emulator answers on 127.0.0.1 or localhost).

export type VaultUrlResult =
  | { readonly ok: true; readonly url: string; readonly host: string; readonly port?: number }
  | { readonly ok: false; readonly message: string };

const EXAMPLE = 'for example https://contoso.vault.azure.net';
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const MAX_HOST_LENGTH = 253;
/** The most text read as a vault URL, spaces around it included. */
export const MAX_VAULT_URL_INPUT = 4096;

function fail(message: string): VaultUrlResult {
  return { ok: false, message };
}

/**
 * Parses a vault URL and normalises it to `https://host[:port]` (lower-case host, no default port, no trailing
 * slash). That normalised form is also the vault's stable key (VaultRef.key).
 */
export function parseVaultUrl(input: unknown): VaultUrlResult {
  if (typeof input !== 'string') return fail(`A vault URL must be text, ${EXAMPLE}.`);
  // Spaces around a URL are forgiven, not a megabyte of them: longer input is refused before it is trimmed.
  if (input.length > MAX_VAULT_URL_INPUT)
    return fail(`This is too long for a vault URL. Enter the vault URL, ${EXAMPLE}.`);
  const text = input.trim();
  if (text.length === 0) return fail(`Enter the vault URL, ${EXAMPLE}.`);
  if (text.length > 300) return fail(`This is too long for a vault URL. Enter the vault URL, ${EXAMPLE}.`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (/[\s\u0000-\u001f\u007f]/.test(text)) return fail('A vault URL cannot contain spaces or control characters.');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  if (scheme === null || !text.slice(scheme[0].length).startsWith('//'))
    return fail(`This is not a URL. Enter the vault URL, ${EXAMPLE}.`);
  if (scheme[1]?.toLowerCase() !== 'https') return fail('A vault URL must start with https://.');
  const rest = text.slice(scheme[0].length + 2);
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const tail = end < 0 ? '' : rest.slice(end);
  if (authority.includes('@')) return fail('A vault URL cannot contain a user name or password.');
  if (tail.includes('?')) return fail('A vault URL has no query (nothing after "?").');
  if (tail.includes('#')) return fail('A vault URL has no fragment (nothing after "#").');
  if (tail !== '' && tail !== '/') return fail(`A vault URL has no path: use only https://host (${EXAMPLE}).`);
  if (authority.startsWith('[')) {
    return fail(
      'IPv6 addresses are not supported in a vault URL. Use the host name (for a local emulator: https://localhost:PORT or https://127.0.0.1:PORT).',
    );
  }
  if (/[%;\\]/.test(authority))
    return fail('A vault URL host can contain only letters, digits, dots and dashes (no "%", ";" or "\\").');
  const colon = authority.lastIndexOf(':');
  const hostText = (colon < 0 ? authority : authority.slice(0, colon)).toLowerCase();
  const portText = colon < 0 ? undefined : authority.slice(colon + 1);
  if (hostText.length === 0) return fail(`A vault URL needs a host name, ${EXAMPLE}.`);
  if (hostText.length > MAX_HOST_LENGTH || !hostText.split('.').every((label) => LABEL.test(label))) {
    return fail(
      'A vault URL host is made of labels of letters, digits and dashes separated by dots (no label may start or end with a dash).',
    );
  }
  if (/^[0-9.]+$/.test(hostText) && !isIpv4(hostText))
    return fail('This host is neither a host name nor an IPv4 address.');
  let port: number | undefined;
  if (portText !== undefined) {
    if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      return fail('A vault URL port must be a number from 1 to 65535.');
    }
    port = Number(portText);
  }
  const url = `https://${hostText}${port !== undefined && port !== 443 ? `:${port}` : ''}`;
  return port !== undefined && port !== 443
    ? { ok: true, url, host: hostText, port }
    : { ok: true, url, host: hostText };
}

function isIpv4(host: string): boolean {
  const parts = host.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

/** The message for an invalid URL, or undefined when valid (for input-box validation). */
export function validateVaultUrl(input: string): string | undefined {
  const result = parseVaultUrl(input);
  return result.ok ? undefined : result.message;
}

/** Normalised URL (the vault's key), or undefined when invalid. */
export function normalizeVaultUrl(input: unknown): string | undefined {
  const result = parseVaultUrl(input);
  return result.ok ? result.url : undefined;
}

/** The host (and port) of a normalised vault URL, as a document URI's authority: `host[:port]`. */
export function vaultAuthority(input: unknown): string | undefined {
  const result = parseVaultUrl(input);
  return result.ok ? result.url.slice('https://'.length) : undefined;
}

/**
 * Whose word a host comes from: the user's own settings (Add Vault, `keyVaultSecrets.vaults` in user settings),
 * or anything else (a workspace's settings or files, a reference in a document, a command argument).
 */
export type HostSource = 'user' | 'other';

/**
 * A host on this machine. The one rule, by who named the host:
 * - anything but the user's own settings: `localhost` and 127.0.0.0/8 only. `*.localhost` is not counted:
 *   whether it reaches this machine depends on the resolver, and a workspace must not be able to make an
 *   arbitrary name look local;
 * - the user's own settings may also name `*.localhost` (lowkey-vault names its vaults NAME.localhost) and ::1.
 * Only a host on this machine by the user's own word may be marked `emulator`.
 */
export function isLoopbackHost(host: string, source: HostSource = 'other'): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost') return true;
  if (isIpv4(h) && h.startsWith('127.')) return true;
  if (source !== 'user') return false;
  return h.endsWith('.localhost') || h === '::1' || h === '[::1]';
}

/** The loopback rule for a whole vault URL (false for an invalid one). */
export function isLoopbackVaultUrl(url: unknown, source: HostSource = 'other'): boolean {
  const result = parseVaultUrl(url);
  return result.ok && isLoopbackHost(result.host, source);
}

/** The data-plane DNS suffixes of Key Vault in the public and sovereign clouds. */
export const KEY_VAULT_DNS_SUFFIXES: readonly string[] = [
  '.vault.azure.net',
  '.vault.azure.cn',
  '.vault.usgovcloudapi.net',
  '.vault.microsoftazure.de',
];

/** A Key Vault host of a public or sovereign cloud (`NAME.vault.azure.net`, …). */
export function isKeyVaultHost(host: string): boolean {
  const h = host.toLowerCase();
  return KEY_VAULT_DNS_SUFFIXES.some((suffix) => h.endsWith(suffix) && isVaultName(h.slice(0, -suffix.length)));
}

/** An Azure vault name: 3-24 letters, digits and dashes, starting with a letter, ending with a letter or digit, no "--". */
export function isVaultName(name: string): boolean {
  return /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/.test(name);
}

export const DISPLAY_NAME_MAX_LENGTH = 64;

/**
 * A vault's display name (Add Vault, the settings' `name`): at most 64 printable characters (no control,
 * format such as bidi overrides, private-use or unassigned characters). Empty means "use the host".
 */
export function validateVaultDisplayName(name: unknown): string | undefined {
  if (typeof name !== 'string') return 'A vault display name must be text.';
  const text = name.trim();
  if ([...text].length > DISPLAY_NAME_MAX_LENGTH)
    return `A vault display name can be at most ${DISPLAY_NAME_MAX_LENGTH} characters.`;
  if (/\p{C}/u.test(text)) return 'A vault display name can contain only printable characters.';
  return undefined;
}

/** The default display name of a vault URL: the vault name of a Key Vault host, else the host. */
export function defaultVaultDisplayName(url: string): string {
  const result = parseVaultUrl(url);
  if (!result.ok) return url;
  return isKeyVaultHost(result.host) ? (result.host.split('.')[0] ?? result.host) : result.host;
}

// Name and host rules a Key Vault reference is checked against. Pure.
// The secret-name rule is the one of src/shared/validation.ts; the vault URL rule is src/shared/vaultUrl.ts.

/** A secret version as the service mints it: 32 hexadecimal characters. */
export const SECRET_VERSION_PATTERN = /^[0-9a-fA-F]{32}$/;

/** ARM vault names: 3-24 of letters, digits and dashes; a letter first, no dash last, no two dashes in a row. */
const VAULT_NAME_PATTERN = /^[a-zA-Z](?:[a-zA-Z0-9]|-(?!-)){1,22}[a-zA-Z0-9]$/;

const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** DNS suffixes of the Key Vault data plane in the public and sovereign clouds. */
export const KEY_VAULT_DNS_SUFFIXES: readonly string[] = [
  '.vault.azure.net',
  '.vault.azure.cn',
  '.vault.usgovcloudapi.net',
  '.vault.microsoftazure.de',
];

export function isSecretVersion(text: string): boolean {
  return SECRET_VERSION_PATTERN.test(text);
}

export function isVaultName(text: string): boolean {
  return text.length <= 24 && VAULT_NAME_PATTERN.test(text);
}

export function isSubscriptionId(text: string): boolean {
  return GUID_PATTERN.test(text);
}

/** A host name (no port) of a Key Vault in one of the Azure clouds: `<vault-name><suffix>`. */
export function isKeyVaultHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  for (const suffix of KEY_VAULT_DNS_SUFFIXES) {
    if (host.endsWith(suffix)) return isVaultName(host.slice(0, host.length - suffix.length));
  }
  return false;
}

/** Loopback hosts, where a local emulator may listen: 127.0.0.0/8, ::1, localhost and *.localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

export type HostKind = 'keyVault' | 'loopback' | 'other';

export function hostKind(hostname: string): HostKind {
  if (isKeyVaultHost(hostname)) return 'keyVault';
  if (isLoopbackHost(hostname)) return 'loopback';
  return 'other';
}

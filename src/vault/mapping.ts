// SDK models -> our own types. Type-only imports: nothing from the SDK is loaded here.

import type {
  DeletedSecret as SdkDeletedSecret,
  KeyVaultSecret as SdkKeyVaultSecret,
  SecretProperties as SdkSecretProperties,
} from '@azure/keyvault-secrets';
import type { DeletedSecret, SecretProperties, SecretValue, SecretVersion } from './model';

/** `https://host[:port]` without a trailing slash. */
export function normaliseVaultUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return url.replace(/\/+$/, '');
  }
}

/** The version segment of `https://vault/secrets/{name}/{version}`, if any. */
export function versionFromId(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  try {
    const segments = new URL(id).pathname.split('/').filter((s) => s.length > 0);
    return segments.length >= 3 ? segments[2] : undefined;
  } catch {
    return undefined;
  }
}

export function toSecretProperties(p: SdkSecretProperties, fallbackVaultUrl: string): SecretProperties {
  const vaultUrl = normaliseVaultUrl(p.vaultUrl || fallbackVaultUrl);
  const version = p.version !== undefined && p.version !== '' ? p.version : versionFromId(p.id);
  return {
    vaultUrl,
    name: p.name,
    id: p.id ?? `${vaultUrl}/secrets/${p.name}${version !== undefined ? `/${version}` : ''}`,
    ...(version !== undefined ? { version } : {}),
    enabled: p.enabled ?? true,
    ...(p.notBefore !== undefined ? { notBefore: p.notBefore } : {}),
    ...(p.expiresOn !== undefined ? { expiresOn: p.expiresOn } : {}),
    ...(p.createdOn !== undefined ? { createdOn: p.createdOn } : {}),
    ...(p.updatedOn !== undefined ? { updatedOn: p.updatedOn } : {}),
    ...(p.contentType !== undefined ? { contentType: p.contentType } : {}),
    tags: { ...(p.tags ?? {}) },
    managed: p.managed === true,
    ...(p.certificateKeyId !== undefined ? { keyId: p.certificateKeyId } : {}),
    ...(p.recoveryLevel !== undefined ? { recoveryLevel: p.recoveryLevel } : {}),
    ...(p.recoverableDays !== undefined ? { recoverableDays: p.recoverableDays } : {}),
  };
}

export function toSecretVersion(p: SdkSecretProperties, fallbackVaultUrl: string): SecretVersion {
  const props = toSecretProperties(p, fallbackVaultUrl);
  return { ...props, version: props.version ?? '' };
}

export function toDeletedSecret(d: SdkDeletedSecret, fallbackVaultUrl: string): DeletedSecret {
  const props = toSecretProperties(d.properties, fallbackVaultUrl);
  const recoveryId = d.recoveryId ?? d.properties.recoveryId;
  const deletedOn = d.deletedOn ?? d.properties.deletedOn;
  const scheduledPurgeDate = d.scheduledPurgeDate ?? d.properties.scheduledPurgeDate;
  return {
    ...props,
    ...(recoveryId !== undefined ? { recoveryId } : {}),
    ...(deletedOn !== undefined ? { deletedOn } : {}),
    ...(scheduledPurgeDate !== undefined ? { scheduledPurgeDate } : {}),
  };
}

export function toSecretValue(s: SdkKeyVaultSecret, fallbackVaultUrl: string): SecretValue {
  return { value: s.value ?? '', properties: toSecretVersion(s.properties, fallbackVaultUrl) };
}

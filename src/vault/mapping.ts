// SDK models -> our own types. Type-only imports: nothing from the SDK is loaded here.

import type {
  DeletedSecret as SdkDeletedSecret,
  KeyVaultSecret as SdkKeyVaultSecret,
  SecretProperties as SdkSecretProperties,
} from '@azure/keyvault-secrets';
import { isSecretName, isSecretVersion } from '../shared/validation';
import { KeyVaultFailure } from './KeyVaultFailure';
import type { DeletedSecret, SecretProperties, SecretValue, SecretVersion } from './model';

/**
 * Names, versions and URLs the service returns are untrusted: a name or version that breaks the rule is refused
 * here, before anything shows or uses it, and ids are rebuilt from this vault's own URL (a forged `id`, `kid` or
 * `recoveryId` on another host never reaches a "copy identifier" or a link).
 */
export class ForgedNameError extends KeyVaultFailure {
  constructor(what: string) {
    super('unknown', `Key Vault returned a ${what} that does not follow Key Vault's naming rule; it was ignored. Refresh, and check any proxy between you and the vault.`);
  }
}

/** True when the service's item carries a name that follows the rule (lists skip the others). */
export function hasValidName(p: { readonly name?: unknown }): boolean {
  return isSecretName(p.name);
}

/** The version segment of `https://vault/secrets/{name}/{version}`, if any (and only a valid one). */
export function versionFromId(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  try {
    const segments = new URL(id).pathname.split('/').filter((s) => s.length > 0);
    return segments.length >= 3 && isSecretVersion(segments[2]) ? segments[2] : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps a service-given id only when it points into this vault (same origin). */
function sameVaultId(id: string | undefined, vaultUrl: string): string | undefined {
  if (id === undefined) return undefined;
  try {
    return new URL(id).origin === new URL(vaultUrl).origin ? id : undefined;
  } catch {
    return undefined;
  }
}

export function toSecretProperties(p: SdkSecretProperties, ownVaultUrl: string): SecretProperties {
  if (!isSecretName(p.name)) throw new ForgedNameError('secret name');
  if (p.version !== undefined && p.version !== '' && !isSecretVersion(p.version)) throw new ForgedNameError('version id');
  const vaultUrl = ownVaultUrl;
  const version = p.version !== undefined && p.version !== '' ? p.version : versionFromId(p.id);
  const keyId = sameVaultId(p.certificateKeyId, vaultUrl);
  return {
    vaultUrl,
    name: p.name,
    id: `${vaultUrl}/secrets/${p.name}${version !== undefined ? `/${version}` : ''}`,
    ...(version !== undefined ? { version } : {}),
    enabled: p.enabled ?? true,
    ...(p.notBefore !== undefined ? { notBefore: p.notBefore } : {}),
    ...(p.expiresOn !== undefined ? { expiresOn: p.expiresOn } : {}),
    ...(p.createdOn !== undefined ? { createdOn: p.createdOn } : {}),
    ...(p.updatedOn !== undefined ? { updatedOn: p.updatedOn } : {}),
    ...(p.contentType !== undefined ? { contentType: p.contentType } : {}),
    tags: { ...(p.tags ?? {}) },
    managed: p.managed === true,
    ...(keyId !== undefined ? { keyId } : {}),
    ...(p.recoveryLevel !== undefined ? { recoveryLevel: p.recoveryLevel } : {}),
    ...(p.recoverableDays !== undefined ? { recoverableDays: p.recoverableDays } : {}),
  };
}

export function toSecretVersion(p: SdkSecretProperties, ownVaultUrl: string): SecretVersion {
  const props = toSecretProperties(p, ownVaultUrl);
  return { ...props, version: props.version ?? '' };
}

export function toDeletedSecret(d: SdkDeletedSecret, ownVaultUrl: string): DeletedSecret {
  const props = toSecretProperties(d.properties, ownVaultUrl);
  const recoveryId = sameVaultId(d.recoveryId ?? d.properties.recoveryId, ownVaultUrl) !== undefined ? `${ownVaultUrl}/deletedsecrets/${props.name}` : undefined;
  const deletedOn = d.deletedOn ?? d.properties.deletedOn;
  const scheduledPurgeDate = d.scheduledPurgeDate ?? d.properties.scheduledPurgeDate;
  return {
    ...props,
    ...(recoveryId !== undefined ? { recoveryId } : {}),
    ...(deletedOn !== undefined ? { deletedOn } : {}),
    ...(scheduledPurgeDate !== undefined ? { scheduledPurgeDate } : {}),
  };
}

export function toSecretValue(s: SdkKeyVaultSecret, ownVaultUrl: string): SecretValue {
  return { value: s.value ?? '', properties: toSecretVersion(s.properties, ownVaultUrl) };
}

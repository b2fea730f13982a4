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
    super(
      'unknown',
      `Key Vault returned a ${what} that does not follow Key Vault's naming rule; it was ignored. Refresh, and check any proxy between you and the vault.`,
    );
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
  if (p.version !== undefined && p.version !== '' && !isSecretVersion(p.version))
    throw new ForgedNameError('version id');
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
  const recoveryId =
    sameVaultId(d.recoveryId ?? d.properties.recoveryId, ownVaultUrl) !== undefined
      ? `${ownVaultUrl}/deletedsecrets/${props.name}`
      : undefined;
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

/** A secret bundle as the SDK's generated client returns it (the parts we read; dates already Date objects). */
export interface RawSecretBundle {
  readonly id?: string;
  readonly contentType?: string;
  readonly tags?: Record<string, string>;
  readonly managed?: boolean;
  readonly kid?: string;
  readonly attributes?: {
    readonly enabled?: boolean;
    readonly notBefore?: Date;
    readonly expires?: Date;
    readonly created?: Date;
    readonly updated?: Date;
    readonly recoverableDays?: number;
    readonly recoveryLevel?: string;
  };
  readonly recoveryId?: string;
  readonly scheduledPurgeDate?: Date;
  readonly deletedDate?: Date;
}

/** The answer of DELETE or POST recover (the raw bundle) as our DeletedSecret; the name is the one we asked for. */
export function fromDeletedBundle(raw: RawSecretBundle | undefined, name: string, ownVaultUrl: string): DeletedSecret {
  const a = raw?.attributes ?? {};
  const version = versionFromId(raw?.id);
  return toDeletedSecret(
    {
      name,
      ...(raw?.recoveryId !== undefined ? { recoveryId: raw.recoveryId } : {}),
      ...(raw?.deletedDate !== undefined ? { deletedOn: raw.deletedDate } : {}),
      ...(raw?.scheduledPurgeDate !== undefined ? { scheduledPurgeDate: raw.scheduledPurgeDate } : {}),
      properties: {
        name,
        vaultUrl: ownVaultUrl,
        ...(version !== undefined ? { version } : {}),
        ...(raw?.id !== undefined ? { id: raw.id } : {}),
        ...(a.enabled !== undefined ? { enabled: a.enabled } : {}),
        ...(a.notBefore !== undefined ? { notBefore: a.notBefore } : {}),
        ...(a.expires !== undefined ? { expiresOn: a.expires } : {}),
        ...(a.created !== undefined ? { createdOn: a.created } : {}),
        ...(a.updated !== undefined ? { updatedOn: a.updated } : {}),
        ...(a.recoverableDays !== undefined ? { recoverableDays: a.recoverableDays } : {}),
        ...(a.recoveryLevel !== undefined ? { recoveryLevel: a.recoveryLevel } : {}),
        ...(raw?.contentType !== undefined ? { contentType: raw.contentType } : {}),
        ...(raw?.tags !== undefined ? { tags: raw.tags } : {}),
        ...(raw?.managed !== undefined ? { managed: raw.managed } : {}),
        ...(raw?.kid !== undefined ? { certificateKeyId: raw.kid } : {}),
      },
    },
    ownVaultUrl,
  );
}

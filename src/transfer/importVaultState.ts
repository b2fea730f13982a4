// The vault as an import sees it, read with the fewest requests: the secrets list once (page by page), the
// deleted list once, and one GetSecret per existing name the file names (to compare; the value stays here).
// The listings also give each name's content type and tags, which a new version keeps.

import { eachLimited } from '../shared/concurrency';
import type { VaultState } from '../shared/transfer/importPlan';
import { keptFields } from '../shared/transfer/keptFields';
import { secretNameKey } from '../shared/transfer/nameMapping';
import { validateSecretName, type SecretFieldsInput } from '../shared/validation';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { CallOptions, VaultClient } from '../vault/model';
import { listAll } from '../vault/listing';

/** Values are read this many at a time (import's comparison, export of values). */
export const READ_CONCURRENCY = 4;

export interface ImportVaultState extends VaultState {
  readonly existing: Map<string, { readonly managed: boolean }>;
  readonly deleted: Set<string>;
  readonly currentValues: Map<string, string | undefined>;
  /**
   * What a new version of each listed name (live or deleted) keeps from its current version (keptFields: content
   * type and tags), from the listing, brought up to date by a read.
   */
  readonly kept: Map<string, KeptFields>;
  readonly currentFields: Map<string, Omit<SecretFieldsInput, 'value'>>;
}

export type KeptFields = ReturnType<typeof keptFields>;

/** Lists the vault's secrets and deleted secrets (each once, every page). A vault without soft delete has no deleted list. */
export async function listVaultState(client: VaultClient, options: CallOptions = {}): Promise<ImportVaultState> {
  const [secrets, deleted] = await Promise.all([
    listAll((token) => client.listSecrets(token, options)),
    listAll((token) => client.listDeleted(token, options)).catch((e: unknown) => {
      if (isKeyVaultFailure(e) && (e.kind === 'badParameter' || e.kind === 'notFound')) return [];
      throw e;
    }),
  ]);
  return {
    existing: new Map(secrets.map((s) => [secretNameKey(s.name), { managed: s.managed }])),
    deleted: new Set(deleted.map((d) => secretNameKey(d.name))),
    currentValues: new Map(),
    currentFields: new Map(),
    kept: new Map([...deleted, ...secrets].map((s) => [secretNameKey(s.name), keptFields(s)])),
  };
}

/**
 * Reads the current value of each of `names` that exists in the vault and was not read yet: one GetSecret each.
 * A value that cannot be read (disabled, not permitted) is recorded as unknown: the entry becomes a new version.
 */
export async function readCurrentValues(
  client: VaultClient,
  state: ImportVaultState,
  names: readonly string[],
  options: CallOptions = {},
): Promise<void> {
  // One read per name as Key Vault sees it (names are case-insensitive); certificate-backed ones are refused anyway.
  const wanted = new Map<string, string>();
  for (const n of names) {
    const k = secretNameKey(n);
    if (validateSecretName(n) !== undefined || state.currentValues.has(k)) continue;
    if (state.existing.get(k)?.managed === false) wanted.set(k, n);
  }
  await eachLimited([...wanted], READ_CONCURRENCY, async ([k, name]) => {
    try {
      const current = await client.getValue(name, undefined, options);
      state.currentValues.set(k, current.value);
      state.kept.set(k, keptFields(current.properties));
      const p = current.properties;
      state.currentFields.set(k, {
        ...keptFields(p),
        enabled: p.enabled,
        ...(p.notBefore !== undefined ? { notBefore: p.notBefore } : {}),
        ...(p.expiresOn !== undefined ? { expiresOn: p.expiresOn } : {}),
      });
    } catch (e) {
      if (options.signal?.aborted === true) throw e;
      state.currentValues.set(k, undefined);
    }
  });
}

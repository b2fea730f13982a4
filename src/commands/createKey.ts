// Create Key… from a vault row, its Keys group or the palette: quick picks for the name (the one name rule), the
// type (RSA or EC; the HSM-protected types only in a premium vault), the size or curve, the allowed operations and
// an optional expiry, all checked before the one create request. The Keys group follows on the change bus.

import { t } from '../shared/l10n';
import {
  EC_CURVES,
  expiryOf,
  KEY_OPERATIONS,
  RSA_SIZES,
  validateKeyOperations,
  type KeyFamily,
} from '../shared/keyRules';
import { validateItemName } from '../shared/validation';
import { formatDate } from '../shared/dates';
import { pickVault } from '../ui/pickVault';
import { flash, input, pick, pickMany, type PickItem } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { UserCancelled } from '../ui/UserCancelled';
import { lossConfirmed } from '../ui/destructiveGate';
import { isCancellation } from '../ui/ErrorBoundary';
import { logWarn } from '../ui/log';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import { announceObjectChange } from '../vault/changes';
import type { VaultRef } from '../vault/model';
import type { KeyDetails, NewKeyInput } from '../vault/objectModel';
import { vaultDirectory } from '../vault/VaultDirectory';

const TITLE = (): string => t('Create Key');

/** The vault a vault row or a Keys group names; undefined for anything else (the palette: a vault is picked). */
function vaultOfArgument(arg: unknown): VaultRef | undefined {
  const node = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>) : undefined;
  const isVaultRow = node?.kind === 'vault';
  const isKeysGroup = node?.kind === 'objectGroup' && node.objectKind === 'key';
  return isVaultRow || isKeysGroup ? vaultDirectory().resolve(node.vault) : undefined;
}

async function chosen<T>(items: readonly PickItem<T>[], placeHolder: string): Promise<T> {
  const item = await pick(items, { title: TITLE(), placeHolder });
  if (item === undefined) throw new UserCancelled();
  return item.data;
}

/** Asks for everything a new key needs; the name and the input (nothing is sent yet). */
export async function askNewKey(vault: VaultRef): Promise<{ name: string; input: NewKeyInput }> {
  const name = await input({
    title: TITLE(),
    prompt: t('Name of the new key in vault {0}', vault.name),
    placeHolder: t('for example signing-key'),
    validateInput: (v) => validateItemName(v, t('key')),
  });
  if (name === undefined) throw new UserCancelled();
  const premium = vault.sku === 'premium';
  // The labels are the service's key type names (kty), not words.
  const type = (family: KeyFamily, hsm: boolean, detail: string): PickItem<{ family: KeyFamily; hsm: boolean }> => ({
    label: hsm ? `${family}-HSM` : family,
    detail,
    data: { family, hsm },
  });
  const types = [
    type('RSA', false, t('Software-protected RSA key')),
    type('EC', false, t('Software-protected elliptic-curve key')),
    ...(premium
      ? [
          type('RSA', true, t('RSA key protected by a hardware security module')),
          type('EC', true, t('Elliptic-curve key protected by a hardware security module')),
        ]
      : []),
  ];
  const { family, hsm } = await chosen(types, t('Key type'));
  const sizeOrCurve =
    family === 'RSA'
      ? await chosen(
          RSA_SIZES.map((size) => ({ label: t('{0} bits', size), data: { keySize: size } as const })),
          t('Key size'),
        )
      : await chosen(
          EC_CURVES.map((curve) => ({ label: curve, data: { curve } as const })),
          t('Curve'),
        );
  const ops = await pickMany(
    KEY_OPERATIONS[family].map((op) => ({ label: op, picked: true, data: op })),
    { title: TITLE(), placeHolder: t('Operations the key may be used for (all are allowed by default)') },
  );
  if (ops === undefined) throw new UserCancelled();
  const keyOps = ops.map((o) => o.data);
  const refused = validateKeyOperations(family, keyOps);
  if (refused !== undefined) throw new Error(refused);
  const now = new Date();
  const expiryText = await input({
    title: TITLE(),
    prompt: t('Expires on (YYYY-MM-DD, UTC); leave empty for no expiry'),
    placeHolder: formatDate(new Date(now.getTime() + 365 * 86_400_000)),
    validateInput: (v) => {
      const r = expiryOf(v, new Date());
      return typeof r === 'string' ? r : undefined;
    },
  });
  if (expiryText === undefined) throw new UserCancelled();
  const expiresOn = expiryOf(expiryText, new Date());
  if (typeof expiresOn === 'string') throw new Error(expiresOn);
  return {
    name,
    input: {
      keyType: family,
      ...(hsm ? { hsm: true } : {}),
      ...sizeOrCurve,
      keyOps,
      ...(expiresOn !== undefined ? { expiresOn } : {}),
    },
  };
}

/** Create Key…: asks, then one create request; the vault's Keys group lists again. */
export async function createKey(arg?: unknown): Promise<KeyDetails> {
  const vault = vaultOfArgument(arg) ?? (await pickVault(TITLE()));
  const { name, input: newKey } = await askNewKey(vault);
  // Key Vault's create on a name that exists adds a new version without a word: one read first, and the gate asks.
  if (
    (await keyExists(vault, name)) &&
    !(await lossConfirmed({ kind: 'overwrite', objectKind: 'key', groups: [{ vault, names: [name] }] }))
  )
    throw new UserCancelled();
  const created = await withProgress(t('Creating key "{0}"…', name), (signal) =>
    vaultDirectory().keysFor(vault).create(name, newKey, { signal }),
  );
  announceObjectChange({ vault, objectKind: 'key', name, kind: 'created' });
  flash(t('Created key {0}', name), 'check');
  return created;
}

/** Whether the key exists (one read). Not found is no; a read that fails otherwise is logged and the create goes on. */
async function keyExists(vault: VaultRef, name: string): Promise<boolean> {
  try {
    await withProgress(t('Checking {0}…', name), (signal) =>
      vaultDirectory().keysFor(vault).get(name, undefined, { signal }),
    );
    return true;
  } catch (e) {
    if (isCancellation(e) || !isKeyVaultFailure(e)) throw e;
    if (e.kind !== 'notFound') logWarn(`Create Key: could not check whether "${name}" exists (${e.kind}).`);
    return false;
  }
}

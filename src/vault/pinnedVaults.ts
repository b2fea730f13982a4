// The vaults the user pinned to the top of the Vaults view (and of the vault pickers), in the order they were pinned.
// Kept in the user's global state (this machine's profile, whatever the workspace): a workspace can neither pin nor
// unpin a vault. Stored are the vaults' keys (their normalised URLs), never a secret or a name of one.

/** The store the core hands over (VS Code's global state); absent in tests of the pure parts. */
export interface PinStore {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void>;
}

export const PINNED_VAULTS_KEY = 'keyVaultSecrets.pinnedVaults';

/** More pins than anyone uses; a larger stored list is cut (the state is only ever written by this module). */
const MAX_PINS = 200;

let store: PinStore | undefined;
const listeners = new Set<() => void>();

export function usePinStore(s: PinStore | undefined): void {
  store = s;
}

/** Called after a pin or unpin (the tree re-renders its vault rows). */
export function onPinsChanged(listener: () => void): { dispose(): void } {
  listeners.add(listener);
  return { dispose: () => listeners.delete(listener) };
}

/** The pinned vaults' keys (lower case), in pin order; what the state holds is checked, not trusted. */
export function pinnedKeys(): readonly string[] {
  const raw = store?.get(PINNED_VAULTS_KEY);
  if (!Array.isArray(raw)) return [];
  const keys = raw.filter((k): k is string => typeof k === 'string' && k.length <= 300).map((k) => k.toLowerCase());
  return [...new Set(keys)].slice(0, MAX_PINS);
}

export function isPinned(vault: { readonly key: string }): boolean {
  return pinnedKeys().includes(vault.key.toLowerCase());
}

/** The vaults, the pinned ones first in the order they were pinned, the others in their given order. */
export function pinnedFirst<V extends { readonly key: string }>(vaults: readonly V[]): V[] {
  const pins = pinnedKeys();
  if (pins.length === 0) return [...vaults];
  const rank = (v: V): number => {
    const i = pins.indexOf(v.key.toLowerCase());
    return i < 0 ? pins.length : i;
  };
  return vaults
    .map((v, i) => ({ v, i, r: rank(v) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.v);
}

/** Pins (at the end of the pinned ones) or unpins a vault; false when it already was so. */
export async function setPinned(vault: { readonly key: string }, pinned: boolean): Promise<boolean> {
  if (store === undefined) return false;
  const key = vault.key.toLowerCase();
  const pins = pinnedKeys();
  if (pins.includes(key) === pinned) return false;
  const next = pinned ? [...pins, key].slice(0, MAX_PINS) : pins.filter((k) => k !== key);
  await store.update(PINNED_VAULTS_KEY, next);
  for (const l of [...listeners]) l();
  return true;
}

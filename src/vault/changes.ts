// The one change bus: a secret changed (by a command, a panel, copy, bulk, import, export's neighbours, Move to
// Key Vault). Producers call announce(); every view of a secret subscribes itself with onSecretChange() (the tree's
// targeted refresh, the open documents, the details panels, the references' cache). No `vscode` here: the bus is
// plain data and listeners, so the vault layer and its tests can use it.

import type { SecretVersion, VaultRef } from './model';

export type ChangeKind = 'created' | 'newVersion' | 'properties' | 'deleted' | 'recovered' | 'purged' | 'restored';

/** A secret changed: the tree, open documents, panels and references of it follow. */
export interface SecretChange {
  readonly vault: VaultRef;
  readonly name: string;
  readonly kind: ChangeKind;
  /** The service's answer when the change was to the current version: the tree shows it without a request. */
  readonly current?: SecretVersion;
  /** The service confirmed the secret deleted: its row goes without a request. */
  readonly gone?: boolean;
  /**
   * The change failed, so what the service holds is not known: only the tree re-reads the secret (documents,
   * panels and references keep what they show).
   */
  readonly failed?: boolean;
}

export type ChangeListener = (change: SecretChange) => void;

const listeners = new Set<ChangeListener>();

/** Tells every subscriber, in the order they subscribed; one listener's failure does not stop the others. */
export function announce(change: SecretChange): void {
  for (const listener of [...listeners]) {
    try {
      listener(change);
    } catch {
      // A view that could not follow the change shows the old state until its next refresh; the change happened.
    }
  }
}

/** Subscribes to every change; the returned object's dispose() ends it (a VS Code Disposable shape). */
export function onSecretChange(listener: ChangeListener): { dispose(): void } {
  const own: ChangeListener = (c) => listener(c);
  listeners.add(own);
  return { dispose: () => void listeners.delete(own) };
}

/** A certificate or key changed (created, a new version, its policy): the tree's group of that type follows. */
export interface ObjectChange {
  readonly vault: VaultRef;
  readonly objectKind: 'certificate' | 'key';
  readonly name: string;
  readonly kind: ChangeKind;
}

const objectListeners = new Set<(change: ObjectChange) => void>();

/** Tells every subscriber of certificate and key changes; one listener's failure does not stop the others. */
export function announceObjectChange(change: ObjectChange): void {
  for (const listener of [...objectListeners]) {
    try {
      listener(change);
    } catch {
      // As for secrets: the view shows the old state until its next refresh.
    }
  }
}

/** Subscribes to certificate and key changes; dispose() ends it. */
export function onObjectChange(listener: (change: ObjectChange) => void): { dispose(): void } {
  const own = (c: ObjectChange): void => listener(c);
  objectListeners.add(own);
  return { dispose: () => void objectListeners.delete(own) };
}

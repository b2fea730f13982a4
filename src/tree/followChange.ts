// How the Vaults view follows a change announced on the bus (src/vault/changes.ts). No `vscode` here, so the
// unit tier checks the rule (test/unit/tree/followChange.test.ts); src/tree/registerTree.ts subscribes the tree.

import type { SecretChange } from '../vault/changes';
import type { SecretVersion, VaultRef } from '../vault/model';

/** The targeted refresh of the tree (KeyVaultTree). */
export interface ChangeFollower {
  /** One versions request for that secret: its row and versions, never a re-list of the vault. */
  refreshSecret(vault: VaultRef, name: string): Promise<void>;
  /** The vault's deleted-secrets list reloads. */
  refreshDeleted(vault: VaultRef): Promise<void>;
  /** The row goes, no request. */
  secretRemoved(vault: VaultRef, name: string): void;
  /** The rows show the service's answer, no request. */
  secretUpdated(vault: VaultRef, current: SecretVersion): void;
}

/**
 * The Vaults view follows a change with the fewest requests: the service's answer when the change was to the
 * current version (no request), the row gone when the service confirmed a delete (no request), else one versions
 * request for that secret (never a re-list of the vault); the deleted group reloads only when a secret entered or
 * left it. A failed change re-reads the secret (it may or may not have happened); a failed purge re-reads nothing.
 */
export function followChange(tree: ChangeFollower, c: SecretChange): void {
  if (c.failed === true) {
    if (c.kind !== 'purged') void tree.refreshSecret(c.vault, c.name);
    return;
  }
  if (c.current !== undefined) tree.secretUpdated(c.vault, c.current);
  else if (c.gone === true) tree.secretRemoved(c.vault, c.name);
  else if (c.kind !== 'purged') void tree.refreshSecret(c.vault, c.name);
  if (c.kind === 'recovered' || c.kind === 'deleted' || c.kind === 'purged') void tree.refreshDeleted(c.vault);
}

// What an action acts on: a vault, a secret (or one version of it) or a deleted secret, with what the tree knew
// about it. Plain data, never a value. The commands layer builds these from whatever reached a command
// (src/commands/targets.ts); the layers below it (bulk actions in src/transfer) take them as they are.

import type { DeletedSecret, SecretProperties, VaultRef } from './model';

export interface VaultTarget {
  readonly kind: 'vault';
  readonly vault: VaultRef;
}

export interface SecretTarget {
  readonly kind: 'secret';
  readonly vault: VaultRef;
  readonly name: string;
  /** A chosen version; absent = the secret itself (its latest version). */
  readonly version?: string;
  /** Properties known from the tree (of the version when `version` is set). Never a value. */
  readonly properties?: SecretProperties;
  /** The version is the newest one. */
  readonly current?: boolean;
}

export interface DeletedTarget {
  readonly kind: 'deleted';
  readonly vault: VaultRef;
  readonly name: string;
  readonly deleted?: DeletedSecret;
}

export type Target = VaultTarget | SecretTarget | DeletedTarget;

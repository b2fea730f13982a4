// What a command acts on, whatever reached it: a tree node (plain data from src/tree/nodes.ts), a target built
// by the details panel, a `keyvault-secret:` document URI (editor title), or nothing (the palette: pickers).
// Tree nodes are read structurally here (the adapter to the tree's node types), so commands stay independent
// of how the tree builds them.

import * as vscode from 'vscode';
import { decodeSecretUri, SECRET_SCHEME } from '../documents/secretUri';
import type { DeletedSecret, SecretProperties, VaultRef } from '../vault/model';

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

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

function isVaultRef(x: unknown): x is VaultRef {
  return isRecord(x) && typeof x.key === 'string' && typeof x.url === 'string' && typeof x.name === 'string';
}

function isProperties(x: unknown): x is SecretProperties {
  return isRecord(x) && typeof x.name === 'string' && typeof x.id === 'string' && typeof x.enabled === 'boolean';
}

/** Finds a vault by URL among the ones the user has (for document URIs). */
export type VaultLookup = (vaultUrl: string) => VaultRef | undefined;

/**
 * Reads a command argument. Recognises our own targets, the tree's nodes (`vault`, `deletedGroup`, `secret`,
 * `version`, `deletedSecret`) and our document URIs; anything else is "no target" (the palette case).
 */
export function toTarget(arg: unknown, lookup: VaultLookup): Target | undefined {
  if (arg instanceof vscode.Uri) {
    if (arg.scheme !== SECRET_SCHEME) return undefined;
    const ref = decodeSecretUri(arg.toString(true));
    if (ref === undefined) return undefined;
    const vault = lookup(ref.vaultUrl);
    if (vault === undefined) return undefined;
    if (ref.view === 'deleted') return { kind: 'deleted', vault, name: ref.name };
    return { kind: 'secret', vault, name: ref.name, ...(ref.version !== undefined ? { version: ref.version } : {}) };
  }
  if (!isRecord(arg) || !isVaultRef(arg.vault)) return undefined;
  const vault = arg.vault;
  switch (arg.kind) {
    case 'vault':
    case 'deletedGroup':
      return { kind: 'vault', vault };
    case 'secret':
      if (typeof arg.name === 'string') return arg as unknown as SecretTarget; // our own target
      if (isProperties(arg.secret)) return { kind: 'secret', vault, name: arg.secret.name, properties: arg.secret };
      return undefined;
    case 'version':
      if (isProperties(arg.version) && typeof arg.version.version === 'string') {
        return {
          kind: 'secret',
          vault,
          name: arg.version.name,
          version: arg.version.version,
          properties: arg.version,
          current: arg.current === true,
        };
      }
      return undefined;
    case 'deletedSecret':
      if (isProperties(arg.deleted)) return { kind: 'deleted', vault, name: arg.deleted.name, deleted: arg.deleted };
      return undefined;
    case 'deleted':
      if (typeof arg.name === 'string') return arg as unknown as DeletedTarget;
      return undefined;
    default:
      return undefined;
  }
}

/** What deleting means for a secret, in plain words, from its recovery level. */
export function recoveryMeaning(recoveryLevel: string | undefined, recoverableDays: number | undefined): string {
  const days = recoverableDays !== undefined && recoverableDays > 0 ? `${recoverableDays} days` : undefined;
  if (recoveryLevel === undefined) return 'If the vault has soft-delete on, you can recover it from "Deleted secrets" until it is purged.';
  if (recoveryLevel === 'Purgeable') return 'This vault has no soft-delete: the secret and all its versions will be gone for good.';
  const window = days !== undefined ? `for ${days}` : 'during the retention period';
  if (recoveryLevel.includes('Purgeable')) {
    return `It can be recovered from "Deleted secrets" ${window}, unless someone purges it; after that it is gone for good.`;
  }
  return `It can be recovered from "Deleted secrets" ${window}; purge protection is on, so nobody can purge it before then.`;
}

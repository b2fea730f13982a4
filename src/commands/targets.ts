// What a command acts on, whatever reached it: a tree node (plain data from src/tree/nodes.ts), a target built
// by the details panel, a `keyvault-secret:` document URI (editor title), or nothing (the palette: pickers).
// Tree nodes are read structurally here (the adapter to the tree's node types), so commands stay independent
// of how the tree builds them.

import { vaultDirectory } from '../vault/VaultDirectory';
import * as vscode from 'vscode';
import { docRefOf } from '../documents/SecretDocumentProvider';
import { isRecord } from '../shared/webviewMessages/validate';
import { isSecretName, isSecretVersion } from '../shared/validation';
import type { SecretProperties, VaultRef } from '../vault/model';
import type { Target } from '../vault/actionTargets';
import { t } from '../shared/l10n';

export type { DeletedTarget, SecretTarget, Target, VaultTarget } from '../vault/actionTargets';

function isProperties(x: unknown): x is SecretProperties {
  return isRecord(x) && isSecretName(x.name) && typeof x.id === 'string' && typeof x.enabled === 'boolean';
}

/** Finds a known vault by URL (document URIs): the entry the document was opened from, when known. */
export type VaultLookup = (vaultUrl: string, document: vscode.Uri) => VaultRef | undefined;

/** Resolves a vault an argument names to the known vault; throws, in words, when it is not one of the user's vaults. */
export type VaultResolver = (arg: unknown) => VaultRef;

/**
 * Reads a command argument. Recognises our own targets, the tree's nodes (`vault`, `deletedGroup`, `secret`,
 * `version`, `deletedSecret`) and our document URIs; anything else is "no target" (the palette case). Arguments
 * are untrusted (another extension may run our commands): the vault must be a known one (its connection comes from
 * settings, never from the argument), names and versions must follow Key Vault's rules.
 */
export function toTarget(arg: unknown, lookup: VaultLookup, resolve: VaultResolver): Target | undefined {
  if (arg instanceof vscode.Uri) {
    const ref = docRefOf(arg);
    if (ref === undefined) return undefined;
    const vault = lookup(ref.vaultUrl, arg);
    if (vault === undefined)
      throw new Error(t('{0} is not one of your vaults. Add it with "Add Vault by URL" first.', ref.vaultUrl));
    if (ref.view === 'deleted') return { kind: 'deleted', vault, name: ref.name };
    return { kind: 'secret', vault, name: ref.name, ...(ref.version !== undefined ? { version: ref.version } : {}) };
  }
  if (!isRecord(arg) || !isRecord(arg.vault)) return undefined;
  const kind = arg.kind;
  if (!['vault', 'deletedGroup', 'secret', 'version', 'deletedSecret', 'deleted'].includes(String(kind)))
    return undefined;
  const vault = resolve(arg.vault);
  switch (kind) {
    case 'vault':
    case 'deletedGroup':
      return { kind: 'vault', vault };
    case 'secret':
      if (isSecretName(arg.name)) {
        // our own target (the details panel's)
        if (arg.version !== undefined && !isSecretVersion(arg.version)) return undefined;
        return {
          kind: 'secret',
          vault,
          name: arg.name,
          ...(isSecretVersion(arg.version) ? { version: arg.version, current: arg.current === true } : {}),
        };
      }
      if (isProperties(arg.secret)) return { kind: 'secret', vault, name: arg.secret.name, properties: arg.secret };
      return undefined;
    case 'version':
      if (isProperties(arg.version) && isSecretVersion(arg.version.version)) {
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
      if (isSecretName(arg.name))
        return {
          kind: 'deleted',
          vault,
          name: arg.name,
          ...(isProperties(arg.deleted) ? { deleted: arg.deleted } : {}),
        };
      return undefined;
    default:
      return undefined;
  }
}

/** The target of a command's argument, with the vault resolved among the user's known vaults. */
export function targetOf(
  s: { readonly documents?: { entryOf(uri: vscode.Uri): VaultRef | undefined } },
  arg: unknown,
): Target | undefined {
  return toTarget(
    arg,
    (u, doc) => vaultDirectory().lookup(u, s.documents?.entryOf(doc)),
    (v) => vaultDirectory().resolve(v),
  );
}

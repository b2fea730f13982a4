// When a reference may cause a request. Pure: the one gate every feature (diagnostics, hover, completion, links,
// "Check this reference") asks before it lets the resolver send anything.

export interface CheckContext {
  /** vscode.workspace.isTrusted */
  readonly trusted: boolean;
  /** keyVaultSecrets.references.enabled */
  readonly enabled: boolean;
}

/** Automatic checks (diagnostics, hover, completion): only in a trusted workspace with checking on, only to the user's vaults. */
export function mayCheckAutomatically(c: CheckContext, vaultIsKnown: boolean): boolean {
  return c.trusted && c.enabled && vaultIsKnown;
}

/** "Check this reference": the user's click, in a trusted workspace, to a Key Vault or loopback host only. */
export function mayCheckOnRequest(c: CheckContext, checkable: boolean): boolean {
  return c.trusted && checkable;
}

// What a vault's recovery level allows.

/** "Purge" is allowed unless the vault's recovery level says purge protection is on. */
export function purgeAllowed(recoveryLevel: string | undefined): boolean {
  if (recoveryLevel === undefined) return true;
  return recoveryLevel.includes('Purgeable');
}

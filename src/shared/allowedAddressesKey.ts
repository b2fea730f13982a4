// Where the addresses "Allow My Address" added are kept (global state): activation looks at it without loading
// the core, so a rule that ended while VS Code was closed is removed at the next start.

export const ALLOWED_ADDRESSES_KEY = 'keyVaultSecrets.allowedAddresses';

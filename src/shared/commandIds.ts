// Every command id of the extension, in one place: the command table (src/commands/commandTable.ts), tree
// items, panels, documents and tests name commands through these. A unit test checks that they equal
// package.json's contributes.commands and that every menu entry names one of them.

export const COMMAND_PREFIX = 'keyVaultSecrets.';

const NAMES = [
  // the Vaults view
  'addVault',
  'removeVault',
  'pinVault',
  'unpinVault',
  // links to a vault or a secret (the URI handler hands its links to openLink)
  'openLink',
  'copyLinkToVault',
  'copyLinkToSecret',
  'refresh',
  'filter',
  'clearFilter',
  'loadMore',
  'loadAll',
  'retry',
  'signIn',
  'signInTenant',
  'selectSubscriptions',
  // secrets
  'createSecret',
  'newVersion',
  'editProperties',
  'enableSecret',
  'disableSecret',
  'showDetails',
  'showValue',
  'showProperties',
  'compareWithPrevious',
  'compareVersions',
  'copyValue',
  'copySecretId',
  'copyVersionedId',
  'copyReference',
  'backupSecret',
  'backupToFolder',
  'openTerminalWithSecrets',
  // Run and debug with secrets: the value of one reference for a launch or task `inputs` entry
  'secretValue',
  'restoreSecret',
  'openInPortal',
  // a vault's guards and the access fixes
  'showVaultGuards',
  'grantAccess',
  'addToAccessPolicy',
  'allowMyAddress',
  'removeMyAddress',
  // deployed apps that use the secrets
  'checkDeployedApps',
  'findAppsUsingSecret',
  'refreshDeployedApps',
  'revealAppSecret',
  // moving secrets between vaults, versions and files, and acting on many at once
  'copyToVault',
  'compareVaults',
  'makeVersionCurrent',
  'exportSecrets',
  'importSecrets',
  'setValueFromFile',
  'saveValueToFile',
  // deleted secrets
  'showDeletedSecret',
  'recoverSecret',
  'deleteSecret',
  'purgeSecret',
  // certificates and keys
  'showObjectDetails',
  'enableObject',
  'disableObject',
  'deleteObject',
  'recoverObject',
  'purgeObject',
  'downloadPublicCertificate',
  'downloadCertificateWithKey',
  'backupObject',
  'restoreObject',
  'createCertificate',
  'importCertificate',
  'convertCertificateFile',
  'exportPublicKey',
  'createKey',
  'rotateKey',
  'showKeyRotationPolicy',
  'editKeyRotationPolicy',
  'showCertificatePolicy',
  'editCertificatePolicy',
  // Key Vault references in workspace files (src/references); referenceAction runs hover, link and quick-fix actions
  'insertReference',
  'moveToKeyVault',
  'findReferences',
  'findPlainTextSecrets',
  'referenceAction',
  // across vaults: find, sort, expiring secrets, the certificate-backed toggle
  'findSecret',
  'sortSecrets',
  'showExpiring',
  'refreshExpiring',
  'hideManaged',
  'showManaged',
  'onSelectedRow',
  // a secret row's click: selects the row only (its versions open from the twistie), so a multi-selection stays put
  'selectRow',
] as const;

export type CommandName = (typeof NAMES)[number];
export type CommandId = `${typeof COMMAND_PREFIX}${CommandName}`;

/** name -> full id, e.g. COMMANDS.showValue === 'keyVaultSecrets.showValue'. */
export const COMMANDS: { readonly [N in CommandName]: `${typeof COMMAND_PREFIX}${N}` } = Object.fromEntries(
  NAMES.map((n) => [n, `${COMMAND_PREFIX}${n}`]),
) as { readonly [N in CommandName]: `${typeof COMMAND_PREFIX}${N}` };

export const COMMAND_NAMES: readonly CommandName[] = NAMES;
export const ALL_COMMAND_IDS: readonly CommandId[] = NAMES.map((n) => COMMANDS[n]);

/**
 * The Vaults view's commands that act on every selected row (src/commands/selection.ts). Every other command of
 * a row's context menu acts on one row, so package.json hides it while several rows are selected
 * (`!listMultiSelection` in its `when`); a unit test ties the two together.
 */
export const MANY_ROW_COMMANDS: readonly CommandName[] = [
  'enableSecret',
  'disableSecret',
  'backupSecret',
  'backupToFolder',
  'copyToVault',
  'exportSecrets',
  'deleteSecret',
];

// The one command table: every command id of src/shared/commandIds.ts -> [the title the error boundary and the log
// call it, its handler]. A new command is its id plus its row here; a missing row is a type error, and
// registerCommands.ts is the only place that registers (test/unit/commands/commandTable.test.ts checks both).
// Handlers come from their feature folders: src/commands, src/tree, src/references.

import { findPlainTextSecrets } from '../detection/scanWorkspace';
import type { SecretDetectionFeature } from '../detection/SecretDetection';
import type { ReferenceFeature } from '../references/ReferenceFeature';
import type { RunFeature } from '../run/runFeature';
import { findReferences, insertReference, moveToKeyVault, referenceAction } from '../references/referenceCommands';
import type { CommandName } from '../shared/commandIds';
import { t } from '../shared/l10n';
import { bulkBackup } from '../transfer/bulkActions';
import type { KeyVaultTree } from '../tree/KeyVaultTree';
import { pinVault, unpinVault } from '../tree/pinCommands';
import {
  addVault,
  clearFilter,
  filterSecrets,
  loadAllRow,
  loadMoreRow,
  refreshRow,
  removeVault,
  retryRow,
  signIn,
  signInTenant,
} from '../tree/treeCommands';
import type { ActionContext } from '../ui/ErrorBoundary';
import type { VaultService } from '../vault/model';
import { addToAccessPolicy, allowMyAddress, grantAccess, removeMyAddress } from './accessFixes';
import { showVaultGuards } from './vaultGuardsCommand';
import { copyLinkToSecret, copyLinkToVault, openLink } from './secretLinkCommands';
import { checkDeployedAppsCommand, findAppsUsingSecret } from './appsCommands';
import { refreshDeployedApps, revealAppSecret } from './appsViewCommands';
import { backupSecret } from './backupSecret';
import {
  backupToFolder,
  bulkDeleteRows,
  bulkDisableRows,
  bulkEnableRows,
  exportSelectedOr,
  orBulk,
} from './bulkCommands';
import { compareVersions, compareWithPrevious } from './compareVersions';
import { copyReference, copySecretId, copyValue, copyVersionedId } from './copy';
import { createSecret } from './createSecret';
import { deleteSecret } from './deleteSecret';
import { editProperties } from './editProperties';
import { refreshExpiring } from './expiringCommands';
import {
  exportSecretsCommand,
  importSecretsCommand,
  saveValueToFileCommand,
  setValueFromFileCommand,
} from './fileTransferCommands';
import { findSecret, type FinderDeps } from './findSecret';
import { newVersion } from './newVersion';
import { openInPortal } from './openInPortal';
import { downloadPublicCertificate, exportPublicKey } from './objectDownloads';
import { downloadCertificateWithKey } from './certificateWithKey';
import { backupObject, restoreObject } from './objectBackup';
import { createCertificate, importCertificate } from './certificateCreateImport';
import { convertCertificateFile } from './convertCertificate';
import { createKey } from './createKey';
import { editKeyRotationPolicy, rotateKey, showKeyRotationPolicy } from './keyRotation';
import { editCertificatePolicy, showCertificatePolicy } from './certificatePolicy';
import { deleteObject, purgeObject, recoverObject, setObjectEnabled, showObjectDetails } from './objectCommands';
import { purgeSecret } from './purgeSecret';
import { recoverSecret } from './recoverSecret';
import { restoreSecret } from './restoreSecret';
import { selectSubscriptions } from './selectSubscriptions';
import type { Services } from './services';
import { setEnabled } from './setEnabled';
import { showDeletedSecret } from './showDeletedSecret';
import { showDetails } from './showDetails';
import { showProperties } from './showProperties';
import { showValue } from './showValue';
import { ticking } from './walkthroughSteps';
import { sortSecrets } from './sortSecrets';
import { terminalWithSecrets } from './terminalCommand';
import { compareVaults, copyToVault, makeVersionCurrentCommand } from './transferCommands';
import { onSelectedRow, setManagedHidden } from './viewToggles';

/** What a handler may use beyond its argument: what the core made once (the vaults come from the directory). */
export interface CommandContext extends Services {
  /** The Vaults view. */
  readonly tree: KeyVaultTree;
  /** The vault service the tree lists through (discovered vaults are remembered by the directory). */
  readonly service: VaultService;
  /** Find across vaults, sort, expiring secrets, managed toggle. */
  readonly finder: FinderDeps;
  /** Key Vault references in workspace files. */
  readonly references: ReferenceFeature;
  /** Plain-text secrets in workspace files. */
  readonly detection: SecretDetectionFeature;
  /** Run and debug with secrets (launch configurations, tasks, launch inputs). */
  readonly run: RunFeature;
}

/** `selected`: every selected tree row when the view allows many (see selection.ts); undefined otherwise. */
export type CommandHandler = (c: CommandContext, arg: unknown, action: ActionContext, selected?: unknown) => unknown;

export type CommandRow = readonly [title: string, handler: CommandHandler];

/** Every command id -> its row; built when the core loads (the translator is set by then). */
export function commandTable(): { readonly [N in CommandName]: CommandRow } {
  return {
    // the Vaults view
    addVault: [
      t('Add vault by URL'),
      (c, url) => ticking('vaultReached', addVault(c.tree, url), () => c.service.addedVaults().length > 0),
    ],
    removeVault: [t('Remove from added vaults'), (c, node) => removeVault(c.tree, c.service, node)],
    pinVault: [t('Pin vault'), (c, node) => pinVault(c.tree, node)],
    unpinVault: [t('Unpin vault'), (c, node) => unpinVault(c.tree, node)],
    openLink: [t('Open link'), (c, link) => openLink(c.tree, link)],
    copyLinkToVault: [t('Copy link to vault'), copyLinkToVault],
    copyLinkToSecret: [t('Copy link to secret'), copyLinkToSecret],
    refresh: [t('Refresh'), (c, node) => refreshRow(c.tree, node)],
    filter: [t('Filter secrets'), (c, arg) => filterSecrets(c.tree, arg)],
    clearFilter: [t('Clear filter'), (c) => clearFilter(c.tree)],
    loadMore: [t('Load more'), (c, node) => loadMoreRow(c.tree, node)],
    loadAll: [t('Load all'), (c, node) => loadAllRow(c.tree, node)],
    retry: [t('Retry'), (c, node) => retryRow(c.tree, node)],
    signIn: [
      t('Sign in to Azure'),
      (c) =>
        ticking(
          'vaultReached',
          signIn(c.tree, c.service),
          async () => (await c.service.discovery.signInState()) === 'signedIn',
        ),
    ],
    signInTenant: [t('Sign in to tenant'), (c, node) => signInTenant(c.tree, c.service, node)],
    selectSubscriptions: [
      'Select subscriptions',
      () => ticking('subscriptionsSelected', selectSubscriptions(), (saved) => saved),
    ],
    // secrets
    createSecret: ['Create secret', createSecret],
    newVersion: ['Set new version', newVersion],
    editProperties: ['Edit properties', editProperties],
    enableSecret: ['Enable', orBulk((s, a) => setEnabled(s, true, a), bulkEnableRows)],
    disableSecret: ['Disable', orBulk((s, a) => setEnabled(s, false, a), bulkDisableRows)],
    showDetails: ['Show details', showDetails],
    showValue: ['Show value', (s, arg) => ticking('valueShown', showValue(s, arg), () => true)],
    showProperties: ['Show properties', showProperties],
    compareWithPrevious: ['Compare with previous', compareWithPrevious],
    compareVersions: ['Compare versions', compareVersions],
    copyValue: ['Copy value', copyValue],
    copySecretId: ['Copy secret identifier', copySecretId],
    copyVersionedId: ['Copy versioned identifier', copyVersionedId],
    copyReference: ['Copy Key Vault reference', copyReference],
    backupSecret: ['Back up secret', orBulk(backupSecret, bulkBackup)],
    backupToFolder: ['Back up to folder', (_c, a, _action, selected) => backupToFolder(a, selected)],
    openTerminalWithSecrets: ['Terminal with secrets', terminalWithSecrets],
    secretValue: ['Key Vault secret for a launch input', (c, arg, action) => c.run.secretValue(arg, action)],
    restoreSecret: ['Restore secret', restoreSecret],
    openInPortal: ['Open in portal', openInPortal],
    // a vault's guards and the access fixes
    showVaultGuards: [t('Show vault guards'), showVaultGuards],
    grantAccess: [t('Grant me access'), grantAccess],
    addToAccessPolicy: [t('Add me to the access policy'), addToAccessPolicy],
    allowMyAddress: [t('Allow my address'), allowMyAddress],
    removeMyAddress: [t('Remove my address'), removeMyAddress],
    // deployed apps that use the secrets
    checkDeployedApps: [t('Check deployed apps'), (c) => checkDeployedAppsCommand(c.service)],
    findAppsUsingSecret: [t('Find apps using this secret'), (c, arg) => findAppsUsingSecret(c.service, c, arg)],
    refreshDeployedApps: [t('Refresh deployed apps'), (c) => refreshDeployedApps(c.service)],
    revealAppSecret: [t('Reveal secret in Vaults view'), (_c, arg) => revealAppSecret(arg)],
    // moving secrets between vaults, versions and files, and acting on many at once
    copyToVault: ['Copy to another vault', (c, a, _action, selected) => copyToVault(c, a, selected)],
    compareVaults: ['Compare vaults', compareVaults],
    makeVersionCurrent: ['Make this version current', makeVersionCurrentCommand],
    exportSecrets: ['Export secrets', exportSelectedOr(exportSecretsCommand)],
    importSecrets: ['Import secrets', importSecretsCommand],
    setValueFromFile: ['Set value from file', setValueFromFileCommand],
    saveValueToFile: ['Save value to file', saveValueToFileCommand],
    // deleted secrets
    showDeletedSecret: ['Show deleted secret', showDeletedSecret],
    recoverSecret: ['Recover deleted secret', recoverSecret],
    deleteSecret: ['Delete secret', orBulk(deleteSecret, bulkDeleteRows)],
    purgeSecret: ['Purge deleted secret', purgeSecret],
    // certificates and keys
    showObjectDetails: ['Show details', (_c, arg) => showObjectDetails(arg)],
    enableObject: ['Enable', (c, arg) => setObjectEnabled(c.tree, true, arg)],
    disableObject: ['Disable', (c, arg) => setObjectEnabled(c.tree, false, arg)],
    deleteObject: ['Delete', (c, arg) => deleteObject(c.tree, arg)],
    recoverObject: ['Recover', (c, arg) => recoverObject(c.tree, arg)],
    purgeObject: ['Purge', (c, arg) => purgeObject(c.tree, arg)],
    downloadPublicCertificate: ['Download public certificate', (_c, arg) => downloadPublicCertificate(arg)],
    downloadCertificateWithKey: [
      'Download certificate with private key',
      async (_c, arg) => void (await downloadCertificateWithKey(arg)),
    ],
    exportPublicKey: ['Export public key', (_c, arg) => exportPublicKey(arg)],
    backupObject: ['Back up', async (_c, arg) => void (await backupObject(arg))],
    restoreObject: ['Restore from backup', (c, arg) => restoreObject(c.tree, arg)],
    createCertificate: ['Create self-signed certificate', (c, arg) => createCertificate(c, c.tree, arg)],
    importCertificate: [
      'Import certificate',
      async (c, arg, action) => void (await importCertificate(c, c.tree, arg, action)),
    ],
    convertCertificateFile: [
      'Convert certificate file',
      async (_c, _arg, action) => void (await convertCertificateFile(action)),
    ],
    createKey: ['Create key', (_c, arg) => createKey(arg)],
    rotateKey: ['Rotate key now', (_c, arg) => rotateKey(arg)],
    showKeyRotationPolicy: ['Show key rotation policy', (_c, arg) => showKeyRotationPolicy(arg)],
    editKeyRotationPolicy: ['Edit key rotation policy', (_c, arg) => editKeyRotationPolicy(arg)],
    showCertificatePolicy: ['Show certificate policy', (_c, arg) => showCertificatePolicy(arg)],
    editCertificatePolicy: ['Edit certificate lifetime action', (_c, arg) => editCertificatePolicy(arg)],
    // Key Vault references in workspace files
    insertReference: [
      'Insert Key Vault reference',
      (c, arg) => ticking('referenceTried', insertReference(c.references, arg), (text) => text !== undefined),
    ],
    moveToKeyVault: ['Move to Key Vault', (c, arg, action) => moveToKeyVault(c.references, arg, action)],
    findReferences: [
      'Find Key Vault references',
      (c, arg) => ticking('referenceTried', findReferences(c.references, arg), (found) => found.length > 0),
    ],
    referenceAction: ['Key Vault reference', (c, arg) => referenceAction(c.references, arg)],
    findPlainTextSecrets: ['Find plain-text secrets in workspace', (c) => findPlainTextSecrets(c.detection)],
    // across vaults: find, sort, expiring secrets, the certificate-backed toggle
    findSecret: ['Find secret in all vaults', (c, arg) => findSecret(c.finder, arg)],
    sortSecrets: ['Sort secrets', (c, arg) => sortSecrets(c.finder, arg)],
    showExpiring: ['Show expiring secrets', (c) => refreshExpiring(c.finder)],
    refreshExpiring: ['Refresh expiring secrets', (c) => refreshExpiring(c.finder)],
    hideManaged: ['Hide certificate-backed secrets', (c) => setManagedHidden(c.finder, true)],
    showManaged: ['Show certificate-backed secrets', (c) => setManagedHidden(c.finder, false)],
    onSelectedRow: ['Run on the selected row', (c, args) => onSelectedRow(c.finder.tree, args)],
    selectRow: ['Select row', () => undefined],
  };
}

// Commands on a vault's certificates and keys, from their tree rows: details, enable/disable, delete, recover and
// purge (each loss through the one destructive gate; purge asks for the name typed), back up and restore. A command
// argument is untrusted: it is read structurally, its vault must be a known one and its name must follow the rule.

import * as vscode from 'vscode';
import { t } from '../shared/l10n';
import { plainLine } from '../shared/markup';
import { isSecretName, isSecretVersion } from '../shared/validation';
import type { KeyVaultTree } from '../tree/KeyVaultTree';
import { confirmLoss } from '../ui/destructiveGate';
import { flash, info } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import type { VaultRef } from '../vault/model';
import type { CertificateDetails, CertificatesClient, KeyDetails, KeysClient, ObjectKind } from '../vault/objectModel';
import { vaultDirectory } from '../vault/VaultDirectory';
import { objectDetailsText } from './objectDetailsText';

/** What a certificate or key row names. */
export interface ObjectTarget {
  readonly vault: VaultRef;
  readonly kind: ObjectKind;
  readonly name: string;
  readonly version?: string;
  readonly current: boolean;
  readonly recoveryLevel?: string;
}

function record(x: unknown): Record<string, unknown> | undefined {
  return typeof x === 'object' && x !== null ? (x as Record<string, unknown>) : undefined;
}

/** The certificate or key a tree row (object, version or deleted item) names; throws in words when it names none. */
export function objectTarget(arg: unknown): ObjectTarget {
  const node = record(arg);
  const item = record(node?.item) ?? record(node?.deleted);
  const kind = item?.kind;
  const name = item?.name;
  if (
    (node?.kind !== 'object' && node?.kind !== 'objectVersion' && node?.kind !== 'deletedObject') ||
    (kind !== 'certificate' && kind !== 'key') ||
    !isSecretName(name)
  ) {
    throw new Error(t('Choose a certificate or key in the Vaults view.'));
  }
  const vault = vaultDirectory().resolve(node.vault);
  const version = node.kind === 'objectVersion' && isSecretVersion(item?.version) ? item.version : undefined;
  const recoveryLevel = typeof item?.recoveryLevel === 'string' ? item.recoveryLevel : undefined;
  return {
    vault,
    kind,
    name,
    ...(version !== undefined ? { version } : {}),
    current: node.kind !== 'objectVersion' || node.current === true,
    ...(recoveryLevel !== undefined ? { recoveryLevel } : {}),
  };
}

function clientOf(target: ObjectTarget): CertificatesClient | KeysClient {
  return target.kind === 'certificate'
    ? vaultDirectory().certificatesFor(target.vault)
    : vaultDirectory().keysFor(target.vault);
}

function changed(tree: KeyVaultTree, target: ObjectTarget): void {
  void tree.model.objectsChanged(target.vault, target.kind);
}

/** Shows what the certificate or key is (public facts only) in a read-only plain-text editor. */
export async function showObjectDetails(arg: unknown): Promise<void> {
  const target = objectTarget(arg);
  const details = await withProgress<CertificateDetails | KeyDetails>(t('Reading "{0}"…', target.name), (signal) =>
    target.kind === 'certificate'
      ? vaultDirectory().certificatesFor(target.vault).get(target.name, target.version, { signal })
      : vaultDirectory().keysFor(target.vault).get(target.name, target.version, { signal }),
  );
  const document = await vscode.workspace.openTextDocument({
    content: objectDetailsText(details, target.vault.name),
    language: 'plaintext',
  });
  await vscode.window.showTextDocument(document, { preview: true });
}

export async function setObjectEnabled(tree: KeyVaultTree, enabled: boolean, arg: unknown): Promise<void> {
  const target = objectTarget(arg);
  if (!enabled && target.current) {
    await confirmLoss({
      kind: 'disable',
      objectKind: target.kind,
      groups: [{ vault: target.vault, names: [target.name] }],
      current: true,
    });
  }
  await withProgress<unknown>(
    enabled ? t('Enabling "{0}"…', target.name) : t('Disabling "{0}"…', target.name),
    (signal) => clientOf(target).update(target.name, target.version, { enabled }, { signal }),
  );
  changed(tree, target);
  flash(enabled ? t('Enabled {0}', target.name) : t('Disabled {0}', target.name), 'check');
}

export async function deleteObject(tree: KeyVaultTree, arg: unknown): Promise<void> {
  const target = objectTarget(arg);
  await confirmLoss({
    kind: 'delete',
    objectKind: target.kind,
    groups: [
      {
        vault: target.vault,
        names: [target.name],
        ...(target.recoveryLevel !== undefined ? { recoveryLevel: target.recoveryLevel } : {}),
      },
    ],
  });
  await withProgress<unknown>(t('Deleting "{0}"…', target.name), (signal) =>
    clientOf(target).delete(target.name, { signal }),
  );
  changed(tree, target);
  flash(t('Deleted {0}', target.name), 'trash');
}

export async function recoverObject(tree: KeyVaultTree, arg: unknown): Promise<void> {
  const target = objectTarget(arg);
  await withProgress<unknown>(t('Recovering "{0}"…', target.name), (signal) =>
    clientOf(target).recoverDeleted(target.name, { signal }),
  );
  changed(tree, target);
  flash(t('Recovered {0}', target.name), 'check');
}

export async function purgeObject(tree: KeyVaultTree, arg: unknown): Promise<void> {
  const target = objectTarget(arg);
  await confirmLoss({
    kind: 'purge',
    objectKind: target.kind,
    groups: [{ vault: target.vault, names: [target.name] }],
  });
  await withProgress(t('Purging "{0}"…', target.name), (signal) =>
    clientOf(target).purgeDeleted(target.name, { signal }),
  );
  changed(tree, target);
  void info(t('Purged "{0}" from vault {1}.', target.name, plainLine(target.vault.name)));
}

// The tree's rows for a vault's certificates and keys: a group per object type under each vault (listed only when
// expanded), its deleted items in a group of their own, one row per certificate or key, and its versions.
// Pure (no `vscode`).

import type { VaultRef } from '../vault/model';
import type { CertificateSummary, DeletedCertificate, DeletedKey, KeySummary, ObjectKind } from '../vault/objectModel';

/** "Certificates" or "Keys" under a vault. */
export interface ObjectGroupNode {
  readonly kind: 'objectGroup';
  readonly id: string;
  readonly parentId: string;
  readonly vault: VaultRef;
  readonly objectKind: ObjectKind;
}

/** "Deleted certificates" or "Deleted keys", inside its group. */
export interface DeletedObjectGroupNode {
  readonly kind: 'deletedObjectGroup';
  readonly id: string;
  readonly parentId: string;
  readonly vault: VaultRef;
  readonly objectKind: ObjectKind;
}

/** A certificate or key; its versions below it. */
export interface ObjectNode {
  readonly kind: 'object';
  readonly id: string;
  readonly parentId: string;
  readonly vault: VaultRef;
  readonly item: CertificateSummary | KeySummary;
}

export interface ObjectVersionNode {
  readonly kind: 'objectVersion';
  readonly id: string;
  readonly parentId: string;
  readonly vault: VaultRef;
  readonly item: CertificateSummary | KeySummary;
  readonly current: boolean;
}

export interface DeletedObjectNode {
  readonly kind: 'deletedObject';
  readonly id: string;
  readonly parentId: string;
  readonly vault: VaultRef;
  readonly deleted: DeletedCertificate | DeletedKey;
}

export type ObjectTreeNode =
  ObjectGroupNode | DeletedObjectGroupNode | ObjectNode | ObjectVersionNode | DeletedObjectNode;

export function objectGroupId(vaultId: string, kind: ObjectKind): string {
  return `${vaultId}/${kind === 'certificate' ? 'certificates' : 'keys'}`;
}

export function objectGroupNode(vaultId: string, vault: VaultRef, objectKind: ObjectKind): ObjectGroupNode {
  return { kind: 'objectGroup', id: objectGroupId(vaultId, objectKind), parentId: vaultId, vault, objectKind };
}

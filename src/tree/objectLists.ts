// The tree's paged lists of a vault's certificates and keys (and their deleted items and versions), per connection,
// as TreeLists keeps the secrets'. Pure (no `vscode`): a list is made on first use; nothing loads until a page is
// asked for, so a collapsed group sends no request.

import { connectionKey } from '../vault/connectionKey';
import type { VaultRef, VaultService } from '../vault/model';
import type {
  CertificatesClient,
  CertificateSummary,
  DeletedCertificate,
  DeletedKey,
  KeysClient,
  KeySummary,
  ObjectKind,
} from '../vault/objectModel';
import { PagedList } from './PagedList';
import { t } from '../shared/l10n';

export type ObjectItem = CertificateSummary | KeySummary;
export type DeletedObject = DeletedCertificate | DeletedKey;

export class ObjectLists {
  private readonly lists = new Map<string, PagedList<ObjectItem>>();
  private readonly deletedLists = new Map<string, PagedList<DeletedObject>>();
  private readonly versionLists = new Map<string, PagedList<ObjectItem>>();
  /** The vault and object type of each list in `lists` (the expiring overview reads every loaded list). */
  private readonly listed = new Map<string, { vault: VaultRef; kind: ObjectKind }>();

  constructor(private readonly service: VaultService) {}

  /** Whether the vault service serves certificates and keys (services of tests may serve secrets only). */
  get available(): boolean {
    return this.service.certificatesFor !== undefined && this.service.keysFor !== undefined;
  }

  items(vault: VaultRef, kind: ObjectKind): PagedList<ObjectItem> {
    return made(this.lists, keyOf(vault, kind), () => {
      this.listed.set(keyOf(vault, kind), { vault, kind });
      const client = this.client(vault, kind);
      return new PagedList<ObjectItem>(
        (token, o) => client().list(token, o),
        (i) => i.name,
      );
    });
  }

  deleted(vault: VaultRef, kind: ObjectKind): PagedList<DeletedObject> {
    return made(this.deletedLists, keyOf(vault, kind), () => {
      const client = this.client(vault, kind);
      return new PagedList<DeletedObject>(
        (token, o) => client().listDeleted(token, o),
        (d) => d.name,
      );
    });
  }

  versions(vault: VaultRef, kind: ObjectKind, name: string): PagedList<ObjectItem> {
    return made(this.versionLists, `${keyOf(vault, kind)}\n${name}`, () => {
      const client = this.client(vault, kind);
      return new PagedList<ObjectItem>(
        (token, o) => client().listVersions(name, token, o),
        (v) => v.version ?? '',
      );
    });
  }

  existing = {
    items: (vault: VaultRef, kind: ObjectKind): PagedList<ObjectItem> | undefined => this.lists.get(keyOf(vault, kind)),
    deleted: (vault: VaultRef, kind: ObjectKind): PagedList<DeletedObject> | undefined =>
      this.deletedLists.get(keyOf(vault, kind)),
    versions: (vault: VaultRef, kind: ObjectKind, name: string): PagedList<ObjectItem> | undefined =>
      this.versionLists.get(`${keyOf(vault, kind)}\n${name}`),
  };

  /** Every certificates and keys list that was asked for, with its vault and object type. */
  allItems(): Array<{ vault: VaultRef; kind: ObjectKind; list: PagedList<ObjectItem> }> {
    const out: Array<{ vault: VaultRef; kind: ObjectKind; list: PagedList<ObjectItem> }> = [];
    for (const [key, list] of this.lists) {
      const where = this.listed.get(key);
      if (where !== undefined) out.push({ ...where, list });
    }
    return out;
  }

  /** Marks every list of this vault out of date (after a change to its certificates or keys). */
  invalidateVault(vault: VaultRef, kind: ObjectKind): void {
    const prefix = keyOf(vault, kind);
    this.lists.get(prefix)?.invalidate();
    this.deletedLists.get(prefix)?.invalidate();
    for (const [k, list] of this.versionLists) if (k.startsWith(`${prefix}\n`)) list.invalidate();
  }

  get loading(): boolean {
    return [...this.lists.values(), ...this.deletedLists.values(), ...this.versionLists.values()].some(
      (l) => l.loading,
    );
  }

  clear(): void {
    this.lists.clear();
    this.listed.clear();
    this.deletedLists.clear();
    this.versionLists.clear();
  }

  private client(vault: VaultRef, kind: ObjectKind): () => CertificatesClient | KeysClient {
    // Read at each page: the service replaces its clients when sign-in changes.
    return () => {
      const client = kind === 'certificate' ? this.service.certificatesFor?.(vault) : this.service.keysFor?.(vault);
      if (client === undefined) throw new Error(t('Certificates and keys are not available here.'));
      return client;
    };
  }
}

function keyOf(vault: VaultRef, kind: ObjectKind): string {
  return `${connectionKey(vault)}\t${kind}`;
}

function made<K, L>(map: Map<K, L>, key: K, make: () => L): L {
  let list = map.get(key);
  if (list === undefined) {
    list = make();
    map.set(key, list);
  }
  return list;
}

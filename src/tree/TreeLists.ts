// The tree's paged lists, per connection: subscriptions, the vaults of each subscription, and per vault the
// secrets, the deleted secrets and each secret's versions. Pure (no `vscode`): a list is made on first use and
// kept until it is dropped; nothing loads until a list is asked for a page.

import type {
  DeletedSecret,
  SecretSummary,
  SecretVersion,
  Subscription,
  Tenant,
  VaultRef,
  VaultService,
} from '../vault/model';
import { connectionKey } from '../vault/connectionKey';
import { listTenantsOf } from '../vault/listing';
import { secretKey } from './nodes';
import { PagedList } from './PagedList';
import { ObjectLists, type DeletedObject, type ObjectItem } from './objectLists';
import type { SecretSort } from './secretSort';

export type AnyList =
  | PagedList<Tenant>
  | PagedList<Subscription>
  | PagedList<VaultRef>
  | PagedList<SecretSummary>
  | PagedList<DeletedSecret>
  | PagedList<SecretVersion>
  | PagedList<ObjectItem>
  | PagedList<DeletedObject>;

/** The lists of one vault reached one way (one connection). */
export interface ConnectionLists {
  readonly connection: string;
  readonly vault: VaultRef;
  readonly secrets: PagedList<SecretSummary>;
}

function made<K, L>(map: Map<K, L>, key: K, make: () => L): L {
  let list = map.get(key);
  if (list === undefined) {
    list = make();
    map.set(key, list);
  }
  return list;
}

export class TreeLists {
  private tenantList: PagedList<Tenant> | undefined;
  private subscriptionList: PagedList<Subscription> | undefined;
  private readonly vaultLists = new Map<string, PagedList<VaultRef>>();
  private readonly secretLists = new Map<string, PagedList<SecretSummary>>();
  private readonly deletedLists = new Map<string, PagedList<DeletedSecret>>();
  private readonly versionLists = new Map<string, PagedList<SecretVersion>>();
  /** Certificate-backed (managed) secrets show in vaults' lists (the toggle; kept across refreshes). */
  showManaged = true;
  /** The order of every vault's secret rows (the Sort command; kept across refreshes). */
  secretOrder: SecretSort = 'name';
  /** The VaultRef each connection key was first seen with. */
  private readonly connections = new Map<string, VaultRef>();

  /** The certificates and keys of each vault (their groups list only when expanded). */
  readonly objects: ObjectLists;

  constructor(private readonly service: VaultService) {
    this.objects = new ObjectLists(service);
  }

  /** Every tenant of every account (one listing; discoveries without tenants give one tenant of their subscriptions). */
  tenants(): PagedList<Tenant> {
    this.tenantList ??= new PagedList<Tenant>(
      async (_t, o) => ({ items: await listTenantsOf(this.service.discovery, o) }),
      (tenant) => `${tenant.account?.id ?? ''}/${tenant.tenantId}`,
    );
    return this.tenantList;
  }

  /** The selected subscriptions of the tenants that could be listed, from the same listing as tenants(). */
  subscriptions(): PagedList<Subscription> {
    this.subscriptionList ??= new PagedList<Subscription>(
      async () => {
        const tenants = this.tenants();
        await tenants.ensureFirstPage();
        const ready = tenants.items.filter((tenant) => tenant.state === 'ready');
        if (tenants.error) throw tenants.error.error;
        if (ready.length === 0 && tenants.items.length > 0) throw tenants.items[0]?.failure;
        return { items: ready.flatMap((tenant) => tenant.subscriptions).sort((a, b) => a.name.localeCompare(b.name)) };
      },
      (s) => s.subscriptionId,
    );
    return this.subscriptionList;
  }

  vaults(subscription: Subscription): PagedList<VaultRef> {
    return made(
      this.vaultLists,
      subscription.subscriptionId,
      () =>
        new PagedList<VaultRef>(
          async (_t, o) => ({ items: await this.service.discovery.listVaults(subscription, o) }),
          (v) => v.key,
        ),
    );
  }

  secrets(vault: VaultRef): PagedList<SecretSummary> {
    return made(
      this.secretLists,
      this.connection(vault),
      () =>
        new PagedList<SecretSummary>(
          (token, o) => this.service.clientFor(vault).listSecrets(token, o),
          (s) => s.name,
        ),
    );
  }

  deleted(vault: VaultRef): PagedList<DeletedSecret> {
    return made(
      this.deletedLists,
      this.connection(vault),
      () =>
        new PagedList<DeletedSecret>(
          (token, o) => this.service.clientFor(vault).listDeleted(token, o),
          (d) => d.name,
        ),
    );
  }

  versions(vault: VaultRef, name: string): PagedList<SecretVersion> {
    return made(
      this.versionLists,
      secretKey(this.connection(vault), name),
      () =>
        new PagedList<SecretVersion>(
          (token, o) => this.service.clientFor(vault).listVersions(name, token, o),
          (v) => v.version,
        ),
    );
  }

  /** Lists already made (undefined when never asked for): the rows show "loaded" counts only for these. */
  existing = {
    vaults: (subscriptionId: string): PagedList<VaultRef> | undefined => this.vaultLists.get(subscriptionId),
    secrets: (vault: VaultRef): PagedList<SecretSummary> | undefined => this.secretLists.get(connectionKey(vault)),
    deleted: (vault: VaultRef): PagedList<DeletedSecret> | undefined => this.deletedLists.get(connectionKey(vault)),
    versions: (vault: VaultRef, name: string): PagedList<SecretVersion> | undefined =>
      this.versionLists.get(secretKey(connectionKey(vault), name)),
  };

  /** Every connection to this vault URL whose secrets were asked for. */
  secretsOf(vaultKey: string): ConnectionLists[] {
    const out: ConnectionLists[] = [];
    for (const [connection, secrets] of this.secretLists) {
      const vault = this.connections.get(connection);
      if (vault?.key === vaultKey) out.push({ connection, vault, secrets });
    }
    return out;
  }

  /** Every secrets list that was asked for, with its vault (the expiring overview reads what is loaded). */
  allSecrets(): ConnectionLists[] {
    const out: ConnectionLists[] = [];
    for (const [connection, secrets] of this.secretLists) {
      const vault = this.connections.get(connection);
      if (vault) out.push({ connection, vault, secrets });
    }
    return out;
  }

  /** Every deleted-secrets list of this vault URL that was asked for. */
  deletedOf(vaultKey: string): Array<{ readonly connection: string; readonly list: PagedList<DeletedSecret> }> {
    return [...this.deletedLists]
      .filter(([c]) => this.vaultKeyOf(c) === vaultKey)
      .map(([connection, list]) => ({ connection, list }));
  }

  /** Marks out of date what hangs below a connection's secrets: its deleted list and every version list. */
  invalidateBelow(connection: string): void {
    this.deletedLists.get(connection)?.invalidate();
    for (const [k, versions] of this.versionLists) if (k.startsWith(`${connection}\n`)) versions.invalidate();
  }

  /** Forgets one secret's versions (it no longer exists). */
  dropVersions(connection: string, name: string): void {
    this.versionLists.delete(secretKey(connection, name));
  }

  /** Whether any list is loading a page now (a test waits for the tree's own requests to end before counting). */
  get loading(): boolean {
    const all: Array<AnyList | undefined> = [
      this.tenantList,
      this.subscriptionList,
      ...this.vaultLists.values(),
      ...this.secretLists.values(),
      ...this.deletedLists.values(),
      ...this.versionLists.values(),
    ];
    return all.some((l) => l?.loading === true) || this.objects.loading;
  }

  /** Forgets sign-in dependent lists: subscriptions and their vaults. */
  clearDiscovery(): void {
    this.tenantList = undefined;
    this.subscriptionList = undefined;
    this.vaultLists.clear();
  }

  clear(): void {
    this.clearDiscovery();
    this.secretLists.clear();
    this.deletedLists.clear();
    this.versionLists.clear();
    this.objects.clear();
    this.connections.clear();
  }

  /** Requests started per list kind for one vault URL (tests and diagnostics). */
  requestCounts(vaultKey: string): { secrets: number; deleted: number; versions: number } {
    const sum = (map: ReadonlyMap<string, AnyList>): number =>
      [...map].filter(([k]) => this.vaultKeyOf(k) === vaultKey).reduce((n, [, l]) => n + l.requestCount, 0);
    return { secrets: sum(this.secretLists), deleted: sum(this.deletedLists), versions: sum(this.versionLists) };
  }

  /** The vault URL a connection (or a secret's key under it) belongs to. */
  private vaultKeyOf(key: string): string | undefined {
    const newline = key.indexOf('\n');
    return this.connections.get(newline < 0 ? key : key.slice(0, newline))?.key;
  }

  /** The connection key of a vault, remembering the VaultRef it stands for. */
  private connection(vault: VaultRef): string {
    const key = connectionKey(vault);
    if (!this.connections.has(key)) this.connections.set(key, vault);
    return key;
  }
}

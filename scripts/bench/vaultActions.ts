// User actions through the real vault layer (SecretsVaultClient, and PagedList the way the tree pages)
// against the local Key Vault server; measured by actions.ts.

import type { EmulatorState, SeedFile } from '../../test/emulator/server';
import { vaultConnection } from '../../src/vault/credentials';
import type {
  DeletedSecret,
  SecretSummary,
  SecretVersion,
  VaultClient,
  VaultRef,
  VaultService,
} from '../../src/vault/model';
import { SecretsVaultClient } from '../../src/vault/SecretsVaultClient';
import { PAGE_SIZE } from '../../src/vault/secretPages';
import { PagedList } from '../../src/tree/PagedList';
import type { Action } from './actions';

export const READ_VAULT = 'bench';
export const WRITE_VAULT = 'bench-write';
export const SLOW_VAULT = 'bench-window';
/** Service-side delete/recover window of SLOW_VAULT, like Azure's 2-5 s. */
export const SLOW_WINDOW_MS = 2500;
/** SecretsVaultClient's default poll interval (the benchmark's clients keep the production defaults). */
const POLL_INTERVAL_MS = 1000;

const GENERATED = 312;
const MANY_VERSIONS = 60;
const SECRET_COUNT = GENERATED + 1;
const DELETED_COUNT = 3;
const EDIT_VERSION = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

function pad(i: number): string {
  return String(i).padStart(3, '0');
}

/** A few hundred secrets, most with several versions, one with three pages of versions, some deleted. */
export function benchSeed(): SeedFile {
  const secrets = Array.from({ length: GENERATED }, (_, i) => ({
    name: `secret-${pad(i)}`,
    versions: Array.from({ length: (i % 4) + 1 }, (_, v) => ({
      value: `value-${pad(i)}-${v}-${'x'.repeat(24)}`,
      ...(i % 3 === 0 ? { contentType: 'text/plain' } : {}),
      ...(i % 5 === 0 ? { tags: { env: 'dev', owner: 'bench' } } : {}),
      created: `-${40 - v}d`,
    })),
  }));
  secrets.push({
    name: 'many-versions',
    versions: Array.from({ length: MANY_VERSIONS }, (_, v) => ({ value: `v${v}`, created: `-${MANY_VERSIONS - v}d` })),
  });
  return {
    vaults: [
      {
        name: READ_VAULT,
        secrets,
        deleted: Array.from({ length: DELETED_COUNT }, (_, i) => ({
          name: `removed-${i}`,
          deletedAt: '-1d',
          versions: [{ value: 'gone' }],
        })),
      },
      {
        name: WRITE_VAULT,
        secrets: [{ name: 'editable', versions: [{ value: 'e', version: EDIT_VERSION }] }],
      },
      { name: SLOW_VAULT, asyncWindowMs: SLOW_WINDOW_MS },
    ],
  };
}

/** The fewest list requests for `n` items: this API sends a nextLink on every full page. */
function pagesFor(n: number): number {
  return Math.floor(n / PAGE_SIZE) + 1;
}

type Use = () => VaultClient;

/** A vault action: its steps get the client to use (a warm one; a new one for the challenge run). */
interface VaultAction<S> extends Omit<Action<S>, 'prepare' | 'act' | 'client' | 'scope'> {
  readonly vault: string;
  prepare(client: Use, run: number): Promise<S>;
  act(client: Use, state: S, run: number): Promise<void>;
}

function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(`unexpected outcome: ${message}`);
}

function secretsList(client: Use): PagedList<SecretSummary> {
  return new PagedList<SecretSummary>(
    (token, options) => client().listSecrets(token, options),
    (s) => s.name,
  );
}

function versionsList(client: Use, name: string): PagedList<SecretVersion> {
  return new PagedList<SecretVersion>(
    (token, options) => client().listVersions(name, token, options),
    (v) => v.version,
  );
}

function deletedList(client: Use): PagedList<DeletedSecret> {
  return new PagedList<DeletedSecret>(
    (token, options) => client().listDeleted(token, options),
    (d) => d.name,
  );
}

function failed<T>(list: PagedList<T>): string {
  const error = list.error?.error;
  return error instanceof Error ? error.message : String(error);
}

const none = (): Promise<undefined> => Promise.resolve(undefined);

function vaultActions(): VaultAction<unknown>[] {
  const list: VaultAction<unknown>[] = [];
  const add = <S>(a: VaultAction<S>): void => {
    list.push(a);
  };
  add({
    id: 'showVault',
    label: 'show a vault (first page)',
    vault: READ_VAULT,
    minimum: { GetSecrets: 1 },
    prepare: (c) => Promise.resolve(secretsList(c)),
    async act(_c, l) {
      await l.ensureFirstPage();
      expect(l.error === undefined, failed(l));
      expect(l.items.length === PAGE_SIZE && l.hasMore, `first page has ${l.items.length} items`);
    },
  });
  add({
    id: 'loadMore',
    label: 'load more (second page)',
    vault: READ_VAULT,
    minimum: { GetSecrets: 1 },
    async prepare(c) {
      const l = secretsList(c);
      await l.ensureFirstPage();
      return l;
    },
    async act(_c, l) {
      await l.loadMore();
      expect(l.error === undefined, failed(l));
      expect(l.items.length === 2 * PAGE_SIZE, `after load more: ${l.items.length} items`);
    },
  });
  add({
    id: 'loadAll',
    label: `load all (${SECRET_COUNT} secrets)`,
    vault: READ_VAULT,
    minimum: { GetSecrets: pagesFor(SECRET_COUNT) },
    prepare: (c) => Promise.resolve(secretsList(c)),
    async act(_c, l) {
      await l.loadAll();
      expect(l.error === undefined, failed(l));
      expect(l.items.length === SECRET_COUNT && !l.hasMore, `load all: ${l.items.length} items`);
    },
  });
  add({
    id: 'showValue',
    label: 'show a value',
    vault: READ_VAULT,
    minimum: { GetSecret: 1 },
    prepare: none,
    async act(c) {
      const secret = await c().getValue('secret-007');
      expect(secret.value.startsWith('value-007-3-'), 'wrong value');
    },
  });
  add({
    id: 'listVersions',
    label: 'list versions (4 versions)',
    vault: READ_VAULT,
    minimum: { GetSecretVersions: 1 },
    prepare: (c) => Promise.resolve(versionsList(c, 'secret-003')),
    async act(_c, l) {
      await l.ensureFirstPage();
      expect(l.error === undefined, failed(l));
      expect(l.items.length === 4 && !l.hasMore, `versions: ${l.items.length}`);
    },
  });
  add({
    id: 'loadAllVersions',
    label: `load all versions (${MANY_VERSIONS})`,
    vault: READ_VAULT,
    minimum: { GetSecretVersions: pagesFor(MANY_VERSIONS) },
    prepare: (c) => Promise.resolve(versionsList(c, 'many-versions')),
    async act(_c, l) {
      await l.loadAll();
      expect(l.error === undefined, failed(l));
      expect(l.items.length === MANY_VERSIONS && !l.hasMore, `versions: ${l.items.length}`);
    },
  });
  add({
    id: 'listDeleted',
    label: 'show deleted secrets',
    vault: READ_VAULT,
    minimum: { GetDeletedSecrets: 1 },
    prepare: (c) => Promise.resolve(deletedList(c)),
    async act(_c, l) {
      await l.ensureFirstPage();
      expect(l.error === undefined, failed(l));
      expect(l.items.length === DELETED_COUNT, `deleted: ${l.items.length}`);
    },
  });
  add({
    id: 'setSecret',
    label: 'set a secret (create)',
    vault: WRITE_VAULT,
    minimum: { SetSecret: 1 },
    prepare: none,
    async act(c, _s, run) {
      const created = await c().setSecret(`created-${run}`, {
        value: `value ${run}`,
        contentType: 'text/plain',
        tags: { by: 'bench' },
      });
      expect(created.name === `created-${run}`, 'wrong name');
    },
  });
  add({
    id: 'editProperties',
    label: 'edit properties',
    vault: WRITE_VAULT,
    minimum: { UpdateSecret: 1 },
    prepare: none,
    async act(c, _s, run) {
      const updated = await c().updateProperties('editable', EDIT_VERSION, { tags: { run: String(run) } });
      expect(updated.tags.run === String(run), 'tags not updated');
    },
  });
  const created = async (c: Use, name: string): Promise<void> => {
    await c().setSecret(name, { value: 'to be deleted' });
  };
  add({
    id: 'deleteSecret',
    label: 'delete a secret',
    vault: WRITE_VAULT,
    minimum: { DeleteSecret: 1, GetDeletedSecret: 1 },
    note: 'the minimum counts one confirming GET: the vault layer waits until the deleted secret is visible (DESIGN)',
    prepare: (c, run) => created(c, `doomed-${run}`),
    async act(c, _s, run) {
      const deleted = await c().deleteSecret(`doomed-${run}`);
      expect(deleted.name === `doomed-${run}`, 'delete returned another secret');
    },
  });
  add({
    id: 'recoverSecret',
    label: 'recover a deleted secret',
    vault: WRITE_VAULT,
    minimum: { RecoverDeletedSecret: 1, GetSecret: 1 },
    note: 'the minimum counts one confirming GET: the vault layer waits until the secret is readable again (DESIGN)',
    async prepare(c, run) {
      await created(c, `revived-${run}`);
      await c().deleteSecret(`revived-${run}`);
    },
    async act(c, _s, run) {
      const recovered = await c().recoverDeleted(`revived-${run}`);
      expect(recovered.name === `revived-${run}`, 'recover returned another secret');
    },
  });
  // With the service's asynchronous window the pollers poll every pollIntervalMs: the fewest requests
  // are the polls that cannot be avoided at that interval (the first at once, then one per interval).
  const polls = Math.ceil(SLOW_WINDOW_MS / POLL_INTERVAL_MS) + 1;
  add({
    id: 'deleteSecretWindow',
    label: `delete, ${SLOW_WINDOW_MS / 1000} s service window`,
    vault: SLOW_VAULT,
    minimum: { DeleteSecret: 1, GetDeletedSecret: polls },
    minimumWallMs: (latency) => SLOW_WINDOW_MS + latency,
    minimumWallNote: 'the service window, then one round trip that sees the result',
    note: `polls every ${POLL_INTERVAL_MS} ms (the production default) until the window ends; 1 run`,
    slow: true,
    prepare: (c, run) => created(c, `doomed-${run}`),
    async act(c, _s, run) {
      await c().deleteSecret(`doomed-${run}`);
    },
  });
  add({
    id: 'recoverSecretWindow',
    label: `recover, ${SLOW_WINDOW_MS / 1000} s service window`,
    vault: SLOW_VAULT,
    minimum: { RecoverDeletedSecret: 1, GetSecret: polls },
    minimumWallMs: (latency) => SLOW_WINDOW_MS + latency,
    minimumWallNote: 'the service window, then one round trip that sees the result',
    note: `polls every ${POLL_INTERVAL_MS} ms (the production default) until the window ends; 1 run`,
    slow: true,
    async prepare(c, run) {
      await created(c, `revived-${run}`);
      await c().deleteSecret(`revived-${run}`);
    },
    async act(c, _s, run) {
      await c().recoverDeleted(`revived-${run}`);
    },
  });
  return list;
}

/** A vault of the local server as the settings add it (an emulator, its CA). */
export function vaultRef(emu: EmulatorState, name: string): VaultRef {
  const url = emu.vaults[name]?.url;
  if (url === undefined) throw new Error(`the emulator has no vault ${name}`);
  return { key: url, name, url, source: 'added', emulator: true, caFile: emu.caFile };
}

/** A client as the extension builds one for an emulator vault (vaultConnection; production defaults otherwise). */
export function newClient(emu: EmulatorState, vault: string | VaultRef): SecretsVaultClient {
  const ref = typeof vault === 'string' ? vaultRef(emu, vault) : vault;
  const connection = vaultConnection(ref, () => {
    throw new Error(`${ref.name} is not a local emulator vault`);
  });
  return new SecretsVaultClient(ref, {
    ...connection,
    caPem: () => Promise.resolve(emu.caPem),
    authentication: 'emulator',
  });
}

/** One client per vault, made on first use (as the extension's VaultService keeps them). */
export function clientCache(emu: EmulatorState): (vault: VaultRef) => SecretsVaultClient {
  const clients = new Map<string, SecretsVaultClient>();
  return (vault) => {
    let client = clients.get(vault.key);
    if (client === undefined) clients.set(vault.key, (client = newClient(emu, vault)));
    return client;
  };
}

/** A vault service of these added vaults only (no sign-in, nothing discovered), its clients from `clientFor`. */
export function addedVaultsService(
  emu: EmulatorState,
  names: readonly string[],
  clientFor: (vault: VaultRef) => SecretsVaultClient,
): VaultService {
  return {
    discovery: {
      signInState: () => Promise.resolve('notApplicable'),
      signIn: () => Promise.resolve(false),
      listSubscriptions: () => Promise.resolve([]),
      listVaults: () => Promise.resolve([]),
    },
    addedVaults: () => names.map((n) => vaultRef(emu, n)),
    clientFor,
  };
}

/**
 * The vault-layer actions, each on a warm client of its vault (the challenge and the SDK's lazy load done
 * once, here), and on a new client for the run that counts the challenge.
 */
export async function vaultLayerActions(
  emu: EmulatorState,
  options: { readonly slow: boolean },
): Promise<Action<unknown>[]> {
  const warm = new Map<string, SecretsVaultClient>();
  for (const name of [READ_VAULT, WRITE_VAULT, SLOW_VAULT]) {
    const client = newClient(emu, name);
    await client.listSecrets();
    warm.set(name, client);
  }
  return vaultActions()
    .filter((a) => options.slow || a.slow !== true)
    .map((a): Action<unknown> => {
      const warmClient = warm.get(a.vault);
      if (warmClient === undefined) throw new Error(`no client for ${a.vault}`);
      let current: VaultClient = warmClient;
      const use: Use = () => current;
      const { vault, ...rest } = a;
      return {
        ...rest,
        scope: vault,
        prepare: (run) => a.prepare(use, run),
        act: (state, run) => a.act(use, state, run),
        client(kind) {
          current = kind === 'new' ? newClient(emu, vault) : warmClient;
        },
      };
    });
}

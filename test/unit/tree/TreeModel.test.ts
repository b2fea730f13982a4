// The tree model in plain Node: a small in-memory VaultService (our own interface, paged like the service: 25 per
// page) and a recording TreeSurface. Counts requests, change events and progress; never measures time.
import * as assert from 'node:assert/strict';
import type { Schedule } from '../../../src/tree/ChangeThrottle';
import type { ErrorNode, LoadMoreNode, SecretNode, TreeNode, VaultNode } from '../../../src/tree/nodes';
import { TreeModel, type TreeSurface } from '../../../src/tree/TreeModel';
import type {
  CallOptions,
  DeletedSecret,
  Page,
  SecretSummary,
  SecretVersion,
  VaultClient,
  VaultRef,
  VaultService,
} from '../../../src/vault/model';
import { KeyVaultFailure } from '../../../src/vault/KeyVaultFailure';

const PAGE = 25;

interface FakeVault {
  readonly ref: VaultRef;
  secrets: SecretSummary[];
  deleted: DeletedSecret[];
  requests: { secrets: number; deleted: number; versions: number };
  inFlight: number;
  /** Called before each secrets page is answered (a fake clock advances here). */
  onPage?: () => Promise<void> | void;
}

function summary(vault: VaultRef, name: string, extra: Partial<SecretSummary> = {}): SecretSummary {
  return {
    vaultUrl: vault.url,
    name,
    id: `${vault.url}/secrets/${name}`,
    enabled: true,
    tags: {},
    managed: false,
    ...extra,
  };
}

function makeVault(name: string, count: number): FakeVault {
  const ref: VaultRef = {
    key: `https://${name}.vault.test`,
    name,
    url: `https://${name}.vault.test`,
    source: 'added',
    emulator: true,
  };
  const secrets = Array.from({ length: count }, (_, i) =>
    summary(ref, `s${String(i).padStart(5, '0')}`, i % 7 === 0 ? { tags: { env: 'prod' } } : {}),
  );
  return { ref, secrets, deleted: [], requests: { secrets: 0, deleted: 0, versions: 0 }, inFlight: 0 };
}

function page<T>(items: readonly T[], token: string | undefined): Page<T> {
  const start = token === undefined ? 0 : Number(token);
  const next = start + PAGE < items.length ? String(start + PAGE) : undefined;
  const slice = items.slice(start, start + PAGE);
  return next === undefined ? { items: slice } : { items: slice, continuationToken: next };
}

function service(vaults: FakeVault[]): VaultService {
  const client = (v: FakeVault): VaultClient => {
    const unused = (): never => {
      throw new Error('not used by the tree');
    };
    return {
      vault: v.ref,
      listSecrets: async (token?: string, _o?: CallOptions) => {
        v.requests.secrets++;
        v.inFlight++;
        try {
          await v.onPage?.();
          await Promise.resolve();
          return page(v.secrets, token);
        } finally {
          v.inFlight--;
        }
      },
      listDeleted: (token?: string) => {
        v.requests.deleted++;
        return Promise.resolve(page(v.deleted, token));
      },
      listVersions: (name: string) => {
        v.requests.versions++;
        const s = v.secrets.find((x) => x.name === name);
        if (!s) return Promise.reject(new KeyVaultFailure('notFound', `${name} not found`, { status: 404 }));
        const version: SecretVersion = { ...s, version: 'v1', id: `${s.id}/v1`, createdOn: new Date(1) };
        return Promise.resolve({ items: [version] });
      },
      getValue: unused,
      setSecret: unused,
      updateProperties: unused,
      deleteSecret: unused,
      getDeleted: unused,
      purgeDeleted: unused,
      recoverDeleted: unused,
      backup: unused,
      restore: unused,
    };
  };
  return {
    discovery: {
      signInState: () => Promise.resolve('signedOut'),
      signIn: () => Promise.resolve(false),
      listSubscriptions: () => Promise.resolve([]),
      listVaults: () => Promise.resolve([]),
    },
    addedVaults: () => vaults.map((v) => v.ref),
    clientFor: (ref) => client(vaults.find((v) => v.ref.key === ref.key) ?? assert.fail(`unknown vault ${ref.key}`)),
  };
}

/** A clock the test moves: timers run when it passes their time. */
function fakeClock() {
  let now = 0;
  const timers = new Set<{ at: number; fn: () => void }>();
  const schedule: Schedule = (fn, ms) => {
    const t = { at: now + ms, fn };
    timers.add(t);
    return () => timers.delete(t);
  };
  const advance = (ms: number): void => {
    now += ms;
    for (const t of [...timers].sort((a, b) => a.at - b.at)) {
      if (t.at <= now && timers.delete(t)) t.fn();
    }
  };
  return {
    schedule,
    advance,
    get now() {
      return now;
    },
  };
}

interface Recorded {
  readonly host: TreeSurface;
  readonly events: Array<readonly TreeNode[] | undefined>;
  readonly progress: Array<{ title: string; reports: string[]; ended: boolean }>;
}

function recordingHost(): Recorded {
  const events: Array<readonly TreeNode[] | undefined> = [];
  const progress: Recorded['progress'] = [];
  return {
    events,
    progress,
    host: {
      changed: (nodes) => events.push(nodes),
      inView: (work) => work,
      withProgress: async (title, task) => {
        const entry = { title, reports: [] as string[], ended: false };
        progress.push(entry);
        try {
          await task((m) => entry.reports.push(m), new AbortController().signal);
        } finally {
          entry.ended = true;
        }
      },
      welcomeChanged: () => undefined,
      filterChanged: () => undefined,
    },
  };
}

async function vaultNodes(model: TreeModel): Promise<VaultNode[]> {
  const root = await model.children();
  const group = root.find((n) => n.kind === 'vaultGroup');
  assert.ok(group, 'no added-vaults group');
  return (await model.children(group)).filter((n): n is VaultNode => n.kind === 'vault');
}

/** A model over one vault whose first page is shown. */
async function shown(vault: FakeVault): Promise<{ rec: Recorded; model: TreeModel; v: VaultNode; rows: TreeNode[] }> {
  const rec = recordingHost();
  const model = new TreeModel({ service: service([vault]), host: rec.host });
  const [v] = await vaultNodes(model);
  assert.ok(v);
  return { rec, model, v, rows: await model.children(v) };
}

const secretNames = (rows: readonly TreeNode[]): string[] =>
  rows.filter((n): n is SecretNode => n.kind === 'secret').map((n) => n.secret.name);

describe('tree/TreeModel', () => {
  it('expanding a vault lists one page once, however many times it is asked at once', async () => {
    const alpha = makeVault('alpha', 60);
    const { host } = recordingHost();
    const model = new TreeModel({ service: service([alpha]), host });
    const [v] = await vaultNodes(model);
    assert.ok(v);
    assert.equal(alpha.requests.secrets, 0, 'listed before expanding');
    const [a] = await Promise.all([model.children(v), model.children(v), model.children(v)]);
    assert.equal(alpha.requests.secrets, 1);
    assert.equal(a[0]?.kind, 'deletedGroup');
    assert.equal(secretNames(a).length, 25);
    assert.equal(a[a.length - 1]?.kind, 'loadMore');
    assert.equal(model.parentOf(a[1]), v);
  });

  it('Load All on 10,000 secrets (400 pages): every secret in order, change events throttled, the last one delivered, progress ends with the load', async () => {
    const big = makeVault('big', 10_000);
    const clock = fakeClock();
    big.onPage = () => clock.advance(50); // each page takes one 50 ms round trip on the fake clock
    const rec = recordingHost();
    const model = new TreeModel({ service: service([big]), host: rec.host, schedule: clock.schedule, throttleMs: 250 });
    const [v] = await vaultNodes(model);
    assert.ok(v);
    const first = await model.children(v);
    rec.events.length = 0;
    const firstNew = await model.loadAll(first[first.length - 1] as LoadMoreNode);
    assert.equal(big.requests.secrets, 400);
    const rows = await model.children(v);
    const names = secretNames(rows);
    assert.equal(names.length, 10_000);
    assert.deepEqual(names.slice(0, 3), ['s00000', 's00001', 's00002']);
    assert.ok(
      names.every((n, i) => n === `s${String(i).padStart(5, '0')}`),
      'the order changed',
    );
    assert.equal(
      rows.some((n) => n.kind === 'loadMore'),
      false,
    );
    assert.equal(
      firstNew?.kind === 'secret' ? firstNew.secret.name : undefined,
      's00025',
      'the place to reveal is the first new row',
    );

    // 399 pages × 50 ms = 19.95 s of fake time: at most one event per 250 ms, plus the first and the last.
    const eventsForVault = rec.events.filter((e) => e?.some((n) => n.id === v.id)).length;
    assert.ok(eventsForVault <= Math.ceil((399 * 50) / 250) + 3, `${eventsForVault} change events for 400 pages`);
    assert.ok(eventsForVault >= 2);
    const last = rec.events[rec.events.length - 1];
    assert.ok(
      last?.some((n) => n.id === v.id),
      'the last event is not for the vault',
    );

    assert.equal(rec.progress.length, 1);
    const p = rec.progress[0];
    assert.equal(p?.title, 'Loading all secrets');
    assert.equal(p?.ended, true, 'the progress notification is still up after the load ended');
    assert.equal(p?.reports[p.reports.length - 1], '10000 loaded');
    model.dispose();
  });

  it('a targeted refresh puts a new secret in name order and takes a gone one out, with one versions request each', async () => {
    const alpha = makeVault('alpha', 3);
    const { model, v } = await shown(alpha);
    alpha.secrets.splice(1, 0, summary(alpha.ref, 's00000-b'));
    await model.refreshSecret(alpha.ref.key, 's00000-b');
    assert.deepEqual(secretNames(await model.children(v)), ['s00000', 's00000-b', 's00001', 's00002']);
    alpha.secrets.splice(0, 1);
    await model.refreshSecret(alpha.ref, 's00000');
    assert.deepEqual(secretNames(await model.children(v)), ['s00000-b', 's00001', 's00002']);
    assert.deepEqual(alpha.requests, { secrets: 1, deleted: 0, versions: 2 });
  });

  it('a row VS Code re-renders from the object it holds shows what a refresh or an update brought', async () => {
    const alpha = makeVault('alpha', 3);
    const { rec, model, rows } = await shown(alpha);
    const held = rows.find((n): n is SecretNode => n.kind === 'secret' && n.secret.name === 's00001');
    assert.ok(held);
    alpha.secrets[1] = { ...alpha.secrets[1], enabled: false };
    rec.events.length = 0;
    await model.refreshSecret(alpha.ref, 's00001');
    assert.ok(
      rec.events.some((e) => e?.includes(held)),
      'the change event carries the object VS Code holds',
    );
    assert.equal(held.secret.enabled, true, 'nodes are not mutated');
    assert.equal(model.latest(held).secret.enabled, false);

    // An update whose answer the caller has: no request, the row shows it.
    const before = { ...alpha.requests };
    model.secretUpdated(alpha.ref, {
      ...alpha.secrets[1],
      enabled: true,
      version: 'v2',
      id: `${alpha.secrets[1].id}/v2`,
      createdOn: new Date(2),
    });
    assert.deepEqual(alpha.requests, before);
    assert.equal(model.latest(held).secret.enabled, true);
    assert.ok(rec.events.at(-1)?.includes(held));
  });

  it('the row of a secret for a reveal: pages load until it is there, no further; a filtered-out or unknown one is none', async () => {
    const alpha = makeVault('alpha', 100);
    const { model } = await shown(alpha);
    const row = await model.secretRow(alpha.ref, 's00060');
    assert.equal(row?.secret.name, 's00060');
    assert.equal(model.parentOf(row), model.findNode(row.parentId));
    assert.equal(alpha.requests.secrets, 3, 'pages past the secret were loaded');
    assert.equal(await model.secretRow(alpha.ref, 'nope'), undefined);
    assert.equal(alpha.requests.secrets, 4);
    await model.setFilter({ names: ['s0007'], contentTypes: [], tags: [] });
    assert.equal(await model.secretRow(alpha.ref, 's00060'), undefined);
    assert.equal((await model.secretRow(alpha.ref, 's00071'))?.secret.name, 's00071');
    assert.equal(
      await model.secretRow(
        { ...alpha.ref, key: 'https://other.vault.test', url: 'https://other.vault.test' },
        's00001',
      ),
      undefined,
    );
  });

  it('a filter fills several vaults at once, at most four lists in flight', async () => {
    const vaults = Array.from({ length: 6 }, (_, i) => makeVault(`v${i}`, 100));
    let inFlight = 0;
    let most = 0;
    for (const v of vaults) {
      v.onPage = async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
      };
    }
    const rec = recordingHost();
    const model = new TreeModel({ service: service(vaults), host: rec.host });
    const nodes = await vaultNodes(model);
    for (const n of nodes) await model.children(n);
    most = 0;
    await model.setFilter({ names: [], contentTypes: [], tags: [{ key: 'env', value: 'prod' }] });
    assert.equal(most, 4, `${most} vaults were filled at once`);
    for (const v of vaults) assert.equal(v.requests.secrets, 4);
    for (const n of nodes) assert.equal(secretNames(await model.children(n)).length, 15);
    assert.equal(rec.progress.length, 1);
    assert.equal(rec.progress[0]?.ended, true);
    assert.equal(rec.progress[0]?.reports.at(-1), '600 loaded');
  });

  it('Refresh dispatches by kind: a vault re-lists its secrets only; a failed list is an error row', async () => {
    const alpha = makeVault('alpha', 30);
    const rec = recordingHost();
    const svc = service([alpha]);
    const model = new TreeModel({ service: svc, host: rec.host });
    const [v] = await vaultNodes(model);
    assert.ok(v);
    await model.children(v);
    await model.refreshNode(v);
    await model.children(v);
    assert.deepEqual(alpha.requests, { secrets: 2, deleted: 0, versions: 0 });

    const failing: VaultService = {
      ...svc,
      clientFor: (ref) => ({
        ...svc.clientFor(ref),
        listSecrets: () =>
          Promise.reject(new KeyVaultFailure('forbidden', 'The caller lacks list permission.', { status: 403 })),
      }),
    };
    const m2 = new TreeModel({ service: failing, host: recordingHost().host });
    const [v2] = await vaultNodes(m2);
    assert.ok(v2);
    const rows = await m2.children(v2);
    assert.equal(rows.length, 1);
    assert.equal((rows[0] as ErrorNode).kind, 'error');
    assert.equal((rows[0] as ErrorNode).failureKind, 'forbidden');
  });

  it('removing added vaults one after another: one re-render per write (the settings event and the command both report it), each showing the vaults left', async () => {
    // Each re-render of the whole tree makes VS Code forget the rows' handles until it lists them again; a second
    // one for the same write opened a window in which Remove on the next row got no argument and did nothing.
    const vaults = ['dev', 'bulk', 'prod', 'locked'].map((n) => makeVault(n, 1));
    const settings = [...vaults];
    const rec = recordingHost();
    const model = new TreeModel({
      service: { ...service(vaults), addedVaults: () => settings.map((v) => v.ref) },
      host: rec.host,
    });
    assert.equal((await vaultNodes(model)).length, 4);
    for (const name of ['dev', 'bulk', 'prod']) {
      rec.events.length = 0;
      settings.splice(
        settings.findIndex((v) => v.ref.name === name),
        1,
      );
      model.addedVaultsChanged(); // the settings event
      model.addedVaultsChanged(); // the Remove command, once its write is done
      assert.deepEqual(rec.events, [undefined], `re-renders after removing ${name}`);
      assert.equal(
        (await vaultNodes(model)).some((n) => n.vault.name === name),
        false,
        `${name} still shown`,
      );
    }
    // A settings event that leaves the added vaults as the tree shows them (the same list written again)
    // re-renders nothing; a renamed vault is a change.
    rec.events.length = 0;
    model.addedVaultsChanged();
    assert.deepEqual(rec.events, []);
    const locked = settings[0];
    assert.ok(locked);
    settings[0] = { ...locked, ref: { ...locked.ref, name: 'locked (renamed)' } };
    model.addedVaultsChanged();
    assert.deepEqual(rec.events, [undefined]);
    assert.deepEqual(
      (await vaultNodes(model)).map((n) => n.vault.name),
      ['locked (renamed)'],
    );
  });
});

// Issue 10 proof: the fault matrix. Every VaultClient operation × {429 with and without Retry-After, 503,
// dropped connection before and after the service applied the change, hang, 403, 404, 409}, against the local
// server. Each cell ends in success or one clear message within its budget; the vault state afterwards is what
// the outcome says; no cell creates a duplicate version. The matrix is printed as a table.
import * as assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server';
import type { FaultSpec } from '../../emulator/faults';
import type { Permission } from '../../emulator/seed';
import { SECRET_OPERATIONS, type SecretOperation } from '../../../src/vault/errors/context';
import { isKeyVaultFailure } from '../../../src/vault/KeyVaultFailure';
import type { SecretsVaultClient } from '../../../src/vault/SecretsVaultClient';
import { clientFor, start } from './helpers';

const VAULT = 'matrix';
const CALL_TIMEOUT_MS = 1500;
const POLL_BUDGET_MS = 1500;
/** A cell may take its call budget, the poll budget, and the SDK's retry waits (Retry-After 1 s, twice). */
const CELL_BUDGET_MS = CALL_TIMEOUT_MS + POLL_BUDGET_MS + 2500;

type Op = SecretOperation;
type Fault = '429+RA' | '429' | '503' | 'drop-before' | 'drop-after' | 'hang' | '403' | '404' | '409';

const OPS: readonly Op[] = SECRET_OPERATIONS;
const FAULTS: readonly Fault[] = ['429+RA', '429', '503', 'drop-before', 'drop-after', 'hang', '403', '404', '409'];

const ROUTE: Record<Op, string> = {
  listSecrets: 'GetSecrets',
  listVersions: 'GetSecretVersions',
  listDeleted: 'GetDeletedSecrets',
  getValue: 'GetSecret',
  setSecret: 'SetSecret',
  updateProperties: 'UpdateSecret',
  deleteSecret: 'DeleteSecret',
  getDeleted: 'GetDeletedSecret',
  purgeDeleted: 'PurgeDeletedSecret',
  recoverDeleted: 'RecoverDeletedSecret',
  backup: 'BackupSecret',
  restore: 'RestoreSecret',
};
const PERMISSION: Record<Op, Permission> = {
  listSecrets: 'list',
  listVersions: 'list',
  listDeleted: 'list',
  getValue: 'get',
  setSecret: 'set',
  updateProperties: 'set',
  deleteSecret: 'delete',
  getDeleted: 'get',
  purgeDeleted: 'purge',
  recoverDeleted: 'recover',
  backup: 'backup',
  restore: 'restore',
};

interface Cell {
  readonly outcome: string;
  readonly ms: number;
}

describe('fault matrix: every operation × every fault (issue 10)', function () {
  this.timeout(600_000);
  let emu: Emulator;
  let client: SecretsVaultClient;
  let cellNo = 0;
  const table = new Map<string, Cell>();
  before(async () => {
    emu = await start({ vaults: [{ name: VAULT, recoverableDays: 7 }] });
    client = clientFor(emu, VAULT, {
      pollIntervalMs: 50,
      pollBudgetMs: POLL_BUDGET_MS,
      transientConflictRetryMs: 1000,
      retryOptions: { maxRetries: 2, retryDelayInMs: 20, maxRetryDelayInMs: 100 },
    });
  });
  after(async () => {
    printMatrix(table);
    await emu.stop();
  });
  afterEach(() => {
    emu.clearFaults();
    emu.setPermissions(VAULT, undefined);
  });

  /** A fresh secret name per cell, in the state the operation needs. */
  async function prepare(op: Op, fault: Fault): Promise<{ name: string; backup?: Uint8Array }> {
    const name = `c${++cellNo}-${op.toLowerCase()}`.slice(0, 60);
    if (fault === '404' && op !== 'restore') return { name: `${name}-missing` };
    await client.setSecret(name, { value: `value-${name}` });
    if (op === 'purgeDeleted' || op === 'recoverDeleted' || op === 'getDeleted') await client.deleteSecret(name);
    if (op === 'restore') {
      const backup = await client.backup(name);
      if (fault !== '409') {
        await client.deleteSecret(name);
        await client.purgeDeleted(name);
      }
      return { name, backup };
    }
    if (fault === '409' && op === 'setSecret') await client.deleteSecret(name); // a soft-deleted name: 409 ObjectIsDeletedButRecoverable
    return { name };
  }

  function run(op: Op, name: string, backup: Uint8Array | undefined): Promise<unknown> {
    const o = { timeoutMs: CALL_TIMEOUT_MS };
    switch (op) {
      case 'listSecrets':
        return client.listSecrets(undefined, o);
      case 'listVersions':
        return client.listVersions(name, undefined, o);
      case 'listDeleted':
        return client.listDeleted(undefined, o);
      case 'getValue':
        return client.getValue(name, undefined, o);
      case 'setSecret':
        return client.setSecret(name, { value: `new-${name}` }, o);
      case 'updateProperties':
        return client
          .listVersions(name)
          .catch(() => ({ items: [] }))
          .then((p) =>
            client.updateProperties(name, p.items[0]?.version ?? '0'.repeat(32), { contentType: 'text/plain' }, o),
          );
      case 'deleteSecret':
        return client.deleteSecret(name, o);
      case 'getDeleted':
        return client.getDeleted(name, o);
      case 'purgeDeleted':
        return client.purgeDeleted(name, o);
      case 'recoverDeleted':
        return client.recoverDeleted(name, o);
      case 'backup':
        return client.backup(name, o);
      case 'restore':
        return client.restore(backup ?? new Uint8Array(), o);
    }
  }

  function inject(op: Op, fault: Fault): boolean {
    const route = ROUTE[op];
    const base = { vault: VAULT, route };
    const spec: FaultSpec | undefined =
      fault === '429+RA'
        ? { ...base, kind: '429', retryAfterSeconds: 1 }
        : fault === '429'
          ? { ...base, kind: '429' }
          : fault === '503'
            ? { ...base, kind: '503' }
            : fault === 'drop-before'
              ? { ...base, kind: 'drop', times: 1 }
              : fault === 'drop-after'
                ? { ...base, kind: 'dropAfter', times: 1 }
                : fault === 'hang'
                  ? { ...base, kind: 'hang' }
                  : undefined;
    if (spec !== undefined) emu.injectFault(spec);
    if (fault === '403') emu.setPermissions(VAULT, { deny: [PERMISSION[op]] });
    return true;
  }

  /** The version count of a secret (0 when it does not exist or is deleted). */
  async function versionCount(name: string): Promise<number> {
    try {
      return (await client.listVersions(name)).items.length;
    } catch {
      return 0;
    }
  }

  async function exists(name: string): Promise<boolean> {
    try {
      await client.getValue(name);
      return true;
    } catch {
      return false;
    }
  }

  async function deletedExists(name: string): Promise<boolean> {
    for (let i = 0; i < 10; i++) {
      try {
        await client.getDeleted(name);
        return true;
      } catch (e) {
        if (!(isKeyVaultFailure(e) && e.kind === 'notFound')) return true;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }

  for (const op of OPS) {
    for (const fault of FAULTS) {
      // 404 needs a name (lists of a vault have none; a backup carries its own); 409 exists only for a soft-deleted
      // or existing name (set, restore). Transient 409s (being deleted) are ridden out inside purge/set/recover.
      const applicable =
        !(fault === '404' && (op === 'listSecrets' || op === 'listDeleted' || op === 'restore')) &&
        !(fault === '409' && !['setSecret', 'restore'].includes(op));
      if (!applicable) {
        table.set(`${op}|${fault}`, { outcome: 'n/a', ms: 0 });
        continue;
      }
      it(`${op} × ${fault}`, async () => {
        const { name, backup } = await prepare(op, fault);
        const versionsBefore = await versionCount(name);
        inject(op, fault);
        const started = Date.now();
        let outcome: string;
        let failureKind: string | undefined;
        try {
          await run(op, name, backup);
          outcome = 'ok';
        } catch (e) {
          assert.ok(isKeyVaultFailure(e), `${op} × ${fault}: not a KeyVaultFailure: ${String(e)}`);
          assert.ok(
            e.message.length > 10 && !e.message.includes('\n'),
            `${op} × ${fault}: one clear line: ${e.message}`,
          );
          assert.ok(
            !e.message.includes(`value-${name}`) && !e.message.includes(`new-${name}`),
            'no value in the message',
          );
          failureKind = e.kind;
          outcome = e.kind;
        }
        const ms = Date.now() - started;
        emu.clearFaults();
        emu.setPermissions(VAULT, undefined);
        table.set(`${op}|${fault}`, { outcome, ms });
        assert.ok(ms < CELL_BUDGET_MS, `${op} × ${fault} took ${ms} ms (budget ${CELL_BUDGET_MS})`);

        // The state is what the outcome says.
        const versionsAfter = await versionCount(name);
        if (op === 'setSecret') {
          assert.ok(
            versionsAfter - versionsBefore <= 1,
            `${op} × ${fault}: one submit made ${versionsAfter - versionsBefore} versions`,
          );
          if (outcome === 'ok') assert.equal((await client.getValue(name)).value, `new-${name}`);
          else if (failureKind !== 'unconfirmed' && failureKind !== 'timeout')
            assert.equal(versionsAfter, versionsBefore, `${op} × ${fault}: failed but a version was added`);
        } else {
          assert.ok(versionsAfter <= Math.max(versionsBefore, 1), `${op} × ${fault}: versions appeared`);
        }
        if (op === 'deleteSecret' && outcome === 'ok')
          assert.equal(await deletedExists(name), true, 'reported deleted: it is deleted');
        if (
          op === 'deleteSecret' &&
          (failureKind === 'forbidden' || failureKind === 'throttled' || failureKind === 'unknown')
        )
          assert.equal(await exists(name), true, 'reported failed: it is still there');
        if (op === 'recoverDeleted' && outcome === 'ok')
          assert.equal(await exists(name), true, 'reported recovered: it is back');
        if (op === 'purgeDeleted' && outcome === 'ok')
          assert.equal(await deletedExists(name), false, 'reported purged: it is gone');
        if (op === 'purgeDeleted' && (failureKind === 'forbidden' || failureKind === 'throttled'))
          assert.equal(await deletedExists(name), true, 'reported failed: still deleted, not purged');
        if (op === 'restore' && (outcome === 'ok' || failureKind === 'unconfirmed') && fault !== '404')
          assert.equal(await exists(name), true, 'restored');
        // The expected ends, where they are certain.
        if (fault === '403') assert.equal(failureKind, 'forbidden');
        if (fault === '429') assert.equal(failureKind, 'throttled');
        if (fault === '429+RA') assert.equal(failureKind, 'throttled');
        if (fault === 'drop-before' || fault === 'drop-after')
          assert.ok(outcome === 'ok' || failureKind === 'unconfirmed', `${op} × ${fault}: ${outcome}`);
        if (fault === 'hang') assert.equal(failureKind, 'timeout');
      });
    }
  }
});

function printMatrix(table: ReadonlyMap<string, Cell>): void {
  const width = 18;
  const pad = (s: string, n: number): string => (s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length));
  const lines: string[] = [];
  lines.push(`\n  Fault matrix (outcome: ok = success; otherwise the failure kind the user sees as one message)`);
  lines.push(`  ${pad('operation', width)}${FAULTS.map((f) => pad(f, 22)).join('')}`);
  for (const op of OPS) {
    lines.push(`  ${pad(op, width)}${FAULTS.map((f) => pad(table.get(`${op}|${f}`)?.outcome ?? '-', 22)).join('')}`);
  }
  const cells = [...table.values()].filter((c) => c.outcome !== 'n/a');
  lines.push(
    `  cells run: ${cells.length}, success: ${cells.filter((c) => c.outcome === 'ok').length}, one clear message: ${cells.filter((c) => c.outcome !== 'ok').length}, slowest: ${Math.max(0, ...cells.map((c) => c.ms))} ms`,
  );
  console.log(lines.join('\n'));
}

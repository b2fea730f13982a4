// Actions on a tree row, through the production bundle: the host driver (hostDriver.ts, a child process)
// activates it with the stub `vscode`, expands a vault, runs the row's command and re-renders what the
// extension says changed, as VS Code's view would. Requests are the server's counts of that vault from the
// command's start until the view is quiet.

import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { EmulatorState, VaultSeed } from '../../test/emulator/server';
import type { Action } from './actions';
import type { DriverReply, DriverRequest, SecretRow } from './hostDriver';

export const TREE_VAULT = 'bench-tree';
const ROWS = 40;
const name = (i: number): string => `row-${String(i).padStart(3, '0')}`;

/** A vault of enabled secrets with a few versions each (each run acts on a row of its own). */
export function treeCommandVault(): VaultSeed {
  return {
    name: TREE_VAULT,
    secrets: Array.from({ length: ROWS }, (_, i) => ({
      name: name(i),
      versions: [
        { value: 'old', created: '-2d' },
        { value: 'current', created: '-1d' },
      ],
    })),
  };
}

/** The settings the driver's extension runs with: the tree vault added by URL, discovery on the local ARM. */
export function driverSettings(emu: EmulatorState): Record<string, unknown> {
  return {
    'keyVaultSecrets.vaults': [
      { url: emu.vaults[TREE_VAULT]?.url, name: TREE_VAULT, emulator: true, caFile: emu.caFile },
    ],
    'keyVaultSecrets.testing.armEndpoint': emu.armUrl,
    'keyVaultSecrets.testing.armCaFile': emu.caFile,
  };
}

export interface HostDriver {
  request(r: DriverRequest): Promise<DriverReply & { ok: true }>;
  stop(): void;
}

export async function startHostDriver(driverFile: string, env: Readonly<Record<string, string>>): Promise<HostDriver> {
  const child: ChildProcess = fork(driverFile, [], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: ((m: DriverReply) => void)[] = [];
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`the host driver exited (${String(code)})`)));
  });
  exited.catch(() => undefined);
  child.on('message', (m: DriverReply) => waiting.shift()?.(m));
  const next = async (): Promise<DriverReply & { ok: true }> => {
    const m = await Promise.race([new Promise<DriverReply>((resolve) => waiting.push(resolve)), exited]);
    if (!m.ok) throw new Error(m.error);
    return m;
  };
  await next(); // activated
  return {
    request(r) {
      const answer = next();
      child.send(r);
      return answer;
    },
    stop() {
      child.disconnect();
    },
  };
}

export function treeCommandActions(driver: HostDriver, emuUrl: () => string): Action<unknown>[] {
  let expanded = false;
  let nextRow = 0;
  const rowsNow = async (): Promise<readonly SecretRow[]> =>
    (await driver.request({ op: 'rows', vault: TREE_VAULT })).rows ?? [];
  const disable: Action<string> = {
    id: 'disableFromTree',
    label: 'disable from the tree (row refreshed)',
    scope: TREE_VAULT,
    minimum: { UpdateSecret: 1 },
    note: 'PATCH of the secret without a version (its current one) answers the new attributes: the row needs no other request (PROTOCOL.md §1.2)',
    async prepare() {
      if (!expanded) {
        await driver.request({ op: 'expand', vault: TREE_VAULT });
        expanded = true;
      }
      const secret = name(nextRow++);
      const row = (await rowsNow()).find((r) => r.name === secret);
      if (row?.enabled !== true) throw new Error(`row ${secret} is not shown enabled before the run`);
      return secret;
    },
    async act(secret) {
      const done = await driver.request({
        op: 'command',
        command: 'keyVaultSecrets.disableSecret',
        vault: TREE_VAULT,
        secret,
        quietMs: 100,
      });
      const row = (await rowsNow()).find((r) => r.name === secret);
      if (row?.enabled !== false)
        throw new Error(`unexpected outcome: the row of ${secret} is not shown disabled (${JSON.stringify(row)})`);
      return { wallMs: done.commandMs ?? 0, 'view refreshes': done.renders ?? 0 };
    },
  };
  const expand = async (): Promise<void> => {
    if (!expanded) {
      await driver.request({ op: 'expand', vault: TREE_VAULT });
      expanded = true;
    }
  };
  const vaultContext = async (): Promise<string> =>
    (await driver.request({ op: 'vaultContext', vault: TREE_VAULT })).context ?? '';
  const pin: Action<void> = {
    id: 'pinVaultFromTree',
    label: 'pin a vault from its row (rows re-ordered)',
    scope: TREE_VAULT,
    minimum: {},
    note: 'the pins are the user’s global state: no request',
    async prepare() {
      await expand();
      if ((await vaultContext()).includes(';pinned;'))
        await driver.request({ op: 'command', command: 'keyVaultSecrets.unpinVault', vault: TREE_VAULT, quietMs: 50 });
    },
    async act() {
      const done = await driver.request({
        op: 'command',
        command: 'keyVaultSecrets.pinVault',
        vault: TREE_VAULT,
        quietMs: 100,
      });
      if (!(await vaultContext()).includes(';pinned;')) throw new Error('unexpected outcome: the row is not pinned');
      return { wallMs: done.commandMs ?? 0, 'view refreshes': done.renders ?? 0 };
    },
  };
  const copyLink: Action<void> = {
    id: 'copyLinkToSecret',
    label: 'copy a link to a secret from its row',
    scope: TREE_VAULT,
    minimum: {},
    note: 'the link is made from the row: no request',
    async prepare() {
      await expand();
    },
    async act() {
      const done = await driver.request({
        op: 'command',
        command: 'keyVaultSecrets.copyLinkToSecret',
        vault: TREE_VAULT,
        secret: name(0),
        quietMs: 50,
      });
      return { wallMs: done.commandMs ?? 0 };
    },
  };
  const openLink: Action<void> = {
    id: 'openLinkToSecret',
    label: 'open a link to a secret (its row revealed)',
    scope: TREE_VAULT,
    minimum: {},
    note: 'the vault is expanded and the secret is on its first page: the row is found among the rows loaded, no request',
    async prepare() {
      await expand();
    },
    async act() {
      const url = emuUrl();
      const done = await driver.request({
        op: 'commandWithText',
        command: 'keyVaultSecrets.openLink',
        args: [`vscode://keyvault-secrets.keyvault-secrets/open?vault=${encodeURIComponent(url)}&secret=${name(3)}`],
        quietMs: 50,
      });
      return { wallMs: done.commandMs ?? 0 };
    },
  };
  return [disable, pin, copyLink, openLink];
}

export const hostDriverFile = (dir: string): string => join(dir, 'bench-driver.cjs');

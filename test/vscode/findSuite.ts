// Hooks shared by the issue 18 extension-host suites (find, sort, expiring, managed toggle).
import type { TestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import { EmulatorControlClient } from '../emulator/controlClient';
import type { VaultSeed } from '../emulator/seed';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, vaultNodeNamed } from './helpers';

export interface SuiteContext {
  api: TestApi;
  tree: KeyVaultTree;
  ui: TestApi['operations']['ui'];
  control: EmulatorControlClient;
}

/**
 * Registers the suite's hooks: the suite's own vaults on the local server and in the user settings (each shown under
 * its seed name; taken out again after the suite, after `cleanup`), and around every test a clean tree (no filter,
 * nothing loaded), zero request counts, no fault left and every prompt scripted and used. The context is filled in
 * by the first hook.
 */
export function useVaults(seeds: readonly VaultSeed[], cleanup?: () => PromiseLike<unknown>): SuiteContext {
  const ctx = {} as SuiteContext;
  let restore: (() => Promise<void>) | undefined;
  before(async () => {
    ctx.api = await getTestApi();
    ctx.tree = ctx.api.tree;
    ctx.ui = ctx.api.operations.ui;
    ctx.control = new EmulatorControlClient(emulatorControlUrl());
    restore = await addEmulatorVaults(
      ctx.control,
      seeds.map((seed) => ({ seed, displayName: seed.name })),
    );
    for (const s of seeds) await vaultNodeNamed(ctx.tree, s.name);
  });
  after(async () => {
    await cleanup?.();
    await restore?.();
  });
  beforeEach(async () => {
    await ctx.tree.clearFilter();
    ctx.tree.refreshAll();
    await ctx.control.resetCounts();
  });
  afterEach(async () => {
    await ctx.control.clearFaults();
    ctx.ui.verify();
  });
  return ctx;
}

// Shared setup for the vault integration tests: a local emulator and clients pointed at it.
// Under `npm run test:live` the same calls go to the live vault instead (test/live/target.ts).
import { liveTarget } from '../../live/target';
import { startEmulator, type Emulator, type SeedFile } from '../../emulator/server';
import * as assert from 'node:assert/strict';
import { staticTokenCredential } from '../../../src/vault/credentials';
import { isKeyVaultFailure, type KeyVaultFailure } from '../../../src/vault/KeyVaultFailure';
import type { FailureKind } from '../../../src/vault/model';
import { SecretsVaultClient, type SecretsVaultClientOptions } from '../../../src/vault/SecretsVaultClient';
import type { VaultRef } from '../../../src/vault/model';

export async function start(seed: SeedFile, asyncWindowMs = 0): Promise<Emulator> {
  const live = liveTarget();
  if (live !== undefined) return live.start(seed);
  return startEmulator({ seed, asyncWindowMs });
}

export function vaultRef(emu: Emulator, name: string): VaultRef {
  const url = emu.vaults[name]?.url;
  if (url === undefined) throw new Error(`no vault ${name}`);
  return { key: url, name, url, source: 'added', emulator: true, caFile: emu.caFile };
}

export function clientFor(
  emu: Emulator,
  name: string,
  options: Partial<SecretsVaultClientOptions> = {},
): SecretsVaultClient {
  const live = liveTarget();
  if (live !== undefined) return live.clientFor(emu, name, options);
  return new SecretsVaultClient(vaultRef(emu, name), {
    credential: staticTokenCredential(),
    emulator: true,
    caPem: () => Promise.resolve(emu.caPem),
    pollIntervalMs: 50,
    retryOptions: { maxRetries: 2, retryDelayInMs: 20, maxRetryDelayInMs: 100 },
    ...options,
  });
}

/** Counts for one vault without the zero entries. */
export function counts(emu: Emulator, vault: string): Record<string, number> {
  return Object.fromEntries(Object.entries(emu.counts(vault)).filter(([, n]) => n > 0));
}

/** Awaits a call that must fail with a KeyVaultFailure of this kind; returns the failure. */
export async function failure(promise: Promise<unknown>, kind: FailureKind): Promise<KeyVaultFailure> {
  try {
    await promise;
  } catch (e) {
    assert.ok(isKeyVaultFailure(e), `expected a KeyVaultFailure, got ${String(e)}`);
    assert.equal(e.kind, kind, `expected ${kind}, got ${e.kind}: ${e.message}`);
    return e;
  }
  assert.fail(`expected a ${kind} failure`);
}

/**
 * Retries `call` while it fails with a KeyVaultFailure of kind `while`, for at most `withinMs`: the local server
 * answers at once, the real service (the live tier) after its own window (a name stays taken for a few
 * seconds after a purge; a delete becomes visible after 2-5 s).
 */
export async function settled<T>(call: () => Promise<T>, whileKind: FailureKind, withinMs = 15_000): Promise<T> {
  const until = Date.now() + withinMs;
  for (;;) {
    try {
      return await call();
    } catch (e) {
      if (!isKeyVaultFailure(e) || e.kind !== whileKind || Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

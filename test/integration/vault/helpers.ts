// Shared setup for the vault integration tests: a local emulator and clients pointed at it.
import { startEmulator, type Emulator, type SeedFile } from '../../emulator/server';
import { staticTokenCredential } from '../../../src/vault/credentials';
import { SecretsVaultClient, type SecretsVaultClientOptions } from '../../../src/vault/SecretsVaultClient';
import type { VaultRef } from '../../../src/vault/model';

export async function start(seed: SeedFile, asyncWindowMs = 0): Promise<Emulator> {
  return startEmulator({ seed, asyncWindowMs });
}

export function vaultRef(emu: Emulator, name: string): VaultRef {
  const url = emu.vaults[name]?.url;
  if (url === undefined) throw new Error(`no vault ${name}`);
  return { key: url, name, url, source: 'added', emulator: true, caFile: emu.caFile };
}

export function clientFor(emu: Emulator, name: string, options: Partial<SecretsVaultClientOptions> = {}): SecretsVaultClient {
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

// Starts the local Key Vault server for the VS Code tiers and turns its vaults into the user
// settings the extension reads (each an added vault, marked as an emulator, trusting its CA).
import { existsSync, readFileSync } from 'node:fs';
import { startEmulator, type Emulator } from '../emulator/server';
import type { SeedFile } from '../emulator/seed';

export interface TestEmulator {
  readonly emulator: Emulator;
  readonly controlUrl: string;
  /** User settings that point the extension at every seeded vault. */
  readonly settings: Record<string, unknown>;
  stop(): Promise<void>;
}

export function vaultSettings(
  emulator: Emulator,
): Array<{ url: string; name: string; emulator: true; caFile: string }> {
  return Object.entries(emulator.vaults).map(([name, v]) => ({
    url: v.url,
    name,
    emulator: true as const,
    caFile: emulator.caFile,
  }));
}

/** `seedFile`: a seed JSON file (no vaults when it does not exist yet), or 'demo' for the generated demo seed. */
export async function startTestEmulator(seedFile: string, asyncWindowMs = 0): Promise<TestEmulator> {
  let seed: SeedFile | string = 'demo';
  if (seedFile !== 'demo')
    seed = existsSync(seedFile) ? (JSON.parse(readFileSync(seedFile, 'utf8')) as SeedFile) : { vaults: [] };
  const emulator = await startEmulator({ seed, asyncWindowMs });
  return {
    emulator,
    controlUrl: emulator.controlUrl,
    settings: { 'keyVaultSecrets.vaults': vaultSettings(emulator) },
    stop: () => emulator.stop(),
  };
}

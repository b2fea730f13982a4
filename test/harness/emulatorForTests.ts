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

export function vaultSettings(emulator: Emulator): Array<{ url: string; name: string; emulator: true; caFile: string }> {
  return Object.entries(emulator.vaults).map(([name, v]) => ({ url: v.url, name, emulator: true as const, caFile: emulator.caFile }));
}

export async function startTestEmulator(seedFile: string | 'demo', asyncWindowMs = 0): Promise<TestEmulator> {
  const seed: SeedFile | 'demo' = seedFile === 'demo' || !existsSync(seedFile)
    ? (seedFile === 'demo' ? 'demo' : { vaults: [] })
    : JSON.parse(readFileSync(seedFile, 'utf8')) as SeedFile;
  const emulator = await startEmulator({ seed, asyncWindowMs });
  return {
    emulator,
    controlUrl: emulator.controlUrl,
    settings: { 'keyVaultSecrets.vaults': vaultSettings(emulator) },
    stop: () => emulator.stop(),
  };
}

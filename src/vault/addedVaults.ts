// Vaults added by URL, read from the `keyVaultSecrets.vaults` setting. Pure: no `vscode`.

import { parseVaultUrl } from '../shared/vaultUrl';
import type { VaultRef } from './model';

export interface AddedVaultsResult {
  readonly vaults: readonly VaultRef[];
  /** One line per ignored entry (invalid URL, duplicate), for the log. */
  readonly problems: readonly string[];
}

/** Turns the raw setting value into VaultRefs: invalid entries are skipped and reported, duplicates merged. */
export function parseAddedVaults(setting: unknown): AddedVaultsResult {
  const vaults: VaultRef[] = [];
  const problems: string[] = [];
  if (setting === undefined || setting === null) return { vaults, problems };
  if (!Array.isArray(setting)) return { vaults, problems: ['keyVaultSecrets.vaults must be an array.'] };
  const seen = new Set<string>();
  setting.forEach((entry: unknown, index) => {
    const raw = typeof entry === 'string' ? { url: entry } : entry;
    if (typeof raw !== 'object' || raw === null) {
      problems.push(`keyVaultSecrets.vaults[${index}] is not an object with a "url".`);
      return;
    }
    const { url, name, emulator, caFile } = raw as { url?: unknown; name?: unknown; emulator?: unknown; caFile?: unknown };
    if (typeof url !== 'string') {
      problems.push(`keyVaultSecrets.vaults[${index}] has no "url".`);
      return;
    }
    const parsed = parseVaultUrl(url);
    if (!parsed.ok) {
      problems.push(`keyVaultSecrets.vaults[${index}] (${url}): ${parsed.message}`);
      return;
    }
    if (seen.has(parsed.url)) {
      problems.push(`keyVaultSecrets.vaults[${index}] (${url}) is listed twice; the first entry is used.`);
      return;
    }
    seen.add(parsed.url);
    const displayName = typeof name === 'string' && name.trim() !== '' ? name.trim() : new URL(parsed.url).host;
    vaults.push({
      key: parsed.url,
      name: displayName,
      url: parsed.url,
      source: 'added',
      ...(emulator === true ? { emulator: true } : {}),
      ...(typeof caFile === 'string' && caFile.trim() !== '' ? { caFile: caFile.trim() } : {}),
    });
  });
  return { vaults, problems };
}

// The read-only vault tools: the user's vaults, secrets found by name, one secret's metadata and versions. Metadata
// only: they list (ListSecrets, ListSecretVersions) and never get a secret (GetSecret answers the value). Requests
// are silent (the quiet client: no sign-in prompt on an agent's word).

import { eachLimited } from '../shared/concurrency';
import { t } from '../shared/l10n';
import { plainLine } from '../shared/markup';
import { listAll } from '../vault/listing';
import type { VaultRef } from '../vault/model';
import { userMessage } from '../vault/userMessage';
import { vaultDirectory } from '../vault/VaultDirectory';
import { versionsNewestFirst } from '../vault/versionOrder';
import { checked, inputVault, type ToolSpec } from './toolRuntime';
import { matchesNamePattern, toolNamePattern, toolSecretName } from './toolInputs';
import { answer, DATA_NOTE, metadataOf, secretRow, vaultRow } from './toolResults';

/** The most secrets Find Secrets answers (a narrower pattern finds the rest). */
export const MAX_FOUND = 100;
/** Vaults listed at once by Find Secrets. */
const FIND_CONCURRENCY = 4;

export function listVaultsTool(): ToolSpec {
  return {
    keys: [],
    run: async ({ signal }) => {
      const vaults = await vaultDirectory().userVaults({ signal });
      if (vaults.length === 0)
        return t(
          'The user has no Key Vault yet: they can sign in to Azure or add a vault by URL in the Key Vault view.',
        );
      return answer(`${t("The user's vaults ({0}).", vaults.length)} ${DATA_NOTE}`, vaults.map(vaultRow));
    },
  };
}

export function findSecretsTool(): ToolSpec {
  return {
    keys: ['pattern', 'vault'],
    run: async ({ input, signal }) => {
      const pattern = checked(toolNamePattern(input.pattern));
      const vaults: readonly VaultRef[] =
        input.vault === undefined ? await vaultDirectory().userVaults({ signal }) : [inputVault(input.vault)];
      const found: Array<Record<string, unknown>> = [];
      const failed: Array<Record<string, unknown>> = [];
      let more = false;
      await eachLimited(vaults, FIND_CONCURRENCY, async (vault) => {
        if (signal.aborted) return;
        try {
          const client = vaultDirectory().quietClientFor(vault);
          const secrets = await listAll((token) => client.listSecrets(token, { signal }));
          for (const s of secrets) {
            if (!matchesNamePattern(s.name, pattern)) continue;
            if (found.length >= MAX_FOUND) more = true;
            else found.push(secretRow(vault, s));
          }
        } catch (e) {
          if (signal.aborted) throw e;
          failed.push({ vault: vault.url, problem: plainLine(userMessage(e)) });
        }
      });
      const heading = more
        ? t('The first {0} secrets whose names match (more match: give a narrower pattern).', MAX_FOUND)
        : t('{0} secrets whose names match, in {1} vaults.', found.length, vaults.length);
      return answer(`${heading} ${DATA_NOTE}`, {
        secrets: found,
        ...(failed.length > 0 ? { vaultsNotSearched: failed } : {}),
      });
    },
  };
}

export function secretMetadataTool(): ToolSpec {
  return {
    keys: ['vault', 'name'],
    run: async ({ input, signal }) => {
      const vault = inputVault(input.vault);
      const name = checked(toolSecretName(input.name));
      const versions = await versionsNewestFirst(vaultDirectory().quietClientFor(vault), name, signal);
      if (versions.length === 0) return t('Vault {0} has no secret named {1}.', vault.url, name);
      return answer(
        `${t('Secret {0} of {1}: its current version first, then every version (newest first).', name, vault.url)} ${DATA_NOTE}`,
        metadataOf(vault, name, versions),
      );
    },
  };
}

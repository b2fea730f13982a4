// Show Vault Guards: the vault's permission model, network rules and deletion guards, from one ARM read kept with
// the vault (read again only after a fix changed it).

import type { CommandContext } from './commandTable';
import { resolveVault } from './pickers';
import { t } from '../shared/l10n';
import { info } from '../ui/prompts';
import { guardLines } from '../vault/accessGuards';
import { vaultDirectory } from '../vault/VaultDirectory';

export async function showVaultGuards(c: CommandContext, arg: unknown): Promise<void> {
  const { vault } = await resolveVault(c, arg, t('Show Vault Guards'));
  const guards = await vaultDirectory().access.guards(vault);
  if (guards === undefined)
    throw new Error(
      t(
        'Vault {0} was added by URL: its guards are in its Azure resource, known only for vaults discovered through your Azure account.',
        vault.name,
      ),
    );
  void info(t('Vault {0}: {1}', vault.name, guardLines(guards).join('; ')));
}

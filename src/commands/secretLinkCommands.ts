// Links to a vault or a secret (src/shared/secretLinks.ts): Open Link (what the editor's URI handler hands over,
// registered at activation as a stand-in) reveals the vault, or the secret, in the Vaults view; Copy Link to Vault
// and Copy Link to Secret put such a link on the clipboard. A link only reveals a vault the user already has
// (discovered or added by them); for another, it asks before adding it. It reads metadata only, never a value.

import * as vscode from 'vscode';
import { parseLink, linkTo } from '../shared/secretLinks';
import { t } from '../shared/l10n';
import { isKeyVaultHost } from '../shared/vaultUrl';
import type { KeyVaultTree } from '../tree/KeyVaultTree';
import { addVault } from '../tree/treeCommands';
import { flash, warning } from '../ui/prompts';
import { UserCancelled } from '../ui/UserCancelled';
import type { VaultRef } from '../vault/model';
import { vaultDirectory } from '../vault/VaultDirectory';
import { resolveSecret, resolveVault } from './pickers';
import type { Services } from './services';

async function userVault(url: string): Promise<VaultRef | undefined> {
  const own = await vaultDirectory().userVaults();
  return own.find((v) => v.key === url && v.source === 'discovered') ?? own.find((v) => v.key === url);
}

/** Opens a link (the URI handler's, as text): the vault's row, or the secret's, shown and selected. */
export async function openLink(tree: KeyVaultTree, arg: unknown): Promise<void> {
  if (typeof arg !== 'string') throw new Error(t('This link cannot be opened.'));
  const target = parseLink(arg);
  if (!target.ok) throw new Error(target.message);
  let vault = await userVault(target.vaultUrl);
  if (vault === undefined) {
    // A link from outside may offer only an Azure Key Vault to add (a *.vault.azure.net host, or a sovereign
    // cloud's): a custom host, a private address or a local emulator is added by the user, by URL, not by a link.
    if (!isKeyVaultHost(new URL(target.vaultUrl).host))
      throw new Error(
        t(
          'The link opens {0}, which is not one of your vaults and not an Azure Key Vault address; add it by URL yourself if you trust it.',
          target.vaultUrl,
        ),
      );
    const add = t('Add Vault');
    const answer = await warning(
      t('The link opens {0}, which is not one of your vaults. Add it to the Vaults view?', target.vaultUrl),
      { modal: true, detail: t('Only add vaults you trust: the link came from outside the editor.') },
      add,
    );
    if (answer !== add) throw new UserCancelled();
    await addVault(tree, target.vaultUrl);
    vault = await userVault(target.vaultUrl);
    if (vault === undefined) throw new Error(t('{0} could not be added.', target.vaultUrl));
  }
  const shown =
    target.secret === undefined
      ? (await tree.revealVault(vault)) !== undefined
      : await tree.revealSecret(vault, target.secret);
  if (!shown)
    throw new Error(
      target.secret === undefined
        ? t('{0} could not be shown in the Vaults view.', vault.name)
        : t('Secret "{0}" was not found in {1} (or the filter hides it).', target.secret, vault.name),
    );
}

export async function copyLinkToVault(s: Services, arg?: unknown): Promise<void> {
  const target = await resolveVault(s, arg, t('Copy Link to Vault'));
  await s.clipboard.copyText(linkTo(vscode.env.uriScheme, target.vault.url));
  flash(t('Copied a link to {0}', target.vault.name), 'copy');
}

export async function copyLinkToSecret(s: Services, arg?: unknown): Promise<void> {
  const target = await resolveSecret(s, arg, t('Copy Link to Secret'));
  await s.clipboard.copyText(linkTo(vscode.env.uriScheme, target.vault.url, target.name));
  flash(t('Copied a link to {0}', target.name), 'copy');
}

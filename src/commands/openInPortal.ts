import * as vscode from 'vscode';
import { portalUrl, secretPortalUrl } from '../shared/portalUrl';
import { portalForCloud } from '../vault/vscodeAuth';
import { resolveVault } from './pickers';
import type { Services } from './services';
import { targetOf } from './targets';
import { t } from '../shared/l10n';

/**
 * Opens a discovered vault in the Azure portal, in the user's cloud: a secret or version row opens that secret's (or
 * version's) own page, a deleted secret the vault's secrets, a vault its overview (or a picked vault).
 */
export async function openInPortal(s: Services, arg?: unknown): Promise<void> {
  const target = targetOf(s, arg);
  const { vault } =
    target !== undefined ? { vault: target.vault } : await resolveVault(s, undefined, 'Open in Azure Portal');
  if (vault.source !== 'discovered' || vault.resourceId === undefined) {
    throw new Error(
      t(
        'Vault {0} was added by URL: the portal link is known only for vaults discovered through your Azure account.',
        vault.name,
      ),
    );
  }
  const portal = portalForCloud();
  const link =
    target?.kind === 'secret'
      ? secretPortalUrl(vault.url, vault.tenantId, target.name, target.version, portal)
      : portalUrl(vault.resourceId, vault.tenantId, target?.kind === 'deleted' ? target.name : undefined, portal);
  await vscode.env.openExternal(vscode.Uri.parse(link, true));
}

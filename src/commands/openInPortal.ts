import * as vscode from 'vscode';
import { portalUrl, secretPortalUrl } from '../shared/portalUrl';
import { portalForCloud } from '../vault/vscodeAuth';
import { resolveVault } from './pickers';
import type { Services } from './services';
import { targetOf } from './targets';
import { t as l10nT } from '../shared/l10n';

/**
 * Opens a discovered vault in the Azure portal, in the user's cloud: a secret or version row opens that secret's (or
 * version's) own page, a deleted secret the vault's secrets, a vault its overview (or a picked vault).
 */
export async function openInPortal(s: Services, arg?: unknown): Promise<void> {
  const t = targetOf(s, arg);
  const { vault } = t !== undefined ? { vault: t.vault } : await resolveVault(s, undefined, 'Open in Azure Portal');
  if (vault.source !== 'discovered' || vault.resourceId === undefined) {
    throw new Error(
      l10nT(
        'Vault {0} was added by URL: the portal link is known only for vaults discovered through your Azure account.',
        vault.name,
      ),
    );
  }
  const portal = portalForCloud();
  const link =
    t?.kind === 'secret'
      ? secretPortalUrl(vault.url, vault.tenantId, t.name, t.version, portal)
      : portalUrl(vault.resourceId, vault.tenantId, t?.kind === 'deleted' ? t.name : undefined, portal);
  await vscode.env.openExternal(vscode.Uri.parse(link, true));
}

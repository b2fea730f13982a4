import * as vscode from 'vscode';
import { portalUrl } from '../shared/portalUrl';
import { portalForCloud } from '../vault/vscodeAuth';
import { resolveVault } from './pickers';
import type { Services } from './services';
import { targetOf } from './targets';

/** Opens a discovered vault (from a vault, secret or version node, or picked) in the Azure portal. */
export async function openInPortal(s: Services, arg?: unknown): Promise<void> {
  const t = targetOf(s, arg);
  const { vault } = t !== undefined ? { vault: t.vault } : await resolveVault(s, undefined, 'Open in Azure Portal');
  if (vault.source !== 'discovered' || vault.resourceId === undefined) {
    throw new Error(`Vault ${vault.name} was added by URL: the portal link is known only for vaults discovered through your Azure account.`);
  }
  const name = t?.kind === 'secret' || t?.kind === 'deleted' ? t.name : undefined;
  await vscode.env.openExternal(vscode.Uri.parse(portalUrl(vault.resourceId, vault.tenantId, name, portalForCloud())));
}

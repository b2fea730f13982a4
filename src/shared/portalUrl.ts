import { isSecretName, isSecretVersion } from './validation';
import { parseVaultUrl } from './vaultUrl';
import { t } from './l10n';

/** Portal page of a discovered vault (or of its secrets), in the given cloud's portal. */
export function portalUrl(
  resourceId: string,
  tenantId: string | undefined,
  secretName?: string,
  portal = 'https://portal.azure.com',
): string {
  const tenant = tenantId !== undefined && tenantId !== '' ? `@${tenantId}` : '';
  const blade = secretName !== undefined ? 'secrets' : 'overview';
  return `${portal}/#${tenant}/resource${resourceId}/${blade}`;
}

const TENANT = /^[A-Za-z0-9.-]{1,253}$/;

/**
 * The portal's own page of one secret (its versions), or of one version, in the given cloud's portal: the portal
 * opens a secret by its identifier (`#@tenant/asset/Microsoft_Azure_KeyVault/Secret/<secret id>`). Every part is
 * checked first (the vault URL by the one URL rule, the name and version by Key Vault's rules, the portal must be
 * an https origin), so nothing from a list or a setting can reshape the link; throws in words otherwise.
 */
export function secretPortalUrl(
  vaultUrl: string,
  tenantId: string | undefined,
  name: string,
  version?: string,
  portal = 'https://portal.azure.com',
): string {
  const vault = parseVaultUrl(vaultUrl);
  if (!vault.ok) throw new Error(t('The vault URL cannot be linked to the portal: {0}', vault.message));
  if (!isSecretName(name))
    throw new Error(t("The secret name does not follow Key Vault's rules, so it has no portal page."));
  if (version !== undefined && !isSecretVersion(version))
    throw new Error(t("The version id does not follow Key Vault's rules, so it has no portal page."));
  const origin = /^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/.exec(portal);
  if (origin === null)
    throw new Error(t('The portal address must be an https origin, for example https://portal.azure.com.'));
  const base = portal.replace(/\/$/, '');
  const tenant = tenantId !== undefined && TENANT.test(tenantId) ? `@${tenantId}` : '';
  const id = `${vault.url}/secrets/${name}${version !== undefined ? `/${version}` : ''}`;
  return `${base}/#${tenant}/asset/Microsoft_Azure_KeyVault/Secret/${id}`;
}

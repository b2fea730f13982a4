/** Portal page of a discovered vault (or of its secrets), in the given cloud's portal. */
export function portalUrl(resourceId: string, tenantId: string | undefined, secretName?: string, portal = 'https://portal.azure.com'): string {
  const tenant = tenantId !== undefined && tenantId !== '' ? `@${tenantId}` : '';
  const blade = secretName !== undefined ? 'secrets' : 'overview';
  return `${portal}/#${tenant}/resource${resourceId}/${blade}`;
}

// Links that open a vault or a secret in the Vaults view, for docs and chat messages:
//   <editor scheme>://keyvault-secrets.keyvault-secrets/open?vault=<https vault URL>[&secret=<name>]
// A link is untrusted text: its path, every query parameter, the vault URL (the one vault URL rule) and the secret
// name (the one name rule) are checked before anything is looked up. Pure (no `vscode`, no Node APIs).

import { t } from './l10n';
import { validateSecretName } from './validation';
import { parseVaultUrl } from './vaultUrl';

/** package.json's `publisher`.`name`: the authority VS Code hands this extension's links to. */
export const EXTENSION_ID = 'keyvault-secrets.keyvault-secrets';
export const LINK_PATH = '/open';
/** The longest query read (a vault URL and a name fit well within it). */
const MAX_QUERY = 1024;

export type LinkTarget =
  | { readonly ok: true; readonly vaultUrl: string; readonly secret?: string }
  | { readonly ok: false; readonly message: string };

/** The link to a vault, or to a secret of it; `scheme` is the editor's own (vscode, vscode-insiders, …). */
export function linkTo(scheme: string, vaultUrl: string, secret?: string): string {
  const query = `vault=${encodeURIComponent(vaultUrl)}${secret !== undefined ? `&secret=${encodeURIComponent(secret)}` : ''}`;
  return `${scheme}://${EXTENSION_ID}${LINK_PATH}?${query}`;
}

/** The most text taken as a link. */
const MAX_LINK = 2048;

/** What a link (the text VS Code hands over) asks for, or why it is refused. */
export function parseLink(text: string): LinkTarget {
  const refuse = (message: string): LinkTarget => ({ ok: false, message });
  if (text.length > MAX_LINK) return refuse(t('This link is too long.'));
  let link: URL;
  try {
    link = new URL(text);
  } catch {
    return refuse(t('This is not a link.'));
  }
  if (link.host.toLowerCase() !== EXTENSION_ID || link.pathname !== LINK_PATH)
    return refuse(t('This link does not open anything in Key Vault Secrets (unknown path).'));
  const query = link.search.replace(/^\?/, '');
  if (query.length > MAX_QUERY) return refuse(t('This link is too long.'));
  const params = new URLSearchParams(query);
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (key !== 'vault' && key !== 'secret') return refuse(t('This link has a part Key Vault Secrets does not know.'));
    if (seen.has(key)) return refuse(t('This link names more than one vault or secret.'));
    seen.add(key);
  }
  const vault = parseVaultUrl(params.get('vault') ?? '');
  if (!vault.ok) return refuse(t('This link does not name a valid vault: {0}', vault.message));
  const secret = params.get('secret');
  if (secret === null) return { ok: true, vaultUrl: vault.url };
  const problem = validateSecretName(secret);
  if (problem !== undefined) return refuse(t('This link does not name a valid secret: {0}', problem));
  return { ok: true, vaultUrl: vault.url, secret };
}

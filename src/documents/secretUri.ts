// The URI of a read-only secret document, encoded and decoded as plain strings (no `vscode`, unit-tested).
//
//   keyvault-secret://<vault host[:port]>/<secret name>/<version | "latest">/<file name>?view=value|properties|deleted
//
// The file name is what the editor tab shows (`api-key.json`, `api-key@3f2a9c12.txt`, `api-key.properties.json`);
// its extension comes from the content type so VS Code picks the language. A URI never contains a secret value:
// only the vault host, the secret name, a version id and the view.

import { isSecretName, isSecretVersion } from '../shared/validation';
import { vaultAuthority } from '../shared/vaultUrl';
import { t } from '../shared/l10n';

export const SECRET_SCHEME = 'keyvault-secret';

export type SecretDocView = 'value' | 'properties' | 'deleted';

export interface SecretDocRef {
  /** https://host[:port], as VaultRef.url. */
  readonly vaultUrl: string;
  readonly name: string;
  /** Absent = the latest version. */
  readonly version?: string;
  readonly view: SecretDocView;
  /** Only used to choose the file extension (and so the language) when encoding. */
  readonly contentType?: string;
}

const VIEWS: readonly SecretDocView[] = ['value', 'properties', 'deleted'];
const LATEST = 'latest';

/** File extension (with the dot) for a content type; `.txt` when nothing more specific is known. */
export function extensionForContentType(contentType: string | undefined): string {
  const ct = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (ct === '') return '.txt';
  if (ct === 'application/json' || ct.endsWith('+json') || ct === 'text/json') return '.json';
  if (ct === 'application/xml' || ct === 'text/xml' || ct.endsWith('+xml')) return '.xml';
  if (ct === 'application/yaml' || ct === 'application/x-yaml' || ct === 'text/yaml' || ct === 'text/x-yaml')
    return '.yaml';
  if (ct === 'application/x-pem-file' || ct === 'application/x-pem') return '.pem';
  if (ct === 'text/markdown') return '.md';
  if (ct === 'text/html') return '.html';
  if (ct === 'text/css') return '.css';
  if (ct === 'text/csv') return '.csv';
  if (ct === 'application/javascript' || ct === 'text/javascript') return '.js';
  if (ct === 'application/x-sh' || ct === 'text/x-shellscript' || ct === 'application/x-shellscript') return '.sh';
  if (ct === 'application/toml' || ct === 'text/toml') return '.toml';
  if (ct === 'text/x-ini' || ct === 'application/x-ini') return '.ini';
  if (ct === 'text/x-properties' || ct === 'text/x-java-properties') return '.properties';
  if (ct === 'application/sql' || ct === 'text/x-sql') return '.sql';
  return '.txt';
}

function authorityOf(vaultUrl: string): string | undefined {
  return vaultAuthority(vaultUrl);
}

function fileNameOf(ref: SecretDocRef): string {
  const base = ref.version !== undefined ? `${ref.name}@${ref.version.slice(0, 8)}` : ref.name;
  switch (ref.view) {
    case 'value':
      return `${base}${extensionForContentType(ref.contentType)}`;
    case 'properties':
      return `${base}.properties.json`;
    case 'deleted':
      return `${ref.name}.deleted.json`;
  }
}

/** Encodes a reference; throws on a vault URL, name or version that could not come from Key Vault. */
export function encodeSecretUri(ref: SecretDocRef): string {
  const authority = authorityOf(ref.vaultUrl);
  if (authority === undefined) throw new Error(t('Not a vault URL.'));
  if (!isSecretName(ref.name)) throw new Error(t('Not a secret name.'));
  if (ref.version !== undefined && !isSecretVersion(ref.version)) throw new Error(t('Not a version id.'));
  return `${SECRET_SCHEME}://${authority}/${ref.name}/${ref.version ?? LATEST}/${fileNameOf(ref)}?view=${ref.view}`;
}

/** Decodes a URI string (encoded or not; a fragment is ignored); undefined when it is not one of ours. */
export function decodeSecretUri(uri: string): SecretDocRef | undefined {
  let text: string;
  try {
    text = decodeURIComponent(uri);
  } catch {
    return undefined;
  }
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)\/([^/?#]+)\/([^/?#]+)\/([^/?#]+)\?view=([a-z]+)(?:#[^?]*)?$/i.exec(
    text,
  );
  if (m === null) return undefined;
  const [, scheme, authorityRaw, name, versionSegment, , view] = m;
  if (
    scheme?.toLowerCase() !== SECRET_SCHEME ||
    authorityRaw === undefined ||
    name === undefined ||
    versionSegment === undefined
  )
    return undefined;
  const authority = vaultAuthority(`https://${authorityRaw}`);
  if (authority === undefined || !isSecretName(name)) return undefined;
  if (!VIEWS.includes(view as SecretDocView)) return undefined;
  const version = versionSegment === LATEST ? undefined : versionSegment;
  if (version !== undefined && !isSecretVersion(version)) return undefined;
  return {
    vaultUrl: `https://${authority}`,
    name,
    ...(version !== undefined ? { version } : {}),
    view: view as SecretDocView,
  };
}

/** Two references name the same secret (any version, any view). */
export function sameSecret(a: SecretDocRef, b: { readonly vaultUrl: string; readonly name: string }): boolean {
  return authorityOf(a.vaultUrl) === authorityOf(b.vaultUrl) && a.name.toLowerCase() === b.name.toLowerCase();
}

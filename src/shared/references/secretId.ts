// Secret identifiers, https://<vault-host>[:port]/secrets/<name>[/<version>][/]: the parse of one identifier (also
// the SecretUri of an App Service reference), and the scan for bare identifiers in a file. Pure.

import { t } from '../l10n';
import { isSecretVersion, validateSecretName } from '../validation';
import { parseVaultUrl } from '../vaultUrl';
import type { Span } from './appServiceParams';
import {
  MAX_REFERENCE_LENGTH,
  notAVersion,
  type KeyVaultReference,
  type ReferenceSyntax,
  type VaultLocator,
} from './referenceModel';
import { hostKind } from './referenceRules';
import { tokenEnd } from './urlToken';

export type SecretIdResult =
  | {
      readonly ok: true;
      readonly vault: VaultLocator & { readonly kind: 'url' };
      readonly name: string;
      readonly nameSpan: Span;
      readonly version?: string;
      readonly versionSpan?: Span;
    }
  | { readonly ok: false; readonly message: string };

/** Parses a secret identifier found at `base` in the text. Trailing slash allowed after the name or version. */
export function parseSecretId(id: string, base = 0): SecretIdResult {
  if (!/^https:\/\//i.test(id)) return { ok: false, message: t('A secret URI must start with https://.') };
  if (id.length > MAX_REFERENCE_LENGTH) return { ok: false, message: t('This is too long for a secret URI.') };
  const authorityEnd = id.indexOf('/', 8);
  const authority = id.slice(8, authorityEnd < 0 ? id.length : authorityEnd);
  if (authority.length === 0)
    return {
      ok: false,
      message: t('A secret URI needs the vault host, for example https://contoso.vault.azure.net/secrets/name.'),
    };
  const vaultUrl = parseVaultUrl(`https://${authority}`);
  if (!vaultUrl.ok) return { ok: false, message: vaultUrl.message };
  const hostname = vaultUrl.host;
  const vault = {
    kind: 'url' as const,
    url: vaultUrl.url,
    hostname,
    hostKind: hostKind(hostname),
    span: { start: base, end: base + 8 + authority.length },
  };
  if (authorityEnd < 0)
    return { ok: false, message: t('A secret URI needs the path /secrets/<name> after the vault host.') };
  const segments = id.slice(authorityEnd + 1).split('/', 5); // more than 4 is refused: no need to split all
  if (segments.length > 4 || segments[0]?.toLowerCase() !== 'secrets') {
    return { ok: false, message: t('A secret URI has the path /secrets/<name> or /secrets/<name>/<version>.') };
  }
  const name = segments[1] ?? '';
  const nameStart = base + authorityEnd + 1 + 'secrets/'.length;
  const nameMessage = validateSecretName(name);
  if (nameMessage !== undefined)
    return {
      ok: false,
      message: name.length === 0 ? t('A secret URI needs the secret name after /secrets/.') : nameMessage,
    };
  const nameSpan = { start: nameStart, end: nameStart + name.length };
  const version = segments[2];
  if (segments.length === 4 && (segments[3] !== '' || version === '')) {
    return { ok: false, message: t('A secret URI has the path /secrets/<name> or /secrets/<name>/<version>.') };
  }
  if (version === undefined || version === '') return { ok: true, vault, name, nameSpan };
  if (!isSecretVersion(version)) return { ok: false, message: notAVersion(version) };
  const versionStart = nameSpan.end + 1;
  return {
    ok: true,
    vault,
    name,
    nameSpan,
    version,
    versionSpan: { start: versionStart, end: versionStart + version.length },
  };
}

/** The reference a parsed identifier makes: a pin is removed with its '/', and inserted after the name. */
export function secretIdReference(
  syntax: ReferenceSyntax,
  span: Span,
  id: SecretIdResult & { readonly ok: true },
): KeyVaultReference {
  const nameEnd = id.nameSpan.end;
  return {
    syntax,
    span,
    anchor: span,
    vault: id.vault,
    name: id.name,
    nameSpan: id.nameSpan,
    ...(id.version === undefined || id.versionSpan === undefined
      ? { versionInsertAt: nameEnd }
      : {
          version: id.version,
          versionSpan: id.versionSpan,
          versionRemoval: { start: nameEnd, end: id.versionSpan.end },
        }),
  };
}

const HTTPS_PREFIX = /https:\/\//gi;

/** Bare secret identifiers, except inside the `taken` spans (sorted: the App Service references). */
export function scanSecretIds(text: string, taken: readonly Span[], references: KeyVaultReference[]): void {
  let index = 0;
  HTTPS_PREFIX.lastIndex = 0;
  for (let m = HTTPS_PREFIX.exec(text); m !== null; m = HTTPS_PREFIX.exec(text)) {
    const start = m.index;
    while (index < taken.length && taken[index].end <= start) index++;
    const inside = taken[index];
    if (inside !== undefined && inside.start <= start) {
      HTTPS_PREFIX.lastIndex = inside.end;
      continue;
    }
    const end = Math.max(start + m[0].length, tokenEnd(text, start));
    HTTPS_PREFIX.lastIndex = end;
    const id = parseSecretId(text.slice(start, end), start);
    // A URL that is not a secret identifier is just a URL: nothing to say about it.
    if (!id.ok) continue;
    references.push(secretIdReference('secretId', { start, end }, id));
  }
}

// App Service and Functions references, @Microsoft.KeyVault(SecretUri=…) and
// @Microsoft.KeyVault(VaultName=…;SecretName=…[;SecretVersion=…]). Pure, linear in the text's length.

import { t } from '../l10n';
import { isSecretVersion, validateSecretName } from '../validation';
import { isVaultName } from '../vaultUrl';
import { MAX_REFERENCE_PARAMS, splitParams, type Param, type Span } from './appServiceParams';
import {
  clip,
  MAX_REFERENCE_LENGTH,
  notAVaultName,
  notAVersion,
  type KeyVaultReference,
  type ReferenceProblem,
} from './referenceModel';
import { parseSecretId, secretIdReference } from './secretId';

const APP_SERVICE_PREFIX = /@Microsoft\.KeyVault[ \t]*\(/gi;

/** Returns the spans taken by App Service references (so bare identifiers inside them are not counted twice). */
export function scanAppService(text: string, references: KeyVaultReference[], problems: ReferenceProblem[]): Span[] {
  const taken: Span[] = [];
  APP_SERVICE_PREFIX.lastIndex = 0;
  for (let m = APP_SERVICE_PREFIX.exec(text); m !== null; m = APP_SERVICE_PREFIX.exec(text)) {
    const start = m.index;
    const bodyStart = start + m[0].length;
    // The body ends at ')'. A line end, a quote or another '@' before it means the reference is unterminated:
    // none of them can occur in a valid body, and stopping there keeps the scan linear.
    let end = bodyStart;
    const limit = Math.min(text.length, bodyStart + MAX_REFERENCE_LENGTH);
    while (end < limit && !')\n\r"@'.includes(text[end])) end++;
    if (text[end] !== ')') {
      const span = { start, end };
      problems.push({
        syntax: 'appServiceUri',
        span,
        message: t('This Key Vault reference is not closed: add ")" at its end.'),
      });
      taken.push(span);
      APP_SERVICE_PREFIX.lastIndex = Math.max(end, bodyStart);
      continue;
    }
    const span = { start, end: end + 1 };
    taken.push(span);
    APP_SERVICE_PREFIX.lastIndex = end + 1;
    const parsed = appServiceReference(text, span, bodyStart, end);
    if ('message' in parsed) problems.push(parsed);
    else references.push(parsed);
  }
  return taken;
}

function appServiceReference(
  text: string,
  span: Span,
  bodyStart: number,
  bodyEnd: number,
): KeyVaultReference | ReferenceProblem {
  const params = splitParams(text, bodyStart, bodyEnd);
  if (params === undefined)
    return {
      syntax: 'appServiceName',
      span,
      message: t(
        'This Key Vault reference has more than {0} parameters: use SecretUri, or VaultName, SecretName and SecretVersion.',
        MAX_REFERENCE_PARAMS,
      ),
    };
  const byKey = new Map<string, Param>();
  for (const p of params) {
    const key = p.key.toLowerCase();
    if (!['secreturi', 'vaultname', 'secretname', 'secretversion'].includes(key)) {
      return {
        syntax: 'appServiceName',
        span,
        message: t(
          '"{0}" is not a Key Vault reference parameter: use SecretUri, or VaultName, SecretName and SecretVersion.',
          clip(p.key),
        ),
      };
    }
    if (byKey.has(key))
      return { syntax: 'appServiceName', span, message: t('{0} appears twice in this Key Vault reference.', p.key) };
    byKey.set(key, p);
  }
  const uri = byKey.get('secreturi');
  if (uri !== undefined) {
    if (byKey.size > 1)
      return {
        syntax: 'appServiceUri',
        span,
        message: t('A Key Vault reference has either SecretUri, or VaultName and SecretName, not both.'),
      };
    const id = parseSecretId(uri.value, uri.valueSpan.start);
    if (!id.ok) return { syntax: 'appServiceUri', span, message: id.message };
    return secretIdReference('appServiceUri', span, id);
  }
  const vaultName = byKey.get('vaultname');
  const secretName = byKey.get('secretname');
  if (vaultName === undefined || secretName === undefined) {
    return {
      syntax: 'appServiceName',
      span,
      message: t('A Key Vault reference needs SecretUri=…, or both VaultName=… and SecretName=….'),
    };
  }
  if (!isVaultName(vaultName.value)) {
    return {
      syntax: 'appServiceName',
      span,
      message: notAVaultName(vaultName.value),
    };
  }
  const nameMessage = validateSecretName(secretName.value);
  if (nameMessage !== undefined) return { syntax: 'appServiceName', span, message: nameMessage };
  const version = byKey.get('secretversion');
  if (version !== undefined && version.value !== '' && !isSecretVersion(version.value)) {
    return {
      syntax: 'appServiceName',
      span,
      message: notAVersion(version.value),
    };
  }
  const pinned = version !== undefined && version.value !== '';
  return {
    syntax: 'appServiceName',
    span,
    anchor: span,
    vault: { kind: 'name', name: vaultName.value, span: vaultName.valueSpan },
    name: secretName.value,
    nameSpan: secretName.valueSpan,
    ...(pinned ? { version: version.value } : {}),
    ...(version !== undefined ? { versionSpan: version.valueSpan, versionRemoval: version.removal } : {}),
    ...(version === undefined
      ? { versionInsertAt: secretName.valueSpan.end + quoteAfter(text, secretName.valueSpan.end) }
      : {}),
  };
}

/** 1 when a closing quote of a quoted parameter value follows `offset`. */
function quoteAfter(text: string, offset: number): number {
  return text[offset] === '"' || text[offset] === "'" ? 1 : 0;
}

// azd environment references, akvs://<subscription-id>/<vault-name>/<secret-name>. Pure, linear in the text's
// length.

import { t } from '../l10n';
import { validateSecretName } from '../validation';
import { isVaultName } from '../vaultUrl';
import { clip, notAVaultName, type KeyVaultReference, type ReferenceProblem } from './referenceModel';
import { isSubscriptionId } from './referenceRules';
import { tokenEnd } from './urlToken';

const AZD_PREFIX = /akvs:\/\//gi;

export function scanAzd(text: string, references: KeyVaultReference[], problems: ReferenceProblem[]): void {
  AZD_PREFIX.lastIndex = 0;
  for (let m = AZD_PREFIX.exec(text); m !== null; m = AZD_PREFIX.exec(text)) {
    const start = m.index;
    const bodyStart = start + m[0].length;
    const end = Math.max(bodyStart, tokenEnd(text, bodyStart));
    AZD_PREFIX.lastIndex = end;
    const span = { start, end };
    const parts = text.slice(bodyStart, end).split('/');
    const usage = t('An azd reference is akvs://<subscription-id>/<vault-name>/<secret-name>.');
    if (parts.length !== 3 && !(parts.length === 4 && parts[3] === '')) {
      problems.push({ syntax: 'azd', span, message: usage });
      continue;
    }
    const [subscriptionId, vaultName, name] = parts as [string, string, string];
    if (!isSubscriptionId(subscriptionId)) {
      problems.push({
        syntax: 'azd',
        span,
        message: t('"{0}" is not a subscription id (a GUID). {1}', clip(subscriptionId), usage),
      });
      continue;
    }
    if (!isVaultName(vaultName)) {
      problems.push({
        syntax: 'azd',
        span,
        message: notAVaultName(vaultName),
      });
      continue;
    }
    const nameMessage = validateSecretName(name);
    if (nameMessage !== undefined) {
      problems.push({ syntax: 'azd', span, message: nameMessage });
      continue;
    }
    const vaultStart = bodyStart + subscriptionId.length + 1;
    const nameStart = vaultStart + vaultName.length + 1;
    references.push({
      syntax: 'azd',
      span,
      anchor: span,
      vault: {
        kind: 'name',
        name: vaultName,
        span: { start: vaultStart, end: vaultStart + vaultName.length },
        subscriptionId,
      },
      name,
      nameSpan: { start: nameStart, end: nameStart + name.length },
    });
  }
}

// The text of Show Key Rotation Policy and Show Certificate Policy: what the policy does, in sentences, one fact a
// line, every value the service gave shown as plain data (durations with their ISO 8601 text beside the days).
// Pure (no `vscode`).

import { t } from '../shared/l10n';
import { parseIsoDuration } from '../shared/keyRules';
import { plainLine } from '../shared/markup';
import type { CertificatePolicyView, KeyRotationPolicyView } from '../vault/objectModel';

/** "90 days (P90D)"; the text alone when it is not a duration this reads. */
export function durationWords(text: string): string {
  const days = parseIsoDuration(text);
  const shown = plainLine(text);
  return days === undefined ? shown : t('{0} days ({1})', days, shown);
}

function line(label: string, value: string): string {
  return `${label}: ${value}`;
}

/** One lifetime action of a key's rotation policy, in words. */
export function rotationActionWords(a: KeyRotationPolicyView['lifetimeActions'][number]): string {
  const rotate = a.action.toLowerCase() === 'rotate';
  if (a.timeAfterCreate !== undefined) {
    return rotate
      ? t('rotate {0} after each version is created', durationWords(a.timeAfterCreate))
      : t('notify {0} after each version is created', durationWords(a.timeAfterCreate));
  }
  const before = a.timeBeforeExpiry !== undefined ? durationWords(a.timeBeforeExpiry) : t('(no time given)');
  return rotate ? t('rotate {0} before expiry', before) : t('notify {0} before expiry', before);
}

export function rotationPolicyText(policy: KeyRotationPolicyView, keyName: string, vaultName: string): string {
  const rotate = policy.lifetimeActions.find((a) => a.action.toLowerCase() === 'rotate');
  const notify = policy.lifetimeActions.filter((a) => a.action.toLowerCase() !== 'rotate');
  const lines = [
    t('Rotation policy of key "{0}"', plainLine(keyName)),
    '',
    line(t('Vault'), plainLine(vaultName)),
    line(
      t('Automatic rotation'),
      rotate === undefined ? t('off (rotate by hand with Rotate Key Now)') : rotationActionWords(rotate),
    ),
    ...notify.map((a) => line(t('Notification'), rotationActionWords(a))),
    line(
      t('New versions expire'),
      policy.expiresAfter === undefined
        ? t('not set (new versions do not expire)')
        : t('{0} after they are created', durationWords(policy.expiresAfter)),
    ),
  ];
  return lines.join('\n') + '\n';
}

/** One lifetime action of a certificate's policy, in words. */
export function lifetimeActionWords(a: CertificatePolicyView['lifetimeActions'][number]): string {
  const renew = a.action === 'AutoRenew';
  if (a.daysBeforeExpiry !== undefined) {
    return renew
      ? t('renew automatically {0} days before expiry', a.daysBeforeExpiry)
      : t('email the certificate contacts {0} days before expiry', a.daysBeforeExpiry);
  }
  const pct = a.lifetimePercentage ?? 0;
  return renew
    ? t('renew automatically at {0}% of its lifetime', pct)
    : t('email the certificate contacts at {0}% of its lifetime', pct);
}

/** "Self" reads as self-signed, "Unknown" as signed outside the vault, any other name as a certificate authority. */
export function issuerWords(issuerName: string | undefined): string {
  if (issuerName === undefined) return t('not given');
  if (issuerName.toLowerCase() === 'self') return t('Self (self-signed)');
  if (issuerName.toLowerCase() === 'unknown') return t('Unknown (signed outside the vault and merged)');
  return t('{0} (a certificate authority)', plainLine(issuerName));
}

export function certificatePolicyText(policy: CertificatePolicyView, name: string, vaultName: string): string {
  const sans = [
    ...policy.dnsNames.map((d) => `DNS:${d}`),
    ...policy.emails.map((e) => `email:${e}`),
    ...policy.userPrincipalNames.map((u) => `UPN:${u}`),
  ];
  const key =
    policy.keyType === undefined
      ? t('not given')
      : [
          policy.keyType,
          policy.keySize !== undefined ? t('{0} bits', policy.keySize) : '',
          policy.keyCurve ?? '',
          policy.exportable === false ? t('private key not exportable') : '',
          policy.reuseKey === true ? t('key reused on renewal') : '',
        ]
          .filter((p) => p !== '')
          .join(', ');
  const lines = [
    t('Policy of certificate "{0}"', plainLine(name)),
    '',
    line(t('Vault'), plainLine(vaultName)),
    line(t('Issuer'), issuerWords(policy.issuerName)),
    line(t('Subject'), policy.subject !== undefined ? plainLine(policy.subject) : t('not given')),
    line(t('Subject alternative names'), sans.length > 0 ? plainLine(sans.join(', ')) : t('none')),
    line(t('Validity'), policy.validityMonths !== undefined ? t('{0} months', policy.validityMonths) : t('not given')),
    line(t('Key'), plainLine(key)),
    line(t('Content type of its secret'), plainLine(policy.contentType ?? t('not given'))),
    ...(policy.lifetimeActions.length === 0
      ? [line(t('Lifetime action'), t('none (nothing happens before it expires)'))]
      : policy.lifetimeActions.map((a) => line(t('Lifetime action'), lifetimeActionWords(a)))),
  ];
  return lines.join('\n') + '\n';
}

// The text of Show Details for a certificate or key: public facts only (no private key exists in these models),
// one fact a line, everything the service or the certificate gave shown as plain data. Pure (no `vscode`).

import { formatDateTime } from '../shared/dates';
import { t } from '../shared/l10n';
import { plainLine } from '../shared/markup';
import type { CertificateDetails, KeyDetails } from '../vault/objectModel';

function line(label: string, value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : `${label}: ${plainLine(value)}`;
}

function date(d: Date | undefined): string | undefined {
  return d === undefined ? undefined : formatDateTime(d);
}

export function objectDetailsText(details: CertificateDetails | KeyDetails, vaultName: string): string {
  const common = [
    line(t('Vault'), vaultName),
    line(t('Version'), details.version),
    line(t('Enabled'), details.enabled ? t('yes') : t('no')),
    line(t('Created'), date(details.createdOn)),
    line(t('Not before'), date(details.notBefore)),
    line(t('Expires'), date(details.expiresOn)),
    line(t('Identifier'), details.id),
    ...Object.keys(details.tags)
      .sort()
      .map((k) => line(t('Tag {0}', plainLine(k)), details.tags[k])),
  ];
  const specific =
    details.kind === 'certificate'
      ? [
          line(t('Subject'), details.x509?.subject),
          line(
            t('Issuer'),
            details.x509 === undefined
              ? undefined
              : details.x509.selfSigned
                ? t('{0} (self-signed)', details.x509.issuer)
                : t('{0} (signed by a certificate authority)', details.x509.issuer),
          ),
          line(t('Subject alternative names'), details.x509?.subjectAltName),
          line(t('Serial number'), details.x509?.serialNumber),
          line(t('Thumbprint (SHA-1)'), details.thumbprint ?? t('not issued yet (creation in progress)')),
          line(t('Content type of its secret'), details.policy?.contentType),
          line(t('Key type'), details.policy?.keyType),
          line(t('Key size'), details.policy?.keySize?.toString()),
          line(t('Curve'), details.policy?.keyCurve),
          line(
            t('Private key exportable'),
            details.policy?.exportable === undefined ? undefined : details.policy.exportable ? t('yes') : t('no'),
          ),
          line(t('Issuer in the policy'), details.policy?.issuerName),
          line(t('Validity (months)'), details.policy?.validityMonths?.toString()),
          ...(details.policy?.lifetimeActions ?? []).map((a) =>
            line(
              t('Lifetime action'),
              a.daysBeforeExpiry !== undefined
                ? t('{0}, {1} days before expiry', a.action, a.daysBeforeExpiry)
                : t('{0}, at {1}% of its lifetime', a.action, a.lifetimePercentage ?? 0),
            ),
          ),
        ]
      : [
          line(t('Key type'), details.hsm ? t('{0} (HSM-protected)', details.keyType) : details.keyType),
          line(t('Key size'), details.keySize?.toString()),
          line(t('Curve'), details.curve),
          line(t('Allowed operations'), details.keyOps.join(', ')),
          details.managed ? t('This key backs certificate "{0}".', plainLine(details.name)) : undefined,
        ];
  const title =
    details.kind === 'certificate'
      ? t('Certificate "{0}"', plainLine(details.name))
      : t('Key "{0}"', plainLine(details.name));
  return [title, '', ...[...specific, ...common].filter((l): l is string => l !== undefined)].join('\n') + '\n';
}

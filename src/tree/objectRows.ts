// What a certificate or key row says: its state (disabled, expired, expiring), its description and a plain-text
// tooltip (thumbprint, dates, tags). Everything the service gave goes through plainText (src/shared/markup.ts),
// so it shows as data. Pure (no `vscode`).

import { formatDateTime } from '../shared/dates';
import { t } from '../shared/l10n';
import { plainLine } from '../shared/markup';
import type {
  CertificateDetails,
  CertificateSummary,
  DeletedCertificate,
  DeletedKey,
  KeyDetails,
  KeySummary,
} from '../vault/objectModel';
import { relativeTime, shortVersion, stateFlags, stateText, type StateFlag, type StateOptions } from './secretState';

export type ObjectRowItem = CertificateSummary | KeySummary;

/** The state flags of a certificate or key (a key that backs a certificate is "managed"). */
export function objectFlags(item: ObjectRowItem, opts: StateOptions): StateFlag[] {
  return stateFlags({ ...item, managed: item.kind === 'key' && item.managed }, opts);
}

/** "expired 3 d ago", "disabled · expires in 5 d", "certificate's key": the decisive part first. */
export function objectDescription(item: ObjectRowItem, opts: StateOptions): string {
  const state = stateText({ ...item, managed: false, contentType: undefined }, opts);
  const parts = [state];
  if (item.kind === 'key' && item.managed) parts.push(t("a certificate's key"));
  if (item.kind === 'certificate' && item.thumbprint === undefined) parts.push(t('being issued'));
  return parts.filter((p) => p !== '').join(' · ');
}

function dateLine(label: string, date: Date | undefined, now: Date): string | undefined {
  return date === undefined ? undefined : t('{0}: {1} ({2})', label, formatDateTime(date), relativeTime(date, now));
}

/** What the version read on hover says (subject, issuer; type, size or curve, HSM, operations), one fact a line. */
export function resolvedFacts(details: CertificateDetails | KeyDetails): string[] {
  if (details.kind === 'certificate') {
    const x = details.x509;
    return [
      x !== undefined ? t('Subject: {0}', plainLine(x.subject)) : undefined,
      x === undefined
        ? undefined
        : x.selfSigned
          ? t('Issuer: self-signed')
          : t('Issuer: {0} (a certificate authority)', plainLine(x.issuer)),
    ].filter((l): l is string => l !== undefined);
  }
  const size = details.keySize !== undefined ? t('{0} bits', details.keySize) : (details.curve ?? '');
  return [
    t('Type: {0}{1}', plainLine(details.keyType.replace(/-HSM$/, '')), size !== '' ? `, ${plainLine(size)}` : ''),
    details.hsm ? t('Protected by a hardware security module (HSM)') : t('Software-protected'),
    t('Allowed operations: {0}', details.keyOps.length > 0 ? plainLine(details.keyOps.join(', ')) : t('none')),
  ];
}

/**
 * The tooltip of a certificate or key row or version: plain text, one fact a line. `details`: the version as read
 * on hover (its facts replace the pointer to Show Details).
 */
export function objectTooltip(
  item: ObjectRowItem,
  opts: StateOptions,
  current?: boolean,
  details?: CertificateDetails | KeyDetails,
): string {
  const title =
    item.version !== undefined && current !== undefined
      ? t('{0} version {1}{2}', plainLine(item.name), shortVersion(item.version), current ? t(' (current)') : '')
      : plainLine(item.name);
  const state = stateText({ ...item, managed: false, contentType: undefined }, opts);
  const lines: Array<string | undefined> = [
    title,
    item.kind === 'certificate' ? t('Certificate') : t('Key'),
    state !== '' ? state : undefined,
    item.kind === 'certificate'
      ? item.thumbprint !== undefined
        ? t('Thumbprint (SHA-1): {0}', item.thumbprint)
        : t('Not issued yet: the creation is in progress.')
      : undefined,
    item.kind === 'key' && item.managed
      ? t('Backs certificate "{0}": delete, recover or change it through the certificate.', plainLine(item.name))
      : undefined,
    t('Enabled: {0}', item.enabled ? t('yes') : t('no')),
    dateLine(t('Created'), item.createdOn, opts.now),
    dateLine(t('Not before'), item.notBefore, opts.now),
    dateLine(t('Expires'), item.expiresOn, opts.now),
    ...tagLines(item.tags),
    ...(details !== undefined
      ? resolvedFacts(details)
      : [
          item.kind === 'certificate'
            ? t('Subject, issuer and key type: shown when you hover, and in Show Details.')
            : t('Key type, size and operations: shown when you hover, and in Show Details.'),
        ]),
  ];
  return lines.filter((l): l is string => l !== undefined).join('\n');
}

function tagLines(tags: Readonly<Record<string, string>>): string[] {
  const keys = Object.keys(tags).sort();
  if (keys.length === 0) return [t('Tags: none')];
  return [t('Tags:'), ...keys.map((k) => `  ${plainLine(k)} = ${plainLine(tags[k] ?? '')}`)];
}

/** A deleted certificate or key: when it was deleted and when Key Vault purges it. */
export function deletedObjectDescription(d: DeletedCertificate | DeletedKey, now: Date): string {
  return d.scheduledPurgeDate !== undefined ? t('purged {0}', relativeTime(d.scheduledPurgeDate, now)) : '';
}

export function deletedObjectTooltip(d: DeletedCertificate | DeletedKey, now: Date): string {
  const lines: Array<string | undefined> = [
    plainLine(d.name),
    d.kind === 'certificate' ? t('Deleted certificate') : t('Deleted key'),
    dateLine(t('Deleted'), d.deletedOn, now),
    dateLine(t('Scheduled purge'), d.scheduledPurgeDate, now),
    t('Recover it, or purge it before its scheduled purge date.'),
  ];
  return lines.filter((l): l is string => l !== undefined).join('\n');
}

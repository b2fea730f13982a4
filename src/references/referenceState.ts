// What a resolved reference is: its status, computed from metadata only, and the words for it. Pure (no `vscode`).

import type { DeletedSecret, SecretProperties, VaultRef } from '../vault/model';
import { stateFlags } from '../tree/secretState';
import { formatDate } from '../shared/dates';
import { t } from '../shared/l10n';
import { ownEntry, WORKSPACE_LIMITS } from '../shared/workspaceInput';

export type ReferenceStatus =
  | 'enabled'
  | 'disabled'
  | 'expired'
  | 'expiring'
  | 'notYetValid'
  | 'deleted'
  | 'notFound'
  | 'forbidden'
  | 'unreachable'
  | 'signedOut'
  /** Not a vault the user has: not checked automatically (see `checkable`). */
  | 'vaultUnknown'
  /** The workspace is not trusted: nothing is requested. */
  | 'untrusted'
  /** The automatic check reached its request limit for this document before this reference. */
  | 'tooMany';

export interface Resolution {
  readonly status: ReferenceStatus;
  /** The user's vault the reference points at, when known. */
  readonly vault?: VaultRef;
  /** The vault URL the reference points at (known vault, or the candidate URL of an unknown one). */
  readonly vaultUrl?: string;
  /** For vaultUnknown: whether "Check this reference" may send a request (a Key Vault host or a loopback emulator). */
  readonly checkable?: boolean;
  /** The referenced version (pinned) or the current version's properties. */
  readonly properties?: SecretProperties;
  /** The current (newest) version, when known. */
  readonly current?: SecretProperties;
  /** A pinned version that is not the current one. */
  readonly pinnedNotCurrent?: boolean;
  /** For a pinned version that does not exist (status notFound). */
  readonly missingVersion?: string;
  readonly deleted?: DeletedSecret;
  /** For expiring: whole days left. */
  readonly days?: number;
  /** For forbidden: the missing permission (access policy name, e.g. "list"). */
  readonly permission?: string;
  /** For forbidden / unreachable / signedOut: the vault layer's message (service text: show as data). */
  readonly message?: string;
}

const DAY_MS = 86_400_000;

/** The status of an existing secret version from its properties. Disabled wins, then expired, not yet valid, expiring. */
export function propertiesStatus(
  p: SecretProperties,
  now: Date,
  expiryWarningDays: number,
): Pick<Resolution, 'status' | 'days'> {
  const flags = stateFlags(p, { now, expiryWarningDays });
  if (flags.includes('disabled')) return { status: 'disabled' };
  if (flags.includes('expired')) return { status: 'expired' };
  if (flags.includes('notYetActive')) return { status: 'notYetValid' };
  if (flags.includes('expiring') && p.expiresOn !== undefined) {
    return { status: 'expiring', days: Math.max(0, Math.floor((p.expiresOn.getTime() - now.getTime()) / DAY_MS)) };
  }
  return { status: 'enabled' };
}

/** The kinds of diagnostics, each with its own severity setting (keyVaultSecrets.references.severity.<kind>). */
export type DiagnosticKind =
  | 'notFound'
  | 'deleted'
  | 'disabled'
  | 'expired'
  | 'notYetValid'
  | 'expiring'
  | 'pinnedNotCurrent'
  | 'vaultUnknown'
  | 'forbidden'
  | 'unreachable'
  | 'malformed'
  | 'tooMany';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

export const DEFAULT_SEVERITIES: Readonly<Record<DiagnosticKind, SeverityName>> = {
  notFound: 'error',
  deleted: 'error',
  disabled: 'error',
  expired: 'error',
  notYetValid: 'warning',
  expiring: 'warning',
  pinnedNotCurrent: 'hint',
  vaultUnknown: 'information',
  forbidden: 'information',
  unreachable: 'information',
  malformed: 'warning',
  tooMany: 'information',
};

const SEVERITY_NAMES: Readonly<Record<SeverityName, true>> = {
  error: true,
  warning: true,
  information: true,
  hint: true,
  off: true,
};

/**
 * The severity a `severity` setting value (a workspace may set it) gives a kind. Only the tables' own entries
 * count: "toString", "__proto__" or "constructor" fall back to the default instead of finding an inherited member.
 */
export function severityNameFromSetting(value: unknown, kind: DiagnosticKind): SeverityName {
  const chosen =
    typeof value === 'object' && value !== null ? ownEntry(value as Record<string, unknown>, kind) : undefined;
  return typeof chosen === 'string' && ownEntry(SEVERITY_NAMES, chosen) === true
    ? (chosen as SeverityName)
    : DEFAULT_SEVERITIES[kind];
}

export const DIAGNOSTIC_KINDS = Object.keys(DEFAULT_SEVERITIES) as DiagnosticKind[];

/** The diagnostic a resolution deserves (without its text), or undefined for a healthy reference. */
export function diagnosticKind(r: Resolution): DiagnosticKind | undefined {
  switch (r.status) {
    case 'enabled':
      return r.pinnedNotCurrent === true ? 'pinnedNotCurrent' : undefined;
    case 'disabled':
    case 'expired':
    case 'notYetValid':
    case 'expiring':
    case 'deleted':
    case 'notFound':
    case 'vaultUnknown':
    case 'forbidden':
    case 'unreachable':
    case 'tooMany':
      return r.status;
    case 'signedOut':
    case 'untrusted':
      return undefined;
  }
}

function day(d: Date | undefined): string {
  return d === undefined ? '?' : formatDate(d);
}

/** One line, plain text, for the Problems panel and the hover's headline. Service text is passed through as data. */
export function statusText(r: Resolution, secret: string, vaultLabel: string): string {
  switch (r.status) {
    case 'enabled':
      return r.pinnedNotCurrent === true
        ? t('Secret "{0}" is pinned to a version that is not the current one in {1}.', secret, vaultLabel)
        : t('Secret "{0}" is enabled in {1}.', secret, vaultLabel);
    case 'disabled':
      return t('Secret "{0}" is disabled in {1}: the reference will not resolve.', secret, vaultLabel);
    case 'expired':
      return t('Secret "{0}" expired on {1} in {2}.', secret, day(r.properties?.expiresOn), vaultLabel);
    case 'expiring':
      return r.days === 1
        ? t('Secret "{0}" expires in 1 day ({1}) in {2}.', secret, day(r.properties?.expiresOn), vaultLabel)
        : t(
            'Secret "{0}" expires in {1} days ({2}) in {3}.',
            secret,
            r.days ?? '?',
            day(r.properties?.expiresOn),
            vaultLabel,
          );
    case 'notYetValid':
      return t('Secret "{0}" is not valid before {1} in {2}.', secret, day(r.properties?.notBefore), vaultLabel);
    case 'deleted':
      return r.deleted?.scheduledPurgeDate !== undefined
        ? t(
            'Secret "{0}" is deleted in {1}; it can be recovered until {2}.',
            secret,
            vaultLabel,
            day(r.deleted.scheduledPurgeDate),
          )
        : t('Secret "{0}" is deleted in {1}; it can still be recovered.', secret, vaultLabel);
    case 'notFound':
      return r.missingVersion !== undefined
        ? t('Version {0} of secret "{1}" does not exist in {2}.', r.missingVersion.slice(0, 12), secret, vaultLabel)
        : t('Secret "{0}" does not exist in {1}.', secret, vaultLabel);
    case 'forbidden':
      return t(
        'Cannot check secret "{0}": you lack the "{1}" permission on {2}.',
        secret,
        r.permission ?? 'list',
        vaultLabel,
      );
    case 'unreachable':
      return t('Cannot check secret "{0}": {1} did not answer ({2}).', secret, vaultLabel, r.message ?? t('no answer'));
    case 'signedOut':
      return t('Sign in to Azure to check secret "{0}" in {1}.', secret, vaultLabel);
    case 'vaultUnknown':
      return r.checkable === true
        ? t(
            '{0} is not one of your vaults, so "{1}" is not checked automatically. Hover and choose "Check this reference" to check it once.',
            vaultLabel,
            secret,
          )
        : t('{0} is not a Key Vault host, so "{1}" is never checked.', vaultLabel, secret);
    case 'untrusted':
      return t('Key Vault references are not checked in an untrusted workspace.');
    case 'tooMany':
      return t(
        'Secret "{0}" in {1} is not checked: too many references in this file (the automatic check sends at most {2} requests at a time).',
        secret,
        vaultLabel,
        WORKSPACE_LIMITS.automaticRequests,
      );
  }
}

// What a resolved reference is: its status, computed from metadata only, and the words for it. Pure (no `vscode`).

import type { DeletedSecret, SecretProperties, VaultRef } from '../vault/model';
import { stateFlags } from '../tree/secretState';

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
  | 'untrusted';

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
  | 'malformed';

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
};

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
      return r.status;
    case 'signedOut':
    case 'untrusted':
      return undefined;
  }
}

function day(d: Date | undefined): string {
  return d === undefined ? '?' : d.toISOString().slice(0, 10);
}

/** One line, plain text, for the Problems panel and the hover's headline. Service text is passed through as data. */
export function statusText(r: Resolution, secret: string, vaultLabel: string): string {
  switch (r.status) {
    case 'enabled':
      return r.pinnedNotCurrent === true
        ? `Secret "${secret}" is pinned to a version that is not the current one in ${vaultLabel}.`
        : `Secret "${secret}" is enabled in ${vaultLabel}.`;
    case 'disabled':
      return `Secret "${secret}" is disabled in ${vaultLabel}: the reference will not resolve.`;
    case 'expired':
      return `Secret "${secret}" expired on ${day(r.properties?.expiresOn)} in ${vaultLabel}.`;
    case 'expiring':
      return `Secret "${secret}" expires in ${r.days ?? '?'} day${r.days === 1 ? '' : 's'} (${day(r.properties?.expiresOn)}) in ${vaultLabel}.`;
    case 'notYetValid':
      return `Secret "${secret}" is not valid before ${day(r.properties?.notBefore)} in ${vaultLabel}.`;
    case 'deleted':
      return r.deleted?.scheduledPurgeDate !== undefined
        ? `Secret "${secret}" is deleted in ${vaultLabel}; it can be recovered until ${day(r.deleted.scheduledPurgeDate)}.`
        : `Secret "${secret}" is deleted in ${vaultLabel}; it can still be recovered.`;
    case 'notFound':
      return r.missingVersion !== undefined
        ? `Version ${r.missingVersion.slice(0, 12)} of secret "${secret}" does not exist in ${vaultLabel}.`
        : `Secret "${secret}" does not exist in ${vaultLabel}.`;
    case 'forbidden':
      return `Cannot check secret "${secret}": you lack the "${r.permission ?? 'list'}" permission on ${vaultLabel}.`;
    case 'unreachable':
      return `Cannot check secret "${secret}": ${vaultLabel} did not answer (${r.message ?? 'no answer'}).`;
    case 'signedOut':
      return `Sign in to Azure to check secret "${secret}" in ${vaultLabel}.`;
    case 'vaultUnknown':
      return r.checkable === true
        ? `${vaultLabel} is not one of your vaults, so "${secret}" is not checked automatically. Hover and choose "Check this reference" to check it once.`
        : `${vaultLabel} is not a Key Vault host, so "${secret}" is never checked.`;
    case 'untrusted':
      return 'Key Vault references are not checked in an untrusted workspace.';
  }
}

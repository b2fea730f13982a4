// The secret details panel's protocol (media/secretDetails.ts): metadata only, dates as ISO strings, never a
// value; the page posts `ready` and the actions the user picks.

import { isSecretVersion } from '../validation';
import type { DetailsStrings } from '../webviewStrings';
import { isRecord, parseWebviewMessage, type MessageRules, type Parsed, type ReadyMessage } from './validate';

/** Properties the details panel shows for a secret or a version: metadata only, dates as ISO strings. */
export interface PropertiesView {
  readonly enabled: boolean;
  readonly contentType?: string;
  readonly createdOn?: string;
  readonly updatedOn?: string;
  readonly notBefore?: string;
  readonly expiresOn?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** One version as the details panel shows it. */
export interface VersionView extends PropertiesView {
  readonly version: string;
  readonly current: boolean;
}

export interface DetailsView extends PropertiesView {
  readonly vaultName: string;
  readonly vaultUrl: string;
  readonly name: string;
  readonly id: string;
  readonly deleted: boolean;
  readonly managed: boolean;
  readonly recoveryLevel?: string;
  readonly recoverableDays?: number;
  readonly deletedOn?: string;
  readonly scheduledPurgeDate?: string;
  readonly canPurge: boolean;
  readonly versions: readonly VersionView[];
  /** More versions exist than were loaded. */
  readonly moreVersions: boolean;
}

/** One setting of a deployed app (or slot) that uses the secret: every text came from ARM, shown as plain text. */
export interface UsedByRow {
  /** `app` or `app/slot`. */
  readonly app: string;
  readonly setting: string;
  /** The reference's status as App Service reports it, or the words for "none reported" (Container Apps). */
  readonly status: string;
  /** What the status means for the user (absent for Resolved). */
  readonly meaning?: string;
  readonly identity?: string;
}

/** The "Used by" section: what the last scan of the deployed apps found for this secret, or that none ran. */
export interface UsedByView {
  /** A scan ran in this session; false: the section offers to check the deployed apps. */
  readonly checked: boolean;
  /** When the scan finished (ISO). */
  readonly scannedAt?: string;
  /** The scan was cancelled: the rows are what it read; it says nothing of the apps it did not reach. */
  readonly incomplete?: boolean;
  readonly rows: readonly UsedByRow[];
  /** Apps the scan could not read, in words (they may use the secret too). */
  readonly unread: readonly string[];
}

export interface DetailsState {
  readonly type: 'details';
  readonly view?: DetailsView;
  readonly usedBy?: UsedByView;
  readonly loading: boolean;
  readonly error?: string;
}

/** A state as sent: with the panel's words, translated by the host. */
export type HostToDetails = DetailsState & { readonly strings: DetailsStrings };

export const DETAILS_ACTIONS = [
  'refresh',
  'showValue',
  'showProperties',
  'copyValue',
  'copyId',
  'copyVersionedId',
  'copyReference',
  'newVersion',
  'editProperties',
  'enable',
  'disable',
  'compareWithPrevious',
  'makeVersionCurrent',
  'backup',
  'delete',
  'recover',
  'purge',
] as const;
export type DetailsAction = (typeof DETAILS_ACTIONS)[number];

export interface DetailsActionMessage {
  readonly type: 'action';
  readonly action: DetailsAction;
  /** The version the action applies to; absent = the secret (latest). */
  readonly version?: string;
}

/** Open the portal page of the app of `usedBy.rows[index]` (the host holds the links; the page never sees one). */
export interface OpenAppMessage {
  readonly type: 'openApp';
  readonly index: number;
}

/** Scan the deployed apps now (the section's "Check deployed apps"). */
export interface CheckAppsMessage {
  readonly type: 'checkApps';
}

/** The most rows the "Used by" section lists. */
export const USED_BY_ROWS = 50;

export type DetailsToHost = ReadyMessage | DetailsActionMessage | OpenAppMessage | CheckAppsMessage;

export function isDetailsAction(x: unknown): x is DetailsAction {
  return typeof x === 'string' && (DETAILS_ACTIONS as readonly string[]).includes(x);
}

const DETAILS_RULES: MessageRules<DetailsToHost> = {
  ready: {},
  action: {
    keys: ['action', 'version'],
    read: (x) => {
      if (!isDetailsAction(x.action)) return 'unknown action';
      if (x.version === undefined) return { type: 'action', action: x.action };
      if (!isSecretVersion(x.version)) return 'version must be a version id';
      return { type: 'action', action: x.action, version: x.version };
    },
  },
  openApp: {
    keys: ['index'],
    read: (x) =>
      typeof x.index === 'number' && Number.isInteger(x.index) && x.index >= 0 && x.index < USED_BY_ROWS
        ? { type: 'openApp', index: x.index }
        : 'index must be a row of the "Used by" section',
  },
  checkApps: {},
};

/** Validates anything the details panel posted. */
export function parseDetailsMessage(x: unknown): Parsed<DetailsToHost> {
  return parseWebviewMessage(x, DETAILS_RULES);
}

/** The front end's guard for what the host posts. */
export function isHostToDetails(x: unknown): x is HostToDetails {
  return isRecord(x) && x.type === 'details' && typeof x.loading === 'boolean' && isRecord(x.strings);
}

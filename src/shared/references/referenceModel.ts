// What parsing a file's text finds: Key Vault references (where their vault, name and version stand) and text
// that starts like a reference but cannot be one, with the words that say why. Pure.
// Every offset is a UTF-16 offset into the text (what VS Code's positionAt takes).

import { t } from '../l10n';
import type { Span } from './appServiceParams';
import type { HostKind } from './referenceRules';

export type { Span } from './appServiceParams';

export type ReferenceSyntax = 'appServiceUri' | 'appServiceName' | 'azd' | 'armReference' | 'secretId';

/** What a file's text holds: its references and the text that only starts like one, both in text order. */
export interface ParseResult {
  readonly references: readonly KeyVaultReference[];
  readonly problems: readonly ReferenceProblem[];
}

/** How a reference names its vault: by URL (normalised https://host[:port]) or by vault name. */
export type VaultLocator =
  | {
      readonly kind: 'url';
      readonly url: string;
      readonly hostname: string;
      readonly hostKind: HostKind;
      readonly span: Span;
    }
  | { readonly kind: 'name'; readonly name: string; readonly span: Span; readonly subscriptionId?: string };

export interface KeyVaultReference {
  readonly syntax: ReferenceSyntax;
  /** The whole reference. */
  readonly span: Span;
  /** Where a diagnostic goes: the whole reference, or the secret name for a multi-line ARM object. */
  readonly anchor: Span;
  readonly vault: VaultLocator;
  readonly name: string;
  readonly nameSpan: Span;
  /** A pinned version; absent = the latest version. */
  readonly version?: string;
  /** The version's text; present (and empty) also for an empty version field such as `SecretVersion=`. */
  readonly versionSpan?: Span;
  /** What to delete to remove the version pin (with its separator). */
  readonly versionRemoval?: Span;
  /** Where a version pin is inserted when there is none; absent where the syntax has no version (azd). */
  readonly versionInsertAt?: number;
}

/** Text that starts like a reference but cannot be one: the hosts would fail to resolve it. */
export interface ReferenceProblem {
  readonly syntax: ReferenceSyntax;
  readonly span: Span;
  readonly message: string;
}

/** The longest reference body looked at; longer text is not a reference. */
export const MAX_REFERENCE_LENGTH = 4096;

export const notAVersion = (version: string): string =>
  t('"{0}" is not a secret version: a version is letters and digits only.', clip(version));
export const notAVaultName = (name: string): string =>
  t('"{0}" is not a vault name: 3-24 letters, digits and dashes, starting with a letter.', clip(name));

/** Untrusted text quoted in a problem: control characters as spaces, at most 40 characters. */
export function clip(text: string): string {
  let flat = '';
  for (const c of text.slice(0, 41)) {
    const code = c.charCodeAt(0);
    flat += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? ' ' : c;
  }
  return flat.length > 40 ? `${flat.slice(0, 37)}…` : flat;
}

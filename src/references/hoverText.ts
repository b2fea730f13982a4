// The hover of a Key Vault reference, as Markdown. vscode-free and pure: every piece of text that did not come
// from this file (names from the workspace file, service text, tags) goes through src/shared/markup.ts, and the
// only links are command links to this extension's own `referenceAction` command.

import { COMMANDS } from '../shared/commandIds';
import { t } from '../shared/l10n';
import { markdownCode, markdownText } from '../shared/markup';
import type { KeyVaultReference, ReferenceSyntax } from '../shared/references/parseReferences';
import { formatDate } from '../shared/dates';
import { relativeTime } from '../tree/secretState';
import { statusText, type Resolution } from './referenceState';

/** What a hover or document link asks `referenceAction` to do; the reference is read again from the document. */
export type ReferenceActionName =
  'details' | 'showValue' | 'copyValue' | 'reveal' | 'check' | 'create' | 'recover' | 'enable' | 'pin' | 'unpin';

export const REFERENCE_ACTIONS: readonly ReferenceActionName[] = [
  'details',
  'showValue',
  'copyValue',
  'reveal',
  'check',
  'create',
  'recover',
  'enable',
  'pin',
  'unpin',
];

/** The argument of `referenceAction`: a document and an offset inside the reference, nothing else. */
export interface ReferenceActionArgs {
  readonly action: ReferenceActionName;
  readonly uri: string;
  readonly offset: number;
}

/** The only command ids a hover may run (MarkdownString.isTrusted.enabledCommands). */
export const HOVER_COMMANDS: readonly string[] = [COMMANDS.referenceAction];

export function actionUri(args: ReferenceActionArgs): string {
  return `command:${COMMANDS.referenceAction}?${encodeURIComponent(JSON.stringify([args]))}`;
}

/** A function, not a table: t() must run after activation installed the translator. */
function syntaxName(syntax: ReferenceSyntax): string {
  switch (syntax) {
    case 'appServiceUri':
      return t('App Service reference (SecretUri)');
    case 'appServiceName':
      return t('App Service reference (VaultName)');
    case 'azd':
      return t('azd reference (akvs)');
    case 'armReference':
      return t('ARM parameter reference');
    case 'secretId':
      return t('Secret identifier');
  }
}

/** One fact line of the hover: a bold label and its (already escaped) value. */
const fact = (label: string, value: string): string => `- **${label}** ${value}`;

const STATUS_ICONS: Readonly<Record<Resolution['status'], string>> = {
  enabled: '$(pass)',
  disabled: '$(circle-slash)',
  expired: '$(error)',
  expiring: '$(warning)',
  notYetValid: '$(clock)',
  deleted: '$(trash)',
  notFound: '$(question)',
  forbidden: '$(lock)',
  unreachable: '$(debug-disconnect)',
  signedOut: '$(account)',
  vaultUnknown: '$(circle-large-outline)',
  untrusted: '$(workspace-untrusted)',
  tooMany: '$(ellipsis)',
};

/** The vault as the user knows it: its display name, or the name or URL the reference gives. */
export function vaultLabel(ref: KeyVaultReference, r: Resolution | undefined): string {
  if (r?.vault !== undefined) return r.vault.name;
  return ref.vault.kind === 'name' ? ref.vault.name : ref.vault.url;
}

export function hoverMarkdown(
  ref: KeyVaultReference,
  r: Resolution,
  at: { readonly uri: string; readonly offset: number },
  now: Date,
  options: { readonly diagnosed?: boolean } = {},
): string {
  const lines: string[] = [];
  const link = (label: string, action: ReferenceActionName): string =>
    `[${label}](${actionUri({ action, uri: at.uri, offset: at.offset })})`;
  const label = vaultLabel(ref, r);
  // A reference with a problem has it said just above, in VS Code's own hover of the diagnostic: not twice (its
  // icon stays, in the title).
  if (options.diagnosed === true)
    lines.push(`**${t('Key Vault')}** · ${markdownText(syntaxName(ref.syntax))} ${STATUS_ICONS[r.status]}`, '');
  else
    lines.push(
      `**${t('Key Vault')}** · ${markdownText(syntaxName(ref.syntax))}`,
      '',
      `${STATUS_ICONS[r.status]} ${markdownText(statusText(r, ref.name, t('vault "{0}"', label)))}`,
      '',
    );
  const facts: string[] = [];
  facts.push(
    fact(
      t('Vault:'),
      `${markdownCode(label)}${r.vaultUrl !== undefined && r.vaultUrl !== label ? ` ${markdownText(r.vaultUrl)}` : ''}`,
    ),
  );
  facts.push(fact(t('Secret:'), markdownCode(ref.name)));
  if (ref.version !== undefined) {
    const current = r.current?.version;
    const note =
      r.pinnedNotCurrent === true && current !== undefined
        ? t('(pinned; current is {0})', markdownCode(current.slice(0, 8)))
        : t('(pinned)');
    facts.push(fact(t('Version:'), `${markdownCode(ref.version)} ${note}`));
  } else if (ref.syntax !== 'azd' || r.status !== 'vaultUnknown') {
    facts.push(fact(t('Version:'), t('latest')));
  }
  const p = r.properties;
  if (p !== undefined) {
    if (p.contentType !== undefined && p.contentType !== '')
      facts.push(fact(t('Content type:'), markdownCode(p.contentType)));
    if (p.updatedOn !== undefined)
      facts.push(fact(t('Last updated:'), `${formatDate(p.updatedOn)} (${relativeTime(p.updatedOn, now)})`));
    if (p.expiresOn !== undefined)
      facts.push(fact(t('Expires:'), `${formatDate(p.expiresOn)} (${relativeTime(p.expiresOn, now)})`));
    if (p.notBefore !== undefined) facts.push(fact(t('Not before:'), formatDate(p.notBefore)));
    // A certificate's backing secret (same name): the resolver's own answer says so, no request of its own.
    if (p.managed)
      facts.push(
        fact(
          t('Backed by:'),
          p.expiresOn !== undefined
            ? t(
                'certificate {0}, expires {1} ({2}); renew or replace the certificate, not the secret',
                markdownCode(ref.name),
                formatDate(p.expiresOn),
                relativeTime(p.expiresOn, now),
              )
            : t('certificate {0}; renew or replace the certificate, not the secret', markdownCode(ref.name)),
        ),
      );
    const tags = Object.entries(p.tags);
    if (tags.length > 0)
      facts.push(fact(t('Tags:'), tags.map(([k, v]) => `${markdownCode(k)} = ${markdownCode(v)}`).join(', ')));
  }
  if (r.deleted?.deletedOn !== undefined)
    facts.push(fact(t('Deleted:'), `${formatDate(r.deleted.deletedOn)} (${relativeTime(r.deleted.deletedOn, now)})`));
  if (r.deleted?.scheduledPurgeDate !== undefined)
    facts.push(fact(t('Purged on:'), formatDate(r.deleted.scheduledPurgeDate)));
  if (r.status === 'forbidden' || r.status === 'unreachable') {
    if (r.message !== undefined) facts.push(fact(t('Why:'), markdownText(r.message)));
  }
  const links: string[] = [];
  if (r.vault !== undefined) {
    const exists =
      r.status !== 'notFound' &&
      r.status !== 'deleted' &&
      r.status !== 'forbidden' &&
      r.status !== 'unreachable' &&
      r.status !== 'signedOut';
    if (exists)
      links.push(
        link(t('Show Value'), 'showValue'),
        link(t('Show Details'), 'details'),
        link(t('Reveal in Vaults view'), 'reveal'),
        link(t('Copy Value'), 'copyValue'),
      );
    if (r.status === 'notFound' && r.missingVersion === undefined) links.push(link(t('Create Secret…'), 'create'));
    if (r.status === 'deleted') links.push(link(t('Recover'), 'recover'), link(t('Show Details'), 'details'));
    if (r.status === 'disabled') links.push(link(t('Enable'), 'enable'));
  } else if (r.status === 'vaultUnknown' && r.checkable === true) {
    links.push(link(t('Check this reference'), 'check'));
  }
  // The actions first: a long hover scrolls, and they are what the user came for.
  if (links.length > 0) lines.push(links.join(' · '), '');
  lines.push(...facts);
  return lines.join('\n');
}

// Tooltip text (Markdown) for tree rows: dates, tags, content type, recovery level. Never a value.
// Pure: the tree item mapping wraps the text in a vscode.MarkdownString. Everything the service or the settings
// gave (names, tags, content types, URLs) goes through src/shared/markup.ts, so it shows as data.

import { markdownCode, markdownText } from '../shared/markup';
import type { DeletedSecret, SecretProperties, VaultRef } from '../vault/model';
import { formatDateTime } from '../shared/dates';
import { isPurgeable, relativeTime, stateText, type StateOptions } from './secretState';
import { t } from '../shared/l10n';
import { guardLines, type VaultGuards } from '../vault/accessGuards';

function dateLine(label: string, date: Date | undefined, now: Date): string | undefined {
  // Our own text (digits, -, :, UTC, "in 5 d"): nothing in it is Markdown.
  return date === undefined ? undefined : t('{0}: {1} ({2})', label, formatDateTime(date), relativeTime(date, now));
}

function tagLines(tags: Readonly<Record<string, string>>): string[] {
  const keys = Object.keys(tags).sort();
  if (keys.length === 0) return [t('Tags: none')];
  return [t('Tags:'), ...keys.map((k) => `- ${markdownCode(k)} = ${markdownText(tags[k] ?? '')}`)];
}

function propertyLines(p: SecretProperties, opts: StateOptions): string[] {
  const lines: (string | undefined)[] = [
    t('Enabled: {0}', p.enabled ? t('yes') : t('no')),
    t('Content type: {0}', p.contentType ? markdownText(p.contentType) : t('none')),
    dateLine(t('Created'), p.createdOn, opts.now),
    dateLine(t('Updated'), p.updatedOn, opts.now),
    dateLine(t('Not before'), p.notBefore, opts.now),
    dateLine(t('Expires'), p.expiresOn, opts.now),
    p.managed
      ? t(
          'Managed by a Key Vault certificate{0}: read-only here',
          p.keyId ? t(' (key {0})', markdownText(p.keyId)) : '',
        )
      : undefined,
    p.recoveryLevel
      ? t(
          'Recovery level: {0}{1}',
          markdownText(p.recoveryLevel),
          p.recoverableDays !== undefined && p.recoverableDays > 0 ? t(' ({0} days)', p.recoverableDays) : '',
        )
      : undefined,
  ];
  const state = stateText(p, opts);
  return [
    ...(state ? [`**${markdownText(state)}**`] : []),
    ...lines.filter((l): l is string => l !== undefined),
    ...tagLines(p.tags),
  ];
}

function join(lines: readonly string[]): string {
  // Two trailing spaces make a line break inside one paragraph.
  return lines.join('  \n');
}

export function secretTooltip(p: SecretProperties, opts: StateOptions): string {
  return `**${markdownText(p.name)}**\n\n${join(propertyLines(p, opts))}`;
}

export function versionTooltip(p: SecretProperties, current: boolean, opts: StateOptions): string {
  const title = t(
    '**{0}** version {1}{2}',
    markdownText(p.name),
    markdownCode(p.version ?? '?'),
    current ? t(' (current)') : '',
  );
  return `${title}\n\n${join(propertyLines(p, opts))}`;
}

export function deletedTooltip(d: DeletedSecret, opts: StateOptions): string {
  const lines: (string | undefined)[] = [
    dateLine(t('Deleted'), d.deletedOn, opts.now),
    dateLine(t('Purged automatically'), d.scheduledPurgeDate, opts.now),
    isPurgeable(d) ? t('Can be recovered or purged') : t('Can be recovered; purge protection forbids purging'),
    // Key Vault answers 403 SecretDisabled to a read of such a secret: what the list gave is all there is.
    d.enabled
      ? undefined
      : t(
          'It was disabled when deleted: Key Vault hides the details of a disabled deleted secret. Recover it, then enable it, to see them.',
        ),
  ];
  return `${t('**{0}** (deleted)', markdownText(d.name))}\n\n${join([...lines.filter((l): l is string => l !== undefined), ...propertyLines(d, opts)])}`;
}

/** A vault's tooltip; with its guards (read when the user hovers a discovered vault) as more lines. */
export function vaultTooltip(v: VaultRef, guards?: VaultGuards): string {
  const added =
    v.origin === 'workspace'
      ? t(
          "From this workspace's settings (keyVaultSecrets.vaults): shared with everyone who opens it, not in your user settings",
        )
      : v.emulator
        ? t('Added by URL: local Key Vault emulator')
        : t('Added by URL');
  const lines: (string | undefined)[] = [
    markdownText(v.url),
    v.source === 'added' ? markdownText(added) : undefined,
    v.subscriptionName ? t('Subscription: {0}', markdownText(v.subscriptionName)) : undefined,
    v.subscriptionId ? t('Subscription id: {0}', markdownText(v.subscriptionId)) : undefined,
    v.tenantId ? t('Tenant: {0}', markdownText(v.tenantId)) : undefined,
    ...(guards !== undefined ? guardLines(guards).map(markdownText) : []),
  ];
  return `**${markdownText(v.name)}**\n\n${join(lines.filter((l): l is string => l !== undefined))}`;
}

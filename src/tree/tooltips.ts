// Tooltip text (Markdown) for tree rows: dates, tags, content type, recovery level. Never a value.
// Pure: the tree item mapping wraps the text in a vscode.MarkdownString.

import type { DeletedSecret, SecretProperties, VaultRef } from '../vault/model';
import { formatDateTime, isPurgeable, relativeTime, stateText, type StateOptions } from './secretState';

/** Escapes text so Markdown shows it literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`);
}

function dateLine(label: string, date: Date | undefined, now: Date): string | undefined {
  return date === undefined ? undefined : `${label}: ${escapeMarkdown(formatDateTime(date))} (${escapeMarkdown(relativeTime(date, now))})`;
}

function tagLines(tags: Readonly<Record<string, string>>): string[] {
  const keys = Object.keys(tags).sort();
  if (keys.length === 0) return ['Tags: none'];
  return ['Tags:', ...keys.map((k) => `- \`${k.replace(/`/g, "'")}\` = ${escapeMarkdown(tags[k] ?? '')}`)];
}

function propertyLines(p: SecretProperties, opts: StateOptions): string[] {
  const lines: (string | undefined)[] = [
    `Enabled: ${p.enabled ? 'yes' : 'no'}`,
    `Content type: ${p.contentType ? escapeMarkdown(p.contentType) : 'none'}`,
    dateLine('Created', p.createdOn, opts.now),
    dateLine('Updated', p.updatedOn, opts.now),
    dateLine('Not before', p.notBefore, opts.now),
    dateLine('Expires', p.expiresOn, opts.now),
    p.managed ? `Managed by a Key Vault certificate${p.keyId ? ` (key ${escapeMarkdown(p.keyId)})` : ''}: read-only here` : undefined,
    p.recoveryLevel ? `Recovery level: ${escapeMarkdown(p.recoveryLevel)}${p.recoverableDays !== undefined ? ` (${p.recoverableDays} days)` : ''}` : undefined,
  ];
  const state = stateText(p, opts);
  return [...(state ? [`**${escapeMarkdown(state)}**`] : []), ...lines.filter((l): l is string => l !== undefined), ...tagLines(p.tags)];
}

function join(lines: readonly string[]): string {
  // Two trailing spaces make a line break inside one paragraph.
  return lines.join('  \n');
}

export function secretTooltip(p: SecretProperties, opts: StateOptions): string {
  return `**${escapeMarkdown(p.name)}**\n\n${join(propertyLines(p, opts))}`;
}

export function versionTooltip(p: SecretProperties, current: boolean, opts: StateOptions): string {
  const title = `**${escapeMarkdown(p.name)}** version \`${p.version ?? '?'}\`${current ? ' (current)' : ''}`;
  return `${title}\n\n${join(propertyLines(p, opts))}`;
}

export function deletedTooltip(d: DeletedSecret, opts: StateOptions): string {
  const lines: (string | undefined)[] = [
    dateLine('Deleted', d.deletedOn, opts.now),
    dateLine('Purged automatically', d.scheduledPurgeDate, opts.now),
    isPurgeable(d) ? 'Can be recovered or purged' : 'Can be recovered; purge protection forbids purging',
  ];
  return `**${escapeMarkdown(d.name)}** (deleted)\n\n${join([...lines.filter((l): l is string => l !== undefined), ...propertyLines(d, opts)])}`;
}

export function vaultTooltip(v: VaultRef): string {
  const lines: (string | undefined)[] = [
    escapeMarkdown(v.url),
    v.source === 'added' ? (v.emulator ? 'Added by URL: local Key Vault emulator' : 'Added by URL') : undefined,
    v.subscriptionName ? `Subscription: ${escapeMarkdown(v.subscriptionName)}` : undefined,
    v.subscriptionId ? `Subscription id: ${escapeMarkdown(v.subscriptionId)}` : undefined,
    v.tenantId ? `Tenant: ${escapeMarkdown(v.tenantId)}` : undefined,
  ];
  return `**${escapeMarkdown(v.name)}**\n\n${join(lines.filter((l): l is string => l !== undefined))}`;
}

// Tooltip text (Markdown) for tree rows: dates, tags, content type, recovery level. Never a value.
// Pure: the tree item mapping wraps the text in a vscode.MarkdownString. Everything the service or the settings
// gave (names, tags, content types, URLs) goes through src/shared/markup.ts, so it shows as data.

import { markdownCode, markdownText } from '../shared/markup';
import type { DeletedSecret, SecretProperties, VaultRef } from '../vault/model';
import { formatDateTime, isPurgeable, relativeTime, stateText, type StateOptions } from './secretState';

function dateLine(label: string, date: Date | undefined, now: Date): string | undefined {
  // Our own text (digits, -, :, UTC, "in 5 d"): nothing in it is Markdown.
  return date === undefined ? undefined : `${label}: ${formatDateTime(date)} (${relativeTime(date, now)})`;
}

function tagLines(tags: Readonly<Record<string, string>>): string[] {
  const keys = Object.keys(tags).sort();
  if (keys.length === 0) return ['Tags: none'];
  return ['Tags:', ...keys.map((k) => `- ${markdownCode(k)} = ${markdownText(tags[k] ?? '')}`)];
}

function propertyLines(p: SecretProperties, opts: StateOptions): string[] {
  const lines: (string | undefined)[] = [
    `Enabled: ${p.enabled ? 'yes' : 'no'}`,
    `Content type: ${p.contentType ? markdownText(p.contentType) : 'none'}`,
    dateLine('Created', p.createdOn, opts.now),
    dateLine('Updated', p.updatedOn, opts.now),
    dateLine('Not before', p.notBefore, opts.now),
    dateLine('Expires', p.expiresOn, opts.now),
    p.managed
      ? `Managed by a Key Vault certificate${p.keyId ? ` (key ${markdownText(p.keyId)})` : ''}: read-only here`
      : undefined,
    p.recoveryLevel
      ? `Recovery level: ${markdownText(p.recoveryLevel)}${p.recoverableDays !== undefined && p.recoverableDays > 0 ? ` (${p.recoverableDays} days)` : ''}`
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
  const title = `**${markdownText(p.name)}** version ${markdownCode(p.version ?? '?')}${current ? ' (current)' : ''}`;
  return `${title}\n\n${join(propertyLines(p, opts))}`;
}

export function deletedTooltip(d: DeletedSecret, opts: StateOptions): string {
  const lines: (string | undefined)[] = [
    dateLine('Deleted', d.deletedOn, opts.now),
    dateLine('Purged automatically', d.scheduledPurgeDate, opts.now),
    isPurgeable(d) ? 'Can be recovered or purged' : 'Can be recovered; purge protection forbids purging',
    // Key Vault answers 403 SecretDisabled to a read of such a secret: what the list gave is all there is.
    d.enabled
      ? undefined
      : 'It was disabled when deleted: Key Vault hides the details of a disabled deleted secret. Recover it, then enable it, to see them.',
  ];
  return `**${markdownText(d.name)}** (deleted)\n\n${join([...lines.filter((l): l is string => l !== undefined), ...propertyLines(d, opts)])}`;
}

export function vaultTooltip(v: VaultRef): string {
  const added =
    v.origin === 'workspace'
      ? "From this workspace's settings (keyVaultSecrets.vaults): shared with everyone who opens it, not in your user settings"
      : v.emulator
        ? 'Added by URL: local Key Vault emulator'
        : 'Added by URL';
  const lines: (string | undefined)[] = [
    markdownText(v.url),
    v.source === 'added' ? markdownText(added) : undefined,
    v.subscriptionName ? `Subscription: ${markdownText(v.subscriptionName)}` : undefined,
    v.subscriptionId ? `Subscription id: ${markdownText(v.subscriptionId)}` : undefined,
    v.tenantId ? `Tenant: ${markdownText(v.tenantId)}` : undefined,
  ];
  return `**${markdownText(v.name)}**\n\n${join(lines.filter((l): l is string => l !== undefined))}`;
}

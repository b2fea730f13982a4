import * as vscode from 'vscode';
import { formatDateTime } from '../shared/dates';
import type { SecretVersion, VaultRef } from '../vault/model';
import { compareNewestFirst } from '../vault/versionOrder';
import { listVersionsNewestFirst, pickVersion, resolveCurrentVersion, resolveVersion } from './pickers';
import { info } from '../ui/prompts';
import type { Services } from './services';
import { t } from '../shared/l10n';

function valueUri(s: Services, vault: VaultRef, v: SecretVersion): vscode.Uri {
  return s.documents.mint(
    {
      vaultUrl: vault.url,
      name: v.name,
      version: v.version,
      view: 'value',
      ...(v.contentType !== undefined ? { contentType: v.contentType } : {}),
    },
    vault,
  );
}

/**
 * A diff's title as VS Code titles its own ("file.ts (Working Tree) ↔ file.ts (Index)"): the secret's name on each
 * side, with "current" for the current version, "previous" for the one just before it when the current one is the
 * other side, and otherwise the version's creation date (plus the start of its id if both dates read the same).
 */
export function diffTitle(
  name: string,
  older: SecretVersion,
  newer: SecretVersion,
  newestFirst: readonly SecretVersion[],
): string {
  const newerIsCurrent = newer.version === newestFirst[0]?.version;
  const date = (v: SecretVersion): string =>
    v.createdOn !== undefined ? formatDateTime(v.createdOn) : v.version.slice(0, 8);
  let left = newerIsCurrent && older.version === newestFirst[1]?.version ? 'previous' : date(older);
  let right = newerIsCurrent ? 'current' : date(newer);
  if (left === right) {
    left = `${left} · ${older.version.slice(0, 8)}`;
    right = `${right} · ${newer.version.slice(0, 8)}`;
  }
  return `${name} (${left}) ↔ ${name} (${right})`;
}

async function diff(
  s: Services,
  vault: VaultRef,
  name: string,
  older: SecretVersion,
  newer: SecretVersion,
  newestFirst: readonly SecretVersion[],
): Promise<void> {
  const title = diffTitle(name, older, newer, newestFirst);
  await vscode.commands.executeCommand('vscode.diff', valueUri(s, vault, older), valueUri(s, vault, newer), title, {
    preview: true,
  });
}

/** Diffs two versions' values: the argument's version (or a picked one) against a second picked one. */
export async function compareVersions(s: Services, arg?: unknown): Promise<void> {
  const first = await resolveVersion(s, arg, 'Compare Versions (1/2)');
  const second = await pickVersion(first.vault, first.name, 'Compare Versions (2/2)', first.version);
  const versions = await listVersionsNewestFirst(first.vault, first.name);
  const a = versions.find((v) => v.version === first.version);
  const b = second.version;
  if (a === undefined) throw new Error(t('Version {0} of "{1}" was not found.', first.version, first.name));
  // The older one on the left, in the one version order (so a version made in the same second is not a toss-up).
  const aFirst = compareNewestFirst(a, b) > 0;
  await diff(s, first.vault, first.name, aFirst ? a : b, aFirst ? b : a, versions);
}

/** Diffs a version (a secret's current one by default) with the version created just before it. */
export async function compareWithPrevious(s: Services, arg?: unknown): Promise<void> {
  const target = await resolveCurrentVersion(s, arg, 'Compare with Previous Version');
  const versions = await listVersionsNewestFirst(target.vault, target.name);
  const i = versions.findIndex((v) => v.version === target.version);
  const current = versions[i];
  const previous = versions[i + 1];
  if (current === undefined) throw new Error(t('Version {0} of "{1}" was not found.', target.version, target.name));
  if (previous === undefined) {
    void info(
      t(
        'Version {0} is the first version of "{1}": there is nothing before it to compare with.',
        target.version.slice(0, 8),
        target.name,
      ),
    );
    return;
  }
  await diff(s, target.vault, target.name, previous, current, versions);
}

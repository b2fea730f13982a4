// The destructive-action gate's rules, with no VS Code: what a confirmation says (what will be lost, where, and
// how badly), which answer it needs (a button, the typed name, or for several the typed count) and whether a typed
// answer is right. src/ui/destructiveGate.ts shows the question; the bad-input catalogue calls these rules as is.
// Rules: purge is always typed; a delete in a vault without soft delete is typed; everything else is a button.
// A vault is named with its URL host when another known vault's display name is the same or looks the same.

import { objectLossQuestion } from './objectLoss';
import { affectedAppsNotes, appsResolveIt, checkAppsButton, pinsOrUnchecked, type AffectedApps } from './affectedApps';
import { t } from './l10n';
import { isPermanentDelete, noSoftDelete, recoveryMeaning } from './recoveryMeaning';

export { isPermanentDelete, recoveryMeaning } from './recoveryMeaning';
import { rollBackConfirmation, type RolledBackVersion } from './transfer/rollBackRules';

/**
 * delete: a secret goes to "Deleted secrets" (for good where the vault has no soft delete: its recovery level says);
 * purge: a deleted secret goes for good; overwrite: a new version over an existing secret (Copy, Import, Move, a
 * value from a file); rollBack: an older version's value becomes current; disable / enable: versions that apps read
 * start or stop failing (bulk); replaceFiles: backup files on disk are replaced.
 */
export type LossKind =
  | 'delete'
  | 'purge'
  | 'overwrite'
  | 'rollBack'
  | 'disable'
  | 'enable'
  | 'replaceFiles'
  /** A version gets an expiry date in the past: Key Vault refuses to read it from then on. */
  | 'expire'
  /** A new version of one secret: apps whose reference pins a version keep the old value (asked only then). */
  | 'newVersion';

export interface GateVault {
  /** The display name (as the tree shows it). */
  readonly name: string;
  /** The vault URL (its host tells two vaults of one display name apart). */
  readonly url: string;
}

/** What is lost in one vault (no vault: files on disk). */
export interface LossGroup {
  readonly vault?: GateVault;
  /** The secrets' names (or, for versions, "name (version abc12345)"; for files, their names). */
  readonly names: readonly string[];
  /** delete: the vault's recovery level ('Purgeable' = no soft delete) and retention, when known. */
  readonly recoveryLevel?: string;
  readonly recoverableDays?: number;
}

export interface Loss {
  readonly kind: LossKind;
  readonly groups: readonly LossGroup[];
  /** overwrite: where the new value comes from ("the selected value", "the copies"…). */
  readonly from?: string;
  /** rollBack: the version that becomes current. */
  readonly version?: RolledBackVersion;
  /** disable: whether a current version is among them (every reader of the secret fails). */
  readonly current?: boolean;
  /** Lines said after the list: what is left out and why, a caller's own warning. */
  readonly notes?: readonly string[];
  /** A non-destructive way out offered next to the action (Copy's "Skip Them"). */
  readonly alternative?: string;
  /** The loss is of one certificate or key (delete, purge or disable), not of secrets: objectLoss.ts words it. */
  readonly objectKind?: 'certificate' | 'key';
  /** The deployed apps that use the secret (delete, disable, roll back): listed, or offered to check first. */
  readonly apps?: AffectedApps;
}

/** What the user must type: the secret's name, or for several the count. */
export interface TypedAnswer {
  readonly expected: string;
  readonly title: string;
  readonly prompt: string;
}

export interface Question {
  /** Undefined: no modal, the typed answer says everything (one name). */
  readonly modal?: { readonly message: string; readonly detail: string; readonly button: string };
  readonly alternative?: string;
  readonly typed?: TypedAnswer;
}

/** How many names a confirmation lists before "and N more". */
export const LISTED_NAMES = 15;

/** Names of a list, at most LISTED_NAMES of them, then "and N more". */
export function listedNames(names: readonly string[]): string {
  const shown = names.slice(0, LISTED_NAMES).join(', ');
  return names.length > LISTED_NAMES ? t('{0} and {1} more', shown, names.length - LISTED_NAMES) : shown;
}

// Letters of other scripts that look like Latin ones, and digits that pass for letters: two display names that
// differ only by these look the same in a dialog.
const LOOKALIKES: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j',
  ѕ: 's', ԁ: 'd', ӏ: 'l', α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  '0': 'o', '1': 'l', '|': 'l', ı: 'i',
}; // prettier-ignore

/** How a display name looks: compatibility forms folded, marks, spaces and invisible characters dropped, look-alikes mapped. */
export function nameSkeleton(name: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}\s]/gu, '')
    .toLowerCase();
  return [...folded].map((c) => LOOKALIKES[c] ?? c).join('');
}

/** The vault's host (and port), from its URL; the URL itself when it cannot be parsed. */
export function hostOf(url: string): string {
  const m = /^https?:\/\/([^/?#]+)/i.exec(url);
  return m?.[1] ?? url;
}

/**
 * How a confirmation names a vault: its display name, with its host when another vault (known, or in the same
 * question) has a display name that is the same or looks the same.
 */
export function vaultLabel(vault: GateVault, others: readonly GateVault[]): string {
  const skeleton = nameSkeleton(vault.name);
  const clash = others.some((o) => hostOf(o.url) !== hostOf(vault.url) && nameSkeleton(o.name) === skeleton);
  return clash ? t('{0} ({1})', vault.name, hostOf(vault.url)) : vault.name;
}

/** The typed answer's problem, or undefined when it is exactly what was asked (no trimming, no case folding). */
export function typedAnswerProblem(expected: string, typed: string | undefined): string | undefined {
  if (typed === expected) return undefined;
  const isCount = /^\d+$/.test(expected);
  if (typed === undefined || typed === '')
    return isCount ? t('Type "{0}" (how many) to confirm.', expected) : t('Type "{0}" exactly to confirm.', expected);
  if (typed.trim() === expected) return t('Type "{0}" exactly to confirm, without spaces around it.', expected);
  if (!isCount && typed.toLowerCase() === expected.toLowerCase())
    return t('Type "{0}" exactly to confirm: letter case counts.', expected);
  return isCount
    ? t('Type "{0}" exactly to confirm: that is how many go for good.', expected)
    : t('Type "{0}" exactly to confirm.', expected);
}

const allNames = (l: Loss): string[] => l.groups.flatMap((g) => g.names);

/** The names whose loss needs a typed answer: every purged name, and deletes in vaults without soft delete. */
export function typedNames(loss: Loss): string[] {
  if (loss.kind === 'purge') return allNames(loss);
  if (loss.kind === 'delete')
    return appsResolveIt(loss.apps)
      ? allNames(loss)
      : loss.groups.filter((g) => isPermanentDelete(g.recoveryLevel)).flatMap((g) => g.names);
  return [];
}

/** The whole question for a loss. `known`: the vaults the extension knows (to tell look-alike names apart). */
export function lossQuestion(loss: Loss, known: readonly GateVault[]): Question {
  const q = baseQuestion(
    { ...loss, notes: [...(loss.notes ?? []), ...affectedAppsNotes(loss.apps, loss.kind)] },
    known,
  );
  // Apps not checked: the way to check them first, beside the action.
  return loss.apps?.checked === false && q.modal !== undefined && q.alternative === undefined
    ? { ...q, alternative: checkAppsButton() }
    : q;
}

function baseQuestion(loss: Loss, known: readonly GateVault[]): Question {
  const names = allNames(loss);
  if (names.length === 0) throw new Error('A confirmation needs at least one name.');
  const vaults = loss.groups.flatMap((g) => (g.vault !== undefined ? [g.vault] : []));
  const label = (v: GateVault): string => vaultLabel(v, [...known, ...vaults]);
  const first = loss.groups[0];
  const oneVault = loss.groups.length === 1 && first?.vault !== undefined ? label(first.vault) : undefined;
  const where = oneVault ?? t('{0} vaults', loss.groups.length);
  const single = names.length === 1 ? names[0] : undefined;
  const notes = loss.notes ?? [];
  const list = (): string =>
    loss.groups
      .map((g) => (g.vault !== undefined ? t('{0}: {1}.', label(g.vault), listedNames(g.names)) : listedNames(g.names)))
      .join('\n\n');
  const join = (...parts: Array<string | undefined>): string =>
    parts.filter((p): p is string => p !== undefined && p !== '').join('\n\n');

  if (loss.objectKind !== undefined && single !== undefined && first?.vault !== undefined) {
    if (loss.kind === 'delete' || loss.kind === 'purge' || loss.kind === 'disable' || loss.kind === 'overwrite') {
      const permanent = loss.kind === 'delete' && isPermanentDelete(first.recoveryLevel);
      return objectLossQuestion({ kind: loss.kind, objectKind: loss.objectKind, name: single, where, permanent });
    }
  }

  const typed = typedNames(loss);
  const typedAnswer = ((): TypedAnswer | undefined => {
    if (typed.length === 0) return undefined;
    const permanentVaults = loss.groups
      .filter((g) => loss.kind === 'purge' || isPermanentDelete(g.recoveryLevel))
      .flatMap((g) => (g.vault !== undefined ? [label(g.vault)] : []))
      .join(', ');
    if (typed.length === 1) {
      const name = typed[0] ?? '';
      const forApps = loss.kind === 'delete' && permanentVaults === '' && appsResolveIt(loss.apps);
      const consequence =
        loss.kind === 'purge'
          ? t('Purging cannot be undone: the deleted secret and all its versions are gone for good.')
          : forApps
            ? t('Deployed apps resolve it now: they fail to read it once it is deleted.')
            : t('{0} Deleting cannot be undone.', noSoftDelete());
      return {
        expected: name,
        title:
          loss.kind === 'purge'
            ? t('Purge "{0}" from {1} for good', name, permanentVaults)
            : forApps
              ? t('Delete "{0}", which deployed apps use', name)
              : t('Delete "{0}" from {1} for good', name, permanentVaults),
        prompt: t('{0} Type "{1}" to confirm.', consequence, name),
      };
    }
    const count = String(typed.length);
    if (loss.kind === 'delete' && permanentVaults === '' && appsResolveIt(loss.apps))
      return {
        expected: count,
        title: t('Delete {0} secrets, which deployed apps use', count),
        prompt: t(
          'Deployed apps resolve some of them now: they fail to read them once deleted. Type "{0}" to confirm.',
          count,
        ),
      };
    return {
      expected: count,
      title:
        loss.kind === 'purge'
          ? t('Purge {0} deleted secrets for good', count)
          : t('Delete {0} secrets for good', count),
      prompt:
        loss.kind === 'purge'
          ? t(
              'Purging cannot be undone: {0} deleted secrets in {1} and all their versions are gone for good. Type "{0}" to confirm.',
              count,
              permanentVaults,
            )
          : t(
              '{0} has no soft-delete: {1} secrets and all their versions will be gone for good. Deleting cannot be undone. Type "{1}" to confirm.',
              permanentVaults,
              count,
            ),
    };
  })();

  switch (loss.kind) {
    case 'purge':
      // One name: the typed prompt says it all. Several: the list first, then the count.
      if (single !== undefined && notes.length === 0) return { ...(typedAnswer ? { typed: typedAnswer } : {}) };
      return {
        modal: {
          message:
            single !== undefined
              ? t('Purge deleted secret "{0}" from {1}?', single, where)
              : t('Purge {0} deleted secrets from {1}?', names.length, where),
          detail: join(list(), t('Purging cannot be undone: they and all their versions are gone for good.'), ...notes),
          button: t('Purge'),
        },
        ...(typedAnswer ? { typed: typedAnswer } : {}),
      };
    case 'delete': {
      const meaning = (g: LossGroup): string => recoveryMeaning(g.recoveryLevel, g.recoverableDays, g.names.length);
      if (single !== undefined && first !== undefined && first.vault !== undefined) {
        if (typedAnswer !== undefined && notes.length === 0) return { typed: typedAnswer };
        return {
          modal: {
            message: t('Delete secret "{0}" from vault {1}?', single, label(first.vault)),
            detail: join(t('All versions are deleted. {0}', meaning(first)), ...notes),
            button: t('Delete'),
          },
          ...(typedAnswer ? { typed: typedAnswer } : {}),
        };
      }
      const perVault = loss.groups.map((g) =>
        g.vault !== undefined
          ? t('{0}: {1}. {2}', label(g.vault), listedNames(g.names), meaning(g))
          : listedNames(g.names),
      );
      return {
        modal: {
          message:
            oneVault !== undefined
              ? t('Delete {0} secrets from vault {1}?', names.length, oneVault)
              : t('Delete {0} secrets from {1} vaults?', names.length, loss.groups.length),
          detail: join(t('All versions of each secret are deleted.'), ...perVault, ...notes),
          button: t('Delete'),
        },
        ...(typedAnswer ? { typed: typedAnswer } : {}),
      };
    }
    case 'overwrite': {
      const from = loss.from ?? t('the new value');
      const button = single !== undefined ? t('Add New Version') : t('Add as New Versions');
      return {
        modal: {
          message:
            single !== undefined
              ? t('Secret "{0}" already exists in vault {1}. Add {2} as its new version?', single, where, from)
              : t(
                  '{0} of the secrets already exist in vault {1}. Add {2} as their new versions?',
                  names.length,
                  where,
                  from,
                ),
          detail: join(
            single === undefined ? list() : undefined,
            t(
              'Apps reading the latest version get the new value. The earlier versions stay and can be made current again.',
            ),
            ...notes,
          ),
          button,
        },
        ...(loss.alternative !== undefined ? { alternative: loss.alternative } : {}),
      };
    }
    case 'newVersion': {
      // Nothing is lost unless apps pin a version of it, or the apps were not checked.
      if (single === undefined || first?.vault === undefined || !pinsOrUnchecked(loss.apps)) return {};
      return {
        modal: {
          message: t('Add a new version of "{0}" in vault {1}?', single, label(first.vault)),
          detail: join(...notes),
          button: t('Add New Version'),
        },
      };
    }
    case 'rollBack': {
      if (loss.version === undefined || single === undefined) throw new Error('A roll back names one version.');
      const c = rollBackConfirmation(single, loss.version);
      return { modal: { message: c.message, detail: join(c.detail, ...notes), button: c.button } };
    }
    case 'disable':
    case 'enable': {
      const enable = loss.kind === 'enable';
      const readers = t(
        'Anything that reads a disabled current version (apps, Key Vault references) gets an error until it is enabled again.',
      );
      if (single !== undefined && first?.vault !== undefined && !enable && loss.current === true)
        return {
          modal: {
            message: t('Disable the current version of "{0}" in vault {1}?', single, label(first.vault)),
            detail: join(
              t(
                'Anything that reads this secret without a version (apps, Key Vault references) gets an error until it is enabled again.',
              ),
              ...notes,
            ),
            button: t('Disable'),
          },
        };
      return {
        modal: {
          message:
            single !== undefined && first?.vault !== undefined
              ? enable
                ? t('Enable {0} in vault {1}?', single, label(first.vault))
                : t('Disable {0} in vault {1}?', single, label(first.vault))
              : enable
                ? t('Enable {0} secrets or versions?', names.length)
                : t('Disable {0} secrets or versions?', names.length),
          detail: join(list(), !enable && loss.current === true ? readers : undefined, ...notes),
          button: enable ? t('Enable') : t('Disable'),
        },
      };
    }
    case 'expire':
      return {
        modal: {
          message: t('Set an expiry date in the past on "{0}" in vault {1}?', single ?? names.join(', '), where),
          detail: join(
            t(
              'Key Vault refuses to give an expired version: anything that reads it (apps, Key Vault references) gets an error.',
            ),
            ...notes,
          ),
          button: t('Set Expiry'),
        },
      };
    case 'replaceFiles':
      return {
        modal: {
          message: single !== undefined ? t('Replace {0}?', single) : t('Replace {0} files?', names.length),
          detail: join(t('These files exist and will be replaced: {0}.', listedNames(names)), ...notes),
          button: t('Replace'),
        },
      };
  }
}

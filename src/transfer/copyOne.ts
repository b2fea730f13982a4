// Copy to Another Vault, one name: read each version to copy, write it to the target, drop it. No vscode (the
// dialogs come in through the context), so the integration tests run it against the local Key Vault server.
//
// Order: every version oldest first (compareNewestFirst, reversed), and the source's current version last, so the
// target's current version is the source's. Versions made in the same second tie on `created` (whole seconds):
// the current one is read first and marked in the listing as the one the service answered as current, which the
// one version order (compareNewestFirst) puts first among them, so the copy writes it last.

import { t } from '../shared/l10n';
import {
  copiedFields,
  versionsToCopy,
  type CopyMode,
  type CopyOutcome,
  type DeletedChoice,
} from '../shared/transfer/copyPlan';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { SecretValue, SecretVersion, VaultClient, VaultRef } from '../vault/model';
import { userMessage } from '../vault/userMessage';
import { listAll } from '../vault/listing';
import { compareNewestFirst } from '../vault/versionOrder';
import { announce } from '../vault/changes';

export interface CopyContext {
  readonly target: VaultRef;
  readonly from: VaultClient;
  readonly to: VaultClient;
  readonly mode: CopyMode;
  /** The target answered that the name is deleted but recoverable there: what to do (a dialog). */
  readonly chooseDeleted: (name: string) => Promise<DeletedChoice>;
  /** Whether an error means the user cancelled (the run stops). */
  readonly isCancellation: (e: unknown) => boolean;
}

class SkipDeleted extends Error {
  constructor() {
    super('skipped: deleted in the target');
    this.name = 'SkipDeleted';
  }
}

/** The current version, or undefined when it is disabled (Key Vault does not let it be read). */
async function readCurrent(from: VaultClient, name: string): Promise<SecretValue | undefined> {
  try {
    return await from.getValue(name);
  } catch (e) {
    if (isKeyVaultFailure(e) && e.kind === 'disabled') return undefined;
    throw e;
  }
}

/** The versions to write, oldest first with the source's current one last, and the disabled ones left out. */
async function allVersions(
  from: VaultClient,
  name: string,
  current: SecretValue | undefined,
): Promise<{ readonly copy: readonly SecretVersion[]; readonly unreadable: number }> {
  const currentId = current?.properties.version;
  const listed = await listAll((token) => from.listVersions(name, token));
  const marked = listed.map((v): SecretVersion => (v.version === currentId ? { ...v, reportedCurrent: true } : v));
  const plan = versionsToCopy(marked.sort(compareNewestFirst), 'all');
  return { copy: plan.copy, unreadable: plan.unreadable.length };
}

/** Copies one name; never throws except for cancellation by the user before anything was written. */
export async function copyOne(c: CopyContext, name: string, exists: boolean): Promise<CopyOutcome> {
  const { from, to } = c;
  let written = 0;
  let unconfirmed = false;
  let first: 'recovered' | 'purged' | undefined;
  const write = async (value: string, props: SecretVersion): Promise<void> => {
    const input = { value, ...copiedFields(props) };
    try {
      await to.setSecret(name, input);
    } catch (e) {
      if (!(written === 0 && first === undefined && isKeyVaultFailure(e) && e.kind === 'deletedButRecoverable'))
        throw e;
      const choice = await c.chooseDeleted(name);
      if (choice === 'skip') throw new SkipDeleted();
      if (choice === 'recover') {
        await to.recoverDeleted(name);
        first = 'recovered';
      } else {
        await to.purgeDeleted(name);
        first = 'purged';
      }
      announce({ vault: c.target, name, kind: first });
      await to.setSecret(name, input);
    }
    written++;
  };
  const untouched = (): boolean => written === 0 && first === undefined;
  try {
    let unreadable = 0;
    if (c.mode === 'current') {
      const current = await from.getValue(name);
      await write(current.value, current.properties);
    } else {
      const current = await readCurrent(from, name);
      const plan = await allVersions(from, name, current);
      unreadable = plan.unreadable;
      if (plan.copy.length === 0) return { kind: 'skipped', reason: 'unreadable' };
      for (const v of plan.copy) {
        const read = v.version === current?.properties.version ? current : await from.getValue(name, v.version);
        await write(read.value, read.properties);
      }
    }
    return { kind: 'copied', versions: written, unreadable, addedToExisting: exists, ...(first ? { first } : {}) };
  } catch (e) {
    if (e instanceof SkipDeleted) return { kind: 'skipped', reason: 'deleted' };
    if (untouched() && isKeyVaultFailure(e) && e.kind === 'disabled') return { kind: 'skipped', reason: 'unreadable' };
    if (untouched() && isKeyVaultFailure(e) && e.kind === 'notFound') return { kind: 'skipped', reason: 'notFound' };
    // A sign-in the user backed out of before anything was written: the run stops here (the caller reports it).
    if (c.isCancellation(e) && untouched()) throw e;
    const extra = first ? { first } : {};
    // The write was sent and its answer lost, twice: it may be in the target. Said apart from a failure.
    if (isKeyVaultFailure(e) && e.kind === 'unconfirmed') {
      unconfirmed = true;
      return { kind: 'unconfirmed', message: userMessage(e), versions: written, ...extra };
    }
    const message = c.isCancellation(e) ? t('cancelled while copying.') : userMessage(e);
    return { kind: 'failed', message, versions: written, ...extra };
  } finally {
    if (written > 0 || first !== undefined || unconfirmed)
      announce({ vault: c.target, name, kind: exists || first === 'recovered' ? 'newVersion' : 'created' });
  }
}

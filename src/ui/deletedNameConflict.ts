// Key Vault refuses to write a name that is deleted but still recoverable in the vault. Every flow that meets it
// (the secret form's Create, Copy to Another Vault) asks the user here, one way: "A deleted secret named … can still
// be recovered": Recover (the deleted secret comes back with its versions, and the flow writes over it), Purge
// (only where the vault allows it, and only once the user typed the name, as the Purge command asks), or neither.
// The flow then does what was chosen; this asks only.

import { t } from '../shared/l10n';
import type { DeletedSecret, VaultRef } from '../vault/model';
import { purgeAllowed } from '../vault/recoveryLevel';
import { isCancellation } from './ErrorBoundary';
import { confirmLoss } from './destructiveGate';
import { warning } from './prompts';

export type DeletedNameChoice = 'recover' | 'purge' | 'declined';

/** What the flow writes once the name is free: the form's value, or the copy. */
export type DeletedNameFlow = 'create' | 'copy';

interface Words {
  readonly recover: string;
  readonly purge: string;
  /** A third button that declines ("Skip"); without it, closing the dialog declines. */
  readonly decline?: string;
  readonly recoverDetail: (recover: string) => string;
  readonly purgeDetail: (purge: string) => string;
}

function wordsOf(flow: DeletedNameFlow): Words {
  switch (flow) {
    case 'create':
      return {
        recover: t('Recover and Set Value'),
        purge: t('Purge and Create'),
        recoverDetail: (recover) =>
          t(
            'Its name cannot be reused while it is deleted. "{0}" brings the deleted secret back with its versions and adds your value as its newest version.',
            recover,
          ),
        purgeDetail: (purge) =>
          t(' "{0}" deletes it for good (this cannot be undone), then creates your secret.', purge),
      };
    case 'copy':
      return {
        recover: t('Recover and Copy'),
        purge: t('Purge and Copy'),
        decline: t('Skip'),
        recoverDetail: (recover) =>
          t(
            'Its name cannot be reused while it is deleted. "{0}" brings the deleted secret back with its versions and adds the copy as its newest version.',
            recover,
          ),
        purgeDetail: (purge) => t(' "{0}" deletes it for good (this cannot be undone), then copies.', purge),
      };
  }
}

/**
 * Asks what to do with `name`, deleted but recoverable in `vault`. `readDeleted` reads the deleted secret (whether
 * the vault lets it be purged); when that read fails, Purge is offered and the service has the last word. A purge
 * is chosen only once the user typed the name; backing out of that declines.
 */
export async function chooseForDeletedName(
  vault: VaultRef,
  name: string,
  flow: DeletedNameFlow,
  readDeleted: () => Promise<DeletedSecret>,
): Promise<DeletedNameChoice> {
  const deleted = await readDeleted().catch((e: unknown) => {
    if (isCancellation(e)) throw e;
    return undefined;
  });
  const canPurge = purgeAllowed(deleted?.recoveryLevel);
  const w = wordsOf(flow);
  const detail =
    w.recoverDetail(w.recover) +
    (canPurge ? w.purgeDetail(w.purge) : t(' Purge protection is on in this vault, so it cannot be purged.'));
  const buttons = [w.recover, ...(canPurge ? [w.purge] : []), ...(w.decline !== undefined ? [w.decline] : [])];
  const answer = await warning(
    t('A deleted secret named "{0}" can still be recovered in vault {1}.', name, vault.name),
    { modal: true, detail },
    ...buttons,
  );
  if (answer === w.recover) return 'recover';
  if (answer !== w.purge || !canPurge) return 'declined';
  try {
    await confirmLoss({ kind: 'purge', groups: [{ vault, names: [name] }] });
  } catch (e) {
    if (isCancellation(e)) return 'declined';
    throw e;
  }
  return 'purge';
}

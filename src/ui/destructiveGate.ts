// The destructive-action gate: every delete, purge, overwrite, roll back and bulk change asks here, and only here.
// The words, the typing rule and the check of a typed answer are src/shared/destructive.ts's; this shows them
// through src/ui/prompts.ts (a modal, then the typed answer where one is needed). A test in test/unit/ui/ fails
// when code that deletes, purges, writes over a secret or runs a bulk action does not pass through it.

import type { AffectedApps } from '../shared/affectedApps';
import { lossQuestion, typedAnswerProblem, type GateVault, type Loss } from '../shared/destructive';
import { input, warning } from './prompts';
import { UserCancelled } from './UserCancelled';

let knownVaults: () => readonly GateVault[] = () => [];

/** The vaults the extension knows now (the tree's rows): a vault whose display name looks like another's is named with its host. */
export function useKnownVaults(list: () => readonly GateVault[]): void {
  knownVaults = list;
}

/** The deployed apps a loss affects (from a recent scan), and the scan the "check first" button runs. */
export interface DeployedAppsLookup {
  affected(loss: Loss): AffectedApps | undefined;
  check(): Promise<unknown>;
}

let deployedApps: DeployedAppsLookup | undefined;

export function useDeployedApps(lookup: DeployedAppsLookup | undefined): void {
  deployedApps = lookup;
}

/**
 * Asks before a loss. Resolves 'confirmed' when the user chose the action (and typed what was asked),
 * 'alternative' when they chose the loss's non-destructive alternative; throws UserCancelled otherwise.
 */
export async function confirmLoss(loss: Loss): Promise<'confirmed' | 'alternative'> {
  const apps = loss.apps ?? deployedApps?.affected(loss);
  const asked = apps === undefined ? loss : { ...loss, apps };
  const q = lossQuestion(asked, knownVaults());
  if (q.modal !== undefined) {
    const buttons = [q.modal.button, ...(q.alternative !== undefined ? [q.alternative] : [])];
    const answer = await warning(q.modal.message, { modal: true, detail: q.modal.detail }, ...buttons);
    // "Check Deployed Apps First": scan, then the same question with what the scan found.
    if (apps?.checked === false && loss.alternative === undefined && answer === q.alternative && deployedApps) {
      await deployedApps.check();
      return confirmLoss(loss);
    }
    if (q.alternative !== undefined && answer === q.alternative) return 'alternative';
    if (answer !== q.modal.button) throw new UserCancelled();
  }
  if (q.typed !== undefined) {
    const { expected, title, prompt } = q.typed;
    const typed = await input({
      title,
      prompt,
      placeHolder: expected,
      ignoreFocusOut: true,
      validateInput: (text) => typedAnswerProblem(expected, text),
    });
    if (typedAnswerProblem(expected, typed) !== undefined) throw new UserCancelled();
  }
  return 'confirmed';
}

/** confirmLoss for a caller that goes on either way: true when the user chose the action, false when they backed out. */
export async function lossConfirmed(loss: Loss): Promise<boolean> {
  try {
    return (await confirmLoss(loss)) === 'confirmed';
  } catch (e) {
    if (e instanceof UserCancelled) return false;
    throw e;
  }
}

// What a .env file may ask of Terminal with Secrets, before any vault is looked at: the entries whose value is one
// whole Key Vault reference, under a name that does not change how programs run, at most
// WORKSPACE_LIMITS.terminalVariables of them. Pure, so the bad-input catalogue runs the same rule.

import { t } from '../l10n';
import { wholeReference, type KeyVaultReference } from '../references/parseReferences';
import { dangerousEnvironmentName, WORKSPACE_LIMITS } from '../workspaceInput';
import { parseDotenv } from './dotenv';

/** A variable the file asks for, and the reference whose secret would give its value. */
export interface RequestedVariable {
  readonly key: string;
  readonly ref: KeyVaultReference;
}

/** A variable that will not be set, and why (shown by key; never a value). */
export interface SkippedVariable {
  readonly key: string;
  readonly reason: string;
}

export interface TerminalPlan {
  readonly requested: readonly RequestedVariable[];
  readonly skipped: readonly SkippedVariable[];
  /** Entries whose value is not a Key Vault reference (left out, not counted as problems). */
  readonly literal: number;
}

/** The plan of a .env file's text. No request, no read: the caller confirms it with the user first. */
export function terminalPlanOfDotenv(text: string): TerminalPlan {
  const parsed = parseDotenv(text);
  const requested: RequestedVariable[] = [];
  const skipped: SkippedVariable[] = parsed.problems.map((p) => ({ key: t('line {0}', p.line), reason: p.message }));
  let literal = 0;
  for (const entry of parsed.entries) {
    const ref = wholeReference(entry.value);
    if (ref === undefined) {
      literal++;
      continue;
    }
    const dangerous = dangerousEnvironmentName(entry.key);
    if (dangerous !== undefined) {
      skipped.push({ key: entry.key, reason: dangerous });
      continue;
    }
    if (requested.length >= WORKSPACE_LIMITS.terminalVariables) {
      skipped.push({
        key: entry.key,
        reason: t('not set: a file may set at most {0} variables', WORKSPACE_LIMITS.terminalVariables),
      });
      continue;
    }
    requested.push({ key: entry.key, ref });
  }
  return { requested, skipped, literal };
}

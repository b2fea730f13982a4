// The one table of the destructive-action gate's exceptions (read by destructiveGate.test.ts): the methods that
// lose something, the gate's functions, and the flows that call such a method without asking, each with why.
import type { GateRules } from './gateScan';

/** The one table of exceptions: flows that call a destructive method without asking, and why that is right. */
export const RULES: GateRules = {
  destructive: ['purgeDeleted', 'deleteSecret', 'setSecret', 'restore', 'runEach'],
  gates: ['confirmLoss', 'lossConfirmed'],
  askedByCallers: {
    'src/transfer/copyOne.ts#copyOne':
      'one name of Copy: copySecrets asks the gate about existing names before the loop, and the chooseDeleted it passes asks the typed purge',
    'src/transfer/importApply.ts#write': 'one entry of applyImport, which the preview runs only after the gate',
    'src/transfer/importApply.ts#applyImport':
      "the import preview's apply asks the gate (overwrites, typed purges) before it runs the plan",
    'src/webviews/secretFormRequests.ts#followUp':
      "the recover or purge follow-up of the form's deleted-name conflict, asked (a typed purge) in deletedConflict",
  },
  noLoss: {
    'src/commands/restoreSecret.ts#restoreSecret':
      'Key Vault refuses a restore over a name that exists or is deleted (409 Conflict): nothing is written over',
    'src/commands/objectBackup.ts#restoreObject':
      'Key Vault refuses a certificate or key restore over a name that exists or is deleted (409 Conflict): nothing is written over',
  },
};

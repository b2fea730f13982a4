// The context keys the Get Started walkthrough's steps complete on (package.json: "onContext:…"); set by
// src/commands/walkthroughSteps.ts when a step's command succeeded. Pure: the manifest test reads them.

/** The context key each step completes on (package.json's completionEvents name them). */
export const WALKTHROUGH_CONTEXT = {
  /** Signed in to Azure, or a vault added by URL. */
  vaultReached: 'keyVaultSecrets.walkthrough.vaultReached',
  /** A subscription choice was saved. */
  subscriptionsSelected: 'keyVaultSecrets.walkthrough.subscriptionsSelected',
  /** A secret's value was opened in an editor. */
  valueShown: 'keyVaultSecrets.walkthrough.valueShown',
  /** A reference was inserted into a file, or references to a secret were found. */
  referenceTried: 'keyVaultSecrets.walkthrough.referenceTried',
} as const;

export type WalkthroughStep = keyof typeof WALKTHROUGH_CONTEXT;

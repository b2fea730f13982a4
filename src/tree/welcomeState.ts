// Which welcome view the Vaults view shows. Pure (no `vscode`): the tree model computes the facts at the root,
// asks here, and returns no row when a welcome applies (VS Code shows a view's welcome only while it is empty);
// the provider puts the answer in the `keyVaultSecrets.welcome` context key that package.json's viewsWelcome reads.

import type { SignInState } from '../vault/model';

/** The value of the `keyVaultSecrets.welcome` context key; '' when the tree has rows. */
export type WelcomeState = 'signedOut' | 'noSubscriptions' | 'noVaults' | 'discoveryFailed' | '';

export const WELCOME_STATES: readonly Exclude<WelcomeState, ''>[] = [
  'signedOut',
  'noSubscriptions',
  'noVaults',
  'discoveryFailed',
];

/** What the root knows when it is rendered. */
export interface RootFacts {
  readonly signIn: SignInState;
  /** Vaults added by URL (they always make a row, so no welcome applies). */
  readonly addedVaults: number;
  /** Signed in: listing the subscriptions failed. */
  readonly discoveryFailed?: boolean;
  /** Signed in: the subscriptions listed (after the user's filter). */
  readonly subscriptions?: number;
  /**
   * Signed in: the vaults found in those subscriptions, once every one of their lists is loaded completely
   * without an error; undefined while any is unknown (nothing is listed just to decide a welcome).
   */
  readonly vaultsFound?: number;
}

export function welcomeState(facts: RootFacts): WelcomeState {
  if (facts.addedVaults > 0) return '';
  switch (facts.signIn) {
    case 'signedOut':
      return 'signedOut';
    case 'notApplicable':
      return 'noVaults';
    case 'signedIn':
      if (facts.discoveryFailed === true) return 'discoveryFailed';
      if (facts.subscriptions === 0) return 'noSubscriptions';
      return facts.vaultsFound === 0 ? 'noVaults' : '';
  }
}

// The root of the Vaults view: the silent sign-in check (bounded, so a hung check reads as signed out), the
// tenants or subscriptions of the signed-in accounts, the added vaults' group, and the welcome that applies when
// the view has no row. Pure (no `vscode`).

import { t } from '../shared/l10n';
import type { SignInState, VaultService } from '../vault/model';
import type { AddedVaultRows } from './addedVaultRows';
import { failureText } from './failureText';
import { ADDED_GROUP_ID, tenantNodeId, type TreeNode } from './nodes';
import type { TreeSurface } from './treeSurface';
import type { TreeLists } from './TreeLists';
import { errorNode, messageNode, showTenants, subscriptionNode } from './treeRows';
import { welcomeState, type WelcomeState } from './welcomeState';

export interface TreeRootOptions {
  readonly service: VaultService;
  readonly host: TreeSurface;
  readonly lists: TreeLists;
  readonly added: AddedVaultRows;
  /** How long the silent sign-in check may take before the tree treats the user as signed out. */
  readonly signInTimeoutMs?: number;
}

async function withTimeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<T>((resolve) => {
        timer = setTimeout(() => resolve(fallback), ms);
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

export class TreeRoot {
  private signIn: Promise<SignInState> | undefined;
  private current: WelcomeState | undefined;

  constructor(private readonly options: TreeRootOptions) {}

  /** The welcome the view shows (undefined until the root was first listed). */
  get welcome(): WelcomeState | undefined {
    return this.current;
  }

  /** The sign-in state is asked for again at the next listing (after a sign-in or sign-out, or a refresh). */
  forgetSignIn(): void {
    this.signIn = undefined;
  }

  /** The last subscription was found empty: the root now shows the "no vaults" welcome instead of its rows. */
  becameEmpty(): boolean {
    return this.current !== 'noVaults' && this.welcomeFor('signedIn') === 'noVaults';
  }

  async children(): Promise<TreeNode[]> {
    const { service, host, lists, added } = this.options;
    this.signIn ??= withTimeout(
      service.discovery.signInState().catch((): SignInState => 'signedOut'),
      this.options.signInTimeoutMs ?? 10_000,
      'signedOut',
    );
    const state = await this.signIn;
    const nodes: TreeNode[] = [];
    let tenants: ReturnType<TreeLists['tenants']> | undefined;
    if (state === 'signedIn') {
      // A listing a sign-in or selection change replaced meanwhile is not answered from: the new one is.
      do await host.inView((tenants = lists.tenants()).ensureFirstPage());
      while (tenants !== lists.tenants());
      const listed = tenants.items;
      const selection = service.discovery.selectionSource?.();
      if (selection === 'azureResources' && !tenants.error)
        nodes.push(messageNode(undefined, 'selection', t('Subscriptions selected in Azure Resources')));
      if (tenants.error) {
        nodes.push(errorNode('root', tenants.error.error, 'subscriptions', 'first'));
      } else if (showTenants(listed)) {
        // Several tenants, or one that needs a sign-in of its own: one row per tenant, none skipped.
        for (const tenant of listed) nodes.push({ kind: 'tenant', id: tenantNodeId(tenant), tenant });
      } else {
        const only = listed[0];
        if (only?.state === 'failed') nodes.push(errorNode('root', only.failure, 'subscriptions', 'first'));
        else if (only === undefined || only.subscriptions.length === 0)
          nodes.push(messageNode(undefined, 'noSubscriptions', t('No subscriptions selected')));
        else for (const s of only.subscriptions) nodes.push(subscriptionNode(s));
      }
    } else if (state === 'signedOut') {
      nodes.push(messageNode(undefined, 'signIn', t('Sign in to Azure…')));
    }
    // The added vaults as they are now, not when the root was asked for: a removal meanwhile wins.
    if (added.show().length > 0) nodes.push({ kind: 'vaultGroup', id: ADDED_GROUP_ID });
    const welcome = this.welcomeFor(state);
    if (welcome !== this.current) {
      this.current = welcome;
      const failure = welcome === 'discoveryFailed' ? discoveryFailure(tenants) : undefined;
      host.welcomeChanged(welcome, failure !== undefined ? failureText(failure, 'subscriptions').detail : undefined);
    }
    // VS Code shows a view's welcome only while the view has no row.
    return welcome === '' ? nodes : [];
  }

  /**
   * The welcome for the root from what is loaded (lists nothing itself). Tenant rows (several tenants, or one
   * needing its own sign-in) are rows, so no welcome applies then.
   */
  private welcomeFor(signIn: SignInState): WelcomeState {
    const { lists, service } = this.options;
    const tenants = signIn === 'signedIn' ? lists.tenants() : undefined;
    const listed = tenants?.items ?? [];
    const single = tenants !== undefined && !tenants.error && !showTenants(listed);
    const only = single ? listed[0] : undefined;
    const subs = only?.state === 'ready' ? only.subscriptions : single ? [] : undefined;
    const vaultLists = subs?.map((s) => lists.existing.vaults(s.subscriptionId));
    const complete = vaultLists?.every((l) => l?.settled === true && !l.error && !l.hasMore);
    return welcomeState({
      signIn,
      addedVaults: service.addedVaults().length,
      discoveryFailed: tenants?.error !== undefined || only?.state === 'failed',
      ...(subs !== undefined && only?.state !== 'failed' ? { subscriptions: subs.length } : {}),
      ...(complete === true && vaultLists
        ? { vaultsFound: vaultLists.reduce((n, l) => n + (l?.items.length ?? 0), 0) }
        : {}),
    });
  }
}

/** Why discovery failed: listing the tenants, or the only tenant's subscriptions. */
function discoveryFailure(tenants: ReturnType<TreeLists['tenants']> | undefined): unknown {
  if (tenants?.error) return tenants.error.error;
  const only = tenants?.items.length === 1 ? tenants.items[0] : undefined;
  return only?.state === 'failed' ? only.failure : undefined;
}

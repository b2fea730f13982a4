// The access fixes, each a user's command on one vault (from its context menu, or from a refused request's
// notification): Grant Me Access (the least built-in role at the vault's scope), Add Me to the Access Policy (exactly
// the missing secret permissions), Allow My Address (one IP rule, for a while or until removed) and Remove My Address.
// Each reads the vault's guards first, names what it will change in a modal, changes only that, logs the change
// (what, vault, principal — never a token) and then tries the refused request again until it goes through.

import type { CommandContext } from './commandTable';
import { offerFallback, retryUntilAllowed, type Probe } from './accessRetry';
import { timedIpRules } from './timedIpRules';
import { doingText, fixArgument, type FixArgument } from './accessFixArgs';
import { t } from '../shared/l10n';
import { formatDateTime } from '../shared/dates';
import { confirm, info, pick, pickMany, warning } from '../ui/prompts';
import { logInfo } from '../ui/log';
import { UserCancelled } from '../ui/UserCancelled';
import {
  KEY_VAULT_READER,
  KEY_VAULT_SECRETS_OFFICER,
  KEY_VAULT_SECRETS_USER,
  SECRET_PERMISSIONS,
  accessControlPortalUrl,
  addressRefusal,
  azNetworkRuleLine,
  azPolicyLine,
  azRoleAssignmentLine,
  leastRoleFor,
  modelText,
  type BuiltInRole,
  type VaultGuards,
} from '../vault/accessGuards';
import { AccessFixError, type VaultAccessArm } from '../vault/vaultAccessArm';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { VaultRef } from '../vault/model';
import { vaultDirectory } from '../vault/VaultDirectory';
import { portalForCloud } from '../vault/vscodeAuth';
import type { VaultOperation } from '../vault/errors';

/** The ARM side of the vault and its guards (read now: a fix is made against what is true). */
async function armAndGuards(vault: VaultRef): Promise<{ arm: VaultAccessArm; guards: VaultGuards }> {
  const access = vaultDirectory().access;
  const arm = access.armFor(vault);
  if (arm === undefined)
    throw new Error(
      t(
        'Vault {0} was added by URL: its access can be changed only for vaults discovered through your Azure account.',
        vault.name,
      ),
    );
  access.forget(vault);
  const read = access.read(vault);
  if (read === undefined) throw new Error(t('Vault {0} has no Azure resource to read.', vault.name));
  return { arm, guards: (await read).guards };
}

const accessPage = (vault: VaultRef): string | undefined =>
  vault.resourceId === undefined
    ? undefined
    : accessControlPortalUrl(vault.resourceId, vault.tenantId, portalForCloud());

/** A write refused with no right to make it: the fallback; any other failure goes on to the error boundary. */
async function orFallback<T>(work: () => Promise<T>, command: string, vault: VaultRef): Promise<T | undefined> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof AccessFixError && e.reason === 'notAllowed') {
      logInfo(`Access fix refused on vault ${vault.name}: ${e.message}`);
      await offerFallback(e.message, command, accessPage(vault));
      return undefined;
    }
    throw e;
  }
}

interface RoleChoice {
  readonly role: BuiltInRole;
  readonly operation: VaultOperation;
}

/** The vault menu's question: what the user needs to do, which names the least role for it. */
async function pickRole(): Promise<RoleChoice> {
  const choices: { label: string; detail: string; data: RoleChoice }[] = [
    {
      label: t('List secrets and read their properties'),
      detail: KEY_VAULT_READER.name,
      data: { role: KEY_VAULT_READER, operation: 'listSecrets' },
    },
    {
      label: t('Read secret values'),
      detail: KEY_VAULT_SECRETS_USER.name,
      data: { role: KEY_VAULT_SECRETS_USER, operation: 'getValue' },
    },
    {
      label: t('Create, change and delete secrets'),
      detail: KEY_VAULT_SECRETS_OFFICER.name,
      data: { role: KEY_VAULT_SECRETS_OFFICER, operation: 'setSecret' },
    },
  ];
  const chosen = await pick(choices, { title: t('Grant Me Access: what do you need to do?') });
  if (chosen === undefined) throw new UserCancelled();
  return chosen.data;
}

/** Grant Me Access: the least built-in role for the refused operation, at the vault's scope, for the signed-in user. */
export async function grantAccess(c: CommandContext, arg: unknown): Promise<void> {
  const fix = await fixArgument(c, arg, t('Grant Me Access'));
  const { vault } = fix;
  const { arm, guards } = await armAndGuards(vault);
  if (guards.permissionModel !== 'rbac')
    throw new Error(
      t(
        'Vault {0} uses {1}, not Azure RBAC: a role does not give access to it. Use "Add Me to the Access Policy".',
        vault.name,
        modelText(guards),
      ),
    );
  const { role, operation } =
    fix.denied !== undefined
      ? { role: leastRoleFor(fix.denied.operation), operation: fix.denied.operation }
      : await pickRole();
  const me = await arm.principal();
  await confirm(
    t('Assign yourself the role "{0}" on vault {1}?', role.name, vault.name),
    t('Assign Role'),
    t('Role: {0}\nScope: {1}\nPrincipal (you): {2}', role.name, arm.scope, me.objectId),
  );
  const done = await orFallback(
    () => arm.assignRole(role, me.objectId),
    azRoleAssignmentLine(role, me.objectId, arm.scope),
    vault,
  );
  if (done === undefined) return;
  logInfo(
    `Access fix: ${done === 'created' ? 'assigned' : 'found already assigned'} role "${role.name}" at scope ${arm.scope} (vault ${vault.name}) to principal ${me.objectId}`,
  );
  if (done === 'exists') void info(t('You already have the role "{0}" on vault {1}.', role.name, vault.name));
  await afterFix(c, vault, { operation, ...(fix.denied?.secretName ? { secretName: fix.denied.secretName } : {}) });
}

/** Add Me to the Access Policy: exactly the missing secret permission(s), for the signed-in user. */
export async function addToAccessPolicy(c: CommandContext, arg: unknown): Promise<void> {
  const fix = await fixArgument(c, arg, t('Add Me to the Access Policy'));
  const { vault } = fix;
  const { arm, guards } = await armAndGuards(vault);
  if (guards.permissionModel !== 'accessPolicy')
    throw new Error(
      t(
        'Vault {0} uses Azure RBAC: its access policies are not read. Use "Grant Me Access" to assign yourself a role.',
        vault.name,
      ),
    );
  const permissions = fix.permission !== undefined ? [fix.permission] : await pickPermissions();
  const me = await arm.principal();
  const tenantId = guards.tenantId ?? me.tenantId ?? vault.tenantId;
  if (tenantId === undefined) throw new Error(t('The tenant of vault {0} is not known.', vault.name));
  await confirm(
    t('Add the secret permission(s) {0} to your access policy on vault {1}?', permissions.join(', '), vault.name),
    t('Add Permissions'),
    t('Permissions: {0}\nVault: {1}\nPrincipal (you): {2}', permissions.join(', '), arm.scope, me.objectId),
  );
  const done = await orFallback(
    async () => (await arm.addPolicyPermissions(tenantId, me.objectId, permissions), true),
    azPolicyLine(vault.name, me.objectId, permissions),
    vault,
  );
  if (done === undefined) return;
  vaultDirectory().access.forget(vault);
  logInfo(
    `Access fix: added secret permission(s) ${permissions.join(', ')} to the access policy of principal ${me.objectId} on vault ${vault.name} (${arm.scope})`,
  );
  const operation: VaultOperation = permissions.includes('get') ? 'getValue' : 'listSecrets';
  await afterFix(c, vault, { operation, ...(fix.denied?.secretName ? { secretName: fix.denied.secretName } : {}) });
}

async function pickPermissions(): Promise<string[]> {
  const chosen = await pickMany(
    SECRET_PERMISSIONS.map((p) => ({ label: p, data: p })),
    { title: t('Add Me to the Access Policy: which secret permissions do you need?') },
  );
  if (chosen === undefined || chosen.length === 0) throw new UserCancelled();
  return chosen.map((p) => p.data);
}

/** The address the vault's firewall sees for this machine: the refusal's, else one request's refusal names it. */
async function myAddress(fix: FixArgument): Promise<string | undefined> {
  if (fix.denied?.clientAddress !== undefined) return fix.denied.clientAddress;
  try {
    await vaultDirectory().clientFor(fix.vault).listSecrets();
    return undefined;
  } catch (e) {
    if (isKeyVaultFailure(e) && e.denied?.clientAddress !== undefined) return e.denied.clientAddress;
    throw e;
  }
}

const HOUR_MS = 3_600_000;

/** Allow My Address: the one address the firewall refused, in the vault's IP rules, for a while or until removed. */
export async function allowMyAddress(c: CommandContext, arg: unknown): Promise<void> {
  const fix = await fixArgument(c, arg, t('Allow My Address'));
  const { vault } = fix;
  const { arm, guards } = await armAndGuards(vault);
  if (guards.publicNetworkAccess === 'Disabled' || fix.denied?.publicAccessDisabled === true)
    throw new Error(
      t(
        'Vault {0} has public network access disabled: no address can be allowed, only a private endpoint reaches it.',
        vault.name,
      ),
    );
  const address = await myAddress(fix);
  if (address === undefined || guards.defaultAction !== 'Deny') {
    void info(t("Vault {0}'s firewall does not block this machine: there is nothing to allow.", vault.name));
    return;
  }
  const refusal = addressRefusal(address);
  if (refusal !== undefined) throw new Error(refusal);
  const forHour = t('For 1 Hour');
  const forEight = t('For 8 Hours');
  const untilRemoved = t('Until I Remove It');
  const answer = await warning(
    t("Allow your address {0} through vault {1}'s firewall?", address, vault.name),
    {
      modal: true,
      detail: t(
        'One IP rule is added for {0} only. The default action (deny) and every other rule stay as they are.\nVault: {1}',
        address,
        arm.scope,
      ),
    },
    forHour,
    forEight,
    untilRemoved,
  );
  if (answer === undefined) throw new UserCancelled();
  const hours = answer === forHour ? 1 : answer === forEight ? 8 : undefined;
  const added = await orFallback(() => arm.changeIpRule(address, 'add'), azNetworkRuleLine(vault.name, address), vault);
  if (added === undefined) return;
  vaultDirectory().access.forget(vault);
  if (!added) {
    // The rule was there already (someone put it there): it is not ours to time or to remove.
    logInfo(
      `Access fix: firewall IP rule ${address} was already on vault ${vault.name} (${arm.scope}); nothing changed`,
    );
    void info(t("Your address {0} is already allowed by vault {1}'s firewall.", address, vault.name));
    return;
  }
  const expiresAt = hours === undefined ? undefined : Date.now() + hours * HOUR_MS;
  await timedIpRules().remember({
    resourceId: arm.scope,
    vaultUrl: vault.url,
    vaultName: vault.name,
    subscriptionId: vault.subscriptionId ?? '',
    tenantId: vault.tenantId ?? '',
    ...(vault.accountId !== undefined ? { accountId: vault.accountId } : {}),
    address,
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  });
  logInfo(
    `Access fix: added firewall IP rule ${address} on vault ${vault.name} (${arm.scope})${expiresAt !== undefined ? ` until ${formatDateTime(new Date(expiresAt))}` : ' until removed'}`,
  );
  await afterFix(c, vault, {
    operation: fix.denied?.operation ?? 'listSecrets',
    ...(fix.denied?.secretName ? { secretName: fix.denied.secretName } : {}),
  });
}

/** Remove My Address: an address Allow My Address added to this vault, out of its IP rules again. */
export async function removeMyAddress(c: CommandContext, arg: unknown): Promise<void> {
  const { vault } = await fixArgument(c, arg, t('Remove My Address'));
  const rules = timedIpRules();
  const entries = rules.entriesFor(vault);
  if (entries.length === 0) {
    void info(t('No address you allowed from here is on vault {0}.', vault.name));
    return;
  }
  const entry =
    entries.length === 1
      ? entries[0]
      : (
          await pick(
            entries.map((e) => ({ label: e.address, data: e })),
            { title: t('Remove My Address from vault {0}', vault.name) },
          )
        )?.data;
  if (entry === undefined) throw new UserCancelled();
  const { arm } = await armAndGuards(vault);
  const removed = await arm.changeIpRule(entry.address, 'remove');
  vaultDirectory().access.forget(vault);
  await rules.forget(entry);
  logInfo(
    `Access fix: ${removed ? 'removed' : 'found already removed'} firewall IP rule ${entry.address} on vault ${vault.name} (${arm.scope})`,
  );
  void info(t("Your address {0} is no longer in vault {1}'s firewall.", entry.address, vault.name));
}

/** After a fix: the refused request again until it goes through, then the vault's rows again. */
async function afterFix(c: CommandContext, vault: VaultRef, probe: Probe): Promise<void> {
  if (await retryUntilAllowed(vault, probe, doingText(probe.operation))) await c.tree.refreshVault(vault);
}

// The ARM calls behind a vault's guards and the access fixes, for one discovered vault: read the vault resource
// (with its ETag), the signed-in principal (from the ARM token), a role assignment at the vault's scope, an access
// policy `add`, and one IP rule added to or removed from the firewall by read-modify-write. Every call goes through
// the discovery's management client (its pipeline, credential and TLS settings); nothing here talks to the data plane.

import type { TokenCredential } from '@azure/core-auth';
import type { KeyVaultManagementContext } from '@azure/arm-keyvault/api';
import { loadVaultOperations } from './azurePackages';
import { guardsOf, sameAddressRule, tokenPrincipal, type BuiltInRole, type VaultGuards } from './accessGuards';
import type { VaultRef } from './model';
import { t } from '../shared/l10n';

const ROLE_API_VERSION = '2022-04-01';
const CALL_TIMEOUT_MS = 30_000;
const VAULT_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.KeyVault\/vaults\/([^/]+)$/i;

/** The one untyped ARM call (a role assignment), typed to what is sent and read back. */
interface ArmPathClient {
  path(path: string): {
    put(request: {
      readonly queryParameters: Record<string, string>;
      readonly contentType: string;
      readonly body: unknown;
      readonly abortSignal: AbortSignal;
    }): PromiseLike<{ readonly status: string; readonly body: unknown }>;
  };
}

/** Why a fix could not be made; `message` says it in words. */
export type AccessFixReason = 'noPrincipal' | 'readFailed' | 'notAllowed' | 'conflict' | 'failed';

export class AccessFixError extends Error {
  constructor(
    readonly reason: AccessFixReason,
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'AccessFixError';
  }
}

/** The ARM management client and credential of a discovered vault's account and tenant. */
export interface VaultManagement {
  readonly context: KeyVaultManagementContext;
  readonly credential: TokenCredential;
  /** The ARM token scope (`https://management.azure.com/.default`). */
  readonly scope: string;
}

/** A vault's guards as read, with what a read-modify-write needs. */
export interface GuardRead {
  readonly guards: VaultGuards;
  readonly etag?: string;
  /** The firewall's rules as ARM holds them (written back whole, with one rule more or less). */
  readonly networkAcls?: Record<string, unknown>;
}

function statusOf(e: unknown): { status?: number; code?: string; message: string } {
  const r = e as { statusCode?: unknown; code?: unknown; message?: unknown };
  return {
    ...(typeof r.statusCode === 'number' ? { status: r.statusCode } : {}),
    ...(typeof r.code === 'string' ? { code: r.code } : {}),
    message: typeof r.message === 'string' ? r.message : String(e),
  };
}

/** An ARM write's failure in words: no permission, a concurrent change, anything else. */
function writeFailure(e: unknown, what: string): AccessFixError {
  if (e instanceof AccessFixError) return e;
  const { status, code, message } = statusOf(e);
  if (status === 403 || code === 'AuthorizationFailed')
    return new AccessFixError('notAllowed', t('You are not allowed to {0}.', what), status, code);
  if (status === 409 || status === 412)
    return new AccessFixError(
      'conflict',
      t('Someone changed the vault at the same time ({0}); nothing was changed. Try again.', code ?? String(status)),
      status,
      code,
    );
  return new AccessFixError('failed', t('Could not {0}: {1}', what, message), status, code);
}

export class VaultAccessArm {
  private readonly resourceGroup: string;
  private readonly vaultName: string;

  constructor(
    readonly vault: VaultRef,
    private readonly management: () => Promise<VaultManagement>,
  ) {
    const m = VAULT_ID.exec(vault.resourceId ?? '');
    if (m === null || m[2] === undefined || m[3] === undefined)
      throw new AccessFixError('readFailed', t('Vault {0} has no Azure resource id to fix access on.', vault.name));
    this.resourceGroup = m[2];
    this.vaultName = m[3];
  }

  /** The vault's resource id (validated: a Key Vault resource). */
  get scope(): string {
    return this.vault.resourceId ?? '';
  }

  /** One GET of the vault resource. */
  async read(): Promise<GuardRead> {
    const { context } = await this.management();
    const { get } = await loadVaultOperations();
    let etag: string | undefined;
    try {
      const resource = await get(context, this.resourceGroup, this.vaultName, {
        abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS),
        onResponse: (raw) => void (etag = raw.headers.get('etag') ?? undefined),
      });
      const acl = resource.properties.networkAcls;
      return {
        guards: guardsOf(resource),
        ...(etag !== undefined ? { etag } : {}),
        ...(acl !== undefined ? { networkAcls: { ...acl } } : {}),
      };
    } catch (e) {
      const { status, code, message } = statusOf(e);
      throw new AccessFixError(
        'readFailed',
        t("Could not read vault {0}'s Azure resource ({1}).", this.vault.name, code ?? message),
        status,
        code,
      );
    }
  }

  /** The signed-in principal (object id and tenant) from the ARM token; refuses when the token names none. */
  async principal(): Promise<{ readonly objectId: string; readonly tenantId?: string }> {
    const { credential, scope } = await this.management();
    const token = await credential.getToken(scope, { abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
    const who = token === null ? undefined : tokenPrincipal(token.token);
    if (who === undefined)
      throw new AccessFixError(
        'noPrincipal',
        t(
          'Your sign-in does not say which Microsoft Entra object you are (the token has no object id), so nothing can be granted to you. Sign in with a user account, or ask an owner.',
        ),
      );
    return who;
  }

  /** A role assignment of `role` to `principalId` at the vault's scope; `exists` when it was there already. */
  async assignRole(role: BuiltInRole, principalId: string): Promise<'created' | 'exists'> {
    const { context } = await this.management();
    const subscription = VAULT_ID.exec(this.scope)?.[1] ?? '';
    const name = crypto.randomUUID();
    let response: { readonly status: string; readonly body: unknown };
    try {
      response = await (context as unknown as ArmPathClient)
        .path(`${this.scope}/providers/Microsoft.Authorization/roleAssignments/${name}`)
        .put({
          queryParameters: { 'api-version': ROLE_API_VERSION },
          contentType: 'application/json',
          body: {
            properties: {
              roleDefinitionId: `/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions/${role.guid}`,
              principalId,
            },
          },
          abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS),
        });
    } catch (e) {
      throw writeFailure(e, t('assign roles on vault {0}', this.vault.name));
    }
    const status = Number(response.status);
    if (status === 200 || status === 201) return 'created';
    const error = (response.body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code = typeof error?.code === 'string' ? error.code : undefined;
    if (status === 409 && code === 'RoleAssignmentExists') return 'exists';
    throw writeFailure(
      { statusCode: status, code, message: typeof error?.message === 'string' ? error.message : String(status) },
      t('assign roles on vault {0}', this.vault.name),
    );
  }

  /** Adds secret permissions to the principal's access policy (ARM `accessPolicies/add`: others are kept). */
  async addPolicyPermissions(tenantId: string, objectId: string, permissions: readonly string[]): Promise<void> {
    const { context } = await this.management();
    const { updateAccessPolicy } = await loadVaultOperations();
    try {
      await updateAccessPolicy(
        context,
        this.resourceGroup,
        this.vaultName,
        'add',
        { properties: { accessPolicies: [{ tenantId, objectId, permissions: { secrets: [...permissions] } }] } },
        { abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS) },
      );
    } catch (e) {
      throw writeFailure(e, t('change the access policies of vault {0}', this.vault.name));
    }
  }

  /**
   * Adds or removes one address in the firewall's IP rules by read-modify-write: every other rule, the default
   * action, the bypass and the virtual network rules are written back as read, under the read's ETag (a concurrent
   * change then fails with 412 instead of being lost; without an ETag, a second read must match the first). Answers
   * false when there was nothing to do.
   */
  async changeIpRule(address: string, change: 'add' | 'remove'): Promise<boolean> {
    const before = await this.read();
    const acl = before.networkAcls ?? {};
    const rules = (Array.isArray(acl.ipRules) ? (acl.ipRules as { value?: unknown }[]) : []).flatMap((r) =>
      typeof r.value === 'string' ? [{ value: r.value }] : [],
    );
    const has = rules.some((r) => sameAddressRule(r.value, address));
    if (change === 'add' ? has : !has) return false;
    const ipRules =
      change === 'add' ? [...rules, { value: address }] : rules.filter((r) => !sameAddressRule(r.value, address));
    if (before.etag === undefined) {
      // No ETag to make the write conditional: read again, and stop when the rules changed in between.
      const again = await this.read();
      if (JSON.stringify(again.networkAcls ?? {}) !== JSON.stringify(acl))
        throw new AccessFixError(
          'conflict',
          t('Someone changed the vault at the same time ({0}); nothing was changed. Try again.', 'networkAcls'),
        );
    }
    const { context } = await this.management();
    const { update } = await loadVaultOperations();
    try {
      await update(
        context,
        this.resourceGroup,
        this.vaultName,
        { properties: { networkAcls: { ...acl, ipRules } } },
        {
          abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS),
          ...(before.etag !== undefined ? { requestOptions: { headers: { 'if-match': before.etag } } } : {}),
        },
      );
    } catch (e) {
      throw writeFailure(e, t('change the firewall of vault {0}', this.vault.name));
    }
    return true;
  }
}

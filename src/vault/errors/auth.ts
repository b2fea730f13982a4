// The sign-in family: no token (not signed in, expired, another tenant, a sign-in that did not finish) and a
// challenge for another resource, each with what to do for the way the user signs in. Pure: no `vscode`, no SDK.

import { KeyVaultFailure } from '../KeyVaultFailure';
import { t } from '../../shared/l10n';
import { formatDuration } from '../../shared/duration';
import { where, whereLower, type FailureContext, type StatusBase } from './context';

const CREDENTIAL_ERRORS = new Set([
  'CredentialUnavailableError',
  'AuthenticationRequiredError',
  'AuthenticationError',
  'AggregateAuthenticationError',
]);

/** The call's time ran out while a token was being acquired: nothing was sent. */
export function signInTimedOut(context: FailureContext, cause: unknown): KeyVaultFailure {
  return new KeyVaultFailure(
    'unauthenticated',
    t(
      'The sign-in did not finish{0}, so nothing was sent to {1}. Sign in to Azure and try again.',
      context.signInBudgetMs === undefined ? '' : t(' within {0}', formatDuration(context.signInBudgetMs)),
      whereLower(context),
    ),
    { cause },
  );
}

/** A credential's own failure (no HTTP answer), or undefined when the error is not one. */
export function fromCredential(
  name: string | undefined,
  errCode: string | undefined,
  message: string,
  context: FailureContext,
  scrub: (text: string) => string,
  cause: unknown,
): KeyVaultFailure | undefined {
  if ((name !== undefined && CREDENTIAL_ERRORS.has(name)) || /Failed to refresh access token/i.test(message))
    return unauthenticated(context, scrub(message), undefined, cause);
  if (/challenge resource .* does not match the requested domain/i.test(message)) {
    return new KeyVaultFailure(
      'unauthenticated',
      t(
        '{0} asked for a sign-in to a different resource than Key Vault. Check the vault URL; if it is a local emulator, set "emulator": true for it in the keyVaultSecrets.vaults setting.',
        where(context),
      ),
      { code: errCode, cause },
    );
  }
  if (/not configured to acquire tokens for tenant/i.test(message)) {
    return unauthenticated(
      context,
      'The vault belongs to another Microsoft Entra tenant than the one you signed in to.',
      undefined,
      cause,
    );
  }
  return undefined;
}

/** Not signed in, expired, or signed in to another tenant (a 401, or a credential that could not get a token). */
export function unauthenticated(
  context: FailureContext,
  service: string,
  base: StatusBase | undefined,
  cause: unknown,
): KeyVaultFailure {
  const wrongTenant = /AKV10032|Invalid issuer|another Microsoft Entra tenant/i.test(service);
  let action: string;
  switch (context.authentication) {
    case 'azureCli':
      action = wrongTenant
        ? 'Run "az login --tenant <the vault\'s tenant>" and try again.'
        : 'Run "az login" in a terminal and try again.';
      break;
    case 'default':
      action =
        'Sign in with one of the credentials of the default chain (environment variables, managed identity, Azure CLI, Azure PowerShell, Azure Developer CLI) and try again.';
      break;
    case 'emulator':
      action =
        'The local emulator refused its token; check that it is running and that this vault is marked as an emulator.';
      break;
    default:
      action = wrongTenant
        ? "Sign in to Azure with an account of the vault's tenant and try again."
        : 'Sign in to Azure (Accounts menu, or the "Sign in" item in the Key Vault view) and try again.';
  }
  const reason = wrongTenant
    ? t('Your sign-in is for another tenant than the vault.')
    : t('You are not signed in, or your sign-in has expired.');
  return new KeyVaultFailure('unauthenticated', `${reason} ${action}`, base ?? { cause });
}

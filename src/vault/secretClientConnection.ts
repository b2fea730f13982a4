// The SDK client of one vault: built on first use (the SDK is imported then, never at activation), with this
// vault's CA, the extension's pipeline policies and the API version it is tested against; a failed build (an
// unreadable CA file) is not kept, so the next call tries again.

import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy, PipelineRetryOptions } from '@azure/core-rest-pipeline';
import type { SecretClient } from '@azure/keyvault-secrets' with { 'resolution-mode': 'import' };
import { t } from '../shared/l10n';
import { loadKeyVaultSecrets } from './azurePackages';
import { callContextPolicy, noBlindResendPolicy, timedCredential } from './callContext';
import { KeyVaultFailure } from './KeyVaultFailure';
import { retryNotePolicy } from './retryNotes';
import type { VaultRef } from './model';

/** The Key Vault REST API version this extension is tested against (PROTOCOL.md, the local server). */
export const SERVICE_VERSION = '2025-07-01' as const;

/** How a vault's SDK client connects. */
export interface SecretClientConnection {
  readonly credential: TokenCredential;
  /**
   * A local emulator: challenge resource verification off. Set only from vaultConnection() (credentials.ts), the
   * place that also picks the static emulator credential; VaultRef.emulator alone never turns verification off.
   */
  readonly emulator?: boolean;
  /** PEM text of a CA to trust for this vault only (tlsOptions.ca of this client). */
  readonly caPem?: () => Promise<string | undefined>;
  readonly retryOptions?: PipelineRetryOptions;
  /** Extra SDK pipeline policies, after the extension's own (tests only: the live tier's recorder and name prefix). */
  readonly additionalPolicies?: ReadonlyArray<{
    readonly policy: PipelinePolicy;
    readonly position: 'perCall' | 'perRetry';
  }>;
}

/** The vault's SDK client, made on first call and shared by every later one. */
export function lazySecretClient(vault: VaultRef, connection: SecretClientConnection): () => Promise<SecretClient> {
  return lazySdkClient(async () => {
    const options = await sdkClientOptions(vault, connection);
    const { SecretClient: Client } = await loadKeyVaultSecrets();
    return new Client(vault.url, timedCredential(connection.credential), options);
  });
}

/**
 * A vault's SDK client (secrets, certificates or keys), made on first call and shared by every later one; a failed
 * creation (e.g. an unreadable CA file) is not kept, so the next call tries again.
 */
export function lazySdkClient<C>(create: () => Promise<C>): () => Promise<C> {
  let client: Promise<C> | undefined;
  return () => {
    if (client === undefined) {
      const created = create();
      client = created;
      created.catch(() => {
        if (client === created) client = undefined;
      });
    }
    return client;
  };
}

/** The options every SDK client of a vault is built with: its CA, the extension's policies, the tested API version. */
export async function sdkClientOptions(vault: VaultRef, connection: SecretClientConnection) {
  let ca: string | undefined;
  try {
    ca = connection.caPem === undefined ? undefined : await connection.caPem();
  } catch (error) {
    throw new KeyVaultFailure(
      'network',
      t(
        'Cannot read the CA certificate file {0} of vault "{1}". Check the "caFile" path in the keyVaultSecrets.vaults setting.',
        vault.caFile ?? '',
        vault.name,
      ),
      { cause: error },
    );
  }
  return {
    serviceVersion: SERVICE_VERSION,
    disableChallengeResourceVerification: connection.emulator === true,
    ...(ca !== undefined ? { tlsOptions: { ca } } : {}),
    ...(connection.retryOptions !== undefined ? { retryOptions: connection.retryOptions } : {}),
    additionalPolicies: [
      { policy: callContextPolicy, position: 'perCall' as const },
      { policy: noBlindResendPolicy, position: 'perRetry' as const },
      { policy: retryNotePolicy, position: 'perRetry' as const },
      ...(connection.additionalPolicies ?? []),
    ],
    userAgentOptions: { userAgentPrefix: 'vscode-keyvault-secrets' },
  };
}

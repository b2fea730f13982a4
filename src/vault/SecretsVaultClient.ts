// VaultClient over @azure/keyvault-secrets' SecretClient. One instance per vault, reused, so the
// Key Vault challenge happens once per vault. The SDK is imported on first use, never at activation.
// Every call: input validated first, one timeout + the caller's signal, errors normalised, no SDK type out.

import type { TokenCredential } from '@azure/core-auth';
import type { PipelineRetryOptions } from '@azure/core-rest-pipeline';
import type { SecretClient } from '@azure/keyvault-secrets' with { 'resolution-mode': 'import' };
import { firstFieldError, validatePropertiesUpdate, validateNewSecret, validateSecretName, validateSecretVersion } from '../shared/validation';
import { abortableDelay, callContextPolicy, currentCall, DEFAULT_TIMEOUT_MS, runCall } from './callContext';
import { toKeyVaultFailure, type FailureContext, type VaultOperation } from './errors';
import { KeyVaultFailure } from './KeyVaultFailure';
import { hasValidName, toDeletedSecret, toSecretProperties, toSecretValue, toSecretVersion } from './mapping';
import type {
  CallOptions,
  DeletedSecret,
  Page,
  PropertiesUpdate,
  SecretInput,
  SecretSummary,
  SecretValue,
  SecretVersion,
  VaultClient,
  VaultRef,
} from './model';

/** The Key Vault REST API version this extension is tested against (PROTOCOL.md, the local server). */
export const SERVICE_VERSION = '2025-07-01';
/** The API maximum page size. */
export const PAGE_SIZE = 25;

export interface SecretsVaultClientOptions {
  readonly credential: TokenCredential;
  /**
   * A local emulator: challenge resource verification off. Set only from vaultConnection() (credentials.ts), the
   * place that also picks the static emulator credential; VaultRef.emulator alone never turns verification off.
   */
  readonly emulator?: boolean;
  /** PEM text of a CA to trust for this vault only (tlsOptions.ca of this client). */
  readonly caPem?: () => Promise<string | undefined>;
  readonly defaultTimeoutMs?: number;
  /** Delay between poller polls (delete, recover) and conflict retries. Default 1000 ms. */
  readonly pollIntervalMs?: number;
  /** How long purge/set keep retrying while the service still reports "being deleted". Default 15 s. */
  readonly transientConflictRetryMs?: number;
  readonly retryOptions?: PipelineRetryOptions;
  /** For messages: how the user signs in. */
  readonly authentication?: FailureContext['authentication'];
}

export class SecretsVaultClient implements VaultClient {
  private sdkClient: Promise<SecretClient> | undefined;
  private readonly defaultTimeoutMs: number;
  private readonly pollIntervalMs: number;
  private readonly transientConflictRetryMs: number;

  constructor(
    readonly vault: VaultRef,
    private readonly options: SecretsVaultClientOptions,
  ) {
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.transientConflictRetryMs = options.transientConflictRetryMs ?? 15_000;
  }

  listSecrets(continuationToken?: string, options?: CallOptions): Promise<Page<SecretSummary>> {
    return this.call('listSecrets', {}, options, async (sdk) => {
      this.checkContinuation(continuationToken);
      startPaging();
      const iterator = sdk.listPropertiesOfSecrets().byPage({ maxPageSize: PAGE_SIZE, ...(continuationToken ? { continuationToken } : {}) });
      const page = await iterator.next();
      if (page.done === true) return { items: [] };
      return withToken(page.value.filter(hasValidName).map((p) => toSecretProperties(p, this.vault.url)), pageToken(page.value));
    });
  }

  listVersions(name: string, continuationToken?: string, options?: CallOptions): Promise<Page<SecretVersion>> {
    return this.call('listVersions', { secretName: name }, options, async (sdk) => {
      checkName(name);
      this.checkContinuation(continuationToken);
      startPaging();
      const iterator = sdk.listPropertiesOfSecretVersions(name).byPage({ maxPageSize: PAGE_SIZE, ...(continuationToken ? { continuationToken } : {}) });
      const page = await iterator.next();
      if (page.done === true) return { items: [] };
      return withToken(page.value.filter(hasValidName).map((p) => toSecretVersion(p, this.vault.url)), pageToken(page.value));
    });
  }

  listDeleted(continuationToken?: string, options?: CallOptions): Promise<Page<DeletedSecret>> {
    return this.call('listDeleted', {}, options, async (sdk) => {
      this.checkContinuation(continuationToken);
      startPaging();
      const iterator = sdk.listDeletedSecrets().byPage({ maxPageSize: PAGE_SIZE, ...(continuationToken ? { continuationToken } : {}) });
      const page = await iterator.next();
      if (page.done === true) return { items: [] };
      return withToken(page.value.filter(hasValidName).map((d) => toDeletedSecret(d, this.vault.url)), pageToken(page.value));
    });
  }

  getValue(name: string, version?: string, options?: CallOptions): Promise<SecretValue> {
    return this.call('getValue', { secretName: name, ...(version ? { version } : {}) }, options, async (sdk, signal) => {
      checkName(name);
      if (version !== undefined && version !== '') checkVersion(version);
      const secret = await sdk.getSecret(name, { abortSignal: signal, ...(version ? { version } : {}) });
      return toSecretValue(secret, this.vault.url);
    });
  }

  setSecret(name: string, input: SecretInput, options?: CallOptions): Promise<SecretVersion> {
    return this.call('setSecret', { secretName: name, redact: [input.value] }, options, async (sdk, signal) => {
      const invalid = firstFieldError(validateNewSecret(name, input));
      if (invalid !== undefined) throw new KeyVaultFailure('badParameter', invalid.message, { field: invalid.field });
      const secret = await this.retryWhileBeingDeleted(signal, () =>
        sdk.setSecret(name, input.value, {
          abortSignal: signal,
          ...(input.contentType !== undefined ? { contentType: input.contentType } : {}),
          ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
          ...(input.notBefore !== undefined ? { notBefore: input.notBefore } : {}),
          ...(input.expiresOn !== undefined ? { expiresOn: input.expiresOn } : {}),
          ...(input.tags !== undefined ? { tags: { ...input.tags } } : {}),
        }),
      );
      return toSecretVersion(secret.properties, this.vault.url);
    });
  }

  updateProperties(name: string, version: string, update: PropertiesUpdate, options?: CallOptions): Promise<SecretVersion> {
    return this.call('updateProperties', { secretName: name, version }, options, async (sdk, signal) => {
      const invalid = firstFieldError(validatePropertiesUpdate(name, update));
      if (invalid !== undefined) throw new KeyVaultFailure('badParameter', invalid.message, { field: invalid.field });
      checkVersion(version);
      const props = await sdk.updateSecretProperties(name, version, {
        abortSignal: signal,
        ...(update.contentType !== undefined ? { contentType: update.contentType } : {}),
        ...(update.enabled !== undefined ? { enabled: update.enabled } : {}),
        ...(update.notBefore !== undefined ? { notBefore: update.notBefore } : {}),
        ...(update.expiresOn !== undefined ? { expiresOn: update.expiresOn } : {}),
        ...(update.tags !== undefined ? { tags: { ...update.tags } } : {}),
      });
      return toSecretVersion(props, this.vault.url);
    });
  }

  deleteSecret(name: string, options?: CallOptions): Promise<DeletedSecret> {
    return this.call('deleteSecret', { secretName: name }, options, async (sdk, signal) => {
      checkName(name);
      // DELETE, then GET /deletedsecrets/{name} until it stops answering 404 (the service's async window).
      const poller = await sdk.beginDeleteSecret(name, { abortSignal: signal, intervalInMs: this.pollIntervalMs });
      while (!poller.isDone()) {
        await abortableDelay(this.pollIntervalMs, signal);
        await poller.poll({ abortSignal: signal });
      }
      return toDeletedSecret(poller.getResult() ?? poller.getOperationState().result!, this.vault.url);
    });
  }

  getDeleted(name: string, options?: CallOptions): Promise<DeletedSecret> {
    return this.call('getDeleted', { secretName: name }, options, async (sdk, signal) => {
      checkName(name);
      return toDeletedSecret(await sdk.getDeletedSecret(name, { abortSignal: signal }), this.vault.url);
    });
  }

  purgeDeleted(name: string, options?: CallOptions): Promise<void> {
    return this.call('purgeDeleted', { secretName: name }, options, async (sdk, signal) => {
      checkName(name);
      // Right after a delete the service answers 409 ObjectIsBeingDeleted for a few seconds.
      await this.retryWhileBeingDeleted(signal, () => sdk.purgeDeletedSecret(name, { abortSignal: signal }));
    });
  }

  recoverDeleted(name: string, options?: CallOptions): Promise<SecretSummary> {
    return this.call('recoverDeleted', { secretName: name }, options, async (sdk, signal) => {
      checkName(name);
      // POST recover, then GET /secrets/{name}/ until it stops answering 404 (the service's async window).
      const poller = await sdk.beginRecoverDeletedSecret(name, { abortSignal: signal, intervalInMs: this.pollIntervalMs });
      while (!poller.isDone()) {
        await abortableDelay(this.pollIntervalMs, signal);
        await poller.poll({ abortSignal: signal });
      }
      return toSecretProperties(poller.getResult() ?? poller.getOperationState().result!, this.vault.url);
    });
  }

  backup(name: string, options?: CallOptions): Promise<Uint8Array> {
    return this.call('backup', { secretName: name }, options, async (sdk, signal) => {
      checkName(name);
      const bytes = await sdk.backupSecret(name, { abortSignal: signal });
      if (bytes === undefined || bytes.byteLength === 0) throw new KeyVaultFailure('unknown', `Key Vault returned an empty backup for secret "${name}". Try again.`);
      return bytes;
    });
  }

  restore(backup: Uint8Array, options?: CallOptions): Promise<SecretSummary> {
    return this.call('restore', {}, options, async (sdk, signal) => {
      if (!(backup instanceof Uint8Array) || backup.byteLength === 0) {
        throw new KeyVaultFailure('badParameter', 'The backup file is empty. Choose a file created by "Back up secret".', { field: 'backup' });
      }
      return toSecretProperties(await sdk.restoreSecretBackup(backup, { abortSignal: signal }), this.vault.url);
    });
  }

  /** Runs one operation: lazy client, timeout + cancellation, error normalisation. */
  private call<T>(
    operation: VaultOperation,
    context: Pick<FailureContext, 'secretName' | 'version' | 'redact'>,
    options: CallOptions | undefined,
    fn: (sdk: SecretClient, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    return runCall(
      options,
      this.defaultTimeoutMs,
      async (signal) => fn(await this.sdk(), signal),
      (error, outcome) =>
        toKeyVaultFailure(error, {
          operation,
          vaultName: this.vault.name,
          vaultUrl: this.vault.url,
          ...context,
          ...(outcome.context.lastResponse !== undefined ? { response: outcome.context.lastResponse } : {}),
          cancelled: outcome.cancelled,
          timedOut: outcome.timedOut,
          timeoutMs: outcome.timeoutMs,
          authentication: this.options.emulator === true ? 'emulator' : this.options.authentication ?? 'vscode',
          ...(this.vault.caFile !== undefined ? { caFile: this.vault.caFile } : {}),
        }),
    );
  }

  private sdk(): Promise<SecretClient> {
    if (this.sdkClient === undefined) {
      const created = this.createSdkClient();
      this.sdkClient = created;
      // A failed creation (e.g. an unreadable CA file) is retried on the next call.
      created.catch(() => {
        if (this.sdkClient === created) this.sdkClient = undefined;
      });
    }
    return this.sdkClient;
  }

  private async createSdkClient(): Promise<SecretClient> {
    let ca: string | undefined;
    try {
      ca = this.options.caPem === undefined ? undefined : await this.options.caPem();
    } catch (error) {
      throw new KeyVaultFailure(
        'network',
        `Cannot read the CA certificate file ${this.vault.caFile ?? ''} of vault "${this.vault.name}". Check the "caFile" path in the keyVaultSecrets.vaults setting.`,
        { cause: error },
      );
    }
    const { SecretClient: Client } = await import('@azure/keyvault-secrets');
    return new Client(this.vault.url, this.options.credential, {
      serviceVersion: SERVICE_VERSION,
      disableChallengeResourceVerification: this.options.emulator === true,
      ...(ca !== undefined ? { tlsOptions: { ca } } : {}),
      ...(this.options.retryOptions !== undefined ? { retryOptions: this.options.retryOptions } : {}),
      additionalPolicies: [{ policy: callContextPolicy, position: 'perCall' }],
      userAgentOptions: { userAgentPrefix: 'vscode-keyvault-secrets' },
    });
  }

  /** A continuation token is the service's nextLink: it must stay on this vault's origin. */
  private checkContinuation(token: string | undefined): void {
    if (token === undefined || token === '') return;
    let origin: string | undefined;
    try {
      origin = new URL(token).origin;
    } catch {
      origin = undefined;
    }
    if (origin !== new URL(this.vault.url).origin) {
      throw new KeyVaultFailure('badParameter', 'This "load more" position belongs to another vault. Refresh the list.', { field: 'continuationToken' });
    }
  }

  /** Retries while the service reports a transient 409 (ObjectIsBeingDeleted / being recovered), for a bounded time. */
  private async retryWhileBeingDeleted<T>(signal: AbortSignal, send: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.transientConflictRetryMs;
    for (;;) {
      try {
        return await send();
      } catch (error) {
        if (!isTransientConflict(error) || Date.now() + this.pollIntervalMs > deadline) throw error;
        await abortableDelay(this.pollIntervalMs, signal);
      }
    }
  }
}

function isTransientConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { statusCode?: unknown; message?: unknown };
  return e.statusCode === 409 && typeof e.message === 'string' && /currently being (deleted|recovered)/i.test(e.message);
}

/** Asks the call's pipeline policy to record each page's `nextLink`. */
function startPaging(): void {
  const call = currentCall();
  if (call !== undefined) {
    call.capturePaging = true;
    call.nextLink = undefined;
  }
}

/**
 * The page's continuation: the service's nextLink. @azure/keyvault-secrets 4.12's byPage() maps each page
 * to a new array and drops `continuationToken`, so the nextLink the policy recorded is the fallback.
 */
function pageToken(page: object): string | undefined {
  const token = (page as { continuationToken?: unknown }).continuationToken;
  if (typeof token === 'string' && token !== '') return token;
  return currentCall()?.nextLink;
}

function withToken<T>(items: readonly T[], continuationToken: string | undefined): Page<T> {
  return continuationToken ? { items, continuationToken } : { items };
}

function checkName(name: string): void {
  const message = validateSecretName(name);
  if (message !== undefined) throw new KeyVaultFailure('badParameter', message, { field: 'name' });
}

function checkVersion(version: string): void {
  const message = validateSecretVersion(version);
  if (message !== undefined) throw new KeyVaultFailure('badParameter', message, { field: 'version' });
}

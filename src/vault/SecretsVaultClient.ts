// VaultClient over @azure/keyvault-secrets' SecretClient. One instance per vault, reused, so the
// Key Vault challenge happens once per vault. The SDK is imported on first use, never at activation.
// Every call: input validated first, one timeout + the caller's signal, errors normalised, no SDK type out.

import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy, PipelineRetryOptions } from '@azure/core-rest-pipeline';
import type { KeyVaultSecret, SecretClient } from '@azure/keyvault-secrets' with { 'resolution-mode': 'import' };
import {
  firstFieldError,
  validatePropertiesUpdate,
  validateNewSecret,
  validateSecretName,
  validateSecretVersion,
} from '../shared/validation';
import {
  abortableDelay,
  callContextPolicy,
  currentCall,
  DEFAULT_TIMEOUT_MS,
  isAmbiguousSend,
  noBlindResendPolicy,
  outcomeContext,
  runCall,
  timedCredential,
} from './callContext';
import { latestIfOurs } from './ambiguousSet';
import { toKeyVaultFailure, type FailureContext, type VaultOperation } from './errors';
import { KeyVaultFailure } from './KeyVaultFailure';
import { loadKeyVaultSecrets } from './azurePackages';
import {
  fromDeletedBundle,
  hasValidName,
  toDeletedSecret,
  toSecretProperties,
  toSecretValue,
  toSecretVersion,
  type RawSecretBundle,
} from './mapping';
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
import { t } from '../shared/l10n';
import { formatDuration } from '../shared/duration';

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
  /**
   * Budget of the confirmation polls after an accepted DELETE or recover POST (its own, not the request timeout).
   * When it runs out, or a poll fails or is cancelled, the result is 'unconfirmed' ("sent; not yet confirmed"). Default 60 s.
   */
  readonly pollBudgetMs?: number;
  readonly retryOptions?: PipelineRetryOptions;
  /** For messages: how the user signs in. */
  readonly authentication?: FailureContext['authentication'];
  /** Extra SDK pipeline policies, after the extension's own (tests only: the live tier's recorder and name prefix). */
  readonly additionalPolicies?: ReadonlyArray<{
    readonly policy: PipelinePolicy;
    readonly position: 'perCall' | 'perRetry';
  }>;
}

export class SecretsVaultClient implements VaultClient {
  private sdkClient: Promise<SecretClient> | undefined;
  private readonly defaultTimeoutMs: number;
  private readonly pollIntervalMs: number;
  private readonly transientConflictRetryMs: number;
  private readonly pollBudgetMs: number;
  /**
   * Per secret (lower-case name), the version the service last answered as its current one: a GetSecret of the
   * latest, a set (the new version), an update of the current version. Versions lists carry it as
   * `reportedCurrent`, so versions created in the same second (`created` is in whole seconds) sort it first.
   */
  private readonly reportedCurrent = new Map<string, string>();

  constructor(
    readonly vault: VaultRef,
    private readonly options: SecretsVaultClientOptions,
  ) {
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.transientConflictRetryMs = options.transientConflictRetryMs ?? 15_000;
    this.pollBudgetMs = options.pollBudgetMs ?? 60_000;
  }

  listSecrets(continuationToken?: string, options?: CallOptions): Promise<Page<SecretSummary>> {
    return this.call('listSecrets', {}, options, async (sdk) => {
      this.checkContinuation(continuationToken);
      startPaging();
      const iterator = sdk
        .listPropertiesOfSecrets()
        .byPage({ maxPageSize: PAGE_SIZE, ...(continuationToken ? { continuationToken } : {}) });
      const page = await iterator.next();
      if (page.done === true) return { items: [] };
      return withToken(
        page.value.filter(hasValidName).map((p) => toSecretProperties(p, this.vault.url)),
        pageToken(page.value),
      );
    });
  }

  listVersions(name: string, continuationToken?: string, options?: CallOptions): Promise<Page<SecretVersion>> {
    return this.call('listVersions', { secretName: name }, options, async (sdk) => {
      checkName(name);
      this.checkContinuation(continuationToken);
      startPaging();
      const iterator = sdk
        .listPropertiesOfSecretVersions(name)
        .byPage({ maxPageSize: PAGE_SIZE, ...(continuationToken ? { continuationToken } : {}) });
      const page = await iterator.next();
      if (page.done === true) return { items: [] };
      return withToken(
        page.value.filter(hasValidName).map((p) => this.markReportedCurrent(toSecretVersion(p, this.vault.url))),
        pageToken(page.value),
      );
    });
  }

  listDeleted(continuationToken?: string, options?: CallOptions): Promise<Page<DeletedSecret>> {
    return this.call('listDeleted', {}, options, async (sdk) => {
      this.checkContinuation(continuationToken);
      startPaging();
      const iterator = sdk
        .listDeletedSecrets()
        .byPage({ maxPageSize: PAGE_SIZE, ...(continuationToken ? { continuationToken } : {}) });
      const page = await iterator.next();
      if (page.done === true) return { items: [] };
      return withToken(
        page.value.filter(hasValidName).map((d) => toDeletedSecret(d, this.vault.url)),
        pageToken(page.value),
      );
    });
  }

  getValue(name: string, version?: string, options?: CallOptions): Promise<SecretValue> {
    return this.call(
      'getValue',
      { secretName: name, ...(version ? { version } : {}) },
      options,
      async (sdk, signal) => {
        checkName(name);
        if (version !== undefined && version !== '') checkVersion(version);
        const secret = await sdk.getSecret(name, { abortSignal: signal, ...(version ? { version } : {}) });
        const value = toSecretValue(secret, this.vault.url);
        if (!version) this.noteCurrent(value.properties);
        return value;
      },
    );
  }

  setSecret(name: string, input: SecretInput, options?: CallOptions): Promise<SecretVersion> {
    return this.call('setSecret', { secretName: name, redact: [input.value] }, options, async (sdk, signal) => {
      const invalid = firstFieldError(validateNewSecret(name, input));
      if (invalid !== undefined) throw new KeyVaultFailure('badParameter', invalid.message, { field: invalid.field });
      const send = (): Promise<KeyVaultSecret> =>
        this.retryWhileBeingDeleted(signal, () =>
          sdk.setSecret(name, input.value, {
            abortSignal: signal,
            ...(input.contentType !== undefined ? { contentType: input.contentType } : {}),
            ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
            ...(input.notBefore !== undefined ? { notBefore: input.notBefore } : {}),
            ...(input.expiresOn !== undefined ? { expiresOn: input.expiresOn } : {}),
            ...(input.tags !== undefined ? { tags: { ...input.tags } } : {}),
          }),
        );
      const sent = { startedAt: Date.now(), currentBefore: this.reportedCurrent.get(name.toLowerCase()) };
      // One submit, one version: if the connection drops after the PUT went out, the latest version is read
      // first; only when it is not ours (latestIfOurs) is the PUT sent again (once).
      const secret = await this.sendOnce(
        send,
        async () => (await latestIfOurs(sdk, name, input, sent, signal)) ?? send(),
      );
      return this.noteCurrent(toSecretVersion(secret.properties, this.vault.url));
    });
  }

  updateProperties(
    name: string,
    version: string | undefined,
    update: PropertiesUpdate,
    options?: CallOptions,
  ): Promise<SecretVersion> {
    return this.call(
      'updateProperties',
      { secretName: name, ...(version !== undefined ? { version } : {}) },
      options,
      async (sdk, signal) => {
        const invalid = firstFieldError(validatePropertiesUpdate(name, update));
        if (invalid !== undefined) throw new KeyVaultFailure('badParameter', invalid.message, { field: invalid.field });
        if (version !== undefined) checkVersion(version);
        // An empty version is the PATCH without one: Key Vault updates the current version.
        const props = await sdk.updateSecretProperties(name, version ?? '', {
          abortSignal: signal,
          ...(update.contentType !== undefined ? { contentType: update.contentType } : {}),
          ...(update.enabled !== undefined ? { enabled: update.enabled } : {}),
          ...(update.notBefore !== undefined ? { notBefore: update.notBefore } : {}),
          ...(update.expiresOn !== undefined ? { expiresOn: update.expiresOn } : {}),
          ...(update.tags !== undefined ? { tags: { ...update.tags } } : {}),
        });
        const updated = toSecretVersion(props, this.vault.url);
        return version === undefined ? this.noteCurrent(updated) : updated;
      },
    );
  }

  /** Remembers `v` as its secret's current version (the service just answered it as such). */
  private noteCurrent(v: SecretVersion): SecretVersion {
    if (v.version !== '') this.reportedCurrent.set(v.name.toLowerCase(), v.version);
    return v;
  }

  /** A listed version, marked when it is the one the service last answered as current. */
  private markReportedCurrent(v: SecretVersion): SecretVersion {
    return this.reportedCurrent.get(v.name.toLowerCase()) === v.version ? { ...v, reportedCurrent: true } : v;
  }

  deleteSecret(name: string, options?: CallOptions): Promise<DeletedSecret> {
    return this.acceptThenConfirm<RawSecretBundle, DeletedSecret>(
      'deleteSecret',
      name,
      options,
      // DELETE once. If its answer was lost, send it again: a 404 then means the first one was applied.
      async (sdk, signal) => {
        const send = (): Promise<RawSecretBundle> => rawOps(sdk).deleteSecret(name, { abortSignal: signal });
        return this.sendOnce<RawSecretBundle | undefined>(send, () => send().catch(unlessStatus(404)));
      },
      // A vault without soft delete has nothing to wait for.
      (accepted) =>
        accepted !== undefined && accepted.recoveryId === undefined
          ? fromDeletedBundle(accepted, name, this.vault.url)
          : undefined,
      // GET /deletedsecrets/{name} until it stops answering 404 (the service's async window). A 403 means the
      // delete is visible but its details are hidden (a disabled secret: SecretDisabled; or no `get`): done,
      // with what the DELETE answered, as the SDK's poller does.
      (sdk, signal, accepted) =>
        pollOnce(
          async () => toDeletedSecret(await sdk.getDeletedSecret(name, { abortSignal: signal }), this.vault.url),
          () => fromDeletedBundle(accepted, name, this.vault.url),
        ),
      `Key Vault accepted the delete of secret "${name}" in vault "${this.vault.name}", but has not confirmed it yet`,
    );
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
      const send = (): Promise<void> =>
        this.retryWhileBeingDeleted(signal, () => sdk.purgeDeletedSecret(name, { abortSignal: signal }));
      // Answer lost: send again once. A 404 then means the first purge was applied; the state is re-read to be sure
      // (GET /deletedsecrets/{name} answers 404 too) before success is reported.
      await this.sendOnce(send, async () => {
        try {
          await send();
        } catch (e) {
          if (statusOf(e) !== 404) throw e;
          const still = await readOrUndefined(() => sdk.getDeletedSecret(name, { abortSignal: signal }));
          if (still !== undefined) {
            throw new KeyVaultFailure(
              'unconfirmed',
              t(
                'The purge of "{0}" was sent, but the connection dropped and the deleted secret is still listed. Refresh "Deleted secrets" in a few seconds before trying again.',
                name,
              ),
              { cause: e },
            );
          }
        }
      });
    });
  }

  recoverDeleted(name: string, options?: CallOptions): Promise<SecretSummary> {
    return this.acceptThenConfirm<RawSecretBundle, SecretSummary>(
      'recoverDeleted',
      name,
      options,
      // POST recover once (no GetSecret before it, which the SDK's poller sends). Answer lost: send again once;
      // a 404 (no deleted secret any more) or 409 (being recovered) then means the first one was applied.
      async (sdk, signal) => {
        // Right after a delete (still in its window) the service answers 409 "being deleted": ride it out.
        const send = (): Promise<RawSecretBundle> =>
          this.retryWhileBeingDeleted(
            signal,
            () => rawOps(sdk).recoverDeletedSecret(name, { abortSignal: signal }),
            /currently being deleted/i,
          );
        return this.sendOnce<RawSecretBundle | undefined>(send, () => send().catch(unlessStatus(404, 409)));
      },
      () => undefined,
      // GET /secrets/{name}/ until it stops answering 404. A 403 (a disabled secret, or no `get`) means it is back.
      (sdk, signal, accepted) =>
        pollOnce(
          async () =>
            toSecretProperties((await sdk.getSecret(name, { abortSignal: signal })).properties, this.vault.url),
          () => fromDeletedBundle(accepted, name, this.vault.url),
        ),
      `Key Vault accepted the recovery of secret "${name}" in vault "${this.vault.name}", but has not confirmed it yet`,
    );
  }

  backup(name: string, options?: CallOptions): Promise<Uint8Array> {
    return this.call('backup', { secretName: name }, options, async (sdk, signal) => {
      checkName(name);
      const bytes = await sdk.backupSecret(name, { abortSignal: signal });
      if (bytes === undefined || bytes.byteLength === 0)
        throw new KeyVaultFailure(
          'unknown',
          t('Key Vault returned an empty backup for secret "{0}". Try again.', name),
        );
      return bytes;
    });
  }

  restore(backup: Uint8Array, options?: CallOptions): Promise<SecretSummary> {
    return this.call('restore', {}, options, async (sdk, signal) => {
      if (!(backup instanceof Uint8Array) || backup.byteLength === 0) {
        throw new KeyVaultFailure(
          'badParameter',
          t('The backup file is empty. Choose a file created by "Back up secret".'),
          { field: 'backup' },
        );
      }
      const send = (): ReturnType<SecretClient['restoreSecretBackup']> =>
        sdk.restoreSecretBackup(backup, { abortSignal: signal });
      const restored = await this.sendOnce(send, () =>
        send().catch((e: unknown) => {
          if (statusOf(e) !== 409) throw e;
          // The backup names a secret that now exists: most likely the first request restored it. The blob is
          // opaque, so which secret it is cannot be re-read here.
          throw new KeyVaultFailure(
            'unconfirmed',
            t(
              'The backup was sent to vault "{0}", but the connection dropped before Key Vault answered, and the secret in the backup now exists there: most likely it was restored. Refresh the vault to check; do not restore again.',
              this.vault.name,
            ),
            { status: 409, cause: e },
          );
        }),
      );
      return toSecretProperties(restored, this.vault.url);
    });
  }

  /**
   * An accepted change, then its confirmation: `send` runs under the request timeout; once it returned (the
   * service accepted the change), `poll` runs with its own budget (pollBudgetMs) and the caller's signal, and any
   * failure, hang or cancellation there becomes an 'unconfirmed' failure ("sent; not yet confirmed"), never the
   * failure of the change itself.
   */
  private async acceptThenConfirm<A, R>(
    operation: 'deleteSecret' | 'recoverDeleted',
    name: string,
    options: CallOptions | undefined,
    send: (sdk: SecretClient, signal: AbortSignal) => Promise<A | undefined>,
    doneAt: (accepted: A | undefined) => R | undefined,
    poll: (sdk: SecretClient, signal: AbortSignal, accepted: A | undefined) => Promise<R | undefined>,
    acceptedText: string,
  ): Promise<R> {
    const accepted = await this.call(operation, { secretName: name }, options, async (sdk, signal) => {
      checkName(name);
      return send(sdk, signal);
    });
    const done = doneAt(accepted);
    if (done !== undefined) return done;
    const pollOptions: CallOptions = {
      ...(options?.signal !== undefined ? { signal: options.signal } : {}),
      interactive: options?.interactive === true,
      timeoutMs: this.pollBudgetMs,
    };
    return runCall(
      pollOptions,
      this.pollBudgetMs,
      async (signal) => {
        const sdk = await this.sdk();
        for (;;) {
          const result = await poll(sdk, signal, accepted);
          if (result !== undefined) return result;
          await abortableDelay(this.pollIntervalMs, signal);
        }
      },
      (error, outcome) => {
        const reason = outcome.cancelled
          ? t('you stopped waiting')
          : outcome.timedOut
            ? t('the result did not show within {0}', formatDuration(this.pollBudgetMs))
            : toKeyVaultFailure(error, {
                operation: operation === 'deleteSecret' ? 'getDeleted' : 'getValue',
                vaultName: this.vault.name,
                secretName: name,
              }).message.replace(/\.$/, '');
        return new KeyVaultFailure(
          'unconfirmed',
          t('{0} ({1}). The change was sent: refresh the vault in a few seconds to see it.', acceptedText, reason),
          { cause: error },
        );
      },
    );
  }

  /**
   * Sends a request the service must not receive twice. The SDK's retry does not re-send it after a dropped
   * connection (noBlindResendPolicy); `onAmbiguous` decides instead, by re-reading the state or sending once
   * more where a repeat is harmless. A second drop ends in AmbiguousSendError, reported as 'unconfirmed'.
   */
  private async sendOnce<T>(send: () => Promise<T>, onAmbiguous: () => Promise<T>): Promise<T> {
    const call = currentCall();
    if (call !== undefined) call.nonIdempotent = true;
    try {
      try {
        return await send();
      } catch (e) {
        if (!isAmbiguousSend(e)) throw e;
      }
      return await onAmbiguous();
    } finally {
      if (call !== undefined) call.nonIdempotent = false;
    }
  }

  /** Runs one operation: lazy client, timeout + cancellation, error normalisation. */
  private call<T>(
    operation: VaultOperation,
    context: Pick<FailureContext, 'secretName' | 'version' | 'redact'>,
    options: CallOptions | undefined,
    fn: (sdk: SecretClient, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    // The SDK is loaded (and the client built) before the call's clock starts: loading code is not the service's time.
    return this.sdk().then((sdk) =>
      runCall(
        options,
        this.defaultTimeoutMs,
        (signal) => fn(sdk, signal),
        (error, outcome) =>
          toKeyVaultFailure(error, {
            operation,
            vaultName: this.vault.name,
            vaultUrl: this.vault.url,
            ...context,
            ...outcomeContext(outcome),
            authentication: this.options.emulator === true ? 'emulator' : (this.options.authentication ?? 'vscode'),
            ...(this.vault.caFile !== undefined ? { caFile: this.vault.caFile } : {}),
          }),
      ),
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
        t(
          'Cannot read the CA certificate file {0} of vault "{1}". Check the "caFile" path in the keyVaultSecrets.vaults setting.',
          this.vault.caFile ?? '',
          this.vault.name,
        ),
        { cause: error },
      );
    }
    const { SecretClient: Client } = await loadKeyVaultSecrets();
    return new Client(this.vault.url, timedCredential(this.options.credential), {
      serviceVersion: SERVICE_VERSION,
      disableChallengeResourceVerification: this.options.emulator === true,
      ...(ca !== undefined ? { tlsOptions: { ca } } : {}),
      ...(this.options.retryOptions !== undefined ? { retryOptions: this.options.retryOptions } : {}),
      additionalPolicies: [
        { policy: callContextPolicy, position: 'perCall' },
        { policy: noBlindResendPolicy, position: 'perRetry' },
        ...(this.options.additionalPolicies ?? []),
      ],
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
      throw new KeyVaultFailure(
        'badParameter',
        t('This "load more" position belongs to another vault. Refresh the list.'),
        { field: 'continuationToken' },
      );
    }
  }

  /** Retries while the service reports a transient 409 (ObjectIsBeingDeleted / being recovered), for a bounded time. */
  private async retryWhileBeingDeleted<T>(
    signal: AbortSignal,
    send: () => Promise<T>,
    pattern: RegExp = TRANSIENT_CONFLICT,
  ): Promise<T> {
    const deadline = Date.now() + this.transientConflictRetryMs;
    for (;;) {
      try {
        return await send();
      } catch (error) {
        if (!isTransientConflict(error, pattern) || Date.now() + this.pollIntervalMs > deadline) throw error;
        await abortableDelay(this.pollIntervalMs, signal);
      }
    }
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * One confirmation poll, as the SDK's pollers read the answers: 200 = done (the read result), 404 = not yet
 * (undefined), 403 = done but hidden (a disabled secret's SecretDisabled, or no `get`): the accepted answer.
 */
async function pollOnce<R>(read: () => Promise<R>, hidden: () => R): Promise<R | undefined> {
  try {
    return await read();
  } catch (e) {
    if (statusOf(e) === 403) return hidden();
    if (statusOf(e) === 404) return undefined;
    throw e;
  }
}

/** A catch handler: the given statuses become undefined (the state is decided by a re-read), anything else is re-thrown. */
function unlessStatus(...statuses: number[]): (e: unknown) => undefined {
  return (e: unknown) => {
    const status = statusOf(e);
    if (status !== undefined && statuses.includes(status)) return undefined;
    throw e;
  };
}

async function readOrUndefined<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (e) {
    if (statusOf(e) === 404) return undefined;
    throw e;
  }
}

/** The two operations the SDK offers only behind a poller, sent without it (the SDK's generated client). */
interface RawSecretsOps {
  deleteSecret(name: string, options: { abortSignal?: AbortSignal }): Promise<RawSecretBundle>;
  recoverDeletedSecret(name: string, options: { abortSignal?: AbortSignal }): Promise<RawSecretBundle>;
}

/**
 * The SDK's pollers cost requests we do not want (recover reads the secret before it POSTs) and hide whether the
 * DELETE/POST was accepted before a poll failed; its generated client sends each request alone, through the same
 * pipeline (auth, our policies). Pinned to @azure/keyvault-secrets 4.x; checked at run time.
 */
function rawOps(sdk: SecretClient): RawSecretsOps {
  const inner = (sdk as unknown as { client?: Partial<RawSecretsOps> }).client;
  if (typeof inner?.deleteSecret !== 'function' || typeof inner.recoverDeletedSecret !== 'function') {
    throw new KeyVaultFailure(
      'unknown',
      t(
        'This version of the Azure Key Vault SDK is not supported by the extension (no generated client). Reinstall the extension.',
      ),
    );
  }
  return inner as RawSecretsOps;
}

const TRANSIENT_CONFLICT = /currently being (deleted|recovered)/i;

function isTransientConflict(error: unknown, pattern: RegExp): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { statusCode?: unknown; message?: unknown };
  return e.statusCode === 409 && typeof e.message === 'string' && pattern.test(e.message);
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

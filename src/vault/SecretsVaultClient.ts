// VaultClient over @azure/keyvault-secrets' SecretClient. One instance per vault, reused, so the
// Key Vault challenge happens once per vault. The SDK is imported on first use, never at activation.
// Every call: input validated first, one timeout + the caller's signal, errors normalised, no SDK type out.

import type { KeyVaultSecret, SecretClient, UpdateSecretPropertiesOptions } from '@azure/keyvault-secrets' with {
  'resolution-mode': 'import',
};
import { validatePropertiesUpdate, validateNewSecret } from '../shared/validation';
import { checkFields, checkName, checkVersion } from './inputChecks';
import { DEFAULT_TIMEOUT_MS, outcomeContext, runCall } from './callContext';
import {
  confirmAccepted,
  pollOnce,
  rawOps,
  readOrUndefined,
  retryWhileBeingDeleted,
  sendOnce,
  statusOf,
  unlessStatus,
  type ChangeTiming,
} from './changeRequests';
import { listPage } from './secretPages';
import { latestIfOurs } from './ambiguousSet';
import { toKeyVaultFailure, type FailureContext, type VaultOperation } from './errors';
import { KeyVaultFailure } from './KeyVaultFailure';
import { lazySecretClient, type SecretClientConnection } from './secretClientConnection';
import {
  fromDeletedBundle,
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

export interface SecretsVaultClientOptions extends SecretClientConnection {
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
  /** For messages: how the user signs in. */
  readonly authentication?: FailureContext['authentication'];
}

export class SecretsVaultClient implements VaultClient {
  /** The vault's SDK client, made on first use. */
  private readonly sdk: () => Promise<SecretClient>;
  private readonly defaultTimeoutMs: number;
  private readonly timing: ChangeTiming;
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
    this.sdk = lazySecretClient(vault, options);
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.timing = {
      intervalMs: options.pollIntervalMs ?? 1000,
      conflictRetryMs: options.transientConflictRetryMs ?? 15_000,
      pollBudgetMs: options.pollBudgetMs ?? 60_000,
    };
  }

  listSecrets(continuationToken?: string, options?: CallOptions): Promise<Page<SecretSummary>> {
    return this.call('listSecrets', {}, options, (sdk) =>
      listPage(this.vault.url, continuationToken, () => sdk.listPropertiesOfSecrets(), toSecretProperties),
    );
  }

  listVersions(name: string, continuationToken?: string, options?: CallOptions): Promise<Page<SecretVersion>> {
    return this.call('listVersions', { secretName: name }, options, (sdk) => {
      checkName(name);
      return listPage(
        this.vault.url,
        continuationToken,
        () => sdk.listPropertiesOfSecretVersions(name),
        (p, url) => this.markReportedCurrent(toSecretVersion(p, url)),
      );
    });
  }

  listDeleted(continuationToken?: string, options?: CallOptions): Promise<Page<DeletedSecret>> {
    return this.call('listDeleted', {}, options, (sdk) =>
      listPage(this.vault.url, continuationToken, () => sdk.listDeletedSecrets(), toDeletedSecret),
    );
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
      checkFields(validateNewSecret(name, input));
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
      const secret = await sendOnce(send, async () => (await latestIfOurs(sdk, name, input, sent, signal)) ?? send());
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
        checkFields(validatePropertiesUpdate(name, update));
        if (version !== undefined) checkVersion(version);
        // An empty version is the PATCH without one: Key Vault updates the current version.
        const props = await sdk.updateSecretProperties(name, version ?? '', updateOptions(update, signal));
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
        return sendOnce<RawSecretBundle | undefined>(send, () => send().catch(unlessStatus(404)));
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
      await sendOnce(send, async () => {
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
        return sendOnce<RawSecretBundle | undefined>(send, () => send().catch(unlessStatus(404, 409)));
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
      const restored = await sendOnce(send, () =>
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
    return confirmAccepted(
      options,
      this.timing,
      { operation, vaultName: this.vault.name, secretName: name, acceptedText },
      () => this.sdk(),
      (sdk, signal) => poll(sdk, signal, accepted),
    );
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

  /** Retries while the service reports a transient 409 (being deleted / recovered), for a bounded time. */
  private retryWhileBeingDeleted<T>(signal: AbortSignal, send: () => Promise<T>, pattern?: RegExp): Promise<T> {
    return retryWhileBeingDeleted(this.timing, signal, send, pattern);
  }
}

/**
 * The SDK options of one UpdateSecret. A field left out stays as it is; a `null` is passed through: the SDK writes it
 * into the PATCH body as `null` (`contentType`, `attributes.nbf`, `attributes.exp`), which the service reads as
 * "remove" (the SDK's types name only `Date`/`string` there).
 */
function updateOptions(update: PropertiesUpdate, signal: AbortSignal): UpdateSecretPropertiesOptions {
  const options: Record<string, unknown> = {
    abortSignal: signal,
    ...(update.contentType !== undefined ? { contentType: update.contentType } : {}),
    ...(update.enabled !== undefined ? { enabled: update.enabled } : {}),
    ...(update.notBefore !== undefined ? { notBefore: update.notBefore } : {}),
    ...(update.expiresOn !== undefined ? { expiresOn: update.expiresOn } : {}),
    ...(update.tags !== undefined ? { tags: { ...update.tags } } : {}),
  };
  return options;
}

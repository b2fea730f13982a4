// KeysClient over @azure/keyvault-keys' KeyClient. One instance per vault, reused; the SDK is imported on first use,
// never at activation. Lists are paged at 25 by the one pager of the vault layer. Only public key members leave
// this layer (objectMapping.ts); no cryptographic operation and no private export is offered.

import type { KeyClient, KeyRotationPolicyProperties } from '@azure/keyvault-keys' with { 'resolution-mode': 'import' };
import { loadKeyVaultKeys } from './azurePackages';
import { timedCredential } from './callContext';
import type { CallOptions, Page, VaultRef } from './model';
import { checkBackupFile, nonEmptyBackup, ObjectCaller, type ObjectClientOptions } from './objectCalls';
import { toDeletedKey, toKeyDetails, toKeySummary } from './objectMapping';
import type {
  DeletedKey,
  KeyDetails,
  KeyRotationPolicyView,
  KeysClient,
  KeySummary,
  NewKeyInput,
  ObjectUpdate,
} from './objectModel';
import { lazySdkClient, sdkClientOptions } from './secretClientConnection';
import { listPage } from './secretPages';

export class KeysVaultClient implements KeysClient {
  private readonly calls: ObjectCaller<KeyClient>;

  constructor(
    readonly vault: VaultRef,
    options: ObjectClientOptions,
  ) {
    const sdk = lazySdkClient(async () => {
      const clientOptions = await sdkClientOptions(vault, options);
      const { KeyClient: Client } = await loadKeyVaultKeys();
      return new Client(vault.url, timedCredential(options.credential), clientOptions);
    });
    this.calls = new ObjectCaller('key', vault, options, sdk);
  }

  list(continuationToken?: string, options?: CallOptions): Promise<Page<KeySummary>> {
    return this.calls.run('list', undefined, options, (sdk) =>
      listPage(this.vault.url, continuationToken, () => sdk.listPropertiesOfKeys(), toKeySummary),
    );
  }

  listVersions(name: string, continuationToken?: string, options?: CallOptions): Promise<Page<KeySummary>> {
    return this.calls.run('listVersions', name, options, (sdk) =>
      listPage(this.vault.url, continuationToken, () => sdk.listPropertiesOfKeyVersions(name), toKeySummary),
    );
  }

  listDeleted(continuationToken?: string, options?: CallOptions): Promise<Page<DeletedKey>> {
    return this.calls.run('listDeleted', undefined, options, (sdk) =>
      listPage(this.vault.url, continuationToken, () => sdk.listDeletedKeys(), toDeletedKey),
    );
  }

  get(name: string, version?: string, options?: CallOptions): Promise<KeyDetails> {
    return this.calls.run(
      'get',
      name,
      options,
      async (sdk, signal) =>
        toKeyDetails(await sdk.getKey(name, { abortSignal: signal, ...(version ? { version } : {}) }), this.vault.url),
      version ? { version } : {},
    );
  }

  getDeleted(name: string, options?: CallOptions): Promise<DeletedKey> {
    return this.calls.run('getDeleted', name, options, async (sdk, signal) =>
      toDeletedKey(await sdk.getDeletedKey(name, { abortSignal: signal }), this.vault.url),
    );
  }

  update(name: string, version: string | undefined, update: ObjectUpdate, options?: CallOptions): Promise<KeySummary> {
    return this.calls.run(
      'update',
      name,
      options,
      async (sdk, signal) => {
        const fields = {
          abortSignal: signal,
          ...(update.enabled !== undefined ? { enabled: update.enabled } : {}),
          ...(update.tags !== undefined ? { tags: { ...update.tags } } : {}),
          ...(update.notBefore instanceof Date ? { notBefore: update.notBefore } : {}),
          ...(update.expiresOn instanceof Date ? { expiresOn: update.expiresOn } : {}),
        };
        const key = version
          ? await sdk.updateKeyProperties(name, version, fields)
          : await sdk.updateKeyProperties(name, fields);
        return toKeySummary({ ...key.properties, name: key.name }, this.vault.url);
      },
      version ? { version } : {},
    );
  }

  create(name: string, input: NewKeyInput, options?: CallOptions): Promise<KeyDetails> {
    return this.calls.run('create', name, options, async (sdk, signal) => {
      const common = {
        abortSignal: signal,
        ...(input.hsm === true ? { hsm: true } : {}),
        ...(input.keyOps !== undefined ? { keyOps: [...input.keyOps] } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        ...(input.expiresOn !== undefined ? { expiresOn: input.expiresOn } : {}),
        ...(input.tags !== undefined ? { tags: { ...input.tags } } : {}),
      };
      const key =
        input.keyType === 'EC'
          ? await sdk.createEcKey(name, {
              ...common,
              ...(input.curve !== undefined ? { curve: input.curve } : {}),
            })
          : await sdk.createRsaKey(name, {
              ...common,
              ...(input.keySize !== undefined ? { keySize: input.keySize } : {}),
            });
      return toKeyDetails(key, this.vault.url);
    });
  }

  rotate(name: string, options?: CallOptions): Promise<KeyDetails> {
    return this.calls.run('rotate', name, options, async (sdk, signal) =>
      toKeyDetails(await sdk.rotateKey(name, { abortSignal: signal }), this.vault.url),
    );
  }

  getRotationPolicy(name: string, options?: CallOptions): Promise<KeyRotationPolicyView> {
    return this.calls.run('getPolicy', name, options, async (sdk, signal) =>
      toRotationView(await sdk.getKeyRotationPolicy(name, { abortSignal: signal })),
    );
  }

  setRotationPolicy(
    name: string,
    policy: KeyRotationPolicyView,
    options?: CallOptions,
  ): Promise<KeyRotationPolicyView> {
    return this.calls.run('updatePolicy', name, options, async (sdk, signal) => {
      const properties: KeyRotationPolicyProperties = {
        ...(policy.expiresAfter !== undefined ? { expiresIn: policy.expiresAfter } : {}),
        lifetimeActions: policy.lifetimeActions.map((a) => ({
          action: a.action,
          ...(a.timeAfterCreate !== undefined ? { timeAfterCreate: a.timeAfterCreate } : {}),
          ...(a.timeBeforeExpiry !== undefined ? { timeBeforeExpiry: a.timeBeforeExpiry } : {}),
        })),
      };
      return toRotationView(await sdk.updateKeyRotationPolicy(name, properties, { abortSignal: signal }));
    });
  }

  delete(name: string, options?: CallOptions): Promise<DeletedKey> {
    return this.calls.run('delete', name, options, async (sdk, signal) => {
      const poller = await sdk.beginDeleteKey(name, { abortSignal: signal, intervalInMs: this.calls.intervalMs });
      return toDeletedKey(await poller.pollUntilDone({ abortSignal: signal }), this.vault.url);
    });
  }

  purgeDeleted(name: string, options?: CallOptions): Promise<void> {
    return this.calls.run('purge', name, options, (sdk, signal) =>
      // Right after a delete the service answers 409 "being deleted" for a few seconds.
      this.calls.whileBeingDeleted(signal, () => sdk.purgeDeletedKey(name, { abortSignal: signal })),
    );
  }

  recoverDeleted(name: string, options?: CallOptions): Promise<KeySummary> {
    return this.calls.run('recover', name, options, async (sdk, signal) => {
      const poller = await sdk.beginRecoverDeletedKey(name, {
        abortSignal: signal,
        intervalInMs: this.calls.intervalMs,
      });
      const recovered = await poller.pollUntilDone({ abortSignal: signal });
      return toKeySummary({ ...recovered.properties, name: recovered.name }, this.vault.url);
    });
  }

  backup(name: string, options?: CallOptions): Promise<Uint8Array> {
    return this.calls.run('backup', name, options, async (sdk, signal) =>
      nonEmptyBackup(await sdk.backupKey(name, { abortSignal: signal }), 'key', name),
    );
  }

  restore(backup: Uint8Array, options?: CallOptions): Promise<KeySummary> {
    return this.calls.run('restore', undefined, options, async (sdk, signal) => {
      checkBackupFile(backup);
      const restored = await sdk.restoreKeyBackup(backup, { abortSignal: signal });
      return toKeySummary({ ...restored.properties, name: restored.name }, this.vault.url);
    });
  }
}

function toRotationView(p: KeyRotationPolicyProperties): KeyRotationPolicyView {
  return {
    ...(p.expiresIn !== undefined ? { expiresAfter: p.expiresIn } : {}),
    lifetimeActions: (p.lifetimeActions ?? []).map((a) => ({
      action: a.action,
      ...(a.timeAfterCreate !== undefined ? { timeAfterCreate: a.timeAfterCreate } : {}),
      ...(a.timeBeforeExpiry !== undefined ? { timeBeforeExpiry: a.timeBeforeExpiry } : {}),
    })),
  };
}

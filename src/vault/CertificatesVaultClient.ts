// CertificatesClient over @azure/keyvault-certificates' CertificateClient. One instance per vault, reused; the SDK
// is imported on first use, never at activation. Lists are paged at 25 by the one pager of the vault layer.
// The private key is never read here: it is in the certificate's backing secret, read by the secrets client only.

import type {
  CertificateClient,
  CertificateOperation,
  CertificatePolicy,
  ImportCertificateOptions,
  ImportCertificatePolicy,
} from '@azure/keyvault-certificates' with { 'resolution-mode': 'import' };
import { loadKeyVaultCertificates } from './azurePackages';
import { timedCredential } from './callContext';
import { KeyVaultFailure } from './KeyVaultFailure';
import type { CallOptions, Page, VaultRef } from './model';
import { checkBackupFile, nonEmptyBackup, ObjectCaller, type ObjectClientOptions } from './objectCalls';
import {
  toCertificateDetails,
  toCertificateSummary,
  toDeletedCertificate,
  toOperationState,
  toPolicyView,
} from './objectMapping';
import type {
  CertificateDetails,
  CertificateImportInput,
  CertificateOperationState,
  CertificatePolicyView,
  CertificatesClient,
  CertificateSummary,
  DeletedCertificate,
  NewCertificateInput,
  ObjectUpdate,
} from './objectModel';
import { lazySdkClient, sdkClientOptions } from './secretClientConnection';
import { listPage } from './secretPages';
import { t } from '../shared/l10n';

export class CertificatesVaultClient implements CertificatesClient {
  private readonly calls: ObjectCaller<CertificateClient>;

  constructor(
    readonly vault: VaultRef,
    options: ObjectClientOptions,
  ) {
    const sdk = lazySdkClient(async () => {
      const clientOptions = await sdkClientOptions(vault, options);
      const { CertificateClient: Client } = await loadKeyVaultCertificates();
      return new Client(vault.url, timedCredential(options.credential), clientOptions);
    });
    this.calls = new ObjectCaller('certificate', vault, options, sdk);
  }

  list(continuationToken?: string, options?: CallOptions): Promise<Page<CertificateSummary>> {
    return this.calls.run('list', undefined, options, (sdk) =>
      listPage(
        this.vault.url,
        continuationToken,
        () => sdk.listPropertiesOfCertificates({ includePending: true }),
        toCertificateSummary,
      ),
    );
  }

  listVersions(name: string, continuationToken?: string, options?: CallOptions): Promise<Page<CertificateSummary>> {
    return this.calls.run('listVersions', name, options, (sdk) =>
      listPage(
        this.vault.url,
        continuationToken,
        () => sdk.listPropertiesOfCertificateVersions(name),
        toCertificateSummary,
      ),
    );
  }

  listDeleted(continuationToken?: string, options?: CallOptions): Promise<Page<DeletedCertificate>> {
    return this.calls.run('listDeleted', undefined, options, (sdk) =>
      listPage(
        this.vault.url,
        continuationToken,
        () => sdk.listDeletedCertificates({ includePending: true }),
        toDeletedCertificate,
      ),
    );
  }

  get(name: string, version?: string, options?: CallOptions): Promise<CertificateDetails> {
    return this.calls.run(
      'get',
      name,
      options,
      async (sdk, signal) =>
        toCertificateDetails(
          version
            ? await sdk.getCertificateVersion(name, version, { abortSignal: signal })
            : await sdk.getCertificate(name, { abortSignal: signal }),
          this.vault.url,
        ),
      version ? { version } : {},
    );
  }

  getDeleted(name: string, options?: CallOptions): Promise<DeletedCertificate> {
    return this.calls.run('getDeleted', name, options, async (sdk, signal) =>
      toDeletedCertificate(await sdk.getDeletedCertificate(name, { abortSignal: signal }), this.vault.url),
    );
  }

  update(
    name: string,
    version: string | undefined,
    update: ObjectUpdate,
    options?: CallOptions,
  ): Promise<CertificateSummary> {
    return this.calls.run(
      'update',
      name,
      options,
      async (sdk, signal) => {
        const updated = await sdk.updateCertificateProperties(name, version ?? '', {
          abortSignal: signal,
          ...(update.enabled !== undefined ? { enabled: update.enabled } : {}),
          ...(update.tags !== undefined ? { tags: { ...update.tags } } : {}),
        });
        return toCertificateSummary({ ...updated.properties, name: updated.name }, this.vault.url);
      },
      version ? { version } : {},
    );
  }

  beginCreate(name: string, input: NewCertificateInput, options?: CallOptions): Promise<CertificateOperationState> {
    return this.calls.run('create', name, options, async (sdk, signal) => {
      const poller = await sdk.beginCreateCertificate(name, selfSignedPolicy(input), {
        abortSignal: signal,
        intervalInMs: this.calls.intervalMs,
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        ...(input.tags !== undefined ? { tags: { ...input.tags } } : {}),
      });
      // The poller's state carries the operation the service answered (its declared type leaves it out).
      const op = (poller.getOperationState() as { certificateOperation?: CertificateOperation }).certificateOperation;
      return op === undefined ? { name, status: 'inProgress' } : toOperationState(name, op);
    });
  }

  operation(name: string, options?: CallOptions): Promise<CertificateOperationState> {
    return this.calls.run('operation', name, options, async (sdk, signal) => {
      // One read of the pending operation: the SDK's poller, resumed as already started, so that its first poll
      // reads only the operation (a new poller would read the certificate first); it reads the certificate once
      // more when the operation has ended (its result). No waiting here: the caller polls.
      const poller = await sdk.getCertificateOperation(name, {
        abortSignal: signal,
        intervalInMs: this.calls.intervalMs,
        resumeFrom: JSON.stringify({ state: { certificateName: name, isStarted: true } }),
      });
      const op = poller.getOperationState().certificateOperation;
      return op === undefined ? { name, status: 'completed' } : toOperationState(name, op);
    });
  }

  importCertificate(name: string, input: CertificateImportInput, options?: CallOptions): Promise<CertificateDetails> {
    const password = input.password ?? '';
    return this.calls.run(
      'import',
      name,
      options,
      async (sdk, signal) => {
        if (!(input.content instanceof Uint8Array) || input.content.byteLength === 0) {
          throw new KeyVaultFailure(
            'badParameter',
            t('The certificate file is empty. Choose a .pfx, .p12 or .pem file.'),
            {
              field: 'content',
            },
          );
        }
        const policy: ImportCertificatePolicy = { contentType: input.contentType };
        // The SDK (4.10.x) reads `policy` only to send a PEM as text; the request's policy is serialised from
        // `certificatePolicy` in the generated shape, so the PEM content type reaches Key Vault only through it.
        const options: ImportCertificateOptions & { certificatePolicy: { secretProperties: { contentType: string } } } =
          {
            abortSignal: signal,
            policy,
            certificatePolicy: { secretProperties: { contentType: input.contentType } },
            ...(password !== '' ? { password } : {}),
          };
        const imported = await sdk.importCertificate(name, input.content, options);
        return toCertificateDetails(imported, this.vault.url);
      },
      { redact: password !== '' ? [password] : [] },
    );
  }

  getPolicy(name: string, options?: CallOptions): Promise<CertificatePolicyView> {
    return this.calls.run('getPolicy', name, options, async (sdk, signal) =>
      toPolicyView(await sdk.getCertificatePolicy(name, { abortSignal: signal })),
    );
  }

  updateLifetimeActions(
    name: string,
    actions: CertificatePolicyView['lifetimeActions'],
    options?: CallOptions,
    base?: CertificatePolicyView,
  ): Promise<CertificatePolicyView> {
    return this.calls.run('updatePolicy', name, options, async (sdk, signal) => {
      const current =
        base !== undefined ? policyOfView(base) : await sdk.getCertificatePolicy(name, { abortSignal: signal });
      const next = {
        ...current,
        lifetimeActions: actions.map((a) => ({
          action: a.action === 'AutoRenew' ? ('AutoRenew' as const) : ('EmailContacts' as const),
          ...(a.daysBeforeExpiry !== undefined ? { daysBeforeExpiry: a.daysBeforeExpiry } : {}),
          ...(a.lifetimePercentage !== undefined ? { lifetimePercentage: a.lifetimePercentage } : {}),
        })),
      } as CertificatePolicy;
      const answered = toPolicyView(await sdk.updateCertificatePolicy(name, next, { abortSignal: signal }));
      // The SDK (4.10.x) returns an empty policy from this call whatever the service answered: what was sent, which
      // the service echoes, stands in when the answer has no subject.
      return answered.subject !== undefined ? answered : toPolicyView(next);
    });
  }

  delete(name: string, options?: CallOptions): Promise<DeletedCertificate> {
    return this.calls.run('delete', name, options, async (sdk, signal) => {
      const poller = await sdk.beginDeleteCertificate(name, {
        abortSignal: signal,
        intervalInMs: this.calls.intervalMs,
      });
      return toDeletedCertificate(await poller.pollUntilDone({ abortSignal: signal }), this.vault.url);
    });
  }

  purgeDeleted(name: string, options?: CallOptions): Promise<void> {
    return this.calls.run('purge', name, options, (sdk, signal) =>
      // Right after a delete the service answers 409 "being deleted" for a few seconds.
      this.calls.whileBeingDeleted(signal, async () => {
        await sdk.purgeDeletedCertificate(name, { abortSignal: signal });
      }),
    );
  }

  recoverDeleted(name: string, options?: CallOptions): Promise<CertificateSummary> {
    return this.calls.run('recover', name, options, async (sdk, signal) => {
      const poller = await sdk.beginRecoverDeletedCertificate(name, {
        abortSignal: signal,
        intervalInMs: this.calls.intervalMs,
      });
      const recovered = await poller.pollUntilDone({ abortSignal: signal });
      return toCertificateSummary({ ...recovered.properties, name: recovered.name }, this.vault.url);
    });
  }

  backup(name: string, options?: CallOptions): Promise<Uint8Array> {
    return this.calls.run('backup', name, options, async (sdk, signal) =>
      nonEmptyBackup(await sdk.backupCertificate(name, { abortSignal: signal }), 'certificate', name),
    );
  }

  restore(backup: Uint8Array, options?: CallOptions): Promise<CertificateSummary> {
    return this.calls.run('restore', undefined, options, async (sdk, signal) => {
      checkBackupFile(backup);
      const restored = await sdk.restoreCertificateBackup(backup, { abortSignal: signal });
      return toCertificateSummary({ ...restored.properties, name: restored.name }, this.vault.url);
    });
  }
}

/**
 * The SDK policy of a policy the caller read (our view of it): the members the view holds, the others left out
 * (a PATCH leaves a member it does not name as it is).
 */
function policyOfView(v: CertificatePolicyView): CertificatePolicy {
  const sans = {
    ...(v.dnsNames.length > 0 ? { dnsNames: [...v.dnsNames] } : {}),
    ...(v.emails.length > 0 ? { emails: [...v.emails] } : {}),
    ...(v.userPrincipalNames.length > 0 ? { userPrincipalNames: [...v.userPrincipalNames] } : {}),
  };
  return {
    ...(v.issuerName !== undefined ? { issuerName: v.issuerName } : {}),
    ...(v.subject !== undefined ? { subject: v.subject } : {}),
    ...(Object.keys(sans).length > 0 ? { subjectAlternativeNames: sans } : {}),
    ...(v.validityMonths !== undefined ? { validityInMonths: v.validityMonths } : {}),
    ...(v.keyType !== undefined ? { keyType: v.keyType } : {}),
    ...(v.keySize !== undefined ? { keySize: v.keySize } : {}),
    ...(v.keyCurve !== undefined ? { keyCurveName: v.keyCurve } : {}),
    ...(v.exportable !== undefined ? { exportable: v.exportable } : {}),
    ...(v.reuseKey !== undefined ? { reuseKey: v.reuseKey } : {}),
    ...(v.contentType !== undefined ? { contentType: v.contentType } : {}),
  } as CertificatePolicy;
}

/** The policy of a self-signed certificate from the form's input (the service fills in the rest). */
function selfSignedPolicy(input: NewCertificateInput): CertificatePolicy {
  const dnsNames = [...(input.dnsNames ?? [])];
  return {
    issuerName: 'Self',
    subject: input.subject,
    ...(dnsNames.length > 0 ? { subjectAlternativeNames: { dnsNames: dnsNames as [string, ...string[]] } } : {}),
    ...(input.validityMonths !== undefined ? { validityInMonths: input.validityMonths } : {}),
    ...(input.keyType !== undefined ? { keyType: input.keyType } : {}),
    ...(input.keyType === 'RSA' && input.keySize !== undefined ? { keySize: input.keySize } : {}),
    ...(input.keyType === 'EC' && input.keyCurve !== undefined ? { keyCurveName: input.keyCurve } : {}),
    ...(input.contentType !== undefined ? { contentType: input.contentType } : {}),
    ...(input.exportable !== undefined ? { exportable: input.exportable } : {}),
  };
}

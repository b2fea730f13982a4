// Download Certificate with Private Key…: the PFX or PEM the certificate's backing secret (the secret of the same
// name) holds, written through the one path a secret value takes to a file (home folder first, the Git warning,
// owner-only). The certificate itself never carries the private key; a non-exportable certificate's secret holds
// the certificate only, which is said instead of writing a file without the key.

import { t } from '../shared/l10n';
import { info } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { writeValueFile } from '../transfer/valueFile';
import { writtenAccess } from '../shared/transfer/fileAccess';
import { vaultDirectory } from '../vault/VaultDirectory';
import { objectTarget } from './objectCommands';

const PKCS12 = 'application/x-pkcs12';
const PEM = 'application/x-pem-file';

/** The file a backing secret's value stands for, by its content type; undefined for any other type. */
export function certificateFile(
  contentType: string | undefined,
  value: string,
): { bytes: Buffer; format: 'pfx' | 'pem'; hasKey: boolean } | undefined {
  if (contentType === PKCS12) return { bytes: Buffer.from(value, 'base64'), format: 'pfx', hasKey: true };
  if (contentType === PEM) {
    return {
      bytes: Buffer.from(value, 'utf8'),
      format: 'pem',
      hasKey: /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value),
    };
  }
  return undefined;
}

export async function downloadCertificateWithKey(arg: unknown): Promise<string> {
  const target = objectTarget(arg);
  if (target.kind !== 'certificate') throw new Error(t('Choose a certificate in the Vaults view.'));
  const details = await withProgress(t('Reading "{0}"…', target.name), (signal) =>
    vaultDirectory().certificatesFor(target.vault).get(target.name, target.version, { signal }),
  );
  if (details.secretVersion === undefined || details.cer === undefined)
    throw new Error(t('Certificate "{0}" is not issued yet: its creation is still in progress.', target.name));
  const version = details.secretVersion;
  const secret = await withProgress(t('Reading the value of "{0}"…', target.name), (signal) =>
    vaultDirectory().clientFor(target.vault).getValue(target.name, version, { signal }),
  );
  const file = certificateFile(secret.properties.contentType, secret.value);
  if (file === undefined)
    throw new Error(
      t(
        'The secret behind certificate "{0}" is neither PKCS#12 nor PEM: save it with Save Value to File.',
        target.name,
      ),
    );
  if (!file.hasKey)
    throw new Error(
      t(
        'Certificate "{0}" has a non-exportable key: the vault holds no private key to download. Use Download Public Certificate.',
        target.name,
      ),
    );
  const path = await writeValueFile(
    {
      title: t('Save certificate "{0}" with its private key', target.name),
      defaultName: `${target.name}.${file.format}`,
      what: t('the private key of {0}', target.name),
      filters: { [file.format === 'pfx' ? t('PKCS#12 (PFX)') : t('PEM (key and certificate)')]: [file.format] },
    },
    file.bytes,
  );
  void info(
    t(
      'Saved certificate "{0}" with its private key ({1}) to {2} ({3}).',
      target.name,
      file.format === 'pfx' ? t('PFX, no password') : t('PEM'),
      path,
      writtenAccess(process.platform),
    ),
  );
  return path;
}

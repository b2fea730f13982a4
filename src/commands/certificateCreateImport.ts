// Create Self-Signed Certificate… (the form, src/webviews/CertificateFormPanel.ts) and Import Certificate… (a PFX or
// PEM file the user picks, its password asked in a password box, never kept). The password lives in this function
// only: it is masked in the log by the error boundary, redacted by the vault layer, and never stored or put in a URI.

import { basename } from 'node:path';
import { validateCertificateName } from '../shared/certificateFormModel';
import { t } from '../shared/l10n';
import { plainLine } from '../shared/markup';
import {
  certificateFileKind,
  importBytes,
  MAX_CERTIFICATE_FILE_BYTES,
  nameFromFile,
} from '../transfer/certificateFiles';
import { localPath } from '../transfer/ownerOnlyFile';
import { readPickedFile } from '../transfer/pickedFile';
import type { KeyVaultTree } from '../tree/KeyVaultTree';
import type { ActionContext } from '../ui/ErrorBoundary';
import { info, input, openDialog } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { UserCancelled } from '../ui/UserCancelled';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { VaultRef } from '../vault/model';
import type { CertificateDetails } from '../vault/objectModel';
import { vaultDirectory } from '../vault/VaultDirectory';
import { CertificateFormPanel } from '../webviews/CertificateFormPanel';
import { resolveVault } from './pickers';
import type { Services } from './services';

const PKCS12 = 'application/x-pkcs12';

/** The vault of a vault row or of its Certificates group; else picked. */
async function certificateVault(s: Services, arg: unknown, title: string): Promise<VaultRef> {
  const node = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>) : undefined;
  if (node?.kind === 'objectGroup' && node.objectKind === 'certificate') return vaultDirectory().resolve(node.vault);
  return (await resolveVault(s, arg, title)).vault;
}

export async function createCertificate(s: Services, tree: KeyVaultTree, arg?: unknown): Promise<void> {
  const vault = await certificateVault(s, arg, t('Create Self-Signed Certificate'));
  CertificateFormPanel.show({ vault, changed: (v) => void tree.model.objectsChanged(v, 'certificate') });
}

async function pickCertificateFile(vault: VaultRef): Promise<{ path: string; bytes: Uint8Array }> {
  const file = await openDialog({
    title: t('Import a certificate into vault {0}', vault.name),
    openLabel: t('Import'),
    canSelectFiles: true,
    canSelectFolders: false,
    filters: { [t('Certificate (PFX, PEM)')]: ['pfx', 'p12', 'pem'], [t('All files')]: ['*'] },
  });
  if (file === undefined) throw new UserCancelled();
  const path = localPath(file, t('Choose a file on the machine the extension runs on.'));
  return { path, bytes: await readPickedFile(path, MAX_CERTIFICATE_FILE_BYTES) };
}

/** Import Certificate…: returns the imported certificate's name. */
export async function importCertificate(
  s: Services,
  tree: KeyVaultTree,
  arg: unknown,
  ctx?: ActionContext,
): Promise<string> {
  const vault = await certificateVault(s, arg, t('Import Certificate'));
  const { path, bytes } = await pickCertificateFile(vault);
  const contentType = certificateFileKind(bytes);
  const content = importBytes(bytes, contentType);
  const name = await input({
    title: t('Import certificate into vault {0}', vault.name),
    prompt: t('The certificate name (its key and backing secret get the same name).'),
    value: nameFromFile(path),
    validateInput: (v) => validateCertificateName(v.trim()),
  });
  if (name === undefined) throw new UserCancelled();
  const certName = name.trim();
  let note: string | undefined;
  for (;;) {
    let password = '';
    if (contentType === PKCS12) {
      const typed = await input({
        title: t('Password of {0}', basename(path)),
        prompt: note ?? t('The password of the PFX file (leave empty when it has none). It is not kept.'),
        password: true,
        ignoreFocusOut: true,
      });
      if (typed === undefined) throw new UserCancelled();
      password = typed;
      ctx?.mask(password);
    }
    try {
      const imported = await withProgress<CertificateDetails>(
        t('Importing certificate "{0}" into vault {1}…', certName, vault.name),
        (signal) =>
          vaultDirectory()
            .certificatesFor(vault)
            .importCertificate(
              certName,
              { content, contentType, ...(password !== '' ? { password } : {}) },
              { signal },
            ),
      );
      void tree.model.objectsChanged(vault, 'certificate');
      const subject =
        imported.x509?.subject !== undefined ? ` (${plainLine(imported.x509.subject).slice(0, 200)})` : '';
      void info(t('Imported certificate "{0}"{1} into vault {2}.', certName, subject, plainLine(vault.name)));
      return certName;
    } catch (e) {
      // A wrong password: asked again, the file stays picked. Anything else ends the import in words.
      if (contentType === PKCS12 && isKeyVaultFailure(e) && e.field === 'password') {
        note = t(
          'The password does not open this PFX (or the file is not a PFX). Type the password again, or press Escape to stop.',
        );
        continue;
      }
      throw e;
    }
  }
}

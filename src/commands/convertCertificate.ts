// Convert Certificate File (PFX ↔ PEM)…: a .pfx/.p12 picked becomes a PEM (PKCS#8 key first, then the certificate
// and its chain); a .pem with its key becomes a PFX under a password the user types (or none). Nothing is sent to
// Key Vault. The result holds a private key, so it is written as Download Certificate with Private Key writes one:
// the save dialog in the home folder, the Git warning, an owner-only file. Passwords live in this function only
// (masked in the log by the error boundary, never stored).

import { basename, extname } from 'node:path';
import { t } from '../shared/l10n';
import { writtenAccess } from '../shared/transfer/fileAccess';
import { certificateFileKind, MAX_CERTIFICATE_FILE_BYTES } from '../transfer/certificateFiles';
import { pemToPfx, pfxToPem, WrongPfxPassword } from '../transfer/certificateConvert';
import { localPath } from '../transfer/ownerOnlyFile';
import { readPickedFile } from '../transfer/pickedFile';
import { writeValueFile } from '../transfer/valueFile';
import type { ActionContext } from '../ui/ErrorBoundary';
import { info, input, openDialog } from '../ui/prompts';
import { UserCancelled } from '../ui/UserCancelled';

async function password(options: { title: string; prompt: string }, ctx?: ActionContext): Promise<string> {
  const typed = await input({ ...options, password: true, ignoreFocusOut: true });
  if (typed === undefined) throw new UserCancelled();
  ctx?.mask(typed);
  return typed;
}

/** Converts a picked certificate file; returns the path of the file written. */
export async function convertCertificateFile(ctx?: ActionContext): Promise<string> {
  const picked = await openDialog({
    title: t('Convert a certificate file (PFX to PEM, or PEM to PFX)'),
    openLabel: t('Convert'),
    canSelectFiles: true,
    canSelectFolders: false,
    filters: { [t('Certificate (PFX, PEM)')]: ['pfx', 'p12', 'pem'], [t('All files')]: ['*'] },
  });
  if (picked === undefined) throw new UserCancelled();
  const source = localPath(picked, t('Choose a file on the machine the extension runs on.'));
  const bytes = await readPickedFile(source, MAX_CERTIFICATE_FILE_BYTES);
  const fileName = basename(source);
  const stem = basename(source, extname(source)) || 'certificate';
  const toPem = certificateFileKind(bytes) === 'application/x-pkcs12';
  let output: Uint8Array;
  if (toPem) {
    let note: string | undefined;
    for (;;) {
      const typed = await password(
        {
          title: t('Password of {0}', fileName),
          prompt: note ?? t('The password of the PFX file (leave empty when it has none). It is not kept.'),
        },
        ctx,
      );
      try {
        output = Buffer.from(await pfxToPem(bytes, typed), 'utf8');
        break;
      } catch (e) {
        if (!(e instanceof WrongPfxPassword)) throw e;
        note = e.message;
      }
    }
  } else {
    const typed = await password(
      {
        title: t('Password for the new PFX'),
        prompt: t('A password to protect the PFX (leave empty for none). It is not kept.'),
      },
      ctx,
    );
    output = await pemToPfx(Buffer.from(bytes).toString('utf8'), typed);
  }
  const format = toPem ? 'pem' : 'pfx';
  const path = await writeValueFile(
    {
      title: toPem ? t('Save {0} as PEM (private key and certificate)', fileName) : t('Save {0} as PFX', fileName),
      defaultName: `${stem}.${format}`,
      what: t('the private key of {0}', fileName),
      filters: { [toPem ? t('PEM (key and certificate)') : t('PKCS#12 (PFX)')]: [format] },
    },
    output,
  );
  void info(t('Converted {0} to {1} ({2}).', fileName, path, writtenAccess(process.platform)));
  return path;
}

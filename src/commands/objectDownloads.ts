// Download Public Certificate… (CER or PEM, from the certificate itself) and Export Public Key… (PEM or JWK,
// computed from the key bundle), from their tree rows. The file goes where the user picks (the home folder by
// default); public material needs no value confirmation. No private key is ever offered here.

import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { t } from '../shared/l10n';
import { objectTarget } from './objectCommands';
import { info, pick, saveDialog } from '../ui/prompts';
import { UserCancelled } from '../ui/UserCancelled';
import { withProgress } from '../ui/progress';
import { vaultDirectory } from '../vault/VaultDirectory';
import { certificatePem, publicKeyJwk, publicKeyPem } from '../transfer/publicExports';
import { localPath } from '../transfer/ownerOnlyFile';

async function chooseFormat<F extends string>(
  title: string,
  formats: ReadonlyArray<readonly [F, string, string]>,
): Promise<F> {
  const chosen = await pick<F>(
    formats.map(([data, label, detail]) => ({ label, detail, data })),
    { title, placeHolder: t('Choose a format') },
  );
  if (chosen === undefined) throw new UserCancelled();
  return chosen.data;
}

async function saveTo(defaultName: string, filters: Record<string, string[]>): Promise<string> {
  const uri = await saveDialog({ defaultUri: vscode.Uri.file(join(homedir(), defaultName)), filters });
  if (uri === undefined) throw new UserCancelled();
  return localPath(uri, t('Choose a file on this computer (not a remote or virtual folder).'));
}

export async function downloadPublicCertificate(arg: unknown): Promise<void> {
  const target = objectTarget(arg);
  if (target.kind !== 'certificate') throw new Error(t('Choose a certificate in the Vaults view.'));
  const format = await chooseFormat(t('Download Public Certificate'), [
    ['cer', t('CER (DER, binary)'), t('The certificate only, as Windows and Java tools read it')],
    ['pem', t('PEM (text)'), t('The certificate only, as OpenSSL, nginx and Node read it')],
  ] as const);
  const details = await withProgress(t('Reading "{0}"…', target.name), (signal) =>
    vaultDirectory().certificatesFor(target.vault).get(target.name, target.version, { signal }),
  );
  if (details.cer === undefined)
    throw new Error(t('Certificate "{0}" is not issued yet: its creation is still in progress.', target.name));
  const path = await saveTo(`${target.name}.${format === 'cer' ? 'cer' : 'pem'}`, {
    [format === 'cer' ? t('Certificate (DER)') : t('Certificate (PEM)')]: [format === 'cer' ? 'cer' : 'pem'],
  });
  await writeFile(path, format === 'cer' ? Buffer.from(details.cer) : certificatePem(details.cer));
  void info(t('Saved the public certificate "{0}" to {1}.', target.name, path));
}

export async function exportPublicKey(arg: unknown): Promise<void> {
  const target = objectTarget(arg);
  if (target.kind !== 'key') throw new Error(t('Choose a key in the Vaults view.'));
  const format = await chooseFormat(t('Export Public Key'), [
    ['pem', t('PEM (public key)'), t('SubjectPublicKeyInfo, as OpenSSL and most libraries read it')],
    ['jwk', t('JWK (JSON Web Key)'), t('The public members, with the key id and allowed operations')],
  ] as const);
  const key = await withProgress(t('Reading "{0}"…', target.name), (signal) =>
    vaultDirectory().keysFor(target.vault).get(target.name, target.version, { signal }),
  );
  const text = format === 'pem' ? publicKeyPem(key.publicJwk) : publicKeyJwk(key.publicJwk, key.id, key.keyOps);
  const path = await saveTo(`${target.name}.${format === 'pem' ? 'pub.pem' : 'jwk.json'}`, {
    [format === 'pem' ? t('Public key (PEM)') : t('JSON Web Key')]: [format === 'pem' ? 'pem' : 'json'],
  });
  await writeFile(path, text);
  void info(t('Saved the public key of "{0}" to {1}.', target.name, path));
}

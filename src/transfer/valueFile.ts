// Set Value from File… and Save Value to File…, compatible with `az keyvault secret set --file --encoding` and
// `az keyvault secret download --encoding`: utf-8 (the file's text is the value), base64 or hex (its bytes,
// encoded), recorded in the `file-encoding` tag. Files are read size-limited and written owner-only.

import { basename, join } from 'node:path';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { t } from '../shared/l10n';
import {
  FILE_ENCODING_TAG,
  FILE_ENCODINGS,
  decodeFileValue,
  encodeFileValue,
  fileEncodingOf,
  type FileEncoding,
} from '../shared/transfer/fileEncoding';
import { writtenAccess } from '../shared/transfer/fileAccess';
import { SECRET_LIMITS, validateSecretValue, validateTags } from '../shared/validation';
import { UserCancelled } from '../ui/UserCancelled';
import { confirmLoss } from '../ui/destructiveGate';
import { info, openDialog, pick, saveDialog, type PickItem } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import type { SecretProperties, VaultRef } from '../vault/model';
import { confirmOutsideGit } from './exportSecrets';
import { announce } from '../vault/changes';
import { vaultDirectory } from '../vault/VaultDirectory';
import { readPickedFile } from './pickedFile';
import { localPath, writeOwnerOnly } from './ownerOnlyFile';

export interface ValueFileTarget {
  readonly vault: VaultRef;
  readonly name: string;
  /** Save only: a chosen version (the current one when absent). */
  readonly version?: string;
  /** The current version's properties when known (Set keeps its content type and tags). */
  readonly properties?: SecretProperties;
}

function encodingText(e: FileEncoding): string {
  switch (e) {
    case 'utf-8':
      return t('the file is text: the value is that text');
    case 'base64':
      return t("the file's bytes, as base64 text (any file)");
    case 'hex':
      return t("the file's bytes, as hex digits (any file)");
  }
}

async function chooseEncoding(title: string, first: FileEncoding, firstNote: string): Promise<FileEncoding> {
  const order = [first, ...FILE_ENCODINGS.filter((e) => e !== first)];
  const items: Array<PickItem<FileEncoding>> = order.map((e) => ({
    label: e,
    description: e === first ? `${encodingText(e)} · ${firstNote}` : encodingText(e),
    data: e,
  }));
  const picked = await pick(items, { title, placeHolder: t('Encoding (as az keyvault secret --encoding)') });
  if (picked === undefined) throw new UserCancelled();
  return picked.data;
}

/** Set Value from File…: a new version whose value is the file (text or encoded bytes), tagged with its encoding. */
export async function setValueFromFile(target: ValueFileTarget, file?: vscode.Uri): Promise<void> {
  const picked =
    file ?? (await openDialog({ title: t('Set the value of "{0}" from a file', target.name), canSelectMany: false }));
  if (picked === undefined) throw new UserCancelled();
  const path = localPath(picked, t('Choose a file on the machine the extension runs on.'));
  // The largest file any encoding can store: utf-8 takes the bytes one for one.
  const bytes = await readPickedFile(path, SECRET_LIMITS.valueMaxBytes);
  const isText = 'value' in encodeFileValue(bytes, 'utf-8');
  const encoding = await chooseEncoding(
    t('Store {0} ({1} bytes) as', basename(path), bytes.length),
    isText ? 'utf-8' : 'base64',
    isText ? t('suggested: the file is UTF-8 text') : t('suggested: the file is not text'),
  );
  const encoded = encodeFileValue(bytes, encoding);
  if ('error' in encoded) throw new Error(encoded.error);
  const tooBig = validateSecretValue(encoded.value);
  if (tooBig !== undefined) throw new Error(tooBig);
  const tags = { ...(target.properties?.tags ?? {}), [FILE_ENCODING_TAG]: encoding };
  const badTags = validateTags(tags);
  if (badTags !== undefined) throw new Error(badTags);
  await confirmLoss({
    kind: 'overwrite',
    groups: [{ vault: target.vault, names: [target.name] }],
    from: t('{0} ({1} bytes, {2})', basename(path), bytes.length, encoding),
    notes: [t('The tag file-encoding={0} records how to turn it back into the file.', encoding)],
  });
  const client = vaultDirectory().clientFor(target.vault);
  const contentType = target.properties?.contentType;
  await withProgress(t('Setting the value of "{0}"…', target.name), () =>
    client.setSecret(target.name, {
      value: encoded.value,
      tags,
      ...(contentType !== undefined ? { contentType } : {}),
    }),
  );
  announce({ vault: target.vault, name: target.name, kind: 'newVersion' });
  void info(t('Set a new version of "{0}" from {1} ({2}).', target.name, basename(path), encoding));
}

/** Save Value to File…: the value (decoded as its file-encoding tag says, or as chosen) to a new owner-only file. */
export async function saveValueToFile(target: ValueFileTarget, file?: vscode.Uri): Promise<string> {
  const client = vaultDirectory().clientFor(target.vault);
  const secret = await withProgress(t('Reading the value of "{0}"…', target.name), (signal) =>
    client.getValue(target.name, target.version, { signal }),
  );
  const tagged = fileEncodingOf(secret.properties.tags);
  const encoding = await chooseEncoding(
    t('Save the value of "{0}" as', target.name),
    tagged ?? 'utf-8',
    tagged !== undefined ? t('from its file-encoding tag') : t('no file-encoding tag'),
  );
  const decoded = decodeFileValue(secret.value, encoding);
  if ('error' in decoded) throw new Error(decoded.error);
  const path = await writeValueFile(
    {
      title: t('Save the value of "{0}"', target.name),
      defaultName: target.name,
      what: t('the value of {0}', target.name),
    },
    decoded.bytes,
    file,
  );
  void info(
    t(
      'Saved the value of "{0}" ({1} bytes, {2}) to {3} ({4}).',
      target.name,
      decoded.bytes.length,
      encoding,
      path,
      writtenAccess(process.platform),
    ),
  );
  return path;
}

/** Where a secret's value goes to a file and what the Git warning calls it. */
export interface ValueFileDestination {
  readonly title: string;
  /** The file name the save dialog proposes, in the home folder. */
  readonly defaultName: string;
  /** What could be committed ("the value of db-password"). */
  readonly what: string;
  readonly filters?: Record<string, string[]>;
}

/**
 * The one way a secret value (or a certificate's private key) reaches a file the user names: a save dialog that
 * starts in the home folder, a local path only, the Git warning, then a new owner-only file. Returns its path.
 */
export async function writeValueFile(
  destination: ValueFileDestination,
  bytes: Uint8Array,
  file?: vscode.Uri,
): Promise<string> {
  const chosen =
    file ??
    (await saveDialog({
      title: destination.title,
      saveLabel: t('Save'),
      defaultUri: vscode.Uri.file(join(homedir(), destination.defaultName)),
      ...(destination.filters !== undefined ? { filters: destination.filters } : {}),
    }));
  if (chosen === undefined) throw new UserCancelled();
  const path = localPath(chosen, t('Choose a file on the machine the extension runs on: it is written owner-only.'));
  await confirmOutsideGit(path, destination.what);
  await writeOwnerOnly(path, bytes);
  return path;
}

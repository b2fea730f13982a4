// What "owner-only" means where the extension runs. Files that hold secret material are created with mode 0600;
// POSIX systems apply it, Windows ignores file modes (the file gets its folder's permissions). Messages about
// such a file say which, and never claim a restriction the system does not apply. Pure code: the platform is a
// parameter (process.platform at the call site).
import { t } from '../l10n';

/** Whether the system applies the owner-only mode (0600) a secret file is created with. */
export function ownerOnlyApplies(platform: string): boolean {
  return platform !== 'win32';
}

/** Said before writing: who will be able to read the new file. */
export function createdAccessNote(platform: string): string {
  return ownerOnlyApplies(platform)
    ? t('The file is created readable by you only (0600).')
    : t(
        'Windows does not apply file modes: the file gets the permissions of its folder. Choose a folder only you can read.',
      );
}

/** Said after writing, in parentheses after the path: who can read the file. */
export function writtenAccess(platform: string): string {
  return ownerOnlyApplies(platform)
    ? t('readable by you only')
    : t('with the permissions of its folder: Windows does not restrict it to you');
}

// Whether Git ignores a file about to hold secret values. No vscode import: the bad-input catalogue runs it on
// hostile repositories in plain Node.

import { runGit, type FolderTrust } from '../platform/processes';

/**
 * What Git says about a path inside a work tree: ignored, not ignored, it could not tell (no Git, not a work
 * tree), or it was not asked because the repository is not inside a trusted workspace folder.
 */
export type IgnoreState = 'ignored' | 'notIgnored' | 'unknown' | 'notAsked';

/**
 * Asks Git itself (`git check-ignore`), rather than reading .gitignore: Git also applies the ignore files of
 * parent folders, `.git/info/exclude` and the user's global excludes, and its pattern rules (negation, `**`,
 * anchoring) are its own. Exit 0 = ignored, 1 = not ignored, anything else = unknown. Git runs only in a trusted
 * folder, under the process rules of src/platform/processes.ts.
 */
export async function gitIgnoreState(trust: FolderTrust, repository: string, path: string): Promise<IgnoreState> {
  const outcome = await runGit(trust, repository, 'check-ignore', ['-q', '--', path]);
  if (outcome.kind === 'untrusted') return 'notAsked';
  if (outcome.kind !== 'exited') return 'unknown';
  return outcome.code === 0 ? 'ignored' : outcome.code === 1 ? 'notIgnored' : 'unknown';
}

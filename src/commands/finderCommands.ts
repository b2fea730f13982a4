// The rows of the one command table for the commands across vaults (issue 18): find, sort, expiring secrets and
// the certificate-backed toggle. registerCommands.ts registers them inside the error boundary like every other row.

import { FINDER_COMMAND_NAMES, type FinderCommandName } from '../shared/commandIds';
import { findSecret, type FinderDeps } from './findSecret';

export type { FinderDeps } from './findSecret';

type Row = readonly [title: string, run: (arg: unknown) => Promise<void>];

export function finderCommands(deps: FinderDeps): ReadonlyArray<readonly [FinderCommandName, ...Row]> {
  const rows: { readonly [N in FinderCommandName]: Row } = {
    findSecret: ['Find secret in all vaults', (arg) => findSecret(deps, arg)],
  };
  return FINDER_COMMAND_NAMES.map((n) => [n, ...rows[n]] as const);
}

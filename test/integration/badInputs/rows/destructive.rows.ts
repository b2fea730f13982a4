// Hostile or mistaken answers to the destructive-action gate, and forged webview choices that try to reach a
// purge: each row calls the gate's pure rules (src/shared/destructive.ts) or the import preview's message parser
// and plan, as the product does, and sends nothing to the vault.
import { lossQuestion, typedAnswerProblem, type GateVault, type Loss } from '../../../../src/shared/destructive';
import { parseImportMessage } from '../../../../src/shared/webviewMessages/importPreviewProtocol';
import { importLosses } from '../../../../src/shared/transfer/importLoss';
import { planImport, type ConflictChoice, type VaultState } from '../../../../src/shared/transfer/importPlan';
import { accepted, neutralised, refused, type Outcome, type Row } from '../catalogue';

const prod: GateVault = { name: 'prod', url: 'https://prod.vault.azure.net' };
const purgeOne: Loss = { kind: 'purge', groups: [{ vault: prod, names: ['db-password'] }] };
const purgeTwo: Loss = { kind: 'purge', groups: [{ vault: prod, names: ['db-password', 'api-key'] }] };

/** The typed answer to a loss's question, judged exactly as the input box judges it. */
function answer(loss: Loss, typed: string | undefined, known: readonly GateVault[] = []): Outcome {
  const q = lossQuestion(loss, known);
  if (q.typed === undefined) return accepted('no typing asked');
  const problem = typedAnswerProblem(q.typed.expected, typed);
  return problem !== undefined ? refused(problem) : accepted(`confirmed: ${q.typed.expected}`);
}

const typedRow = (input: string, loss: Loss, typed: string | undefined, says: RegExp): Row => ({
  surface: 'destructive gate',
  input,
  expect: 'refused',
  says,
  run: () => answer(loss, typed),
});

/** An import of three entries: two names deleted in the vault (conflicts), one new; `choices` as the webview sent them. */
function importPurges(choices: ReadonlyMap<number, ConflictChoice>): Outcome {
  const state: VaultState = {
    existing: new Map(),
    deleted: new Set(['db-password', 'api-key']),
    currentValues: new Map(),
  };
  const entries = [
    { key: 'DB_PASSWORD', target: 'db-password', value: 'v1' },
    { key: 'API_KEY', target: 'api-key', value: 'v2' },
    { key: 'NEW_ONE', target: 'new-one', value: 'v3' },
  ];
  const purge = importLosses(planImport(entries, state, choices), prod).find((l) => l.kind === 'purge');
  if (purge === undefined) return neutralised('no purge in the plan');
  const typed = lossQuestion(purge, []).typed;
  return neutralised(
    `purge asked on the host: type "${typed?.expected ?? ''}" for ${purge.groups[0]?.names.join(', ')}`,
  );
}

const parsed = (x: unknown): Outcome => {
  const p = parseImportMessage(x);
  return p.ok ? accepted(JSON.stringify(p.message)) : refused(p.reason);
};

export const rows: readonly Row[] = [
  typedRow('purge: the name in other letter case (DB-PASSWORD)', purgeOne, 'DB-PASSWORD', /letter case/),
  typedRow('purge: the name with a trailing space', purgeOne, 'db-password ', /without spaces/),
  typedRow('purge: the name with a leading tab', purgeOne, '\tdb-password', /without spaces/),
  typedRow('purge: a zero-width space inside the name', purgeOne, 'db-\u200Bpassword', /exactly/),
  typedRow('purge: a Cyrillic look-alike letter (db-pаssword)', purgeOne, 'db-p\u0430ssword', /exactly/),
  typedRow('purge: fullwidth letters (ｄｂ-password)', purgeOne, '\uFF44\uFF42-password', /exactly/),
  typedRow('purge: the vault display name instead of the secret name', purgeOne, 'prod', /Type "db-password"/),
  typedRow('purge: a prefix of the name (db-pass)', purgeOne, 'db-pass', /Type "db-password" exactly/),
  typedRow('purge: an empty answer', purgeOne, '', /Type "db-password" exactly/),
  typedRow('purge of one: the count "1" instead of the name', purgeOne, '1', /Type "db-password"/),
  typedRow('purge of two: one of the names instead of the count', purgeTwo, 'db-password', /how many go for good/),
  typedRow('purge of two: a wrong count (3)', purgeTwo, '3', /Type "2" exactly.*how many/),
  typedRow('purge of two: the count with a leading zero (02)', purgeTwo, '02', /Type "2" exactly/),
  typedRow('purge of two: the count as a word (two)', purgeTwo, 'two', /Type "2" exactly/),
  {
    surface: 'destructive gate',
    input: 'delete where the service sent a recovery level Key Vault does not use ("purgeable")',
    expect: 'neutralised',
    says: /typed: k/,
    run: () => {
      const q = lossQuestion(
        { kind: 'delete', groups: [{ vault: prod, names: ['k'], recoveryLevel: 'purgeable' }] },
        [],
      );
      return q.typed !== undefined
        ? neutralised(`treated as permanent, typed: ${q.typed.expected}`)
        : accepted('button only');
    },
  },
  {
    surface: 'destructive gate',
    input: 'a purge with nothing named (an empty loss)',
    expect: 'refused',
    says: /at least one name/,
    run: () => {
      try {
        lossQuestion({ kind: 'purge', groups: [{ vault: prod, names: [] }] }, []);
        return accepted('asked about nothing');
      } catch (e) {
        return refused((e as Error).message);
      }
    },
  },
  {
    surface: 'destructive gate',
    input: 'two known vaults share the display name "prod"',
    expect: 'neutralised',
    says: /^Purge "db-password" from prod \(prod\.vault\.azure\.net\) for good$/,
    run: () =>
      neutralised(
        lossQuestion(purgeOne, [{ name: 'prod', url: 'https://prod-weu.vault.azure.net' }]).typed?.title ?? '',
      ),
  },
  {
    surface: 'destructive gate',
    input: 'a known vault named "prоd" with a Cyrillic о (a look-alike of "prod")',
    expect: 'neutralised',
    says: /from prod \(prod\.vault\.azure\.net\) for good/,
    run: () =>
      neutralised(
        lossQuestion(purgeOne, [{ name: 'pr\u043Ed', url: 'https://evil.vault.azure.net' }]).typed?.title ?? '',
      ),
  },
  {
    surface: 'import preview (forged message)',
    input: '{type:"choose", index:0, choice:"PURGE"} (a choice the page never offers)',
    expect: 'refused',
    says: /unknown choice/,
    run: () => parsed({ type: 'choose', index: 0, choice: 'PURGE' }),
  },
  {
    surface: 'import preview (forged message)',
    input: '{type:"apply", confirmed:true, typed:"db-password"} (a confirmation smuggled in the message)',
    expect: 'refused',
    says: /confirmed|typed|key/,
    run: () => parsed({ type: 'apply', confirmed: true, typed: 'db-password' }),
  },
  {
    surface: 'import preview (forged message)',
    input: 'choice "purge" posted for a row whose name is not deleted (a new secret)',
    expect: 'neutralised',
    says: /^no purge in the plan$/,
    run: () => importPurges(new Map([[2, 'purge']])),
  },
  {
    surface: 'import preview (forged message)',
    input: 'choice "purge" posted for every row: only the deleted names are purged, and the count is typed',
    expect: 'neutralised',
    says: /type "2" for db-password, api-key$/,
    run: () =>
      importPurges(
        new Map<number, ConflictChoice>([
          [0, 'purge'],
          [1, 'purge'],
          [2, 'purge'],
        ]),
      ),
  },
];

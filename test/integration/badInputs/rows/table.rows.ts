// Hostile CSV/TSV files picked for import (issue 26), and cells a spreadsheet would run as formulas on export. Each
// row runs the product's own parser or writer (pure code, no request). A refusal's message never quotes a value.
import { parseCsv, parseTsv, serializeSecretTable } from '../../../../src/shared/transfer/secretTable';
import { accepted, refused, type Outcome, type Row } from '../catalogue';

const SECRET = 's3cr3t-VALUE';

/** Refused when no row could be imported and the file said why; a row's refusal counts as refused too. */
function table(text: string, tsv = false): Outcome {
  const { entries, problems } = tsv ? parseTsv(text) : parseCsv(text);
  const said = [
    ...problems.map((p) => p.message),
    ...entries.flatMap((e) => (e.refusal !== undefined ? [e.refusal] : [])),
  ].join(' | ');
  if (said.includes(SECRET)) return accepted(`a message quoted the value: ${said}`);
  const usable = entries.filter((e) => e.refusal === undefined);
  return usable.length === 0 && said !== ''
    ? refused(said)
    : accepted(`${usable.map((e) => `${e.key}=${e.value}`).join(', ')}${said !== '' ? `; ${said}` : ''}`);
}

export const rows: readonly Row[] = [
  {
    surface: 'CSV import',
    input: 'no header row (a file of values)',
    expect: 'refused',
    says: /the first row must name the columns/,
    run: () => table(`db,${SECRET}\n`),
  },
  {
    surface: 'CSV import',
    input: 'a quoted value never closed',
    expect: 'refused',
    says: /^Line 2: a quoted field has no closing quote/,
    run: () => table(`name,value\ndb,"${SECRET}\nnext,1\n`),
  },
  {
    surface: 'CSV import',
    input: 'text after a closing quote',
    expect: 'refused',
    says: /^Line 2: text after a closing quote/,
    run: () => table(`name,value\ndb,"${SECRET}"tail\n`),
  },
  {
    surface: 'CSV import',
    input: 'expiry before activation',
    expect: 'refused',
    says: /^Line 2: The expiry date must be after/,
    run: () => table(`name,value,notBefore,expires\ndb,${SECRET},2027-01-01T00:00:00Z,2026-01-01T00:00:00Z\n`),
  },
  {
    surface: 'CSV import',
    input: 'tags naming __proto__ and constructor (kept as data, no prototype touched)',
    expect: 'accepted',
    says: /^db=v/,
    run: () => {
      const out = table('name,value,tags\ndb,v,"{""__proto__"":""x"",""constructor"":""y""}"\n');
      return ({} as Record<string, unknown>).x === undefined ? out : refused('the prototype was polluted');
    },
  },
  {
    surface: 'CSV import',
    input: 'a million empty fields on one row',
    expect: 'refused',
    says: /^Line 2 has 1048566 fields; the header has 2/,
    run: () => table(`name,value\n${','.repeat(1048565)}`),
  },
  {
    surface: 'TSV import',
    input: 'a value of formula characters, tabs and quotes (legitimate: imported exactly)',
    expect: 'accepted',
    says: /^db==HYPERLINK\("x"\)\t@a$/,
    run: () => table('name\tvalue\ndb\t"=HYPERLINK(""x"")\t@a"\n', true),
  },
  {
    surface: 'CSV export',
    input: 'a value starting with = (a spreadsheet formula): written exactly, reads back the same',
    expect: 'accepted',
    says: /^formula==1\+2$/,
    run: () => table(serializeSecretTable([{ name: 'formula', value: '=1+2', tags: {}, enabled: true }], ',')),
  },
];

// Hostile text for the parsers of untrusted text: Key Vault references in workspace files, `.env` and flat JSON
// files picked for import, and values written to `.env` on export. Each row runs the product's own parser or
// writer (pure code, no request) and says what it made of the input. A refusal's message must never quote the
// secret-looking part of the input.
import { parseReferences } from '../../../../src/shared/references/parseReferences';
import { MAX_TRANSFER_FILE_BYTES, MAX_TRANSFER_LINES, parseDotenv } from '../../../../src/shared/transfer/dotenv';
import { dotenvValue } from '../../../../src/shared/transfer/dotenvWrite';
import { parseFlatJson } from '../../../../src/shared/transfer/flatJson';
import { accepted, neutralised, refused, type Outcome, type Row } from '../catalogue';

const HOST = 'https://contoso.vault.azure.net';
const SECRET = 's3cr3t-VALUE';

/** A parse result as an outcome: refused when it read nothing and said why; the text never holds `SECRET`. */
function outcomeOf(entries: readonly unknown[], problems: ReadonlyArray<{ readonly message: string }>): Outcome {
  const said = problems.map((p) => p.message).join(' | ');
  if (said.includes(SECRET)) return accepted(`a message quoted the value: ${said}`);
  return entries.length === 0 && problems.length > 0 ? refused(said) : accepted(`${entries.length} read; ${said}`);
}

/** The references of `text`: refused with the first problem, or accepted as `vault/name[@version]` per reference. */
function references(text: string): Outcome {
  const { references: refs, problems } = parseReferences(text);
  if (refs.length === 0) return problems.length > 0 ? refused(problems[0].message) : neutralised('no reference');
  return accepted(
    refs
      .map((r) => {
        const vault = r.vault.kind === 'url' ? `${r.vault.hostKind} ${r.vault.url}` : r.vault.name;
        return `${vault}/${r.name}${r.version !== undefined ? `@${r.version}` : ''}`;
      })
      .join(', '),
  );
}

const env = (text: string): Outcome => {
  const { entries, problems } = parseDotenv(text);
  return outcomeOf(entries, problems);
};

const json = (text: string): Outcome => {
  const { entries, problems } = parseFlatJson(text);
  if (entries.length > 0 && problems.length === 0)
    return accepted(entries.map((e) => `${e.key}=${e.value}`).join(', '));
  return outcomeOf(entries, problems);
};

const PEM = [
  '-----BEGIN CERTIFICATE-----',
  'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJz',
  'QUJDREVGR0hJSktM=secretpiece+/QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVph',
  '-----END CERTIFICATE-----',
];

export const rows: readonly Row[] = [
  // ---- Key Vault references in workspace files
  {
    surface: 'references',
    input: '2 MB of @Microsoft.KeyVault(a;a;a;…) (once 12 s of blocked extension host)',
    expect: 'refused',
    says: /more than 8 parameters/,
    run: () => references(`@Microsoft.KeyVault(${'a;'.repeat(2000)})\n`.repeat(520)),
  },
  {
    surface: 'references',
    input: 'an unknown parameter beside SecretUri',
    expect: 'refused',
    says: /"Foo" is not a Key Vault reference parameter/,
    run: () => references(`@Microsoft.KeyVault(SecretUri=${HOST}/secrets/db;Foo=bar)`),
  },
  {
    surface: 'references',
    input: 'VaultName given twice (which one would App Service use?)',
    expect: 'refused',
    says: /VaultName appears twice/,
    run: () => references('@Microsoft.KeyVault(VaultName=contoso;VaultName=evil;SecretName=db)'),
  },
  {
    surface: 'references',
    input: 'an App Service reference never closed',
    expect: 'refused',
    says: /not closed/,
    run: () => references(`X=@Microsoft.KeyVault(SecretUri=${HOST}/secrets/db\nY=1`),
  },
  {
    surface: 'references',
    input: 'a secret URI carrying a user name and password (the password never in the message)',
    expect: 'refused',
    says: /^This Key Vault reference is not closed/,
    run: () => {
      const outcome = references(
        `@Microsoft.KeyVault(SecretUri=https://me:${SECRET}@contoso.vault.azure.net/secrets/db)`,
      );
      return outcome.text.includes(SECRET) ? accepted(outcome.text) : outcome;
    },
  },
  {
    surface: 'references',
    input: 'a secret URI on a host that is not Key Vault',
    expect: 'accepted',
    says: /^other https:\/\/evil\.example\.com\/db$/,
    run: () => references('@Microsoft.KeyVault(SecretUri=https://evil.example.com/secrets/db)'),
  },
  {
    surface: 'references',
    input: 'control characters in a vault name',
    expect: 'refused',
    says: /^"con trol" is not a vault name/,
    run: () => references('@Microsoft.KeyVault(VaultName=con\u0007trol;SecretName=db)'),
  },
  {
    surface: 'references',
    input: 'a right-to-left override in a secret name',
    expect: 'refused',
    says: /./,
    run: () => references('@Microsoft.KeyVault(VaultName=contoso;SecretName=db\u202Eeulav)'),
  },
  {
    surface: 'references',
    input: 'a version with a dash',
    expect: 'refused',
    says: /is not a secret version/,
    run: () => references(`@Microsoft.KeyVault(SecretUri=${HOST}/secrets/db/ab-cd)`),
  },
  {
    surface: 'references',
    input: 'percent-encoded dots as the secret name',
    expect: 'refused',
    says: /./,
    run: () => references(`@Microsoft.KeyVault(SecretUri=${HOST}/secrets/%2e%2e)`),
  },
  {
    surface: 'references',
    input: 'an azd reference whose subscription is not a GUID',
    expect: 'refused',
    says: /is not a subscription id/,
    run: () => references('akvs://not-a-guid/contoso/db'),
  },
  {
    surface: 'references',
    input: 'an ARM reference whose keyVault id is not a vault resource id',
    expect: 'refused',
    says: /keyVault id must be a vault resource id/,
    run: () =>
      references('{"reference":{"keyVault":{"id":"/subscriptions/x/providers/Evil/things/y"},"secretName":"db"}}'),
  },
  {
    surface: 'references',
    input: 'an ARM reference nested 300 deep (past the 256 levels read)',
    expect: 'neutralised',
    says: /^no reference$/,
    run: () => {
      const ref =
        '{"reference":{"keyVault":{"id":"/subscriptions/s/providers/Microsoft.KeyVault/vaults/contoso"},"secretName":"db"}}';
      return references(`"reference"${'['.repeat(300)}${ref}${']'.repeat(300)}`);
    },
  },
  {
    surface: 'references',
    input: 'single-quoted parameter values, spaces and a lower-case prefix',
    expect: 'accepted',
    says: /^contoso\/db$/,
    run: () => references(`@microsoft.keyvault( VaultName = 'contoso' ; SecretName = 'db' )`),
  },
  // ---- .env files picked for import
  {
    surface: '.env import',
    input: 'a PEM key pasted without quotes (its lines would become entries named after pieces of it)',
    expect: 'refused',
    says: /^Line 2: the value goes on over the next lines without quotes.*Nothing in this file was read\.$/,
    run: () => env(`A=1\nKEY=${PEM.join('\n')}\nB=2`),
  },
  {
    surface: '.env import',
    input: 'base64 text wrapped over lines without quotes, its last line ending in padding',
    expect: 'refused',
    says: /^Line 1: the value goes on/,
    run: () => env(`CERT=${PEM[1]}\nsecretpiece0123==\nB=2`),
  },
  {
    surface: '.env import',
    input: 'an invalid name whose line holds a value',
    expect: 'refused',
    says: /^Line 1: the name is not a variable name/,
    run: () => env(`1${SECRET}=x`),
  },
  {
    surface: '.env import',
    input: '__proto__ and constructor as names',
    expect: 'accepted',
    says: /^2 read/,
    run: () => {
      const outcome = env('__proto__=polluted\nconstructor=x');
      return ({} as Record<string, unknown>).polluted === undefined ? outcome : refused('prototype touched');
    },
  },
  {
    surface: '.env import',
    input: 'a quote never closed (every later line would be inside it)',
    expect: 'refused',
    says: /^Line 1: the value has no closing quote; the rest of the file is not read\.$/,
    run: () => env(`A="${SECRET}\nB=2\nC=3`),
  },
  {
    surface: '.env import',
    input: 'text after a closing quote',
    expect: 'refused',
    says: /^Line 1: unexpected text after the quoted value\.$/,
    run: () => env(`A='x' ${SECRET}`),
  },
  {
    surface: '.env import',
    input: 'the same name twice',
    expect: 'accepted',
    says: /^1 read; Line 2 sets the same name as line 1; the first one is used\.$/,
    run: () => env(`A=first\nA=${SECRET}`),
  },
  {
    surface: '.env import',
    input: 'a file over 1 MB',
    expect: 'refused',
    says: /larger than 1 MB/,
    run: () => env(`A=${'x'.repeat(MAX_TRANSFER_FILE_BYTES)}`),
  },
  {
    surface: '.env import',
    input: 'a file of noise: 500 lines that are not assignments',
    expect: 'refused',
    says: /More than 100 problems: the rest of the file is not read/,
    run: () => env('not an assignment\n'.repeat(500)),
  },
  {
    surface: '.env import',
    input: 'more lines than any .env of secrets has (CR line ends)',
    expect: 'accepted',
    says: /^1 read; More than 10000 lines/,
    run: () => env(`A=1\r${'\r'.repeat(MAX_TRANSFER_LINES)}B=2`),
  },
  {
    surface: '.env import',
    input: 'a byte-order mark, CRLF line ends, export and an inline comment',
    expect: 'accepted',
    says: /^2 read; $/,
    run: () => env('\uFEFFexport A=1 # note\r\nB="two\\nlines"\r\n'),
  },
  // ---- .env export
  {
    surface: '.env export',
    input: 'a value holding \' and " (no quoting reads back the same in every reader)',
    expect: 'refused',
    says: /^its value holds ' and one of " \\ \$/,
    run: () => {
      const form = dotenvValue(`it's "${SECRET}"`);
      return 'reason' in form ? refused(form.reason) : accepted(form.text);
    },
  },
  {
    surface: '.env export',
    input: 'a value holding ${NAME} (python-dotenv would replace it)',
    expect: 'refused',
    says: /python-dotenv replaces/,
    run: () => {
      const form = dotenvValue('pa${HOME}ss');
      return 'reason' in form ? refused(form.reason) : accepted(form.text);
    },
  },
  {
    surface: '.env export',
    input: "a value over two lines holding '",
    expect: 'accepted',
    says: /^"line1\\nit's"$/,
    run: () => {
      const form = dotenvValue("line1\nit's");
      return 'reason' in form ? refused(form.reason) : accepted(form.text);
    },
  },
  // ---- flat JSON files picked for import
  {
    surface: 'flat JSON import',
    input: 'numbers a double cannot hold (20 digits, 1.0, 1e400)',
    expect: 'accepted',
    says: /^A=12345678901234567890, B=1\.0, C=1e400$/,
    run: () => json('{"A": 12345678901234567890, "B": 1.0, "C": 1e400}'),
  },
  {
    surface: 'flat JSON import',
    input: '__proto__ as a name, with an object value',
    expect: 'refused',
    says: /^"__proto__" is not a string/,
    run: () => {
      const outcome = json('{"__proto__": {"polluted": "yes"}}');
      return ({} as Record<string, unknown>).polluted === undefined ? outcome : accepted('prototype touched');
    },
  },
  {
    surface: 'flat JSON import',
    input: 'JSON that does not parse, with a value in it',
    expect: 'refused',
    says: /^The file is not valid JSON\.$/,
    run: () => json(`{"A": "${SECRET}"`),
  },
  {
    surface: 'flat JSON import',
    input: 'a nested object holding a value',
    expect: 'refused',
    says: /^"A" is not a string/,
    run: () => json(`{"A": {"deep": "${SECRET}"}}`),
  },
  {
    surface: 'flat JSON import',
    input: 'the same name twice (JSON.parse keeps the last, silently)',
    expect: 'accepted',
    says: /^1 read; "A" is set more than once; the last one is used\.$/,
    run: () => json('{"A": "1", "A": "2"}'),
  },
  {
    surface: 'flat JSON import',
    input: 'half a megabyte of nested arrays (JSON.parse would build 262,144 of them)',
    expect: 'refused',
    says: /^The file nests more than 64 levels/,
    run: () => json(`{"A":${'['.repeat(256 * 1024)}${']'.repeat(256 * 1024)}}`),
  },
  {
    surface: 'flat JSON import',
    input: 'a top-level array',
    expect: 'refused',
    says: /one JSON object/,
    run: () => json(`["${SECRET}"]`),
  },
];

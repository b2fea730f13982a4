// The parsers of untrusted text (workspace files, picked files, settings, service text), one table. The adversarial
// test tier (parsers.test.ts) and the parse bench (scripts/bench/parse.ts) both iterate it, and parsers.test.ts
// fails when an exported `parse*` function of src/shared is neither here nor in NOT_TEXT_PARSERS.
// Every parser gets the shared adversarial classes (no `=`, deep nesting, long runs of ; \ " ' and spaces), its
// own hostile classes, and each of them again with one non-Latin-1 character (V8 then holds the text as two-byte
// strings, which once made a quadratic scan twice as slow).
import { findSecrets, MAX_LINE } from '../../../src/shared/detection/findSecrets';
import { MAX_REFERENCE_LENGTH, parseReferences } from '../../../src/shared/references/parseReferences';
import { parseSecretId } from '../../../src/shared/references/secretId';
import { MAX_DURATION_TEXT, parseIsoDuration } from '../../../src/shared/keyRules';
import { parseDateField } from '../../../src/shared/secretFormModel';
import { MAX_TRANSFER_ENTRIES, MAX_TRANSFER_FILE_BYTES, parseDotenv } from '../../../src/shared/transfer/dotenv';
import { parseFlatJson } from '../../../src/shared/transfer/flatJson';
import { parseCsv, parseTsv } from '../../../src/shared/transfer/secretTable';
import { MAX_DATE_TIME_TEXT, parseIsoDateTime } from '../../../src/shared/validation';
import { MAX_VAULT_URL_INPUT, parseVaultUrl } from '../../../src/shared/vaultUrl';
import { pemBegin, pemEnd } from '../../harness/pemLabels';

export type Inputs = Readonly<Record<string, (size: number) => string>>;

export interface ParserCase {
  /** The exported function's name. */
  readonly name: string;
  /** Its module, from the repository root. */
  readonly module: string;
  /** The export itself (checked against the module). */
  readonly fn: unknown;
  readonly parse: (text: string) => unknown;
  /** The longest text it reads; longer text is refused unread, so it is measured at this size at most. */
  readonly maxChars: number;
  /** An ordinary input of `size` characters: the baseline an adversarial one is compared with. */
  readonly ordinary: (size: number) => string;
  /** Its own hostile classes (the shared ones are added by inputsOf). */
  readonly adversarial: Inputs;
}

/** `unit` repeated to exactly `size` characters. */
export const fill = (unit: string, size: number): string =>
  unit.repeat(Math.ceil(size / unit.length)).slice(0, Math.max(0, size));

/** Whole lines made by `line(i)`, as many as fit in `size` characters. */
function lines(size: number, line: (i: number) => string): string {
  let text = '';
  for (let i = 0; ; i++) {
    const next = `${line(i)}\n`;
    if (text.length + next.length > size) return text;
    text += next;
  }
}

const HOST = 'https://contoso.vault.azure.net';

/** Hostile classes every parser gets. */
export const SHARED_ADVERSARIAL: Inputs = {
  'lines without =': (n) => fill('no equals sign on this line\n', n),
  'one line without = or a break': (n) => fill('x', n),
  'deep nesting': (n) => fill('{"a":[', n),
  'a run of ;': (n) => fill(';', n),
  'a run of \\': (n) => fill('\\', n),
  'a run of "': (n) => fill('"', n),
  "a run of '": (n) => fill("'", n),
  'a run of spaces, then text': (n) => `${fill(' ', n - 1)}x`,
};

/** CSV or TSV of secrets: as many rows as a file may hold, every column, values as long as the size allows. */
function secretTable(n: number, d: string): string {
  const header = ['name', 'value', 'contentType', 'tags', 'notBefore', 'expires', 'enabled'].join(d);
  const value = fill('value-of-the-app-', Math.max(8, n / MAX_TRANSFER_ENTRIES - 110));
  return `${header}\n${lines(n - header.length - 1, (i) =>
    [
      `secret-${i}`,
      i % 2 === 0 ? value : `"${value}, quoted"`,
      'text/plain',
      '"{""env"":""prod""}"',
      '2026-01-01T00:00:00Z',
      '2027-01-01T00:00:00Z',
      'true',
    ].join(d),
  )}`;
}

/** The hostile classes of a CSV or TSV parser (`d` its separator): each after a valid header, so rows are read. */
function tableAdversarial(d: string): Inputs {
  const header = `name${d}value${d}tags${d}expires\n`;
  const after = (n: number, body: (m: number) => string): string => `${header}${body(n - header.length)}`;
  return {
    'rows without a separator': (n) => after(n, (m) => fill('no separator on this row\n', m)),
    'one huge quoted field': (n) => after(n, (m) => `"${fill('v', m - 2)}"`),
    'one quoted field of "" escapes': (n) => after(n, (m) => `"${fill('""', (m - 2) & ~1)}"`),
    'one row of empty fields': (n) => after(n, (m) => fill(d, m)),
    'rows of empty fields': (n) => after(n, (m) => fill(`${d.repeat(20)}\n`, m)),
    'a quoted field closed then text, repeated': (n) => after(n, (m) => fill('"a"b', m)),
    'quoted fields of line breaks': (n) => after(n, (m) => fill(`"\r\n\r\nx"${d}`, m)),
    'rows of bad dates and tags': (n) => after(n, (m) => fill(`a${d}v${d}{"a":[1]}${d}2026-99-01\n`, m)),
    'rows of deep tags': (n) => after(n, (m) => fill(`a${d}v${d}"${fill('[', 2000)}"${d}\n`, m)),
    'CR only line ends': (n) => after(n, (m) => fill(`a${d}b${d}${d}\r`, m)),
  };
}

/** One character outside Latin-1, in the middle: the whole text becomes a two-byte string. */
export const withWideCharacter = (text: string): string =>
  `${text.slice(0, text.length >> 1)}€${text.slice((text.length >> 1) + 1)}`;

export const PARSERS: readonly ParserCase[] = [
  {
    name: 'parseReferences',
    module: 'src/shared/references/parseReferences.ts',
    fn: parseReferences,
    parse: parseReferences,
    maxChars: Infinity,
    ordinary: (n) =>
      lines(n, (i) =>
        i % 2 === 0
          ? `  "Setting${i}": "@Microsoft.KeyVault(SecretUri=${HOST}/secrets/name-${i}/)",`
          : `  "Plain${i}": "an ordinary value number ${i} of the settings file",`,
      ),
    adversarial: {
      'references of many parameters (a;a;a;…)': (n) => fill(`@Microsoft.KeyVault(${'a;'.repeat(2000)})\n`, n),
      'references of many parameters with =': (n) => fill(`@Microsoft.KeyVault(${'a=b;'.repeat(1000)})\n`, n),
      'unclosed App Service prefixes': (n) => fill('@Microsoft.KeyVault(', n),
      'one unclosed reference': (n) => `@Microsoft.KeyVault(SecretUri=${fill('a', n - 30)}`,
      'whitespace after the prefix': (n) => `@Microsoft.KeyVault${fill(' ', n - 19)}`,
      'https:// repeated': (n) => fill('https://', n),
      'a long host': (n) => `https://${fill('a.', n - 20)}/secrets/x`,
      'akvs:// repeated': (n) => fill('akvs://', n),
      'nested ARM reference objects': (n) => `"reference":${fill('{"reference":', n - 12)}`,
      'unterminated ARM strings': (n) => `"reference" ${fill('"\\', n - 12)}`,
      'ARM provider paths': (n) =>
        `{"reference":{"keyVault":{"id":"${fill('/providers/Microsoft.KeyVault/vaults/x', n - 60)}"},"secretName":"a"}}`,
      'an unclosed ARM block comment': (n) => `"reference"${fill('/*', n - 11)}`,
    },
  },
  {
    name: 'findSecrets',
    module: 'src/shared/detection/findSecrets.ts',
    fn: findSecrets,
    parse: findSecrets,
    maxChars: Infinity,
    // A configuration file: settings, connection strings without keys, URLs, JSON, and one secret in 100 lines.
    ordinary: (n) =>
      lines(n, (i) =>
        i % 100 === 99
          ? `TOKEN_${i}=ghp_${fill('a1B2c3D4e5', 36)}`
          : [
              `SETTING_${i}=an ordinary value number ${i} of the app`,
              `  "Logging${i}": { "LogLevel": "Information", "Endpoint": "https://contoso${i}.example.com/api/v1" },`,
              `DB_${i}=Server=tcp:sql${i}.database.windows.net;Database=db;Authentication=Active Directory Default;`,
              `  image: mcr.microsoft.com/dotnet/aspnet:8.0 # build ${i}`,
            ][i % 4],
      ),
    adversarial: {
      'AKIA repeated on long lines': (n) => fill(`${fill('AKIA', MAX_LINE - 1)}\n`, n),
      'a token as long as a line can be': (n) => fill(`${fill('eyJhbGciOiJI', MAX_LINE - 1)}\n`, n),
      'JWT-like runs of dots': (n) => fill(`${fill('eyJabcdefghij.', MAX_LINE - 1)}\n`, n),
      'sk- without its marker': (n) => fill(`sk-proj-${fill('Ab_-', 240)} `, n),
      'BEGIN markers without an END': (n) => fill(`${pemBegin('RSA ')}\n`, n),
      'BEGIN and END of different labels': (n) => fill(`${pemBegin('EC ')}\nMIIB\n${pemEnd('RSA ')}\n`, n),
      'a private key body with no END': (n) => `${pemBegin()}\n${fill('MIIEvQIBADANBgkqhkiG9w0\n', n - 28)}`,
      'URL schemes with a user and no @': (n) => fill(`${fill('https://a:', 4000)}\n`, n),
      'a URL password without its @': (n) => fill(`postgres://u:${fill('p', 3000)}\n`, n),
      'AccountKey= repeated': (n) => fill(`${fill('AccountKey=', 4000)}\n`, n),
      'Password= in a connection string, repeated': (n) => fill(`Server=x;${fill('Password=;', 4000)}\n`, n),
      'sig= with SAS context, repeated': (n) => fill(`?sv=1&${fill('sig=%2B%2F&', 4000)}\n`, n),
      'secret_access_key= repeated': (n) => fill(`${fill('aws_secret_access_key=', 4000)}\n`, n),
      'secretlint-disable on every line': (n) => fill('# secretlint-disable\n', n),
      'one line longer than any read': (n) => fill('AccountKey=', n),
    },
  },
  {
    name: 'parseSecretId',
    module: 'src/shared/references/secretId.ts',
    fn: parseSecretId,
    parse: (text) => parseSecretId(text),
    maxChars: MAX_REFERENCE_LENGTH,
    ordinary: (n) => `${HOST}/secrets/${fill('name-', n - HOST.length - 9)}`,
    adversarial: {
      slashes: (n) => `${HOST}/${fill('/', n - HOST.length - 1)}`,
      'a long authority': (n) => `https://${fill('a', n - 8)}`,
    },
  },
  {
    name: 'parseDotenv',
    module: 'src/shared/transfer/dotenv.ts',
    fn: parseDotenv,
    parse: parseDotenv,
    maxChars: MAX_TRANSFER_FILE_BYTES,
    // As many entries as a file may hold, their values as long as the size allows (every line is read), every
    // other one in double quotes as .env files often write them.
    ordinary: (n) =>
      lines(n, (i) => {
        const value = fill('value-of-the-app-', n / MAX_TRANSFER_ENTRIES - 18);
        return i % 2 === 0 ? `SETTING_${i}=${value}` : `SETTING_${i}="${value}"`;
      }),
    adversarial: {
      'an unclosed quote on every line': (n) => fill('A="\n', n),
      'an invalid name on every line': (n) => fill('1A=x\n', n),
      'one long bare value': (n) => `K=${fill('v', n - 2)}`,
      'one long double-quoted value of escapes': (n) => `K="${fill('\\"', n - 4)}"`,
      'CRLF line ends only': (n) => fill('\r\n', n),
      'comment lines only': (n) => fill('#\n', n),
      'export export …': (n) => fill('export ', n),
      'a bare value over many lines': (n) => `K=${fill('abcdefgh\n', n - 2)}`,
      'a repeated name on every line': (n) => fill('A=1\n', n),
    },
  },
  {
    name: 'parseFlatJson',
    module: 'src/shared/transfer/flatJson.ts',
    fn: parseFlatJson,
    parse: parseFlatJson,
    maxChars: MAX_TRANSFER_FILE_BYTES,
    ordinary: (n) =>
      `{\n${lines(n - 14, (i) => `  "SETTING_${i}": "${fill('value-of-the-app-', n / MAX_TRANSFER_ENTRIES - 24)}",`)}  "END": "x"\n}`,
    adversarial: {
      'deep nesting, valid': (n) => `{"a":${fill('[', (n - 6) >> 1)}${fill(']', (n - 6) >> 1)}}`,
      'many number members, one name': (n) => `{${'"n":12345678901234567890,'.repeat(Math.floor((n - 8) / 25))}"e":1}`,
      'a long string of escapes': (n) => `{"a":"${fill('\\\\', (n - 8) & ~1)}"}`,
      'a long number': (n) => `{"a":${fill('1', n - 6)}}`,
      'names full of escaped quotes': (n) => `{"${fill('\\"', (n - 8) & ~1)}":1}`,
    },
  },
  {
    name: 'parseCsv',
    module: 'src/shared/transfer/secretTable.ts',
    fn: parseCsv,
    parse: parseCsv,
    maxChars: MAX_TRANSFER_FILE_BYTES,
    ordinary: (n) => secretTable(n, ','),
    adversarial: tableAdversarial(','),
  },
  {
    name: 'parseTsv',
    module: 'src/shared/transfer/secretTable.ts',
    fn: parseTsv,
    parse: parseTsv,
    maxChars: MAX_TRANSFER_FILE_BYTES,
    ordinary: (n) => secretTable(n, '\t'),
    adversarial: tableAdversarial('\t'),
  },
  {
    name: 'parseVaultUrl',
    module: 'src/shared/vaultUrl.ts',
    fn: parseVaultUrl,
    parse: parseVaultUrl,
    maxChars: MAX_VAULT_URL_INPUT,
    ordinary: (n) => fill(`${HOST} `, n),
    adversarial: { 'a long host of labels': (n) => `https://${fill('a.', n - 8)}` },
  },
  {
    name: 'parseIsoDateTime',
    module: 'src/shared/validation.ts',
    fn: parseIsoDateTime,
    parse: parseIsoDateTime,
    maxChars: MAX_DATE_TIME_TEXT,
    ordinary: (n) => fill('2026-12-07T13:00:00Z ', n),
    adversarial: { digits: (n) => fill('2026', n) },
  },
  {
    name: 'parseDateField',
    module: 'src/shared/secretFormModel.ts',
    fn: parseDateField,
    parse: parseDateField,
    maxChars: MAX_DATE_TIME_TEXT,
    ordinary: (n) => fill('2026-12-07T13:00 ', n),
    adversarial: { 'digits and colons': (n) => fill('12:', n) },
  },
  {
    name: 'parseIsoDuration',
    module: 'src/shared/keyRules.ts',
    fn: parseIsoDuration,
    parse: parseIsoDuration,
    maxChars: MAX_DURATION_TEXT,
    ordinary: (n) => fill('P1Y6M2W3D ', n),
    adversarial: { 'digits after P': (n) => `P${fill('9', n - 1)}` },
  },
];

/** Exported `parse*` functions of src/shared that read no text: each with the reason. */
export const NOT_TEXT_PARSERS: Readonly<Record<string, string>> = {
  parseFormFields: 'validates a webview message (an object), not text',
  parseFormMessage: 'validates a webview message (an object), not text',
  parseDetailsMessage: 'validates a webview message (an object), not text',
  parseCompareMessage: 'validates a webview message (an object), not text',
  parseImportMessage: 'validates a webview message (an object), not text',
  parseWebviewMessage: 'validates a webview message (an object), not text',
  parseTagRows: "validates a form's tag rows (an array of objects), not text",
  parseLink:
    'reads at most MAX_LINK (2048) characters, through the platform URL parser; the vault URL in it goes through parseVaultUrl, registered',
  parseCertificateFields: 'validates a webview message (an object), not text',
  parseCertificateFormMessage: 'validates a webview message (an object), not text',
  parseTransferFile: 'picks parseDotenv, parseFlatJson, parseCsv or parseTsv by the file name; all are registered',
};

/**
 * The text as a file's text reaches a parser: decoded from its bytes (readPickedFile, a document's text), so one
 * flat string. Built by concatenation it would be a rope, which V8 reads through an indirection per character.
 */
function asRead(text: string): string {
  return UTF8_DECODER.decode(UTF8_ENCODER.encode(text));
}
const UTF8_ENCODER = new TextEncoder();
const UTF8_DECODER = new TextDecoder();

/** Every input of a parser at `size` characters: the ordinary one, then each hostile class, plain and wide. */
export function inputsOf(p: ParserCase, size: number): Array<{ readonly label: string; readonly text: string }> {
  const hostile = { ...SHARED_ADVERSARIAL, ...p.adversarial };
  return [
    { label: 'ordinary', text: asRead(p.ordinary(size)) },
    ...Object.entries(hostile).flatMap(([label, make]) => {
      const text = make(size);
      return [
        { label, text: asRead(text) },
        { label: `${label}, one non-Latin-1 character`, text: asRead(withWideCharacter(text)) },
      ];
    }),
  ];
}

const EXPORTED_PARSE = /\bexport\s+(?:async\s+)?(?:function\s*\*?\s*|(?:const|let|var)\s+)(parse[A-Z0-9_]\w*)/g;

/**
 * The exported `parse*` functions in `files` (path → source) that are neither registered in `parsers` for that
 * module nor exempt. Empty is the goal.
 */
export function unregisteredParsers(
  files: ReadonlyMap<string, string>,
  parsers: readonly Pick<ParserCase, 'name' | 'module'>[] = PARSERS,
  exempt: Readonly<Record<string, string>> = NOT_TEXT_PARSERS,
): string[] {
  const missing: string[] = [];
  for (const [path, source] of files) {
    for (const m of source.matchAll(EXPORTED_PARSE)) {
      const name = m[1];
      if (Object.prototype.hasOwnProperty.call(exempt, name)) continue;
      if (!parsers.some((p) => p.name === name && p.module === path)) missing.push(`${path}: ${name}`);
    }
  }
  return missing;
}

// The rules of plain-text secret detection: which shapes of text are secrets, named by family. Pure: no vscode, no
// Node. Each shape is matched against one bounded piece of text (a token, a key's value), anchored at both ends
// with simple character classes, so a match costs at most the piece's length (findSecrets.ts finds the pieces).

/** The `source` of every detection diagnostic (its quick fixes act on these only; other light bulbs defer to them). */
export const DETECTION_SOURCE = 'Key Vault Secrets';

/** Every rule a detection names. */
export const SECRET_RULES = [
  'aws-access-key',
  'aws-secret-key',
  'gcp-api-key',
  'gcp-oauth-secret',
  'gcp-service-account-key',
  'github-token',
  'npm-token',
  'slack-token',
  'slack-webhook',
  'private-key',
  'url-password',
  'database-password',
  'openai-key',
  'anthropic-key',
  'jwt',
  'azure-storage-key',
  'azure-sas-signature',
  'azure-service-bus-key',
  'azure-cosmos-key',
  'sql-password',
] as const;
export type SecretRule = (typeof SECRET_RULES)[number];

/** A token's shape, by the token's first character (most tokens are looked at no further). */
const TOKEN_SHAPES: Readonly<Record<string, ReadonlyArray<readonly [RegExp, SecretRule]>>> = {
  A: [
    [/^(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}$/, 'aws-access-key'],
    [/^AIza[0-9A-Za-z_-]{35}$/, 'gcp-api-key'],
  ],
  G: [[/^GOCSPX-[0-9A-Za-z_-]{28}$/, 'gcp-oauth-secret']],
  g: [
    [/^gh[pousr]_[A-Za-z0-9]{36}$/, 'github-token'],
    [/^github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}$/, 'github-token'],
  ],
  n: [[/^npm_[A-Za-z0-9]{36}$/, 'npm-token']],
  x: [[/^xox[abposr]-[0-9]{6,20}-[A-Za-z0-9-]{10,200}$/, 'slack-token']],
  h: [[/^hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,32}$/, 'slack-webhook']],
  s: [
    [/^sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,120}$/, 'anthropic-key'],
    [/^sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,250}T3BlbkFJ[A-Za-z0-9_-]{16,250}$/, 'openai-key'],
    [/^sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,250}$/, 'openai-key'],
  ],
  e: [[/^eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}$/, 'jwt']],
};

/** The shortest token any shape matches (shorter tokens are not looked at). */
export const MIN_TOKEN = 20;
/** The longest token looked at (a JWT can be long; a longer run is an image or a hash list, not a credential). */
export const MAX_TOKEN = 4096;

/** The rule whose shape a whole token has, if any. */
export function tokenRule(token: string): SecretRule | undefined {
  if (token.length < MIN_TOKEN || token.length > MAX_TOKEN) return undefined;
  const shapes = TOKEN_SHAPES[token[0]];
  if (shapes === undefined) return undefined;
  for (const [shape, rule] of shapes) if (shape.test(token)) return rule;
  return undefined;
}

/** Base64 of a key: an Azure account or shared access key (real ones are 44 or 88 characters). */
const BASE64_KEY = /^[A-Za-z0-9+/]{30,}={0,2}$/;
/** A SAS signature as a URL carries it: base64 with + / = possibly percent-encoded. */
const SAS_SIGNATURE = /^(?:[A-Za-z0-9+/=]|%2[BbFf]|%3[Dd]){20,}$/;
/** Text of the line that makes an ADO.NET-style `Password=` part of a database connection string. */
const SQL_CONTEXT = /\b(?:Server|Data Source|Host|User ID|UID|User Id|Initial Catalog|Database|Addr|Address)\s*=/i;
const COSMOS_CONTEXT = /AccountEndpoint\s*=|\.documents\.azure\.com/i;
const SAS_CONTEXT = /[?&;](?:sv|se|sp|sr|st|spr|ss|srt)=/;

/** The key of a `Key=value` part of a connection string or URL query that holds a secret (case-insensitive). */
export type SecretKeyName = 'accountkey' | 'sharedaccesskey' | 'password' | 'pwd' | 'sig';

/** The rule of a `Key=value` part, given the line it is on (its context), or undefined when it is no secret. */
export function keyValueRule(key: SecretKeyName, value: string, line: string): SecretRule | undefined {
  switch (key) {
    case 'accountkey':
      if (!BASE64_KEY.test(value)) return undefined;
      return COSMOS_CONTEXT.test(line) ? 'azure-cosmos-key' : 'azure-storage-key';
    case 'sharedaccesskey':
      return BASE64_KEY.test(value) ? 'azure-service-bus-key' : undefined;
    case 'sig':
      return SAS_SIGNATURE.test(value) && SAS_CONTEXT.test(line) ? 'azure-sas-signature' : undefined;
    case 'password':
    case 'pwd':
      return value.length >= 4 && SQL_CONTEXT.test(line) ? 'sql-password' : undefined;
  }
}

/** URL schemes of databases and brokers: a password in their URL is a database credential. */
const DATABASE_SCHEMES: ReadonlySet<string> = new Set([
  'postgres',
  'postgresql',
  'mysql',
  'mariadb',
  'mongodb',
  'mongodb+srv',
  'redis',
  'rediss',
  'amqp',
  'amqps',
  'mssql',
  'sqlserver',
  'jdbc:postgresql',
  'jdbc:mysql',
  'cockroachdb',
  'clickhouse',
]);

export function urlPasswordRule(scheme: string): SecretRule {
  return DATABASE_SCHEMES.has(scheme.toLowerCase()) ? 'database-password' : 'url-password';
}

/**
 * Text that stands for a value rather than being one: `${VAR}`, `$(VAR)`, `{{var}}`, `%VAR%`, `<your-key>`,
 * `changeme`, `xxxx…`, `****`, a documentation example, one character repeated. Never a secret.
 */
export function isPlaceholder(value: string): boolean {
  if (value.length === 0) return true;
  if (/\$\{|\$\(|\{\{|^%[A-Za-z_][A-Za-z0-9_]*%$|^\$[A-Za-z_][A-Za-z0-9_]*$|[<>]/.test(value)) return true;
  if (/x{4}|\*{3}|\.{3}|•{3}|_{4}/i.test(value)) return true;
  if (
    /changeme|change[-_]me|replace[-_]?me|your[-_ ]?(?:own[-_ ]?)?(?:key|secret|password|token|pass)|placeholder|example|redacted|dummy|fake/i.test(
      value,
    )
  )
    return true;
  if (
    /^(?:password|passwd|secret|pass|pwd|test|null|none|undefined|empty|todo|tbd|admin|root|guest|user)$/i.test(value)
  )
    return true;
  return /^(.)\1*$/.test(value);
}

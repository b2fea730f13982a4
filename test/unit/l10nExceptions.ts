// The literals the l10n scan (l10nScan.ts) lets through, each with why it is not translated. Matched by file and
// exact text, so a new literal at the same place is still flagged.
import type { Finding } from './l10nScan';

export interface L10nException {
  readonly file: string;
  readonly text: string;
  readonly why: string;
}

export const L10N_EXCEPTIONS: readonly L10nException[] = [
  {
    file: 'src/commands/createKey.ts',
    text: '${family}-HSM',
    why: "the service's key type name (kty RSA-HSM / EC-HSM), as the portal and the CLI show it, not prose",
  },
  {
    file: 'src/references/referenceProviders.ts',
    text: '${url}/secrets/',
    why: 'a completion item: the reference syntax it writes into the file, not prose',
  },
  {
    file: 'src/shared/references/referenceText.ts',
    text: ';SecretVersion=${version}',
    why: 'reference syntax written into a configuration file, not prose',
  },
  {
    file: 'src/shared/references/referenceText.ts',
    text: ', "secretVersion": "${version}"',
    why: 'reference syntax written into a configuration file, not prose',
  },
  {
    file: 'src/shared/references/referenceText.ts',
    text: ', "secretVersion": "${target.version}"',
    why: 'reference syntax written into a configuration file, not prose',
  },
  {
    file: 'src/extension.ts',
    text: "Commands without a handler in the command table: ${missing.join(', ')}",
    why: "a line in the output channel (log.error of the activation bundle, which cannot load src/ui's log helpers)",
  },
  {
    file: 'src/extension.ts',
    text: 'The extension could not load: ${e instanceof Error ? e.message : String(e)}',
    why: "a line in the output channel (log.error of the activation bundle, which cannot load src/ui's log helpers)",
  },
  { file: 'src/tree/searchVaults.ts', text: 'vaults', why: "a ListWhat id (failureText's key), not shown as is" },
  {
    file: 'src/tree/searchVaults.ts',
    text: 'subscriptions',
    why: "a ListWhat id (failureText's key), not shown as is",
  },
  { file: 'src/tree/searchVaults.ts', text: 'secrets', why: "a ListWhat id (failureText's key), not shown as is" },
  {
    file: 'src/tree/treeCommands.ts',
    text: 'https://contoso.vault.azure.net',
    why: 'an example vault URL (the placeholder of Add Vault by URL)',
  },
  {
    file: 'src/tree/failureText.ts',
    text: 'deleted secrets',
    why: 'a ListWhat id (the type and its switch case); whatText() gives the words',
  },
  {
    file: 'src/tree/secretState.ts',
    text: 'Purgeable',
    why: 'a recovery level token the service sends (e.g. Recoverable+Purgeable), matched, never shown',
  },
  {
    file: 'src/tree/treeCommands.ts',
    text: 'db type:text tag:env=prod',
    why: 'an example of the filter syntax, whose keywords are not translated',
  },
  {
    file: 'src/vault/VaultDirectory.ts',
    text: 'The vault directory is not set up yet.',
    why: 'a programmer error (the composition root, src/core.ts, sets the port up before anything can use it), never a user situation',
  },
  {
    file: 'src/webviews/extensionRoot.ts',
    text: 'The extension root is not set up yet.',
    why: 'a programmer error (the composition root, src/core.ts, sets it before any panel opens), never a user situation',
  },
  {
    file: 'src/lazyActivation.ts',
    text: 'The command ${id} has no handler in the command table.',
    why: "a programmer error (the command table, the view declarations or the lazy loader are wrong), caught by the tests, never a user's situation",
  },
  {
    file: 'src/lazyActivation.ts',
    text: 'The command ${id} is not in src/shared/commandIds.ts.',
    why: "a programmer error (the command table, the view declarations or the lazy loader are wrong), caught by the tests, never a user's situation",
  },
  {
    file: 'src/lazyActivation.ts',
    text: 'The command ${id} is registered twice.',
    why: "a programmer error (the command table, the view declarations or the lazy loader are wrong), caught by the tests, never a user's situation",
  },
  {
    file: 'src/lazyActivation.ts',
    text: 'The options of view ${this.id} must be declared in src/tree/views.ts.',
    why: "a programmer error (the command table, the view declarations or the lazy loader are wrong), caught by the tests, never a user's situation",
  },
  {
    file: 'src/lazyActivation.ts',
    text: 'View ${this.id} already has its provider.',
    why: "a programmer error (the command table, the view declarations or the lazy loader are wrong), caught by the tests, never a user's situation",
  },
  {
    file: 'src/lazyActivation.ts',
    text: 'View ${this.id} has no provider yet.',
    why: "a programmer error (the command table, the view declarations or the lazy loader are wrong), caught by the tests, never a user's situation",
  },
  {
    file: 'src/lazyActivation.ts',
    text: 'View ${id} is not in src/tree/views.ts.',
    why: "a programmer error (the command table, the view declarations or the lazy loader are wrong), caught by the tests, never a user's situation",
  },
  {
    file: 'src/lazyActivation.ts',
    text: 'The tool ${name} has no implementation.',
    why: "a programmer error (package.json contributes a tool src/agentTools/agentTools.ts does not make), caught by the tests, never a user's situation",
  },
  {
    file: 'src/testApi.ts',
    text: 'No tool ${name}.',
    why: 'the extension-host test API: a test named a tool that does not exist',
  },
  {
    file: 'src/lazyActivation.ts',
    text: 'The file system already has its provider.',
    why: "a programmer error (the command table, the view declarations or the lazy loader are wrong), caught by the tests, never a user's situation",
  },
  {
    file: 'src/references/ReferenceResolver.ts',
    text: 'references never read values',
    why: 'a programmer error: the read-only client of reference checks is never asked to read a value',
  },
  {
    file: 'src/references/ReferenceResolver.ts',
    text: 'references never write',
    why: 'a programmer error: the read-only client of reference checks is never asked to write',
  },
  {
    file: 'src/shared/destructive.ts',
    text: 'A confirmation needs at least one name.',
    why: 'a programmer error: every caller of the confirmation passes the names it confirms',
  },
  {
    file: 'src/shared/destructive.ts',
    text: 'A roll back names one version.',
    why: 'a programmer error: the roll-back confirmation is built for one version',
  },
  {
    file: 'src/shared/generateValue.ts',
    text: 'size ${size} is out of range',
    why: 'a programmer error: the form and the command limit the length before asking for random bytes',
  },
];

export function isException(f: Pick<Finding, 'file' | 'text'>): boolean {
  return L10N_EXCEPTIONS.some((e) => e.file === f.file.replace(/\\/g, '/') && e.text === f.text);
}

// The rules of the workspace-input gate: what a workspace (a file in it, a workspace or folder setting) may decide
// when its word chooses a request, a secret read, a process or an environment variable. Pure (no `vscode`, no
// Node), so the bad-input catalogue and the unit tests call exactly what the extension runs. The trust check and
// the reads themselves are the vscode half, src/vault/workspaceGate.ts; every such read goes through it.

import { t } from './l10n';
import { isKeyVaultHost, isLoopbackHost } from './vaultUrl';

/** The caps on what one workspace input may ask for. */
export const WORKSPACE_LIMITS = {
  /** A .env file of Key Vault references opened as a terminal (such a file is a few KB). */
  dotenvBytes: 64 * 1024,
  /** Variables one Terminal with Secrets may set from a file. */
  terminalVariables: 100,
  /** Variables one launch, task or variable command may set from Key Vault. */
  runVariables: 100,
  /** Requests the automatic reference check may send for one document in one refresh. */
  automaticRequests: 50,
  /** Workspace files the reference search reads. */
  searchedFiles: 5000,
  /** Entries of a list setting (file globs, vault lists) that are used. */
  listEntries: 64,
  /** Length of one text entry of such a list. */
  entryLength: 256,
} as const;

/* ----------------------------------------------------------- environment variables ----------------------------------------------------------- */

/**
 * Names that change how a process runs (what it executes, loads, trusts or where it connects) rather than
 * handing it a value: a file must not be able to set them in a terminal. Compared in upper case, because Windows
 * treats environment names case-insensitively and several tools read either spelling.
 */
const RUN_CHANGING_NAMES: ReadonlySet<string> = new Set([
  'PATH',
  'PATHEXT',
  'ENV',
  'BASH_ENV',
  'PROMPT_COMMAND',
  'SHELLOPTS',
  'BASHOPTS',
  'IFS',
  'CDPATH',
  'HOME',
  'SHELL',
  'ZDOTDIR',
  'INPUTRC',
  'HISTFILE',
  'TMPDIR',
  'TEMP',
  'TMP',
  'EDITOR',
  'VISUAL',
  'PAGER',
  'MANPAGER',
  'BROWSER',
  'LESSOPEN',
  'LESSCLOSE',
  'TERMINFO',
  'NODE_OPTIONS',
  'NODE_PATH',
  'NODE_EXTRA_CA_CERTS',
  'NODE_REPL_EXTERNAL_MODULE',
  'PERL5OPT',
  'PERL5LIB',
  'PERLLIB',
  'RUBYOPT',
  'RUBYLIB',
  'GEM_HOME',
  'GEM_PATH',
  'JAVA_TOOL_OPTIONS',
  '_JAVA_OPTIONS',
  'JDK_JAVA_OPTIONS',
  'CLASSPATH',
  'COMSPEC',
  'SYSTEMROOT',
  'PSMODULEPATH',
  'PSEXECUTIONPOLICYPREFERENCE',
  'DOTNET_STARTUP_HOOKS',
  'DOTNET_ADDITIONAL_DEPS',
  'DOTNET_SHARED_STORE',
  'COR_ENABLE_PROFILING',
  'COR_PROFILER',
  'COR_PROFILER_PATH',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'REQUESTS_CA_BUNDLE',
  'CURL_CA_BUNDLE',
  'SSH_ASKPASS',
  'SUDO_ASKPASS',
  'GCONV_PATH',
  'HOSTALIASES',
  'LOCALDOMAIN',
  'RES_OPTIONS',
  'KUBECONFIG',
  'DOCKER_HOST',
]);

/** Families of such names, by prefix (dynamic linkers, language runtimes, git, npm, …). */
const RUN_CHANGING_PREFIXES: readonly string[] = [
  'LD_',
  'DYLD_',
  'PYTHON',
  'GIT_',
  'NPM_CONFIG_',
  'YARN_',
  'BASH_FUNC_',
  'CORECLR_',
  'ELECTRON_',
  'VSCODE_',
  'XDG_',
  'MALLOC_',
  // Node's TLS switches (certificate checking among them).
  'NODE_TLS_',
  // The .NET runtime's configuration knobs (profilers, startup hooks, debugger settings).
  'COMPLUS_',
  'DOTNET_DBG',
];

/**
 * Whether a variable name changes how a program runs (what it executes, loads, trusts or where it connects).
 * Case-insensitive: `path`, `Path` and `PATH` are the same name on Windows.
 */
export function isRunChangingName(name: string): boolean {
  const upper = name.toUpperCase();
  return (
    RUN_CHANGING_NAMES.has(upper) ||
    RUN_CHANGING_PREFIXES.some((p) => upper.startsWith(p)) ||
    upper.endsWith('_PROXY') ||
    /^PS[0-9]*$/.test(upper)
  );
}

/**
 * Why a variable name may not be set from a file (it changes how programs in the terminal run), or undefined
 * when it is an ordinary name.
 */
export function dangerousEnvironmentName(name: string): string | undefined {
  if (!isRunChangingName(name)) return undefined;
  return t(
    'not set: {0} changes how programs in the terminal run (like PATH, LD_*, NODE_OPTIONS, BASH_ENV, PROMPT_COMMAND, *_PROXY), so it is never taken from a file',
    name,
  );
}

/* ------------------------------------------------------------------- hosts ------------------------------------------------------------------- */

/**
 * A host a workspace (its settings, its files' references) may name as a vault: a Key Vault host of the public or
 * sovereign clouds, or this machine by the strict rule (`localhost`, 127.0.0.0/8; not `*.localhost`, not ::1).
 */
export function workspaceMayNameHost(host: string): boolean {
  return isKeyVaultHost(host) || isLoopbackHost(host, 'other');
}

/* ---------------------------------------------------------------- settings keys ---------------------------------------------------------------- */

/**
 * The value a table holds for a key from settings or a file, only when the table itself has that key:
 * `toString`, `__proto__` or `constructor` find nothing (an `in` test or plain indexing would find the
 * inherited members of Object.prototype).
 */
export function ownEntry<V>(table: Readonly<Record<string, V>>, key: unknown): V | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}

/* --------------------------------------------------------------- display names --------------------------------------------------------------- */

/**
 * A workspace-listed vault's display name is refused when it equals another vault's (case-insensitive, ignoring
 * surrounding spaces): a workspace must not be able to pass its vault off as one of the user's in a picker.
 */
export function displayNameClashes(name: string, otherNames: Iterable<string>): boolean {
  const key = name.trim().toLowerCase();
  for (const other of otherNames) if (other.trim().toLowerCase() === key) return true;
  return false;
}

/* ------------------------------------------------------------------- sizes ------------------------------------------------------------------- */

/** Why a workspace file is refused by its size, or undefined when it fits. */
export function fileTooLarge(bytes: number, maxBytes: number): string | undefined {
  if (bytes <= maxBytes) return undefined;
  return t('The file is larger than {0} KB: it is not a file of Key Vault references.', Math.floor(maxBytes / 1024));
}

/** A list from a workspace setting: only text entries, each at most `entryLength` long, at most `listEntries` of them. */
export function cappedTextList(value: unknown): readonly string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return (value as unknown[])
    .filter((g): g is string => typeof g === 'string' && g.trim() !== '' && g.length <= WORKSPACE_LIMITS.entryLength)
    .slice(0, WORKSPACE_LIMITS.listEntries);
}

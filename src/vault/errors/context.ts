// What a failure mapping knows about the call that failed (the operation, the vault, the secret, how the call
// ended) and the words every failure family uses to name them. Pure: no `vscode`, no SDK import.

/** Every operation on a vault's secrets, one list (discovery and sign-in are not secret operations). */
export const SECRET_OPERATIONS = [
  'listSecrets',
  'listVersions',
  'listDeleted',
  'getValue',
  'setSecret',
  'updateProperties',
  'deleteSecret',
  'getDeleted',
  'purgeDeleted',
  'recoverDeleted',
  'backup',
  'restore',
] as const;

export type SecretOperation = (typeof SECRET_OPERATIONS)[number];

export type VaultOperation = SecretOperation | 'listSubscriptions' | 'listVaults' | 'signIn';

/** The parts of an HTTP response the mapping reads. */
export interface RawResponse {
  readonly status: number;
  readonly headers?: { get(name: string): string | undefined };
  readonly bodyAsText?: string | null;
}

export interface FailureContext {
  readonly operation: VaultOperation;
  readonly vaultName?: string;
  readonly vaultUrl?: string;
  readonly secretName?: string;
  readonly version?: string;
  /** The last raw response of this call, when the pipeline captured one. */
  readonly response?: RawResponse;
  /** The caller's signal was aborted. */
  readonly cancelled?: boolean;
  /** The call's own timeout fired. */
  readonly timedOut?: boolean;
  readonly timeoutMs?: number;
  /** The timeout fired while a token was being acquired (the sign-in did not finish), not while the service was asked. */
  readonly timedOutInSignIn?: boolean;
  readonly signInBudgetMs?: number;
  /** A change (set, delete, purge, recover, restore) went out before the call ended: it may have been applied. */
  readonly changeMayHaveApplied?: boolean;
  /** Strings that must never appear in a message (the secret value of a set call). */
  readonly redact?: readonly string[];
  /** How the user signs in, for the unauthenticated message. */
  readonly authentication?: 'vscode' | 'azureCli' | 'default' | 'emulator';
  /** The vault is a local emulator with a CA file. */
  readonly caFile?: string;
  /** What the user was doing, when it is not the operation's own words (a certificate or key call): "list the keys of vault \"kv\"". */
  readonly doing?: string;
}

export interface ServiceErrorBody {
  readonly code?: string;
  readonly message?: string;
  readonly innerCode?: string;
  readonly target?: string;
}

/** What every failure of an HTTP answer carries: its status, the service's codes and the original error. */
export interface StatusBase {
  status: number;
  code?: string | undefined;
  innerCode?: string | undefined;
  cause: unknown;
}

export function secretLabel(context: FailureContext): string {
  if (context.secretName === undefined) return 'the secret';
  return context.version
    ? `secret "${context.secretName}" version ${context.version}`
    : `secret "${context.secretName}"`;
}

export function vaultLabel(context: FailureContext): string {
  return context.vaultName !== undefined ? `"${context.vaultName}"` : (context.vaultUrl ?? '');
}

export function where(context: FailureContext): string {
  if (context.vaultName !== undefined) return `Vault "${context.vaultName}"`;
  if (context.vaultUrl !== undefined) return context.vaultUrl;
  return context.operation === 'listSubscriptions' || context.operation === 'listVaults'
    ? 'Azure Resource Manager'
    : 'The server';
}

export function whereLower(context: FailureContext): string {
  const text = where(context);
  return text.startsWith('Vault ') || text.startsWith('The ') ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// How discovery's Resource Manager clients connect: one HTTP client for the whole process (its kept-alive
// connections reused by every client), one TLS settings object per CA, the options every client of a discovery
// shares, and one token per account, tenant and scope for every client of a listing.

import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { HttpClient, PipelinePolicy, PipelineRetryOptions } from '@azure/core-rest-pipeline';
import { sharedOnce } from '../shared/concurrency';
import { loadCorePipeline } from './azurePackages';
import { callContextPolicy } from './callContext';
import { retryNotePolicy } from './retryNotes';

export interface ArmClientOptions {
  readonly endpoint: string;
  readonly credentials: { scopes: string[] };
  readonly httpClient: HttpClient;
  readonly tlsOptions?: { ca: string };
  readonly retryOptions?: PipelineRetryOptions;
  readonly additionalPolicies: Array<{ policy: PipelinePolicy; position: 'perCall' | 'perRetry' }>;
}

/**
 * One HTTP client for every ARM client of the process: its keep-alive connections (and TLS sessions) are reused by
 * every tenant's and subscription's client and by the next refresh, instead of one new TLS connection per client.
 * Discovery opens up to tenants × VAULT_LIST_CONCURRENCY requests at once; each new connection costs a TLS handshake.
 */
const armHttpClient: () => Promise<HttpClient> = sharedOnce(async () =>
  (await loadCorePipeline()).createDefaultHttpClient(),
);

/** The HTTP client keys its connection pools by the TLS settings object, so one CA gets one object. */
const tlsSettingsByCa = new Map<string, { ca: string }>();
function tlsSettingsFor(ca: string): { ca: string } {
  let settings = tlsSettingsByCa.get(ca);
  if (settings === undefined) tlsSettingsByCa.set(ca, (settings = { ca }));
  return settings;
}

/** The options every ARM client of one discovery shares, made once (the CA is read once). */
export function sharedArmClientOptions(
  armEndpoint: string,
  caPem: (() => Promise<string | undefined>) | undefined,
  retryOptions: PipelineRetryOptions | undefined,
): () => Promise<ArmClientOptions> {
  let shared: Promise<ArmClientOptions> | undefined;
  return () => {
    shared ??= (async (): Promise<ArmClientOptions> => {
      const ca = caPem === undefined ? undefined : await caPem();
      return {
        endpoint: armEndpoint,
        credentials: { scopes: [`${armEndpoint}/.default`] },
        httpClient: await armHttpClient(),
        ...(ca !== undefined ? { tlsOptions: tlsSettingsFor(ca) } : {}),
        ...(retryOptions !== undefined ? { retryOptions } : {}),
        additionalPolicies: [
          { policy: callContextPolicy, position: 'perCall' },
          { policy: retryNotePolicy, position: 'perRetry' },
        ],
      };
    })();
    // A failed CA read is not kept: the next listing tries again.
    shared.catch(() => (shared = undefined));
    return shared;
  };
}

interface SharedToken {
  readonly token: Promise<AccessToken | null>;
  expiresOn?: number | undefined;
}

/**
 * One token per account, tenant and scope for every client of a listing, instead of one sign-in request per
 * subscription's client (VS Code's getSession for each of them). Forgotten at the next listing (a sign-out or a new
 * sign-in lists again) and 2 minutes before it expires; a claims challenge always asks afresh.
 */
export class ListingTokens {
  private tokens = new Map<string, SharedToken>();

  /** A new listing: every token is asked for again. */
  forget(): void {
    this.tokens = new Map();
  }

  /** `credential` whose tokens are shared under `key` (account and tenant) for the current listing. */
  share(credential: TokenCredential, key: string): TokenCredential {
    return {
      getToken: (scopes, options) => {
        if (options?.claims !== undefined) return credential.getToken(scopes, options);
        const cacheKey = `${key}|${[scopes].flat().join(' ')}`;
        const hit = this.tokens.get(cacheKey);
        if (hit !== undefined && (hit.expiresOn === undefined || hit.expiresOn - Date.now() > 120_000))
          return hit.token;
        // Not tied to one caller's abort signal: other clients wait for the same token.
        const { abortSignal: _ignored, ...rest } = options ?? {};
        const entry: SharedToken = { token: credential.getToken(scopes, rest) };
        this.tokens.set(cacheKey, entry);
        entry.token.then(
          (accessToken) => (entry.expiresOn = accessToken?.expiresOnTimestamp),
          () => this.tokens.delete(cacheKey),
        );
        return entry.token;
      },
    };
  }
}

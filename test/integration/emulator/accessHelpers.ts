// Shared by the access suites: a token for a given principal, the ARM SDK client and a plain ARM pipeline (role
// assignments have no SDK in this project) pointed at the local server, and the refusal a SecretClient call gets.

import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import {
  RestError,
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest,
} from '@azure/core-rest-pipeline';
import { SecretClient } from '@azure/keyvault-secrets';
import { tenantToken } from '../../emulator/arm';
import type { Emulator } from '../../emulator/server';
import { PINNED } from './helpers';

/** A credential whose tokens name this principal (`oid`) in this tenant, as Entra ID's do. */
export function principalCredential(tenantId: string, objectId: string): TokenCredential {
  return {
    getToken: (): Promise<AccessToken> =>
      Promise.resolve({
        token: tenantToken(tenantId, 'me@example.com', objectId),
        expiresOnTimestamp: Date.now() + 3600_000,
      }),
  };
}

export function secretClient(emu: Emulator, vault: string, credential: TokenCredential): SecretClient {
  const v = emu.vaults[vault];
  if (v === undefined) throw new Error(`no vault ${vault}`);
  return new SecretClient(v.url, credential, {
    tlsOptions: { ca: emu.caPem },
    disableChallengeResourceVerification: true,
    serviceVersion: PINNED,
    retryOptions: { maxRetries: 0 },
  });
}

export function managementClient(
  emu: Emulator,
  credential: TokenCredential,
  subscriptionId: string,
): KeyVaultManagementClient {
  return new KeyVaultManagementClient(credential, subscriptionId, {
    endpoint: emu.armUrl,
    tlsOptions: { ca: emu.caPem },
    retryOptions: { maxRetries: 0 },
  });
}

export interface ArmResponse {
  readonly status: number;
  readonly json: unknown;
  readonly etag: string | undefined;
}

/** One ARM request through a core-rest-pipeline pipeline (bearer token, the server's CA, no retries). */
export async function armRequest(
  emu: Emulator,
  credential: TokenCredential,
  method: 'GET' | 'PUT' | 'PATCH' | 'DELETE',
  pathAndQuery: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ArmResponse> {
  const pipeline = createPipelineFromOptions({ tlsOptions: { ca: emu.caPem }, retryOptions: { maxRetries: 0 } });
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: 'https://management.azure.com/.default' }));
  const request = createPipelineRequest({
    url: `${emu.armUrl}${pathAndQuery}`,
    method,
    headers: createHttpHeaders({ 'content-type': 'application/json', ...headers }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await pipeline.sendRequest(createDefaultHttpClient(), request);
  const text = res.bodyAsText ?? '';
  return {
    status: res.status,
    json: text === '' ? undefined : (JSON.parse(text) as unknown),
    etag: res.headers.get('etag'),
  };
}

export interface Refusal {
  readonly status: number;
  readonly code: string | undefined;
  readonly inner: string | undefined;
  readonly message: string;
}

/** The refusal a call ends in (it must fail with a RestError). */
export async function refusalOf(call: Promise<unknown>): Promise<Refusal> {
  try {
    await call;
  } catch (e) {
    if (!(e instanceof RestError)) throw e;
    // Both clients parse the body into `details` (the secrets client as `innerError`); prefer the text when kept.
    const text = e.response?.bodyAsText;
    const body = (text ? JSON.parse(text) : e.details) as
      | { error?: { code?: string; message?: string; innererror?: { code?: string }; innerError?: { code?: string } } }
      | undefined;
    return {
      status: e.statusCode ?? 0,
      code: body?.error?.code,
      inner: (body?.error?.innererror ?? body?.error?.innerError)?.code,
      message: body?.error?.message ?? '',
    };
  }
  throw new Error('the call succeeded; a refusal was expected');
}

/** The ETag an ARM SDK call answered with. */
export function etagOf(): {
  onResponse: (r: { headers: { get(name: string): string | undefined } }) => void;
  etag: () => string;
} {
  let etag = '';
  return {
    onResponse: (r) => {
      etag = r.headers.get('etag') ?? '';
    },
    etag: () => etag,
  };
}

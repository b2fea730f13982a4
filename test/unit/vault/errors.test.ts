import * as assert from 'node:assert/strict';
import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { parseErrorBody, parseRetryAfter, toKeyVaultFailure, type FailureContext } from '../../../src/vault/errors';
import { KeyVaultFailure, isKeyVaultFailure } from '../../../src/vault/KeyVaultFailure';

const VAULT = 'https://contoso.vault.azure.net';

/** A RestError shaped like the one the SDK throws: code and message from the body, the body text on the response. */
function restError(status: number, body: unknown, headers: Record<string, string> = {}): RestError {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const parsed = parseErrorBody(text);
  const request = createPipelineRequest({ url: `${VAULT}/secrets/x` });
  return new RestError(parsed.message ?? `Unexpected status code: ${status}`, {
    statusCode: status,
    ...(parsed.code !== undefined ? { code: parsed.code } : {}),
    request,
    response: { status, headers: createHttpHeaders(headers), request, bodyAsText: text },
  });
}

function ctx(operation: FailureContext['operation'], extra: Partial<FailureContext> = {}): FailureContext {
  return { operation, vaultName: 'contoso', vaultUrl: VAULT, secretName: 'api-key', ...extra };
}

describe('errors: toKeyVaultFailure', () => {
  it('passes a KeyVaultFailure through', () => {
    const failure = new KeyVaultFailure('badParameter', 'x', { field: 'name' });
    assert.equal(toKeyVaultFailure(failure, ctx('getValue')), failure);
    assert.ok(isKeyVaultFailure(failure));
    assert.ok(!isKeyVaultFailure(new Error('x')));
  });

  it('401 no token → unauthenticated', () => {
    const f = toKeyVaultFailure(
      restError(401, {
        error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' },
      }),
      ctx('listSecrets'),
    );
    assert.equal(f.kind, 'unauthenticated');
    assert.equal(f.status, 401);
    assert.match(f.message, /Sign in to Azure/);
  });

  it('401 wrong issuer → unauthenticated naming the tenant problem; az CLI hint', () => {
    const err = restError(401, {
      error: {
        code: 'Unauthorized',
        message:
          'AKV10032: Invalid issuer. Expected one of https://sts.windows.net/a/, found https://sts.windows.net/b/.',
      },
    });
    const f = toKeyVaultFailure(err, ctx('listSecrets', { authentication: 'azureCli' }));
    assert.equal(f.kind, 'unauthenticated');
    assert.match(f.message, /another tenant/);
    assert.match(f.message, /az login --tenant/);
  });

  it('404 SecretNotFound on get → notFound', () => {
    const f = toKeyVaultFailure(
      restError(404, {
        error: {
          code: 'SecretNotFound',
          message:
            'A secret with (name/id) api-key was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182',
        },
      }),
      ctx('getValue'),
    );
    assert.equal(f.kind, 'notFound');
    assert.equal(f.code, 'SecretNotFound');
    assert.match(f.message, /Secret "api-key" was not found in vault "contoso".*Deleted secrets/);
  });

  it('404 on get-deleted → notFound about the deleted secret', () => {
    const f = toKeyVaultFailure(
      restError(404, { error: { code: 'SecretNotFound', message: 'Deleted Secret not found: api-key' } }),
      ctx('getDeleted'),
    );
    assert.equal(f.kind, 'notFound');
    assert.match(f.message, /no deleted secret named "api-key"/);
  });

  it('403 SecretDisabled → disabled', () => {
    const f = toKeyVaultFailure(
      restError(403, {
        error: {
          code: 'Forbidden',
          message: 'Operation get is not allowed on a disabled secret.',
          innererror: { code: 'SecretDisabled' },
        },
      }),
      ctx('getValue'),
    );
    assert.equal(f.kind, 'disabled');
    assert.equal(f.innerCode, 'SecretDisabled');
    assert.match(f.message, /is disabled.*Enable it/);
  });

  it('403 SecretDisabled on a deleted secret (issue 16) → says Key Vault hides its details and how to see them', () => {
    const body = {
      error: {
        code: 'Forbidden',
        message: 'Operation get is not allowed on a disabled secret.',
        innererror: { code: 'SecretDisabled' },
      },
    };
    const f = toKeyVaultFailure(restError(403, body), ctx('getDeleted'));
    assert.equal(f.kind, 'disabled');
    assert.equal(f.innerCode, 'SecretDisabled');
    assert.match(f.message, /Key Vault hides the details of a disabled deleted secret/);
    assert.match(f.message, /Recover it \(then enable it\)/);
    assert.doesNotMatch(f.message, /Edit properties/);
  });

  it('a timeout while the service answered 429/503 is throttled with its Retry-After; a dropped change is unconfirmed', () => {
    const response = { status: 429, headers: { get: (n: string) => (n === 'retry-after' ? '12' : undefined) } };
    const f = toKeyVaultFailure(
      new Error('The call timed out.'),
      ctx('getValue', { timedOut: true, timeoutMs: 30_000, response }),
    );
    assert.equal(f.kind, 'throttled');
    assert.equal(f.retryAfterMs, 12_000);
    const ambiguous = Object.assign(new Error('dropped'), { name: 'AmbiguousSendError' });
    const u = toKeyVaultFailure(ambiguous, ctx('setSecret'));
    assert.equal(u.kind, 'unconfirmed');
    assert.match(u.message, /not known whether it was applied/);
    const late = toKeyVaultFailure(
      new Error('x'),
      ctx('deleteSecret', { timedOut: true, timeoutMs: 30_000, changeMayHaveApplied: true }),
    );
    assert.match(late.message, /not known whether it was applied/);
    const signIn = toKeyVaultFailure(
      new Error('x'),
      ctx('getValue', { timedOut: true, timedOutInSignIn: true, signInBudgetMs: 300_000 }),
    );
    assert.equal(signIn.kind, 'unauthenticated');
    assert.match(signIn.message, /sign-in did not finish within 5 min,/);
    // A silent call's sign-in budget is the call's own (seconds), not rounded up to "1 min".
    const silent = toKeyVaultFailure(
      new Error('x'),
      ctx('getValue', { timedOut: true, timedOutInSignIn: true, signInBudgetMs: 20_000 }),
    );
    assert.match(silent.message, /sign-in did not finish within 20 s,/);
  });

  it('403 access policy → forbidden with the permission and the access-policy model', () => {
    const body = {
      error: {
        code: 'Forbidden',
        message:
          "The user, group or application 'appid=1;oid=2;iss=https://sts.windows.net/t/' does not have secrets get permission on key vault 'contoso;location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287",
        innererror: { code: 'AccessDenied' },
      },
    };
    const f = toKeyVaultFailure(restError(403, body), ctx('getValue'));
    assert.equal(f.kind, 'forbidden');
    assert.equal(f.accessModel, 'accessPolicy');
    assert.equal(f.permission, 'get');
    assert.match(f.message, /access policy does not give you the secret permission "get"/);
  });

  it('403 purge by policy (ForbiddenByPolicy) → forbidden purge', () => {
    const body = {
      error: {
        code: 'Forbidden',
        message:
          "The user, group or application 'appid=1;oid=2' does not have secrets purge permission on key vault 'contoso;location=westeurope'.",
        innererror: { code: 'ForbiddenByPolicy' },
      },
    };
    const f = toKeyVaultFailure(restError(403, body), ctx('purgeDeleted'));
    assert.equal(f.accessModel, 'accessPolicy');
    assert.equal(f.permission, 'purge');
  });

  it('403 RBAC → forbidden naming the data action and the role', () => {
    const body = {
      error: {
        code: 'Forbidden',
        message:
          "Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: appid=1;oid=2;iss=x\r\nAction: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'\r\nResource: '/subscriptions/s/vaults/contoso/secrets/api-key'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: 'DeniedWithNoValidRBAC' \r\nVault: contoso;location=westeurope\r\n",
        innererror: { code: 'ForbiddenByRbac' },
      },
    };
    const f = toKeyVaultFailure(restError(403, body), ctx('getValue'));
    assert.equal(f.kind, 'forbidden');
    assert.equal(f.accessModel, 'rbac');
    assert.equal(f.permission, 'get');
    assert.match(f.message, /getSecret\/action/);
    assert.match(f.message, /Key Vault Secrets User/);
  });

  it('403 RBAC on list → Reader/Secrets User roles', () => {
    const body = {
      error: {
        code: 'Forbidden',
        message: 'Caller is not authorized to perform action on resource.',
        innererror: { code: 'ForbiddenByRbac' },
      },
    };
    const f = toKeyVaultFailure(restError(403, body), ctx('listSecrets'));
    assert.equal(f.permission, 'list');
    assert.match(f.message, /readMetadata/);
    assert.match(f.message, /Key Vault Reader/);
  });

  it('403 firewall and private link → forbidden/firewall', () => {
    for (const [inner, message] of [
      ['ForbiddenByFirewall', 'Client address is not authorized and caller is not a trusted service.'],
      [
        'ForbiddenByConnection',
        'Public network access is disabled and request is not from a trusted service nor via an approved private link.',
      ],
    ] as const) {
      const f = toKeyVaultFailure(
        restError(403, { error: { code: 'Forbidden', message, innererror: { code: inner } } }),
        ctx('listSecrets'),
      );
      assert.equal(f.kind, 'forbidden');
      assert.equal(f.accessModel, 'firewall');
      assert.match(f.message, /Networking/);
    }
  });

  it('403 purge protection → forbidden explaining retention', () => {
    const body = {
      error: {
        code: 'Forbidden',
        message:
          'Operation "purge" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed. Vault: contoso;location=westeurope',
      },
    };
    const f = toKeyVaultFailure(restError(403, body), ctx('purgeDeleted'));
    assert.equal(f.kind, 'forbidden');
    assert.match(f.message, /purge protection/);
  });

  it('403 without a recognisable body → forbidden naming both models', () => {
    const f = toKeyVaultFailure(
      restError(403, { error: { code: 'Forbidden', message: 'Access denied.' } }),
      ctx('setSecret'),
    );
    assert.equal(f.kind, 'forbidden');
    assert.equal(f.accessModel, undefined);
    assert.equal(f.permission, 'set');
    assert.match(f.message, /Key Vault Secrets Officer/);
  });

  it('409 ObjectIsDeletedButRecoverable → deletedButRecoverable', () => {
    const body = {
      error: {
        code: 'Conflict',
        message:
          'Secret api-key is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.',
        innererror: { code: 'ObjectIsDeletedButRecoverable' },
      },
    };
    const f = toKeyVaultFailure(restError(409, body), ctx('setSecret'));
    assert.equal(f.kind, 'deletedButRecoverable');
    assert.match(f.message, /Recover the deleted secret, or purge it/);
  });

  it('409 ObjectIsBeingDeleted → beingDeleted (purge and set texts)', () => {
    for (const message of [
      'Secret is currently being deleted.',
      'Secret api-key is currently being deleted and cannot be re-created; retry later.',
    ]) {
      const f = toKeyVaultFailure(
        restError(409, { error: { code: 'Conflict', message, innererror: { code: 'ObjectIsBeingDeleted' } } }),
        ctx('purgeDeleted'),
      );
      assert.equal(f.kind, 'beingDeleted');
      assert.match(f.message, /Wait a few seconds/);
    }
  });

  it('409 on restore (no innererror) → restoreConflict', () => {
    const body = {
      error: {
        code: 'Conflict',
        message:
          "There was a conflict restoring the secret 'https://contoso.vault.azure.net/secrets/api-key/abc'. This can happen if either: a second secret with the same name was created after the first secret was deleted",
      },
    };
    const f = toKeyVaultFailure(restError(409, body), ctx('restore', { secretName: undefined }));
    assert.equal(f.kind, 'restoreConflict');
  });

  it('400 Malformed backup blob → malformedBackup', () => {
    const f = toKeyVaultFailure(
      restError(400, {
        error: { code: 'Malformed backup blob', message: 'Backup blob contains invalid or corrupt version.' },
      }),
      ctx('restore'),
    );
    assert.equal(f.kind, 'malformedBackup');
    assert.equal(f.field, 'backup');
  });

  it('400 BadParameter invalid name → badParameter field name', () => {
    const f = toKeyVaultFailure(
      restError(400, { error: { code: 'BadParameter', message: 'The request URI contains an invalid name: api_key' } }),
      ctx('setSecret'),
    );
    assert.equal(f.kind, 'badParameter');
    assert.equal(f.field, 'name');
  });

  it('429 with Retry-After → throttled with retryAfterMs', () => {
    const f = toKeyVaultFailure(
      restError(
        429,
        {
          error: {
            code: 'Throttled',
            message:
              'Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached',
          },
        },
        { 'Retry-After': '7' },
      ),
      ctx('listSecrets'),
    );
    assert.equal(f.kind, 'throttled');
    assert.equal(f.retryAfterMs, 7000);
    assert.match(f.message, /Wait 7 s/);
  });

  it('429 with a Retry-After in milliseconds → the wait is rounded up, and at least a second', () => {
    const wait = (ms: string): string =>
      toKeyVaultFailure(
        restError(429, { error: { code: 'Throttled', message: 'Too many requests.' } }, { 'retry-after-ms': ms }),
        ctx('listSecrets'),
      ).message;
    assert.match(wait('1500'), /Wait 2 s and try again/);
    assert.match(wait('200'), /Wait 1 s and try again/);
    assert.match(wait('0'), /Wait 1 s and try again/);
    assert.match(wait('90000'), /Wait 1 min 30 s and try again/);
  });

  it('429 without Retry-After → throttled, no delay', () => {
    const f = toKeyVaultFailure(
      restError(429, {
        error: { code: 'Throttled', message: 'Request was not processed because too many requests were received.' },
      }),
      ctx('listSecrets'),
    );
    assert.equal(f.kind, 'throttled');
    assert.equal(f.retryAfterMs, undefined);
  });

  it('reads the body from the captured response when the RestError has none', () => {
    const request = createPipelineRequest({ url: VAULT });
    const err = new RestError('Operation get is not allowed on a disabled secret.', {
      statusCode: 403,
      code: 'Forbidden',
      request,
    });
    const body = JSON.stringify({
      error: {
        code: 'Forbidden',
        message: 'Operation get is not allowed on a disabled secret.',
        innererror: { code: 'SecretDisabled' },
      },
    });
    const f = toKeyVaultFailure(err, ctx('getValue', { response: { status: 403, bodyAsText: body } }));
    assert.equal(f.kind, 'disabled');
  });

  it('503 → unknown with the status, try later', () => {
    const f = toKeyVaultFailure(restError(503, ''), ctx('listSecrets'));
    assert.equal(f.kind, 'unknown');
    assert.equal(f.status, 503);
    assert.match(f.message, /server error \(503\)/);
  });

  it('network errors → network', () => {
    const request = createPipelineRequest({ url: VAULT });
    const refused = toKeyVaultFailure(
      new RestError('connect ECONNREFUSED 127.0.0.1:1', { code: 'ECONNREFUSED', request }),
      ctx('listSecrets'),
    );
    assert.equal(refused.kind, 'network');
    const dns = toKeyVaultFailure(
      new RestError('getaddrinfo ENOTFOUND x', { code: 'ENOTFOUND', request }),
      ctx('listSecrets'),
    );
    assert.match(dns.message, /Cannot find the host/);
    const hangUp = toKeyVaultFailure(
      new RestError('socket hang up', { code: 'ECONNRESET', request }),
      ctx('listSecrets'),
    );
    assert.equal(hangUp.kind, 'network');
    const tls = toKeyVaultFailure(
      new RestError('self-signed certificate in certificate chain', { code: 'SELF_SIGNED_CERT_IN_CHAIN', request }),
      ctx('listSecrets'),
    );
    assert.equal(tls.kind, 'network');
    assert.match(tls.message, /caFile/);
  });

  it('abort → cancelled; own timeout → timeout', () => {
    const abort = Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
    assert.equal(toKeyVaultFailure(abort, ctx('listSecrets')).kind, 'cancelled');
    assert.equal(toKeyVaultFailure(abort, ctx('listSecrets', { cancelled: true })).kind, 'cancelled');
    const t = toKeyVaultFailure(abort, ctx('listSecrets', { timedOut: true, timeoutMs: 30000 }));
    assert.equal(t.kind, 'timeout');
    assert.match(t.message, /within 30 s\./);
    // A budget under a second (a tenant's discovery budget) says its milliseconds, not "within 0 s".
    const short = toKeyVaultFailure(abort, ctx('listSecrets', { timedOut: true, timeoutMs: 400 }));
    assert.match(short.message, /did not answer within 400 ms\./);
  });

  it('credential errors → unauthenticated', () => {
    const e = Object.assign(new Error('Azure CLI could not be found.'), { name: 'CredentialUnavailableError' });
    const f = toKeyVaultFailure(e, ctx('listSecrets', { authentication: 'azureCli' }));
    assert.equal(f.kind, 'unauthenticated');
    assert.match(f.message, /az login/);
  });

  it('challenge resource mismatch → unauthenticated with the emulator hint', () => {
    const e = new Error(
      "The challenge resource 'vault.azure.net' does not match the requested domain. Set disableChallengeResourceVerification to true in your client options to disable.",
    );
    const f = toKeyVaultFailure(e, ctx('listSecrets'));
    assert.equal(f.kind, 'unauthenticated');
    assert.match(f.message, /emulator/);
  });

  it('never puts a redacted value into a message', () => {
    const value = 'hunter2-super-secret';
    const err = restError(400, { error: { code: 'BadParameter', message: `value ${value} is too large` } });
    const f = toKeyVaultFailure(err, ctx('setSecret', { redact: [value] }));
    assert.equal(f.kind, 'badParameter');
    assert.equal(f.field, 'value');
    assert.ok(!f.message.includes(value));
    const unknown = toKeyVaultFailure(new Error(`boom ${value}`), ctx('setSecret', { redact: [value] }));
    assert.ok(!unknown.message.includes(value));
  });
});

describe('errors: helpers', () => {
  it('parseErrorBody reads code, message, innererror and ignores junk', () => {
    assert.deepEqual(
      parseErrorBody('{"error":{"code":"Forbidden","message":"m","innererror":{"code":"SecretDisabled"}}}'),
      { code: 'Forbidden', message: 'm', innerCode: 'SecretDisabled' },
    );
    assert.deepEqual(parseErrorBody('not json'), {});
    assert.deepEqual(parseErrorBody(''), {});
    assert.deepEqual(parseErrorBody(undefined), {});
  });
  it('parseRetryAfter reads seconds, ms headers and HTTP dates', () => {
    const h = (o: Record<string, string>): { get(n: string): string | undefined } => ({
      get: (n) => createHttpHeaders(o).get(n),
    });
    assert.equal(parseRetryAfter(h({ 'Retry-After': '3' })), 3000);
    assert.equal(parseRetryAfter(h({ 'retry-after-ms': '250' })), 250);
    assert.equal(parseRetryAfter(h({ 'x-ms-retry-after-ms': '100' })), 100);
    assert.equal(parseRetryAfter(h({ 'Retry-After': new Date(10_000).toUTCString() }), 4_000), 6_000);
    assert.equal(parseRetryAfter(h({})), undefined);
    assert.equal(parseRetryAfter(undefined), undefined);
  });
});

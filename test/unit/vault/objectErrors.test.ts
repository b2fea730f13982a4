// Failures of certificate and key calls in words that say what to do, per object type (errors/objects.ts): the
// permission and the roles of that object type, not the secrets', and the service's own wording recognised.

import * as assert from 'node:assert/strict';
import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { parseErrorBody } from '../../../src/vault/errors';
import { toObjectFailure, type ObjectFailureContext } from '../../../src/vault/errors/objects';

const VAULT = 'https://contoso.vault.azure.net';

function restError(status: number, body: unknown): RestError {
  const text = JSON.stringify(body);
  const parsed = parseErrorBody(text);
  const request = createPipelineRequest({ url: `${VAULT}/keys` });
  return new RestError(parsed.message ?? `Unexpected status code: ${status}`, {
    statusCode: status,
    ...(parsed.code !== undefined ? { code: parsed.code } : {}),
    request,
    response: { status, headers: createHttpHeaders(), request, bodyAsText: text },
  });
}

const ctx = (extra: Partial<ObjectFailureContext>): ObjectFailureContext => ({
  kind: 'key',
  operation: 'list',
  vaultName: 'contoso',
  vaultUrl: VAULT,
  ...extra,
});

describe('errors: certificate and key failures', () => {
  it('a refused key list under RBAC names the keys data action and the crypto roles', () => {
    const f = toObjectFailure(
      restError(403, {
        error: {
          code: 'Forbidden',
          message:
            "Caller is not authorized to perform action on resource. Action: 'Microsoft.KeyVault/vaults/keys/read'",
          innererror: { code: 'ForbiddenByRbac' },
        },
      }),
      ctx({}),
    );
    assert.equal(f.kind, 'forbidden');
    assert.equal(f.accessModel, 'rbac');
    assert.match(f.message, /list the keys of vault "contoso"/);
    assert.match(f.message, /Microsoft\.KeyVault\/vaults\/keys\/read/);
    assert.match(f.message, /"Key Vault Crypto User"/);
    assert.doesNotMatch(f.message, /Secrets/);
  });

  it('a refused certificate purge under an access policy asks for the certificate permission "purge"', () => {
    const f = toObjectFailure(
      restError(403, {
        error: {
          code: 'Forbidden',
          message: 'The user, group or application does not have certificates purge permission on key vault contoso.',
          innererror: { code: 'AccessDenied' },
        },
      }),
      ctx({ kind: 'certificate', operation: 'purge', name: 'web-tls' }),
    );
    assert.equal(f.permission, 'purge');
    assert.equal(f.accessModel, 'accessPolicy');
    assert.match(f.message, /certificate permission "purge".*"Key Vault Certificates Officer"/);
  });

  it('an HSM key in a Standard vault says to choose a software key or a Premium vault', () => {
    const f = toObjectFailure(
      restError(400, {
        error: { code: 'BadParameter', message: 'Hardware key operation not allowed on standard vault' },
      }),
      ctx({ operation: 'create', name: 'hsm-key' }),
    );
    assert.equal(f.kind, 'badParameter');
    assert.equal(f.field, 'keyType');
    assert.match(f.message, /Standard vault.*RSA or EC.*Premium/);
  });

  it('a PEM import in the wrong layout says how to convert the key', () => {
    const f = toObjectFailure(
      restError(400, {
        error: {
          code: 'BadParameter',
          message:
            'The specified PEM X.509 certificate content is in an unexpected format. Please check if certificate is in valid PEM format.',
        },
      }),
      ctx({ kind: 'certificate', operation: 'import', name: 'pem-import' }),
    );
    assert.equal(f.field, 'content');
    assert.match(f.message, /PKCS#8 private key \(a PEM block labelled "PRIVATE KEY".*openssl pkcs8 -topk8 -nocrypt/);
  });

  it('a pending operation that is gone says to refresh', () => {
    const f = toObjectFailure(
      restError(404, {
        error: { code: 'PendingCertificateNotFound', message: 'Pending Certificate not found: web-tls' },
      }),
      ctx({ kind: 'certificate', operation: 'operation', name: 'web-tls' }),
    );
    assert.equal(f.kind, 'notFound');
    assert.match(f.message, /no creation in progress.*Refresh/);
  });
});

import * as assert from 'node:assert/strict';
import { findSecrets, MAX_DETECTIONS } from '../../../src/shared/detection/findSecrets';
import { isPlaceholder } from '../../../src/shared/detection/secretRules';
import { privateKeyBlock } from '../../harness/pemLabels';

/** Synthetic values in real formats (never credentials). */
const STORAGE_KEY = `${'Qm9ndXNLZXlGb3JUZXN0cw'.repeat(4)}==`;
const GITHUB = `ghp_${'Zq3Rt7Wm9Kp2Ls5Nv8Bx4Cy6Dh1Fj0Gk'.slice(0, 36).padEnd(36, 'Q')}`;

function found(text: string): Array<{ rule: string; value: string; whole?: string }> {
  return findSecrets(text).map((d) => ({
    rule: d.rule,
    value: text.slice(d.span.start, d.span.end),
    ...(d.whole !== undefined ? { whole: text.slice(d.whole.start, d.whole.end) } : {}),
  }));
}

describe('findSecrets', () => {
  it('a storage connection string: the key part, and the whole connection string without its quotes', () => {
    const cs = `DefaultEndpointsProtocol=https;AccountName=stapp;AccountKey=${STORAGE_KEY};EndpointSuffix=core.windows.net`;
    assert.deepEqual(found(`  "AzureWebJobsStorage": "${cs}",`), [
      { rule: 'azure-storage-key', value: STORAGE_KEY, whole: cs },
    ]);
    assert.deepEqual(found(`STORAGE=${cs}`), [{ rule: 'azure-storage-key', value: STORAGE_KEY, whole: cs }]);
  });

  it('Cosmos DB and Service Bus keys are named by their connection string; SQL passwords need a SQL connection string', () => {
    assert.equal(
      found(`AccountEndpoint=https://c.documents.azure.com:443/;AccountKey=${STORAGE_KEY};`)[0].rule,
      'azure-cosmos-key',
    );
    assert.equal(
      found(`Endpoint=sb://b.servicebus.windows.net/;SharedAccessKeyName=a;SharedAccessKey=${STORAGE_KEY}`)[0].rule,
      'azure-service-bus-key',
    );
    assert.deepEqual(found('X=Server=s;Database=d;User ID=u;Password=Zq3!Rt7w;')[0].value, 'Zq3!Rt7w');
    assert.deepEqual(found('reset.link=https://app/reset?Password=Zq3Rt7w9'), []);
  });

  it('an Application Insights connection string is not a secret', () => {
    assert.deepEqual(
      found(
        'APPLICATIONINSIGHTS_CONNECTION_STRING=InstrumentationKey=0b5e8c6a-1d2f-4a3b-9c8d-7e6f5a4b3c2d;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/',
      ),
      [],
    );
  });

  it('a password in a URL: the password, and the whole URL', () => {
    assert.deepEqual(found('DATABASE_URL=postgres://app:Zq3Rt7w9@db:5432/app trailing'), [
      { rule: 'database-password', value: 'Zq3Rt7w9', whole: 'postgres://app:Zq3Rt7w9@db:5432/app' },
    ]);
    assert.equal(found('FEED=https://ci:Zq3Rt7w9@nexus.contoso.io/')[0].rule, 'url-password');
  });

  it('a PEM private key is the whole block, BEGIN to END', () => {
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7'.repeat(3);
    const pem = privateKeyBlock([body]);
    assert.deepEqual(found(`key: |\n${pem}\n`), [{ rule: 'private-key', value: pem }]);
    assert.deepEqual(found(`-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`), []);
  });

  it('placeholders and Key Vault references are not flagged', () => {
    for (const v of [
      '${DB_PASSWORD}',
      '$(DbPassword)',
      '<your-password>',
      'changeme',
      'xxxxxxxx',
      '********',
      '{{ .Values.pw }}',
    ])
      assert.deepEqual(found(`Server=s;Database=d;User ID=u;Password=${v};`), [], v);
    assert.deepEqual(
      found('Server=s;User ID=u;Password=@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/db/);'),
      [],
    );
    assert.ok(isPlaceholder('AKIAIOSFODNN7EXAMPLE'));
  });

  it('secretlint-disable comments: the line, the next line, and a block up to secretlint-enable', () => {
    const secret = `TOKEN=${GITHUB}`;
    assert.equal(found(secret).length, 1);
    assert.deepEqual(found(`${secret} # secretlint-disable-line`), []);
    assert.deepEqual(found(`# secretlint-disable-next-line\n${secret}\n${secret}`).length, 1);
    assert.deepEqual(found(`# secretlint-disable\n${secret}\n${secret}\n# secretlint-enable\n${secret}`).length, 1);
  });

  it('stops at MAX_DETECTIONS and never throws on odd input', () => {
    assert.equal(findSecrets(`T=${GITHUB}\n`.repeat(MAX_DETECTIONS + 10)).length, MAX_DETECTIONS);
    assert.deepEqual(findSecrets(''), []);
    assert.deepEqual(findSecrets(undefined as unknown as string), []);
  });
});

// The Create Self-Signed Certificate form's front end (media/certificateForm.ts) in a jsdom window, and the rules it
// shares with the host: what a user sees when a field breaks the service's rules, what the page posts, and the
// pending operation's words shown as the host sends them.
import * as assert from 'node:assert/strict';
import {
  emptyCertificateFields,
  newCertificateRequest,
  validateCertificateForm,
} from '../../../src/shared/certificateFormModel';
import { certificateFormStrings } from '../../../src/shared/certificateFormStrings';
import {
  parseCertificateFormMessage,
  type CertificateFormInit,
} from '../../../src/shared/webviewMessages/certificateFormProtocol';
import { certificateFileKind, nameFromFile } from '../../../src/transfer/certificateFiles';
import { openWebview, type Webview } from './jsdomWebview';

const init: CertificateFormInit = {
  type: 'init',
  vaultName: 'contoso-dev',
  vaultUrl: 'https://contoso-dev.vault.azure.net',
  fields: emptyCertificateFields(),
  strings: certificateFormStrings(),
};

describe('the certificate form: shared rules and protocol', () => {
  const fields = { ...emptyCertificateFields(), name: 'web', subject: 'CN=web.example' };

  it('accepts a valid form and maps it to the create request (RSA size, EC curve, DNS names, tags)', () => {
    assert.deepEqual(validateCertificateForm(fields), {});
    const rsa = newCertificateRequest({ ...fields, keyChoice: 'RSA-3072', tags: [{ key: 'team', value: 'a' }] });
    assert.deepEqual(rsa.input, {
      subject: 'CN=web.example',
      dnsNames: [],
      validityMonths: 12,
      keyType: 'RSA',
      keySize: 3072,
      contentType: 'application/x-pkcs12',
      tags: { team: 'a' },
    });
    const ec = newCertificateRequest({
      ...fields,
      keyChoice: 'EC-P-384',
      dnsNames: 'a.example, b.example\n*.c.example',
    });
    assert.equal(ec.input.keyCurve, 'P-384');
    assert.deepEqual(ec.input.dnsNames, ['a.example', 'b.example', '*.c.example']);
  });

  it('refuses what the service refuses: the name rule, a subject without attribute=, validity outside 1..1200, a bad DNS name', () => {
    const e = validateCertificateForm({
      ...fields,
      name: 'web_cert',
      subject: 'web.example',
      validityMonths: '1201',
      dnsNames: 'ok.example bad_name!',
    });
    assert.deepEqual(Object.keys(e).sort(), ['dnsNames', 'name', 'subject', 'validityMonths']);
    assert.match(e.dnsNames ?? '', /"bad_name!" is not a DNS name/);
    assert.deepEqual(validateCertificateForm({ ...fields, subject: 'CN=a, XX=b' }).subject !== undefined, true);
    assert.equal(validateCertificateForm({ ...fields, validityMonths: '1200' }).validityMonths, undefined);
    assert.match(validateCertificateForm({ ...fields, validityMonths: '1.5' }).validityMonths ?? '', /whole number/);
  });

  it('the protocol refuses a key type or content type the form does not offer, and unknown members', () => {
    const submit = (f: unknown) => parseCertificateFormMessage({ type: 'submit', requestId: 1, fields: f });
    assert.equal(submit(fields).ok, true);
    assert.equal(submit({ ...fields, keyChoice: 'RSA-1024' }).ok, false);
    assert.equal(submit({ ...fields, contentType: 'text/plain' }).ok, false);
    assert.equal(submit({ ...fields, password: 'x' }).ok, false);
    assert.equal(parseCertificateFormMessage({ type: 'delete' }).ok, false);
  });

  it('proposes a certificate name from a file name through the name rule', () => {
    assert.equal(nameFromFile('/tmp/api_server (prod).pfx'), 'api-server-prod');
    assert.equal(nameFromFile('/certs/___.pem'), '');
    assert.equal(nameFromFile(`/x/${'a'.repeat(200)}.p12`).length, 127);
  });

  it('tells PEM from PFX, and refuses a PEM without a key or with an encrypted one before anything is sent', () => {
    const pem = (body: string): Uint8Array => Buffer.from(body);
    const cert = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
    const keyLabel = ['PRIVATE', 'KEY'].join(' ');
    assert.equal(certificateFileKind(Buffer.from([0x30, 0x82, 0x01])), 'application/x-pkcs12');
    assert.equal(
      certificateFileKind(pem(`-----BEGIN ${keyLabel}-----\nAAAA\n-----END ${keyLabel}-----\n${cert}`)),
      'application/x-pem-file',
    );
    assert.throws(() => certificateFileKind(pem(cert)), /has a certificate but no private key/);
    assert.throws(() => certificateFileKind(pem(`-----BEGIN ENCRYPTED ${keyLabel}-----\nA\n${cert}`)), /encrypted/);
    assert.throws(() => certificateFileKind(new Uint8Array()), /empty/);
  });
});

describe('webview: the certificate form (media/certificateForm.ts in jsdom)', function () {
  this.timeout(20_000);
  let page: Webview | undefined;
  afterEach(() => page?.close());

  it('shows the marked fields and posts nothing when the subject or validity is wrong', async () => {
    page = await openWebview('certificateForm');
    assert.deepEqual(page.posted, [{ type: 'ready' }]);
    page.fromHost(init);
    page.type('f-name', 'web');
    page.type('f-subject', 'web.example');
    page.type('f-validityMonths', '0');
    page.click('save');
    assert.equal(page.posted.length, 1, 'a submit was posted for an invalid form');
    assert.match(page.byId('err-subject').textContent ?? '', /attribute=value/);
    assert.match(page.byId('err-validityMonths').textContent ?? '', /1 to 1200/);
  });

  it('posts the typed fields, then shows the pending operation as the host reports it', async () => {
    page = await openWebview('certificateForm');
    page.fromHost(init);
    page.type('f-name', 'web');
    page.type('f-subject', 'CN=web.example');
    page.type('f-dnsNames', 'web.example');
    page.byId<HTMLSelectElement>('f-keyChoice').value = 'EC-P-256';
    page.type('f-tags', 'team=web');
    page.click('save');
    const submit = page.posted[1] as { type: string; requestId: number; fields: Record<string, unknown> };
    assert.equal(submit.type, 'submit');
    assert.deepEqual(submit.fields, {
      name: 'web',
      subject: 'CN=web.example',
      dnsNames: 'web.example',
      validityMonths: '12',
      keyChoice: 'EC-P-256',
      contentType: 'application/x-pkcs12',
      tags: [{ key: 'team', value: 'web' }],
    });
    assert.equal(page.byId<HTMLButtonElement>('save').disabled, true);
    page.fromHost({ type: 'status', state: 'inProgress', message: 'In progress: issuing' });
    assert.equal(page.byId('form-message').textContent, 'In progress: issuing');
    page.fromHost({
      type: 'result',
      requestId: submit.requestId,
      ok: false,
      message: 'Refused',
      errors: { name: 'Taken' },
    });
    assert.equal(page.byId('err-name').textContent, 'Taken');
    assert.equal(page.byId<HTMLButtonElement>('save').disabled, false);
  });
});

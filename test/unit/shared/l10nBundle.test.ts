// The webviews' translator: the host sends vscode.l10n.bundle in the form's init message, and the shared rules the
// form runs in the webview (validateForm) then give their messages in the user's language.
import * as assert from 'node:assert/strict';
import { useHostTranslations } from '../../../media/lib/translations';
import { bundleTranslator, t, useTranslator } from '../../../src/shared/l10n';
import { isHostToForm } from '../../../src/shared/webviewMessages/secretFormProtocol';
import { emptyFields, validateForm } from '../../../src/shared/secretFormModel';

const BUNDLE = {
  'Enter a secret name.': 'Geben Sie einen Geheimnisnamen ein.',
  'A secret name can be at most {0} characters (this one has {1}).':
    'Ein Geheimnisname hat höchstens {0} Zeichen (dieser hat {1}).',
};

describe('l10n: the webview translator reads the bundle the host sent', () => {
  afterEach(() => useTranslator());

  it('translates a message the bundle has, fills its placeholders, and keeps English for one it lacks', () => {
    const tr = bundleTranslator(BUNDLE);
    assert.equal(tr('Enter a secret name.'), 'Geben Sie einen Geheimnisnamen ein.');
    assert.equal(
      tr('A secret name can be at most {0} characters (this one has {1}).', 127, 130),
      'Ein Geheimnisname hat höchstens 127 Zeichen (dieser hat 130).',
    );
    assert.equal(tr('Deleted {0}.', 'db-password'), 'Deleted db-password.');
    assert.equal(bundleTranslator(undefined)('Deleted {0}.', 'x'), 'Deleted x.');
    assert.equal(tr('constructor'), 'constructor', 'only the bundle’s own keys, never inherited ones');
  });

  it('the form’s validation messages come out translated once the webview installs the sent bundle', () => {
    const init = { type: 'init', mode: 'create', fields: {}, strings: {}, l10n: BUNDLE };
    assert.ok(isHostToForm(init));
    assert.equal(validateForm('create', emptyFields()).name, 'Enter a secret name.', 'English before');
    useHostTranslations(init.l10n);
    assert.equal(validateForm('create', emptyFields()).name, 'Geben Sie einen Geheimnisnamen ein.');
    const long = { ...emptyFields(), name: 'a'.repeat(130) };
    assert.equal(validateForm('create', long).name, 'Ein Geheimnisname hat höchstens 127 Zeichen (dieser hat 130).');
    assert.equal(t('Enter a valid expiry date and time.'), 'Enter a valid expiry date and time.', 'missing: English');
    useHostTranslations(undefined);
    assert.equal(validateForm('create', emptyFields()).name, 'Enter a secret name.', 'no bundle: English');
  });

  it('the form’s message guard takes a bundle only as a bounded record of strings', () => {
    const init = (l10n: unknown): unknown => ({ type: 'init', mode: 'create', fields: {}, strings: {}, l10n });
    assert.ok(isHostToForm(init(undefined)));
    assert.ok(isHostToForm(init({})));
    assert.equal(isHostToForm(init({ a: 1 })), false, 'a value that is not a string');
    assert.equal(isHostToForm(init(['x'])), false, 'an array');
    assert.equal(isHostToForm(init('x')), false, 'a string');
    assert.equal(isHostToForm(init({ a: 'x'.repeat(5000) })), false, 'an overlong text');
    const huge = Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`m${i}`, 'x']));
    assert.equal(isHostToForm(init(huge)), false, 'too many entries');
  });
});

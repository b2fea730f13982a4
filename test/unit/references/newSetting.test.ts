// Insert Key Vault Reference into a file the command opened itself: the reference becomes a new setting and the
// file stays valid (a JSON file parses, a .env file reads every earlier line unchanged).
import * as assert from 'node:assert/strict';
import { newSettingEdit, settingFileKind, type NewSettingEdit } from '../../../src/shared/references/newSetting';
import { parseDotenv } from '../../../src/shared/transfer/dotenv';

const REF = '@Microsoft.KeyVault(SecretUri=https://contoso-dev.vault.azure.net/secrets/api-key/)';

function apply(text: string, edit: NewSettingEdit | undefined): string {
  assert.ok(edit, 'no edit');
  return text.slice(0, edit.offset) + edit.text + text.slice(edit.offset);
}

describe('Insert Key Vault Reference: a new setting in a file the command opened', () => {
  it('knows JSON and .env files by name, and nothing else', () => {
    assert.equal(settingFileKind('/w/local.settings.json'), 'json');
    assert.equal(settingFileKind('C:\\w\\appsettings.Development.json'), 'json');
    assert.equal(settingFileKind('/w/.env'), 'dotenv');
    assert.equal(settingFileKind('/w/.env.local'), 'dotenv');
    assert.equal(settingFileKind('/w/prod.env'), 'dotenv');
    assert.equal(settingFileKind('/w/main.bicepparam'), undefined);
  });

  it('adds a member at the top of local.settings.json "Values", indented like the others; the file still parses', () => {
    const text = '{\n  "IsEncrypted": false,\n  "Values": {\n    "A": "1",\n    "B": "2"\n  }\n}\n';
    const edit = newSettingEdit('json', text, 'api-key', REF);
    const after = apply(text, edit);
    assert.equal(
      after,
      '{\n  "IsEncrypted": false,\n  "Values": {\n    "API_KEY": "' + REF + '",\n    "A": "1",\n    "B": "2"\n  }\n}\n',
    );
    const parsed = JSON.parse(after) as { Values: Record<string, string> };
    assert.equal(parsed.Values.API_KEY, REF);
    assert.equal(after.slice(edit?.referenceOffset, (edit?.referenceOffset ?? 0) + REF.length), REF);
  });

  it('numbers the name when the file has it already, and fills an empty object', () => {
    const taken = '{ "Values": { "API_KEY": "x", "API_KEY_2": "y" } }';
    const edit = newSettingEdit('json', taken, 'api-key', REF);
    assert.equal(edit?.key, 'API_KEY_3');
    assert.equal((JSON.parse(apply(taken, edit)) as { Values: Record<string, string> }).Values.API_KEY_3, REF);
    const empty = '{}';
    assert.deepEqual(JSON.parse(apply(empty, newSettingEdit('json', empty, 'db-password', REF))), { DB_PASSWORD: REF });
    const emptyValues = '{\n  "Values": {}\n}';
    assert.deepEqual(JSON.parse(apply(emptyValues, newSettingEdit('json', emptyValues, 'a', REF))), {
      Values: { A: REF },
    });
  });

  it('refuses a JSON file that is not an object (no edit: the user places the cursor instead)', () => {
    assert.equal(newSettingEdit('json', '[1, 2]', 'a', REF), undefined);
    assert.equal(newSettingEdit('json', '', 'a', REF), undefined);
  });

  it('adds a last line to a .env file, keeping its line ends, and every earlier entry reads as before', () => {
    const text = 'A=1\r\nAPI_KEY=old';
    const edit = newSettingEdit('dotenv', text, 'api-key', REF);
    const after = apply(text, edit);
    assert.equal(after, `A=1\r\nAPI_KEY=old\r\nAPI_KEY_2=${REF}\r\n`);
    assert.deepEqual(
      parseDotenv(after).entries.map((e) => [e.key, e.value]),
      [
        ['A', '1'],
        ['API_KEY', 'old'],
        ['API_KEY_2', REF],
      ],
    );
    assert.equal(after.slice(edit?.referenceOffset, (edit?.referenceOffset ?? 0) + REF.length), REF);
    assert.equal(apply('', newSettingEdit('dotenv', '', '1st', REF)), `_1ST=${REF}\n`);
  });
});

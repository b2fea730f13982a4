// Backup file names come from the vault's URL host (unique), not its display name (two vaults may share one), and
// a run never gives two backups the same file, even where the file system ignores case.
import * as assert from 'node:assert/strict';
import { backupFileName, planBackupFiles } from '../../../../src/shared/transfer/backupNames';

describe('backup file names (src/shared/transfer/backupNames.ts)', () => {
  it('names a file by host (and port) and secret', () => {
    assert.equal(
      backupFileName('https://contoso.vault.azure.net', 'db-password'),
      'contoso.vault.azure.net_db-password.keyvaultbackup',
    );
    assert.equal(backupFileName('https://127.0.0.1:8443', 'a'), '127.0.0.1_8443_a.keyvaultbackup');
    assert.equal(backupFileName('https://127.0.0.1:8444', 'a'), '127.0.0.1_8444_a.keyvaultbackup');
  });

  it('keeps apart pairs a plain separator would join: host "a" + "b-c" and host "a-b" + "c"', () => {
    assert.notEqual(backupFileName('https://a', 'b-c'), backupFileName('https://a-b', 'c'));
  });

  it('never lets a malformed URL put a path separator or a drive into the name', () => {
    const name = backupFileName('https://../../etc:1/x\\y', '..\\evil/name');
    assert.doesNotMatch(name, /[/\\:]/);
  });

  it('plans a run: the second item whose file differs only in case is a clash, not a replacement', () => {
    const items = ['A', 'a', 'b'];
    const plan = planBackupFiles(items, (i) => `host_${i}.keyvaultbackup`);
    assert.deepEqual([...plan.files.values()], ['host_A.keyvaultbackup', 'host_b.keyvaultbackup']);
    assert.deepEqual(plan.clashes, [{ item: 'a', file: 'host_a.keyvaultbackup', takenBy: 'A' }]);
  });
});

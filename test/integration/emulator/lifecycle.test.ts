// All twelve operations through the SDK, at the SDK's default api-version and at the pinned and
// older ones, with the request counts each step costs.

import assert from 'node:assert/strict';
import { RestError } from '@azure/core-rest-pipeline';
import { client, startFor, uniqueName, type ServiceVersion } from './helpers';

const VERSIONS: readonly (ServiceVersion | undefined)[] = [undefined, '2025-07-01', '7.6', '7.5', '7.4'];

describe('emulator: full lifecycle through the SDK at every service version', () => {
  const env = startFor({ seed: { vaults: [{ name: 'alpha', recoverableDays: 14 }] } });

  for (const version of VERSIONS) {
    it(`runs set → get → update → list → versions → backup → delete → list deleted → get deleted → recover → delete → purge → restore at ${version ?? 'the default (2026-04-01)'}`, async () => {
      const emu = env.get();
      const c = client(
        emu,
        'alpha',
        version === undefined ? { serviceVersion: undefined } : { serviceVersion: version },
      );
      const name = uniqueName(`life-${(version ?? 'default').replace(/\./g, '')}`);
      const v1 = await c.setSecret(name, 'one', { contentType: 'text/plain', tags: { step: '1' } });
      const v2 = await c.setSecret(name, 'two');
      assert.equal((await c.getSecret(name)).value, 'two');
      assert.equal((await c.getSecret(name, { version: v1.properties.version })).value, 'one');
      const upd = await c.updateSecretProperties(name, v2.properties.version ?? '', {
        tags: { step: '2' },
        contentType: 'application/json',
      });
      assert.deepEqual(upd.tags, { step: '2' });
      assert.equal(upd.contentType, 'application/json');
      const names: string[] = [];
      for await (const p of c.listPropertiesOfSecrets()) {
        names.push(p.name);
      }
      assert.ok(names.includes(name));
      const versions: string[] = [];
      for await (const p of c.listPropertiesOfSecretVersions(name)) {
        versions.push(p.version ?? '');
      }
      assert.deepEqual(versions.sort(), [v1.properties.version, v2.properties.version].sort());
      const blob = await c.backupSecret(name);
      assert.ok(blob && blob.length > 100);
      emu.resetCounts();
      const deleted = await (await c.beginDeleteSecret(name, { intervalInMs: 10 })).pollUntilDone();
      assert.equal(deleted.properties.recoveryId, `${emu.vaults.alpha?.url ?? ''}/deletedsecrets/${name}`);
      assert.equal(
        ((deleted.properties.scheduledPurgeDate?.getTime() ?? 0) - (deleted.properties.deletedOn?.getTime() ?? 0)) /
          1000,
        14 * 86400,
      );
      assert.deepEqual(emu.counts('alpha'), { DeleteSecret: 1, GetDeletedSecret: 1 });
      const deletedNames: string[] = [];
      for await (const d of c.listDeletedSecrets()) {
        deletedNames.push(d.name);
      }
      assert.ok(deletedNames.includes(name));
      assert.equal((await c.getDeletedSecret(name)).name, name);
      const recovered = await (await c.beginRecoverDeletedSecret(name, { intervalInMs: 10 })).pollUntilDone();
      assert.equal(recovered.name, name);
      assert.equal((await c.getSecret(name)).value, 'two');
      await (await c.beginDeleteSecret(name, { intervalInMs: 10 })).pollUntilDone();
      await c.purgeDeletedSecret(name);
      await assert.rejects(c.getDeletedSecret(name), (e: unknown) => e instanceof RestError && e.statusCode === 404);
      const restored = await c.restoreSecretBackup(blob);
      assert.equal(restored.name, name);
      assert.equal(restored.version, v2.properties.version);
      assert.equal((await c.getSecret(name)).value, 'two');
    });
  }
});

import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../harness/codeServer';
import { REPO, SCREENSHOTS, VSIX } from './workbench';

describe('npm run demo -- --check', () => {
  it('starts the local Key Vault server and VS Code, shows the seeded vaults by subscription and one added by URL, and saves a screenshot', async function () {
    this.timeout(240_000);
    assert.ok(existsSync(VSIX), 'the .vsix is built before this tier');
    const shot = join(SCREENSHOTS, 'demo.png');
    rmSync(shot, { force: true });
    const port = await freePort();
    const child = spawn(
      join(REPO, 'node_modules', '.bin', 'tsx'),
      ['scripts/demo.ts', '--check', '--no-build', '--port', String(port)],
      {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0, `demo --check failed:\n${out}`);
    // Discovered through the local Resource Manager, grouped by subscription, and one vault added by URL.
    for (const group of ['Visual Studio Enterprise', 'Production', 'Added vaults'])
      assert.match(out, new RegExp(`tree shows "${group}"`));
    for (const vault of ['contoso-dev', 'contoso-prod', 'local-dev'])
      assert.match(out, new RegExp(`tree shows vault "${vault}"`));
    assert.match(out, /expands to its secrets and deleted secrets/);
    assert.ok(existsSync(shot) && statSync(shot).size > 10_000, 'demo.png was not saved');
  });
});

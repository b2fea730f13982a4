import * as assert from 'node:assert/strict';
import { deletedTooltip, secretTooltip, vaultTooltip } from '../../../src/tree/tooltips';
import type { SecretProperties, VaultRef } from '../../../src/vault/model';

// VS Code renders a tooltip's MarkdownString with marked (GFM on): rendering ours shows what the hover shows.
let render: (md: string) => string = () => {
  throw new Error('marked is not loaded');
};
before(async () => {
  const { marked } = await import('marked');
  render = (md) => marked.parse(md, { gfm: true, async: false });
});

/** The text a user reads in the rendered tooltip (tags dropped, entities decoded). */
function shown(md: string): string {
  return render(md)
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const NOW = new Date('2026-11-23T12:00:00Z');
const opts = { now: NOW, expiryWarningDays: 30 };
const p: SecretProperties = {
  vaultUrl: 'https://v',
  name: 'api_key',
  id: 'https://v/secrets/api_key',
  enabled: true,
  contentType: 'text/plain',
  tags: { env: 'dev', '*x*': '[link](http://evil)' },
  managed: false,
  recoveryLevel: 'Recoverable+Purgeable',
  recoverableDays: 90,
  createdOn: new Date('2026-11-01T00:00:00Z'),
  expiresOn: new Date('2026-11-28T13:00:00Z'),
};

describe('tree/tooltips', () => {
  it('shows dates, tags, content type and recovery level', () => {
    const t = shown(secretTooltip(p, opts));
    assert.match(t, /Content type: text\/plain/);
    assert.match(t, /Created: 2026-11-01 00:00 UTC/);
    assert.match(t, /Expires: 2026-11-28 13:00 UTC \(in 5 d\)/);
    assert.match(secretTooltip(p, opts), /\*\*expires in 5 d\*\*/);
    assert.match(t, /Recovery level: Recoverable\+Purgeable \(90 days\)/);
    assert.match(t, /env = dev/);
    assert.match(render(secretTooltip(p, opts)), /<code>env<\/code> = dev/);
  });

  it('a vault without soft delete (recoverableDays 0) names its level without "0 days"', () => {
    const t = shown(secretTooltip({ ...p, recoveryLevel: 'Purgeable', recoverableDays: 0 }, opts));
    assert.match(t, /Recovery level: Purgeable/);
    assert.doesNotMatch(t, /\(0 days\)/);
  });

  it('escapes user text so it cannot inject Markdown', () => {
    const html = render(secretTooltip(p, opts));
    assert.ok(!html.includes('<a '), html);
    assert.match(shown(secretTooltip(p, opts)), /\*x\* = \[link\]\(http:\/\/evil\)/);
  });

  it('a tag key or value cannot break out of its code span or its line (backticks, blank lines, links, HTML)', () => {
    const hostile: SecretProperties = {
      ...p,
      name: 'n[x](command:keyVaultSecrets.purgeSecret)',
      tags: {
        'a``b`\n\n[click](command:keyVaultSecrets.purgeSecret) ![i](https://attacker.example/p.png)':
          'v\n\n# big\n<img src=x>',
        '`': '`',
      },
    };
    for (const md of [secretTooltip(hostile, opts), deletedTooltip(hostile, opts)]) {
      const html = render(md);
      assert.ok(!/<a |<img|<h1/.test(html), html);
      // Each key renders as one code span holding the whole key (newlines become spaces).
      assert.match(
        html,
        /<code>a``b` +\[click\]\(command:keyVaultSecrets\.purgeSecret\) !\[i\]\(https:\/\/attacker\.example\/p\.png\)<\/code>/,
      );
      assert.ok(html.includes('<code>`</code>'), html);
      assert.match(shown(md), /= v +# big <img src=x>/);
    }
  });

  it("a vault's display name and URL from settings are data", () => {
    const v: VaultRef = {
      key: 'https://x.vault.azure.net',
      url: 'https://x.vault.azure.net',
      name: '[x](command:evil) **b**',
      source: 'added',
      origin: 'workspace',
    };
    const html = render(vaultTooltip(v));
    assert.ok(!html.includes('<a ') && !html.includes('<strong>b'), html);
    assert.match(shown(vaultTooltip(v)), /workspace/i);
  });

  it('deleted: purge date and whether purge is allowed', () => {
    const t = shown(
      deletedTooltip(
        {
          ...p,
          deletedOn: new Date('2026-11-21T12:00:00Z'),
          scheduledPurgeDate: new Date('2027-02-19T12:00:00Z'),
          recoveryLevel: 'Recoverable',
        },
        opts,
      ),
    );
    assert.match(t, /Deleted: 2026-11-21/);
    assert.match(t, /Purged automatically: 2027-02-19/);
    assert.match(t, /purge protection forbids purging/);
    assert.doesNotMatch(t, /hides/);
  });

  it('a deleted secret that was disabled: the tooltip says Key Vault hides its details and how to see them', () => {
    const t = shown(deletedTooltip({ ...p, enabled: false, deletedOn: new Date('2026-11-21T12:00:00Z') }, opts));
    assert.match(
      t,
      /disabled when deleted: Key Vault hides the details of a disabled deleted secret\. Recover it, then enable it, to see them/,
    );
  });
});

import * as assert from 'node:assert/strict';
import { markdownCode, markdownText, plainLine, plainText } from '../../../src/shared/markup';

// VS Code renders MarkdownString with marked (GFM on); rendering our output with it shows what a hover would.
// (marked is an ES module: loaded once before the tests.)
let render: (md: string) => string = () => {
  throw new Error('marked is not loaded');
};
before(async () => {
  const { marked } = await import('marked');
  render = (md) => marked.parse(md, { gfm: true, async: false });
});

/** The link syntax VS Code's notifications and modals make clickable (`[label](https:|command:|file:…)`). */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;

const HOSTILE = [
  '[Open settings](command:workbench.action.openSettings)',
  'Vault says: [click](command:keyVaultSecrets.purgeSecret?%7B%22name%22%3A%22x%22%7D "title")',
  '![img](https://attacker.example/pixel.png)',
  '<https://attacker.example>',
  'see https://attacker.example/x and www.attacker.example and mail@attacker.example',
  '<img src=x onerror=alert(1)> <a href="command:x">y</a> &lt;b&gt;',
  '`code` then ``` fence ``` and ` lone',
  'line one\n\n# heading\n[ref]: command:evil\n[ref]',
  '**bold** _em_ ~~del~~ | table | cell |',
  'icon $(trash) and $(sync~spin)',
  'bidi \u202Eevil\u202C and control \u0007 bell',
];

describe('markup', () => {
  describe('plainText / plainLine', () => {
    it('leaves ordinary text as it reads', () => {
      assert.equal(
        plainText('Vault contoso-dev (https://contoso-dev.vault.azure.net) answered 403.'),
        'Vault contoso-dev (https://contoso-dev.vault.azure.net) answered 403.',
      );
    });

    it('makes link syntax inert for notifications: no [label](target) pair survives', () => {
      for (const text of HOSTILE) {
        const out = plainText(text);
        assert.doesNotMatch(out, NOTIFICATION_LINK, text);
        assert.ok(!out.includes(']('), out);
      }
      // What reads the same is still there: the label and the target stay visible as text.
      assert.equal(plainText('[a](command:b)').replace(/\u200B/g, ''), '[a](command:b)');
    });

    it('makes icon syntax inert for quick picks and the status bar', () => {
      assert.ok(!plainText('x $(trash) y').includes('$('));
    });

    it('removes controls and bidi overrides; keeps line feeds; plainLine folds them', () => {
      assert.equal(plainText('a\u202Eb\u0007c\r\nd\re'), 'abc\nd\ne');
      assert.equal(plainLine('a\n\nb\tc'), 'a b c');
    });
  });

  describe('markdownText', () => {
    it('renders every hostile input as its own text: no link, image, HTML, heading or emphasis', () => {
      for (const text of HOSTILE) {
        const html = render(markdownText(text));
        assert.doesNotMatch(html, /<(a|img|h\d|strong|em|del|code|table|script)\b/i, `${text} -> ${html}`);
        assert.doesNotMatch(html, /<a\s|src=["']?https?:/i, html);
      }
    });

    it('shows the characters it escaped (the rendered text equals the input on one line)', () => {
      const text = 'a [b](command:c) <d> & `e` *f* 50% #1';
      const html = render(markdownText(text));
      const shown = html
        .replace(/<\/?p>/g, '')
        .trim()
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'");
      assert.equal(shown, text);
    });

    it('puts a multi-line value on one line (a blank line cannot start a new block)', () => {
      assert.ok(!markdownText('a\n\n# b').includes('\n'));
    });
  });

  describe('markdownCode', () => {
    it('keeps backtick runs, newlines and markup inside one code span', () => {
      for (const text of ['plain', 'a`b', '``x``', '` lead', 'trail `', 'x\n\n# y [z](command:w)', '<b>&amp;</b>']) {
        const html = render(markdownCode(text)).trim();
        const m = /^<p><code>([\s\S]*)<\/code><\/p>$/.exec(html);
        assert.ok(m, `${JSON.stringify(text)} -> ${html}`);
        assert.ok(!/<(a|img|h\d|b)\b/.test(m[1] ?? ''), html);
      }
    });

    it('shows the text verbatim inside the span', () => {
      const html = render(markdownCode('env=`prod`')).trim();
      assert.equal(html, '<p><code>env=`prod`</code></p>');
    });
  });
});

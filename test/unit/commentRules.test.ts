// Comments state the rule they mean, never the number of the issue that asked for it: a number tells the
// reader nothing once the tracker is gone. Checks the comments of src/ and media/.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The comment part of a line: after `//`, or a line of a block comment. */
function commentOf(line: string): string | undefined {
  const trimmed = line.trim();
  if (trimmed.startsWith('*') || trimmed.startsWith('/*')) return trimmed;
  const at = line.indexOf('// ');
  return at >= 0 ? line.slice(at) : undefined;
}

/** "issue 13", "Issue #7", "(#25)", "see #102": a tracker reference. */
const ISSUE_REFERENCE = /\b[Ii]ssues?\s+#?\d+|(^|[\s(])#\d+\b/;

function issueReferences(files: ReadonlyArray<{ name: string; text: string }>): string[] {
  const found: string[] = [];
  for (const { name, text } of files)
    text.split('\n').forEach((line, i) => {
      const comment = commentOf(line);
      if (comment !== undefined && ISSUE_REFERENCE.test(comment)) found.push(`${name}:${i + 1}: ${comment}`);
    });
  return found;
}

function sources(dir: string): Array<{ name: string; text: string }> {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ name: join(dir, f), text: readFileSync(join(ROOT, dir, f), 'utf8') }));
}

describe('comments state the rule, not an issue number', () => {
  it('no comment in src/ or media/ cites an issue number', () => {
    const files = [...sources('src'), ...sources('media')];
    assert.ok(files.length > 100);
    assert.deepEqual(issueReferences(files), []);
  });

  it('finds "issue 10 rule 2", "Issue #7" and "(#25)" in comments, not an HTML entity or a colour in code', () => {
    const found = issueReferences([
      {
        name: 'x.ts',
        text: [
          '// Trust (issue 10 rule 2): a workspace never picks a credential.',
          ' * as Issue #7 asked',
          'const a = 1; // fixed in (#25)',
          "const entity = '&#39;';",
          "const colour = '#112233';",
        ].join('\n'),
      },
    ]);
    assert.deepEqual(
      found.map((f) => f.split(':')[1]),
      ['1', '2', '3'],
    );
  });
});

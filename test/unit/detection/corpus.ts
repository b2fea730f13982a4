// The detection corpus (test/fixtures/detection/): cases separated by lines starting with "### ", each tagged with
// the rule expected (positives) or what the case is (negatives). Comment lines before the first case are skipped.
// A PEM label is written PRIVATE_KEY_LABEL in the files (so no file of the repository holds a private key block's
// header) and read back as the label it stands for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PEM_PRIVATE_KEY } from '../../harness/pemLabels';

export interface CorpusCase {
  readonly tag: string;
  readonly text: string;
}

export const CORPUS_DIR = join(__dirname, '..', '..', 'fixtures', 'detection');

export function readCorpus(file: 'positives.txt' | 'negatives.txt', dir = CORPUS_DIR): CorpusCase[] {
  const cases: CorpusCase[] = [];
  let current: { tag: string; lines: string[] } | undefined;
  for (const line of readFileSync(join(dir, file), 'utf8')
    .replaceAll('PRIVATE_KEY_LABEL', PEM_PRIVATE_KEY)
    .split('\n')) {
    if (line.startsWith('### ')) {
      if (current !== undefined) cases.push({ tag: current.tag, text: current.lines.join('\n') });
      current = { tag: line.slice(4).trim(), lines: [] };
    } else if (current !== undefined) current.lines.push(line);
  }
  if (current !== undefined) cases.push({ tag: current.tag, text: current.lines.join('\n').replace(/\n$/, '') });
  return cases;
}

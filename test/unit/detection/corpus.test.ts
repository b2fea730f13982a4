// Recall and false-positive rate of plain-text secret detection on the corpus of synthetic keys in each real
// format (positives) and ordinary configuration (negatives: placeholders, references, hashes, GUIDs, images, lock
// files). Prints both; fails below 95 % recall or above 2 % false positives.
import * as assert from 'node:assert/strict';
import { findSecrets } from '../../../src/shared/detection/findSecrets';
import { SECRET_RULES } from '../../../src/shared/detection/secretRules';
import { readCorpus } from './corpus';

const MIN_RECALL = 0.95;
const MAX_FALSE_POSITIVES = 0.02;

describe('plain-text secret detection: the corpus', () => {
  const positives = readCorpus('positives.txt');
  const negatives = readCorpus('negatives.txt');

  it('has at least 100 true positives over every rule and 100 true negatives', () => {
    assert.ok(positives.length >= 100, `${positives.length} positives`);
    assert.ok(negatives.length >= 100, `${negatives.length} negatives`);
    const rules = new Set(positives.map((c) => c.tag));
    assert.deepEqual(
      SECRET_RULES.filter((r) => !rules.has(r)),
      [],
      'every rule has positives',
    );
    assert.deepEqual(
      [...rules].filter((r) => !(SECRET_RULES as readonly string[]).includes(r)),
      [],
    );
  });

  it(`recall ≥ ${MIN_RECALL * 100} % (the expected rule found), false positives ≤ ${MAX_FALSE_POSITIVES * 100} %`, () => {
    const missed = positives.filter((c) => !findSecrets(c.text).some((d) => d.rule === c.tag));
    const flagged = negatives.filter((c) => findSecrets(c.text).length > 0);
    const recall = 1 - missed.length / positives.length;
    const falsePositives = flagged.length / negatives.length;
    console.log(
      `      detection corpus: recall ${(recall * 100).toFixed(1)} % (${positives.length - missed.length}/${positives.length}), false positives ${(falsePositives * 100).toFixed(1)} % (${flagged.length}/${negatives.length})`,
    );
    for (const c of missed) console.log(`      missed: ${c.tag}`);
    for (const c of flagged)
      console.log(
        `      flagged: ${c.tag} as ${findSecrets(c.text)
          .map((d) => d.rule)
          .join(', ')}`,
      );
    assert.ok(recall >= MIN_RECALL, `recall ${recall}`);
    assert.ok(falsePositives <= MAX_FALSE_POSITIVES, `false positives ${falsePositives}`);
  });
});

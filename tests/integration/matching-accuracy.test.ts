import { describe, expect, it } from 'vitest';
import { libraryDataRuntime } from '../support/local-api.ts';
import { loadOcrTypoLabels, scoreMatching } from '../support/ocr-typo-fixtures.ts';

describe('matching accuracy on label texts with OCR-style typos', () => {
  it('identifies at least 95% of ingredients and never matches one that is absent from the library', async () => {
    const labels = loadOcrTypoLabels();
    const { scanLabel } = await libraryDataRuntime();

    const score = await scoreMatching(scanLabel, labels);

    expect(labels.length).toBeGreaterThanOrEqual(30);
    expect(score.correct / score.ingredients, score.mistakes.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(score.falseMatches, score.mistakes.join('\n')).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { embedText, makeLocalEmbedder } from '../../lambdas/src/adapters/local-embedder.ts';

function cosine(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);
}

describe('the local n-gram embedder', () => {
  it('makes 1536-dimension unit vectors', () => {
    const vector = embedText('Sodium Polyacrylate');
    expect(vector).toHaveLength(1536);
    expect(cosine(vector, vector)).toBeCloseTo(1, 10);
  });

  it('is deterministic across calls', async () => {
    const embedder = makeLocalEmbedder();
    expect(await embedder.embed(['Glycerin', 'Talc'])).toEqual([embedText('Glycerin'), embedText('Talc')]);
  });

  it('ignores case, accents and punctuation', () => {
    expect(embedText('GLYCÉRINE!')).toEqual(embedText('glycerine'));
  });

  it('places a misreading closer to its word than to another ingredient', () => {
    const misread = embedText('Polypropylen');
    expect(cosine(misread, embedText('Polypropylene'))).toBeGreaterThan(0.7);
    expect(cosine(misread, embedText('Polyethylene'))).toBeLessThan(
      cosine(misread, embedText('Polypropylene')),
    );
    expect(cosine(embedText('Cotton'), embedText('Talc'))).toBeLessThan(0.3);
  });

  it('maps a text with no letters or digits to the zero vector instead of NaN', () => {
    expect(embedText('—').every((value) => value === 0)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { embedText } from '../../lambdas/src/adapters/local-embedder.ts';
import { vectorLiteral } from '../../lambdas/src/db/vector-literal.ts';
import { modelLikeVector } from '../support/model-vectors.ts';

function components(literal: string): string[] {
  expect(literal).toMatch(/^\[.*\]$/);
  return literal.slice(1, -1).split(',');
}

describe('vectorLiteral', () => {
  it('writes every component so that it reads back as the same float32', () => {
    const lost: string[] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const vector = modelLikeVector(seed);
      components(vectorLiteral(vector)).forEach((text, index) => {
        if (Math.fround(Number(text)) !== Math.fround(vector[index] as number)) lost.push(text);
      });
    }
    expect(lost).toEqual([]);
  });

  it('keeps a 1536-dimension unit vector under 18.5 KB (8 digits, no leading zero)', () => {
    const sizes = [1, 2, 3].map((seed) => vectorLiteral(modelLikeVector(seed)).length);

    for (const size of sizes) expect(size).toBeLessThan(18_500);
  });

  it('uses 9 significant digits only where 8 would change the float32', () => {
    const digits = components(vectorLiteral(modelLikeVector(7))).map(
      (text) =>
        text
          .replace(/^-?\.?0*/, '')
          .replace(/e.*$/, '')
          .replace('.', '').length,
    );

    expect(Math.max(...digits)).toBe(9);
    expect(digits.filter((count) => count === 9).length).toBeLessThan(digits.length * 0.03);
  });

  it('writes small numbers without their leading zero and round values without trailing zeros', () => {
    expect(vectorLiteral([0.5, -0.25, 0.1, 0, -0, 3, 12_345_678])).toBe('[.5,-.25,.1,0,0,3,12345678]');
  });

  it('writes the local embedder vectors, mostly zeros, as bare zeros', () => {
    const vector = embedText('Sodium Laureth Sulfate');
    const texts = components(vectorLiteral(vector));

    expect(texts).toHaveLength(1536);
    expect(texts.filter((text) => text === '0').length).toBe(vector.filter((value) => value === 0).length);
  });

  it('leaves NaN and infinities for pgvector to refuse rather than inventing a number', () => {
    expect(vectorLiteral([Number.NaN, Number.POSITIVE_INFINITY, 1e39])).toBe('[NaN,Infinity,Infinity]');
  });
});

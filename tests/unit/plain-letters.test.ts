import { describe, expect, it } from 'vitest';
import { normalizeName, plainLetters } from '../../lambdas/src/domain/label/text-form.ts';
import { listedIngredients } from '../../lambdas/src/use-cases/choose-reading.ts';

describe('plainLetters: styled letters and digits read as the plain ones', () => {
  it.each([
    ['mathematical bold', '𝐂𝐨𝐭𝐭𝐨𝐧', 'Cotton'],
    ['mathematical italic and double-struck', '𝐺𝑙𝑦𝑐𝑒𝑟𝑖𝑛 ℂ𝕠𝕥𝕥𝕠𝕟', 'Glycerin Cotton'],
    [
      'full-width letters, digits and punctuation',
      'Ｐｏｌｙｐｒｏｐｙｌｅｎｅ，ＣＩ ７７８９１（ｔｉｎｔ）',
      'Polypropylene,CI 77891(tint)',
    ],
    ['ligatures', 'ﬁbre, ﬂuoride, oﬀ', 'fibre, fluoride, off'],
    ['bold digits', 'Vitamin B𝟏𝟐', 'Vitamin B12'],
  ])('%s', (_kind, styled, plain) => {
    expect(plainLetters(styled)).toBe(plain);
  });

  it.each([
    // What the label readers rely on as printed: footnote markers, marks, units, fractions.
    ['footnote markers stay markers', 'Organic Cotton¹, Rayon²'],
    ['trade marks stay marks', 'TENCEL™ Lyocell'],
    ['the micro sign stays the micro sign (NFKC would make it a Greek mu)', '50 µg'],
    ['fractions, circled numbers and ordinals', '½ ① 1ª Nº'],
    ['accented letters and other scripts', 'Glycérine, Вода, 水, ß'],
  ])('keeps %s', (_kind, text) => {
    expect(plainLetters(text)).toBe(text);
  });

  it('reaches the names the scan reads: a footnoted name is still the plain name', () => {
    const { parsed } = listedIngredients('Ingredients: 𝐎𝐫𝐠𝐚𝐧𝐢𝐜 𝐂𝐨𝐭𝐭𝐨𝐧¹, Ｒａｙｏｎ', 'text');
    expect(parsed.map((ingredient) => normalizeName(ingredient.name))).toEqual(['organic cotton', 'rayon']);
  });

  it('reaches photo readings too', () => {
    const { parsed } = listedIngredients('INGREDIENTS: 𝐆𝐥𝐲𝐜𝐞𝐫𝐢𝐧, Ａｑｕａ', 'image');
    expect(parsed.map((ingredient) => ingredient.name)).toEqual(['Glycerin', 'Aqua']);
  });
});

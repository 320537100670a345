import { describe, expect, it } from 'vitest';
import { locateNames } from '../../lambdas/src/domain/locate-names.ts';
import type { Box, OcrWord } from '../../lambdas/src/domain/ports.ts';

/** Words laid out left to right on one line, 10 px per letter, 10 px apart. */
function line(text: string, y = 0): OcrWord[] {
  let x = 0;
  return text.split(' ').map((word) => {
    const bbox: Box = [x, y, word.length * 10, 20];
    x += word.length * 10 + 10;
    return { text: word, bbox };
  });
}

describe('locateNames: the box around the words each ingredient was read from', () => {
  it('boxes each name by its words, with punctuation and a heading around them', () => {
    const words = line('Ingredients: Aqua, Sodium Benzoate, Citric Acid.');
    expect(locateNames(['Aqua', 'Sodium Benzoate', 'Citric Acid'], words)).toEqual([
      [130, 0, 50, 20],
      [190, 0, 160, 20],
      [360, 0, 120, 20],
    ]);
  });

  it('takes the occurrence after the previous name when a word is printed twice', () => {
    const words = line('Glycerin, Water, Glycerin Stearate, Water');
    const [, , last] = locateNames(['Glycerin', 'Glycerin Stearate', 'Water'], words);
    expect(last).toEqual([360, 0, 50, 20]);
  });

  it('joins a name hyphenated across two lines into one box, and allows one misread letter', () => {
    const words = [...line('Hydroxy-', 0), ...line('ethylcellulose, Panthenol', 30)];
    expect(locateNames(['Hydroxyethylcellulose', 'Panthen0l'], words)).toEqual([
      [0, 0, 150, 50],
      [160, 30, 90, 20],
    ]);
  });

  it('gives no box to a name its words do not spell, nor to a short name one letter off', () => {
    expect(locateNames(['Talc', 'Zinc'], line('Tale, Kaolin'))).toEqual([undefined, undefined]);
  });
});

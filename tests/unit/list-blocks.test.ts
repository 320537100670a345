import { describe, expect, it } from 'vitest';
import { findListBlock } from '../../lambdas/src/domain/label/list-blocks.ts';
import { readLabel } from '../../lambdas/src/domain/label/read-label.ts';

// Shapes written for these tests after reviews and product pages that print a list with no heading.

const names = (text: string) => readLabel(text).ingredients.map((ingredient) => ingredient.name);

describe('findListBlock', () => {
  it('finds the paragraph whose names look like substances', () => {
    const text = 'A review of a moisturiser.\n\n• Water\n• Propanediol\n• PEG-20\n• Lactic Acid\n• Glycogen';
    expect(findListBlock(text)?.ingredients.map(({ name }) => name)).toEqual([
      'Water',
      'Propanediol',
      'PEG-20',
      'Lactic Acid',
      'Glycogen',
    ]);
  });

  it('finds no list in bullets of features, sizes or times to wear', () => {
    expect(
      findListBlock(
        'Recommended time to wear:\n– During sleep\n– Long distance journey\n– Postpartum periods',
      ),
    ).toBeNull();
    expect(
      findListBlock('Sizes:\n• Size 1 for light flow\n• Size 2 for heavy flow\n• Size 3 for teens'),
    ).toBeNull();
  });
});

describe('readLabel: a list under paragraphs, with no heading', () => {
  it('reads it without the descriptions a reviewer put in parentheses, and never as surely whole', () => {
    const review = [
      'Review: a vaginal moisturiser',
      '',
      'Many women are happy with this product, however some report burning after application.',
      '',
      '• Water',
      '• Propanediol (a chemical used to make things into a gel, pH acidifier)',
      '• Simmondsia chinensis (Jojoba) Seed Oil (fungicide, easily absorbed by skin)',
      '• PEG-150 Distearate (thickening agent, emulsifier)',
      '• Lactic Acid',
    ].join('\n');
    const reading = readLabel(review);
    expect(reading.ingredients.map(({ name }) => name)).toEqual([
      'Water',
      'Propanediol',
      'Simmondsia chinensis Seed Oil',
      'PEG-150 Distearate',
      'Lactic Acid',
    ]);
    expect(reading.incomplete).toBe(true);
  });

  it('still reads what a parenthesis lists after "Contains:"', () => {
    expect(names('Inactive ingredients: glycerin, FORLAN-L (Contains: petrolatum, lanolin), water')).toEqual([
      'glycerin',
      'FORLAN-L',
      'petrolatum',
      'lanolin',
      'water',
    ]);
  });
});

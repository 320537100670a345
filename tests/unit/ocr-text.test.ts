import { describe, expect, it } from 'vitest';
import { repairOcrText } from '../../lambdas/src/domain/ocr-text.ts';

describe('repairOcrText', () => {
  it.each([
    ['Pheny!ethyl Alcohol', 'Phenylethyl Alcohol'],
    ['Sodium Lauroy| Sulfate, Glycerin', 'Sodium Lauroyl Sulfate, Glycerin'],
    ['Hydroxypropy| Methylcellulose', 'Hydroxypropyl Methylcellulose'],
    ['Cetyl Alcoho|.', 'Cetyl Alcohol.'],
    ['Sodium Lactate (£325)', 'Sodium Lactate (E325)'],
    ['Ingredieots: Cotton, Rayon', 'Ingredients: Cotton, Rayon'],
    ['MGREDHENTS: Cotton', 'INGREDIENTS: Cotton'],
    [
      'Cotton, Zinc Pyrithione. Warming: Keep out of reach',
      'Cotton, Zinc Pyrithione. Warning: Keep out of reach',
    ],
    ['Materlals; Cotton', 'Materials; Cotton'],
    [
      'Ingredients: Aqua, Disodium Laureth Sulfosuccinate, Quaternized\n\nHydroxyethylcellulose, GDL, Panthenol.',
      'Ingredients: Aqua, Disodium Laureth Sulfosuccinate, Quaternized\nHydroxyethylcellulose, GDL, Panthenol.',
    ],
  ])('repairs %j', (read, repaired) => {
    expect(repairOcrText(read)).toBe(repaired);
  });

  it.each([
    'Cotton | Rayon | Polyester',
    'Warning! Keep out of reach.',
    'Price £3.50',
    'Glycerin: 5%',
    'Topsheet: Polypropylene',
    'Ingredients: Cotton',
    'Ingredients: Aqua, Glycerin.\n\nDermatologically tested, vegan.',
    'Ingredients: Aqua, Glycerin\n\nDirections: apply daily, then rinse.',
    'Ingredients: Aqua, Glycerin\n\nFor external use only',
  ])(
    'leaves separators, exclamations, prices, labels, correct headings and paragraphs after a list alone: %j',
    (text) => {
      expect(repairOcrText(text)).toBe(text);
    },
  );
});

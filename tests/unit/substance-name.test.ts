import { describe, expect, it } from 'vitest';
import { plainSubstanceName, withPlainNames } from '../../lambdas/src/domain/substance-name.ts';

describe('plainSubstanceName', () => {
  it.each([
    // Pharmacopoeia marks
    ['purified water USP', 'purified water'],
    ['Sorbic Acid NF', 'Sorbic Acid'],
    ['Sorbitol Solution', 'Sorbitol'],
    ['Lactic Acid Solution 90%', 'Lactic Acid'],
    ['glycerin USP/NF', 'glycerin'],
    ['White Petrolatum USP', 'White Petrolatum'],
    ['Water (USP)', 'Water'],
    ['Cetearyl Alcohol Ph. Eur.', 'Cetearyl Alcohol'],
    // Homeopathic potencies
    ['Calendula officinalis 3X', 'Calendula officinalis'],
    ['Acidum boricum 6X HPUS', 'Acidum boricum'],
    ['Natrum Muriaticum 30C', 'Natrum Muriaticum'],
    ['Sepia 200CK HPUS', 'Sepia'],
    // Water of crystallisation
    ['Citric Acid Monohydrate', 'Citric Acid'],
    ['Anhydrous Citric Acid', 'Citric Acid'],
    ['Citric Acid, Anhydrous', 'Citric Acid'],
    ['Sodium Citrate Dihydrate', 'Sodium Citrate'],
    ['Edetate Disodium Anhydrous', 'Edetate Disodium'],
    ['Lactose Monohydrate NF', 'Lactose'],
    // FDA substance register
    ['Lactic Acid, Unspecified Form', 'Lactic Acid'],
  ])('reads "%s" as "%s"', (printed, plain) => {
    expect(plainSubstanceName(printed)).toBe(plain);
  });

  it.each([
    'Glycerin',
    'Carbomer 934P',
    'Polysorbate 80',
    'Steareth-2',
    'Nylon 6',
    'Vitamin D3',
    'Hydrated Silica',
    'CI 77891',
    'USP',
  ])('leaves "%s" alone: grades, numbers and names are not marks', (printed) => {
    expect(plainSubstanceName(printed)).toBeNull();
  });
});

describe('withPlainNames', () => {
  it('adds the plain forms as further names and keeps the printed name and fields', () => {
    const ingredient = {
      name: 'Citric Acid Monohydrate',
      position: 3,
      alternatives: ['E330 USP'],
      role: 'x',
    };

    expect(withPlainNames(ingredient)).toEqual({
      name: 'Citric Acid Monohydrate',
      position: 3,
      alternatives: ['E330 USP', 'Citric Acid', 'E330'],
      role: 'x',
    });
  });

  it('spells out a salt abbreviation ("Pramoxine HCl USP" is also looked up as Pramoxine Hydrochloride)', () => {
    const ingredient = { name: 'Pramoxine HCl USP', position: 1, alternatives: [] };

    expect(withPlainNames(ingredient).alternatives).toEqual([
      'Pramoxine Hydrochloride USP',
      'Pramoxine Hydrochloride',
      'Pramoxine HCl',
    ]);
  });

  it('returns an ingredient without marks unchanged', () => {
    const ingredient = { name: 'Glycerin', position: 1, alternatives: [] };

    expect(withPlainNames(ingredient)).toBe(ingredient);
  });
});

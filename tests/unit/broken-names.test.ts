import { describe, expect, it } from 'vitest';
import type { LabelIngredient } from '../../lambdas/src/domain/label/read-label.ts';
import { joinBrokenNames } from '../../lambdas/src/use-cases/broken-names.ts';
import { listOf, nameLibrary } from '../support/name-library.ts';

const KNOWN = ['PEG-40 Hydrogenated Castor Oil', 'Water', 'Lactobacillus Rhamnosus'];

describe('joinBrokenNames: a name a line break cut in two', () => {
  it('joins two unknown neighbours whose words name a known ingredient, and numbers the list again', async () => {
    const { matchByName, isKnown } = nameLibrary(KNOWN);

    const { ingredients } = await joinBrokenNames(
      listOf('Water', 'PEG-40', 'Hydrogenated Castor Oil', 'Xq Zzv'),
      isKnown,
      matchByName,
    );

    expect(ingredients.map((item) => [item.position, item.name])).toEqual([
      [1, 'Water'],
      [2, 'PEG-40 Hydrogenated Castor Oil'],
      [3, 'Xq Zzv'],
    ]);
  });

  it('leaves neighbours apart when one is known, their join is unknown, or their roles differ', async () => {
    const { asked, matchByName, isKnown } = nameLibrary(KNOWN);
    const list: LabelIngredient[] = [
      ...listOf('Water', 'Lactobacillus', 'Qqrt'),
      { name: 'Lactobacillus', position: 4, alternatives: [], role: 'active' },
      { name: 'Rhamnosus', position: 5, alternatives: [], role: 'inactive' },
    ];

    const { ingredients } = await joinBrokenNames(list, isKnown, matchByName);

    expect(ingredients).toEqual(list);
    expect(asked.flat()).not.toContain('Water Lactobacillus');
    expect(asked.flat()).not.toContain('Lactobacillus Rhamnosus');
  });

  it('asks the library nothing when no unknown name follows another', async () => {
    const { asked, matchByName, isKnown } = nameLibrary(KNOWN);

    await joinBrokenNames(listOf('PEG-40', 'Water', 'Qq rt'), isKnown, matchByName);

    expect(asked).toEqual([]);
  });
});

describe('joinBrokenNames: a USP name whose qualifier the comma cut off', () => {
  it('joins "Sodium Phosphate" and "Tribasic" when the library has "Sodium Phosphate, Tribasic" as printed', async () => {
    const { matchByName, isKnown } = nameLibrary([
      ...KNOWN,
      'Sodium Phosphate',
      'Sodium Phosphate, Tribasic',
    ]);

    const { ingredients } = await joinBrokenNames(
      listOf('Water', 'Sodium Phosphate', 'Tribasic', 'Qqrt'),
      isKnown,
      matchByName,
    );

    expect(ingredients.map((item) => item.name)).toEqual(['Water', 'Sodium Phosphate, Tribasic', 'Qqrt']);
  });

  it('joins nothing the library does not have under that very name', async () => {
    const { matchByName, isKnown } = nameLibrary([...KNOWN, 'Mineral Oil']);
    const list = listOf('Mineral Oil', 'Light', 'Water');

    const { ingredients } = await joinBrokenNames(list, isKnown, matchByName);

    expect(ingredients).toEqual(list);
  });
});

import { describe, expect, it } from 'vitest';
import type { LabelIngredient } from '../../lambdas/src/domain/label/read-label.ts';
import { splitRunOnNames } from '../../lambdas/src/use-cases/run-on-names.ts';
import { listOf, nameLibrary } from '../support/name-library.ts';

const KNOWN = [
  'Allantoin',
  'Cocamidopropyl Betaine',
  'Sorbitol',
  'Fragrance',
  'Water',
  'Sodium Lauryl Sulfate',
];

describe('splitRunOnNames: names a lost comma ran together', () => {
  it('cuts an unknown name into two known ones and numbers the list again', async () => {
    const { matchByName, isKnown } = nameLibrary(KNOWN);

    const { ingredients, matches } = await splitRunOnNames(
      listOf('Water', 'Allantoin Cocamidopropyl Betaine', 'Sorbitol'),
      isKnown,
      matchByName,
    );

    expect(ingredients.map((item) => [item.position, item.name])).toEqual([
      [1, 'Water'],
      [2, 'Allantoin'],
      [3, 'Cocamidopropyl Betaine'],
      [4, 'Sorbitol'],
    ]);
    expect([...matches.keys()]).toEqual(expect.arrayContaining(['Allantoin', 'Cocamidopropyl Betaine']));
  });

  it('leaves a name whole when only one part is known, or the name is known, or it prints alternatives', async () => {
    const { asked, matchByName, isKnown } = nameLibrary(KNOWN);
    const list = [
      ...listOf('Sorbitol Glycereth', 'Sodium Lauryl Sulfate'),
      { name: 'Sorbitol Fragrance', position: 3, alternatives: ['Parfum'], role: 'ingredient' as const },
    ];

    const { ingredients } = await splitRunOnNames(list, isKnown, matchByName);

    expect(ingredients).toEqual(list);
    expect(asked.flat()).not.toContain('Sodium');
    expect(asked.flat()).not.toContain('Fragrance');
  });

  it('keeps an active’s strength and purpose with the name printed before them', async () => {
    const { matchByName, isKnown } = nameLibrary(KNOWN);
    const active: LabelIngredient = {
      name: 'Sorbitol Fragrance',
      position: 1,
      alternatives: [],
      role: 'active',
      strength: '2%',
      purpose: 'Humectant',
    };

    const { ingredients } = await splitRunOnNames([active], isKnown, matchByName);

    expect(ingredients).toEqual([
      { name: 'Sorbitol', position: 1, alternatives: [], role: 'active' },
      {
        name: 'Fragrance',
        position: 2,
        alternatives: [],
        role: 'active',
        strength: '2%',
        purpose: 'Humectant',
      },
    ]);
  });

  it('asks the library nothing when every name is known', async () => {
    const { asked, matchByName, isKnown } = nameLibrary(KNOWN);

    await splitRunOnNames(listOf('Water', 'Sorbitol'), isKnown, matchByName);

    expect(asked).toEqual([]);
  });
});

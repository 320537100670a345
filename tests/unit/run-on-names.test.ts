import { describe, expect, it } from 'vitest';
import type { LabelIngredient } from '../../lambdas/src/domain/label/read-label.ts';
import type { IngredientMatch } from '../../lambdas/src/domain/types.ts';
import { splitRunOnNames } from '../../lambdas/src/use-cases/run-on-names.ts';

const KNOWN = [
  'Allantoin',
  'Cocamidopropyl Betaine',
  'Sorbitol',
  'Fragrance',
  'Water',
  'Sodium Lauryl Sulfate',
];
const entry = (name: string): IngredientMatch => ({
  id: KNOWN.indexOf(name) + 1,
  name,
  aliases: [],
  category: 'other',
  risk_level: 'low',
  description: `${name}.`,
  similarity: 1,
  method: 'exact',
});

/** A library of KNOWN, and the names it was asked for. */
function library() {
  const asked: string[][] = [];
  const matchByName = async (names: readonly string[]) => {
    asked.push([...names]);
    return names.map((name) => {
      const known = KNOWN.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
      return known ? entry(known) : null;
    });
  };
  return { asked, matchByName };
}

const listOf = (...names: string[]): LabelIngredient[] =>
  names.map((name, index) => ({ name, position: index + 1, alternatives: [], role: 'ingredient' }));
const isKnown = (ingredient: LabelIngredient) => KNOWN.includes(ingredient.name);

describe('splitRunOnNames: names a lost comma ran together', () => {
  it('cuts an unknown name into two known ones and numbers the list again', async () => {
    const { matchByName } = library();

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
    const { asked, matchByName } = library();
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
    const { matchByName } = library();
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
    const { asked, matchByName } = library();

    await splitRunOnNames(listOf('Water', 'Sorbitol'), isKnown, matchByName);

    expect(asked).toEqual([]);
  });
});

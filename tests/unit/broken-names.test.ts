import { describe, expect, it } from 'vitest';
import type { LabelIngredient } from '../../lambdas/src/domain/label/read-label.ts';
import type { IngredientMatch } from '../../lambdas/src/domain/types.ts';
import { joinBrokenNames } from '../../lambdas/src/use-cases/broken-names.ts';

const KNOWN = ['PEG-40 Hydrogenated Castor Oil', 'Water', 'Lactobacillus Rhamnosus'];
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

describe('joinBrokenNames: a name a line break cut in two', () => {
  it('joins two unknown neighbours whose words name a known ingredient, and numbers the list again', async () => {
    const { matchByName } = library();

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
    const { asked, matchByName } = library();
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

  it('asks the library nothing when no two unknown names stand together', async () => {
    const { asked, matchByName } = library();

    await joinBrokenNames(listOf('PEG-40', 'Water', 'Qqrt'), isKnown, matchByName);

    expect(asked).toEqual([]);
  });
});

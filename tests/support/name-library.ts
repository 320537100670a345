import type { LabelIngredient } from '../../lambdas/src/domain/label/read-label.ts';
import type { IngredientMatch } from '../../lambdas/src/domain/types.ts';

/** A library of the `known` names (exact matches only), and every batch of names it was asked for. */
export function nameLibrary(known: readonly string[]) {
  const asked: string[][] = [];
  const entry = (name: string): IngredientMatch => ({
    id: known.indexOf(name) + 1,
    name,
    aliases: [],
    category: 'other',
    risk_level: 'low',
    description: `${name}.`,
    sources: [],
    similarity: 1,
    method: 'exact',
  });
  const matchByName = async (names: readonly string[]) => {
    asked.push([...names]);
    return names.map((name) => {
      const found = known.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
      return found ? entry(found) : null;
    });
  };
  const isKnown = (ingredient: LabelIngredient) => known.includes(ingredient.name);
  return { asked, matchByName, isKnown };
}

/** A label's list of plain ingredients, numbered from 1. */
export const listOf = (...names: string[]): LabelIngredient[] =>
  names.map((name, index) => ({ name, position: index + 1, alternatives: [], role: 'ingredient' }));

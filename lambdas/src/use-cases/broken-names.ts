import type { LabelIngredient } from '../domain/label/read-label.ts';
import type { IngredientMatch } from '../domain/types.ts';
import type { MatchByName } from './run-on-names.ts';

/** Joined names longer than this are not tried: a line break cuts one name, rarely a long one. */
const MAX_WORDS = 8;

/**
 * Joins names that a line break cut in two ("PEG-40" / "Hydrogenated Castor Oil"): two neighbouring
 * ingredients of one role that the library does not know, printed without alternatives, whose words
 * together name one it does know. Pairs are taken left to right; the list is numbered again.
 * @returns the list (the same ingredients when nothing was joined) and the matches of the joined names.
 */
export async function joinBrokenNames(
  ingredients: readonly LabelIngredient[],
  identified: (ingredient: LabelIngredient) => boolean,
  matchByName: MatchByName,
): Promise<{ ingredients: LabelIngredient[]; matches: Map<string, IngredientMatch> }> {
  const unknown = (ingredient: LabelIngredient | undefined): ingredient is LabelIngredient =>
    ingredient !== undefined && ingredient.alternatives.length === 0 && !identified(ingredient);
  const joins = new Map<number, string>();
  ingredients.forEach((first, index) => {
    const second = ingredients[index + 1];
    if (!unknown(first) || !unknown(second) || first.role !== second.role) return;
    const joined = `${first.name} ${second.name}`;
    if (joined.split(/\s+/).length <= MAX_WORDS) joins.set(index, joined);
  });
  const matches = new Map<string, IngredientMatch>();
  if (joins.size === 0) return { ingredients: [...ingredients], matches };
  const names = [...new Set(joins.values())];
  const found = await matchByName(names);
  names.forEach((name, index) => {
    const match = found[index];
    if (match) matches.set(name, match);
  });

  const result: LabelIngredient[] = [];
  for (let index = 0; index < ingredients.length; index++) {
    const ingredient = ingredients[index] as LabelIngredient;
    const joined = joins.get(index);
    if (joined !== undefined && matches.has(joined)) {
      // The second part carries what was printed after the name (a strength, a purpose).
      result.push({ ...(ingredients[index + 1] as LabelIngredient), name: joined });
      index++;
    } else {
      result.push(ingredient);
    }
  }
  return {
    ingredients: result.map((ingredient, index) => ({ ...ingredient, position: index + 1 })),
    matches,
  };
}

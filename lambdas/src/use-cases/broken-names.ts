import type { LabelIngredient } from '../domain/label/read-label.ts';
import type { IngredientMatch } from '../domain/types.ts';
import type { MatchByName } from './run-on-names.ts';

/** Joined names longer than this are not tried: a line break cuts one name, rarely a long one. */
const MAX_WORDS = 8;

/**
 * Joins names that a line break cut in two ("PEG-40" / "Hydrogenated Castor Oil"): two neighbouring
 * ingredients of one role that the library does not know, printed without alternatives, whose words
 * together name one it does know; and a USP name whose qualifier the list's comma cut off ("Sodium
 * Phosphate" / "Tribasic"), when the library has the whole name as printed. Pairs are taken left to right; the list is numbered again.
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
  /** "Sodium Phosphate, Tribasic": a USP name that puts its qualifier after a comma, cut there by the list. */
  const qualified = new Map<number, string>();
  ingredients.forEach((first, index) => {
    const second = ingredients[index + 1];
    if (!unknown(second) || first.role !== second.role) return;
    if (first.alternatives.length === 0 && /^\p{L}+$/u.test(second.name)) {
      qualified.set(index, `${first.name}, ${second.name}`);
    }
    if (!unknown(first)) return;
    const joined = `${first.name} ${second.name}`;
    if (joined.split(/\s+/).length <= MAX_WORDS) joins.set(index, joined);
  });
  const matches = new Map<string, IngredientMatch>();
  if (joins.size === 0 && qualified.size === 0) return { ingredients: [...ingredients], matches };
  const names = [...new Set([...joins.values(), ...qualified.values()])];
  const found = await matchByName(names);
  const isQualified = new Set(qualified.values());
  names.forEach((name, index) => {
    const match = found[index];
    // A qualifier joined on counts only as the library's own name for it, never a close spelling.
    if (match && (!isQualified.has(name) || match.method === 'exact' || match.method === 'alias')) {
      matches.set(name, match);
    }
  });

  const result: LabelIngredient[] = [];
  for (let index = 0; index < ingredients.length; index++) {
    const ingredient = ingredients[index] as LabelIngredient;
    const joined = [qualified.get(index), joins.get(index)].find(
      (name) => name !== undefined && matches.has(name),
    );
    if (joined !== undefined) {
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

import type { LabelIngredient } from '../domain/label/read-label.ts';
import type { IngredientMatch } from '../domain/types.ts';

/** Names of more words are left whole: a lost comma joins two names, rarely more. */
const MAX_WORDS = 8;

/** Looks names up in the library by name, alias or close spelling; null where none is accepted. */
export type MatchByName = (names: readonly string[]) => Promise<ReadonlyArray<IngredientMatch | null>>;

/**
 * Splits names that a lost comma ran together ("Allantoin CAPB", "Sorbitol Fragrance"): an ingredient the
 * library does not know, printed without alternatives, whose words cut in two read as two names it does
 * know. OCR drops commas on noisy and light-on-dark print, and some labels print none. A name is cut only
 * when both halves are identified, at the first such cut; the list is numbered again.
 * @returns the list (the same ingredients when nothing was split) and the matches of the halves, by name.
 */
export async function splitRunOnNames(
  ingredients: readonly LabelIngredient[],
  identified: (ingredient: LabelIngredient) => boolean,
  matchByName: MatchByName,
): Promise<{ ingredients: LabelIngredient[]; matches: Map<string, IngredientMatch> }> {
  const cutsOf = new Map<LabelIngredient, Array<[string, string]>>();
  for (const ingredient of ingredients) {
    if (ingredient.alternatives.length > 0 || identified(ingredient)) continue;
    const cuts = cutsOfName(ingredient.name);
    if (cuts.length > 0) cutsOf.set(ingredient, cuts);
  }
  const names = [...new Set([...cutsOf.values()].flat(2))];
  const matches = new Map<string, IngredientMatch>();
  if (names.length === 0) return { ingredients: [...ingredients], matches };
  const found = await matchByName(names);
  names.forEach((name, index) => {
    const match = found[index];
    if (match) matches.set(name, match);
  });

  const split = ingredients.flatMap((ingredient): LabelIngredient[] => {
    const cut = cutsOf.get(ingredient)?.find((halves) => halves.every((half) => matches.has(half)));
    if (!cut) return [ingredient];
    // A strength or purpose was printed after the second name.
    const { strength: _strength, purpose: _purpose, ...first } = ingredient;
    return [
      { ...first, name: cut[0] },
      { ...ingredient, name: cut[1] },
    ];
  });
  return {
    ingredients: split.map((ingredient, index) => ({ ...ingredient, position: index + 1 })),
    matches,
  };
}

/** Every way to cut a name of two to eight words in two, at a space. */
function cutsOfName(name: string): Array<[string, string]> {
  const words = name.trim().split(/\s+/);
  if (words.length < 2 || words.length > MAX_WORDS) return [];
  return words
    .slice(1)
    .map((_, index) => [words.slice(0, index + 1).join(' '), words.slice(index + 1).join(' ')]);
}

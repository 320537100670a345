import { type SplitSection, splitSection } from './list-items.ts';
import { looksLikeSubstance } from './substance-words.ts';

/**
 * A list printed without any heading after other text — a review's bulleted list under its paragraphs, a
 * product page's list after its description — told apart from lists of features or directions by what its
 * names look like: the endings and words of chemical, botanical and material names.
 */

/** Fewest names a block must hold, and the share of them that must look like substances. */
const MIN_NAMES = 3;
const MIN_SUBSTANCE_SHARE = 0.6;

/**
 * The paragraph of `text` that reads best as an ingredient list (most names, most of them looking like
 * substances), split into its names; null when none does.
 */
export function findListBlock(text: string): SplitSection | null {
  let best: SplitSection | null = null;
  for (const paragraph of text.split(/\n{2,}/u)) {
    const read = splitSection(paragraph);
    const names = read.ingredients.map((ingredient) => ingredient.name);
    const substances = names.filter(looksLikeSubstance).length;
    const isList = names.length >= MIN_NAMES && substances >= MIN_SUBSTANCE_SHARE * names.length;
    if (isList && names.length > (best?.ingredients.length ?? 0)) best = read;
  }
  return best;
}

import { type SplitSection, splitSection } from './list-items.ts';

/**
 * A list printed without any heading after other text — a review's bulleted list under its paragraphs, a
 * product page's list after its description — told apart from lists of features or directions by what its
 * names look like: the endings and words of chemical, botanical and material names.
 */

/** Endings and words of substance names ("Propanediol", "Lactoferrin", "Mannose", "PEG-20", "Seed Oil"). */
const SUBSTANCE_WORD =
  /^(?:\p{L}{2,}(?:ate|ide|ite|ol|ols|ine|in|one|ene|ane|yl|ose|ic|ium|gen|ase|zyme|ester|amide|oxane|cone)|water|aqua|oil|wax|extract|acid|gum|butter|juice|glycol|glycerin|cellulose|starch|peg|ppg|ci|fragrance|parfum)$/iu;

/** A member of a numbered series ("PEG-20", "C12-15", "PPG-5"); never a size or a count ("Size 1"). */
const NUMBERED_SERIES = /^\p{Lu}{1,4}-?\d{1,4}(?:-\d{1,3})?$/u;

/** Fewest names a block must hold, and the share of them that must look like substances. */
const MIN_NAMES = 3;
const MIN_SUBSTANCE_SHARE = 0.6;

/** Whether a name has a word that looks like a substance's. */
function looksLikeSubstance(name: string): boolean {
  return name.split(/[\s()/,]+/u).some((word) => NUMBERED_SERIES.test(word) || SUBSTANCE_WORD.test(word));
}

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

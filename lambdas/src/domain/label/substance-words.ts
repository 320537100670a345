/** What substance names look like, as evidence that a run of names is an ingredient list. */

/** Endings and words of substance names ("Propanediol", "Lactoferrin", "Mannose", "PEG-20", "Seed Oil"). */
const SUBSTANCE_WORD =
  /^(?:\p{L}{2,}(?:ate|ide|ite|ol|ols|ine|in|one|ene|ane|yl|ose|ic|ium|gen|ase|zyme|ester|amide|oxane|cone)|water|aqua|oil|wax|extract|acid|gum|butter|juice|glycol|glycerin|cellulose|starch|peg|ppg|ci|fragrance|parfum)$/iu;

/** A member of a numbered series ("PEG-20", "C12-15", "PPG-5"); never a size or a count ("Size 1"). */
const NUMBERED_SERIES = /^\p{Lu}{1,4}-?\d{1,4}(?:-\d{1,3})?$/u;

/** Whether a name has a word that looks like a substance's. */
export function looksLikeSubstance(name: string): boolean {
  return name.split(/[\s()/,]+/u).some((word) => NUMBERED_SERIES.test(word) || SUBSTANCE_WORD.test(word));
}

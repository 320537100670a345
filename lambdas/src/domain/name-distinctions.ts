import { editDistance } from './edit-distance.ts';
import { normalizeName } from './label/text-form.ts';
import type { IngredientMatch } from './types.ts';

/**
 * What tells two near-identical names apart as different ingredients:
 * - `counted_prefix`: mono-/di-/tri-/tetra-… on the same word (Dipropylene vs Propylene Glycol, Disodium vs
 *   Tetrasodium EDTA, Cocamide MEA vs DEA); "mono" and no prefix are the same (Glyceryl Monostearate);
 * - `number`: the numbers after a name (Polysorbate 20 vs 80, Steareth-2 vs -21, CI 77491 vs 77891) or its
 *   locants when both print them (1,2- vs 1,3-Propanediol);
 * - `vitamin`: the vitamin's letter (Vitamin E vs A, B3 vs B5);
 * - `isomer`: iso-, neo-, tert-, cyclo- on the same word (Isobutane vs Butane); "n-" is no prefix;
 * - `salt_or_ester`: another cation, anion or alkyl group, or one that only one name has (Sodium Acetate vs
 *   Lactate, Sodium vs Potassium Chloride, Methylparaben vs Ethylparaben, Tocopherol vs Tocopheryl Acetate,
 *   Laureth vs Lauryl, Butylene vs Pentylene Glycol);
 * - `plant_part_or_form`: the part of a plant or the form it is made into (Seed Oil vs Seed Wax, Leaf vs Root
 *   Extract, Flower Water vs Flower Extract);
 * - `drug_stem`: two drugs of one family, named by the family's stem after a different prefix (Econazole vs
 *   Miconazole, Lidocaine vs Dibucaine, Prednisolone vs Methylprednisolone).
 */
export type Distinction =
  | 'counted_prefix'
  | 'number'
  | 'vitamin'
  | 'isomer'
  | 'salt_or_ester'
  | 'plant_part_or_form'
  | 'drug_stem';

/**
 * The match as the store gave it, or null when a `fuzzy` or `semantic` match crossed a {@link Distinction}
 * between the name looked up and the entry's name or alias nearest to it in spelling (the one the match
 * most likely went through). Exact and alias matches are never second-guessed: an alias is a reviewed
 * statement that two names mean one substance.
 */
export function acceptMatch(query: string, match: IngredientMatch | null): IngredientMatch | null {
  if (match === null || match.method === 'exact' || match.method === 'alias') return match;
  const term = nearestTerm(query, [match.name, ...match.aliases]);
  return distinctionBetween(query, term) === null ? match : null;
}

/** The term spelled most like `query` (edit distance over length, on plain and OCR-folded forms). */
export function nearestTerm(query: string, terms: readonly string[]): string {
  const plain = normalizeName(query);
  let best = terms[0] ?? '';
  let bestScore = Number.POSITIVE_INFINITY;
  for (const term of terms) {
    const termPlain = normalizeName(term);
    const score = distance(plain, termPlain) / Math.max(1, plain.length, termPlain.length);
    if (score < bestScore) {
      best = term;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The first feature by which `query` and `candidate` name different ingredients, or null when they may be
 * one name spelled or misread differently ("Glycerln", "Polysorbate 2O", "Hydroxypropylmethylcellulose") or
 * a grade of it ("Carbomer 934P" for Carbomer: a number after a word of a candidate that has no number).
 */
export function distinctionBetween(query: string, candidate: string): Distinction | null {
  const q = analyse(query);
  const c = analyse(candidate);
  if (q.vitamins.length > 0 && c.vitamins.length > 0 && !sameList(q.vitamins, c.vitamins)) return 'vitamin';
  if (numbersDiffer(q, c)) return 'number';
  if (plantWordsDiffer(q.words, c.words)) return 'plant_part_or_form';
  if (drugStemsDiffer(q.words, c.words)) return 'drug_stem';
  return wordsDiffer(q.words, c.words);
}

const words = (list: string): readonly string[] => list.trim().split(/\s+/);

const MULTIPLIERS: readonly (readonly [string, number])[] = [
  ['tetrakis', 4],
  ['sesqui', 1.5],
  ['tetra', 4],
  ['penta', 5],
  ['hexa', 6],
  ['hepta', 7],
  ['octa', 8],
  ['nona', 9],
  ['deca', 10],
  ['mono', 1],
  ['tris', 3],
  ['tri', 3],
  ['bis', 2],
  ['di', 2],
];
const MULTIPLIER_COUNT = new Map(MULTIPLIERS);
const ISOMERS = words('iso neo tert cyclo');
/** Ethanolamine salts and amides, named by how many ethanol groups they carry. */
const ETHANOLAMINES = new Map([
  ['ea', 1],
  ['mea', 1],
  ['dea', 2],
  ['tea', 3],
]);

// Closed lists: two different words of them are two substances however alike they look, and one only a
// name has makes it another salt, ester or chain.
const CATIONS = words(`
  sodium potassium calcium magnesium ammonium zinc aluminum aluminium lithium silver copper cupric iron
  ferric ferrous manganese barium strontium titanium bismuth stannous`);
const ANIONS = words(`
  acetate lactate citrate chloride bromide iodide fluoride sulfate sulphate sulfite sulphite bisulfite
  metabisulfite thiosulfate sulfonate sulfosuccinate phosphate pyrophosphate nitrate nitrite carbonate
  bicarbonate hydroxide oxide peroxide hypochlorite chlorite benzoate sorbate gluconate stearate isostearate
  palmitate myristate laurate oleate cocoate olivate caprylate caprate behenate tartrate malate succinate
  salicylate ascorbate hyaluronate borate silicate glutamate aspartate propionate formate edetate
  hydrochloride hydrobromide maleate fumarate mesylate tosylate phthalate adipate sebacate isethionate
  sarcosinate taurate methosulfate lactylate phytate alginate polyacrylate acrylate glycinate undecylenate
  dehydroacetate levulinate anisate valerate butyrate furoate acetonide pca
  acetato lactato citrato cloruro cloreto fosfato sulfato solfato sulfito solfito nitrato carbonato
  bicarbonato hidroxido idrossido oxido ossido benzoato sorbato gluconato estearato stearato palmitato
  salicilato ascorbato borato silicato glutamato edetato maleato fumarato tartrato malato succinato
  acetat lactat citrat chlorid sulfat nitrat phosphat chlorure`);
/** Alkyl, alkylene and ethoxylated alkyl groups: the alcohol of an ester, the chain of a glycol or ether. */
const ALKYLS = words(`
  methyl ethyl propyl butyl pentyl amyl hexyl heptyl octyl caprylyl nonyl decyl undecyl lauryl dodecyl
  myristyl cetyl palmityl stearyl cetearyl behenyl oleyl benzyl phenyl ethylhexyl ethylene propylene
  butylene pentylene hexylene laureth ceteth steareth ceteareth oleth pareth myreth trideceth coceth
  metil etil propil butil metile etile propile butile metylu etylu propylu butylu metylo etylo propylo butylo
  metilo etilo propilo butilo metila etila propila butila methyle ethyle propyle butyle`);
const VOCABULARY = new Set([...CATIONS, ...ANIONS, ...ALKYLS]);
/** The parts of a plant INCI names print, and the forms made of them; plurals folded ("leaves" is "leaf"). */
const PLANT_PARTS = new Set(
  words(
    `seed leaf root flower fruit bark peel kernel stem bud rhizome herb needle twig wood pulp husk shell`,
  ).map((word) => ocrFold(word)),
);
const PLANT_FORMS = new Set(
  words(`oil wax butter extract water juice powder flour gum resin ferment protein starch`).map((word) =>
    ocrFold(word),
  ),
);
/** Longest first, so that "ethylhexyl" is read before "ethyl", "dehydroacetate" before "acetate". */
const FUSED_ALKYLS = [...ALKYLS].sort((a, b) => b.length - a.length);
const ANIONS_LONGEST_FIRST = [...ANIONS].sort((a, b) => b.length - a.length);

interface NumberToken {
  /** Digits as printed once OCR-folded ("2O" → "20"), with a grade suffix when one follows ("934p"). */
  readonly value: string;
  /** The word printed right before it ("polysorbate" in "Polysorbate 20"), if any. */
  readonly after: string | null;
}

/** A word split into its prefixes and stem: "diisopropyl" = di + iso + propyl. */
interface Word {
  readonly text: string;
  readonly count: number;
  /** Whether the count was printed (a multiplier, MEA/DEA/TEA), not assumed. */
  readonly counted: boolean;
  /** The word without its counted prefix. */
  readonly afterCount: string;
  readonly isomer: string;
  /** The word without its counted and isomer prefixes. */
  readonly afterIsomer: string;
  /** An alkyl group fused in front of the stem ("methyl" in "methylparaben"). */
  readonly alkyl: string;
  readonly stem: string;
}

interface Analysis {
  readonly vitamins: readonly string[];
  /** Position numbers printed before any word ("1,2-" in "1,2-Hexanediol"). */
  readonly locants: readonly string[];
  readonly numbers: readonly NumberToken[];
  readonly words: readonly Word[];
}

function analyse(name: string): Analysis {
  const tokens = normalizeName(name)
    .split(' ')
    .filter((token) => token !== '');
  const vitamins: string[] = [];
  const locants: string[] = [];
  const numbers: NumberToken[] = [];
  const found: Word[] = [];
  let previous: 'none' | 'locant' | 'number' | 'word' = 'none';
  let prefix: { text: string; count: number | null; isomer: string } = { text: '', count: null, isomer: '' };

  const addNumber = (value: string) => {
    if ((previous === 'none' || previous === 'locant') && /^[0-9]+$/.test(value)) {
      locants.push(value);
      previous = 'locant';
    } else {
      numbers.push({ value, after: previous === 'word' ? (found.at(-1)?.text ?? null) : null });
      previous = 'number';
    }
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const next = tokens[i + 1] ?? '';
    if (['vitamin', 'vit', 'provitamin'].includes(token) && /^[a-k][0-9]{0,2}$/.test(next)) {
      const digits =
        next.length === 1 && /^[0-9]{1,2}$/.test(tokens[i + 2] ?? '') ? (tokens[i + 2] ?? '') : '';
      vitamins.push(next + digits);
      found.push(decompose(token));
      previous = 'word';
      i += digits === '' ? 1 : 2;
      continue;
    }
    const nextIsWord = /^[a-z]/.test(next);
    // "Di-PPG", "Iso Propyl", "n-Butane": a prefix printed apart belongs to the next word.
    if (nextIsWord && MULTIPLIER_COUNT.has(token) && prefix.count === null) {
      prefix = { ...prefix, text: prefix.text + token, count: MULTIPLIER_COUNT.get(token) ?? 1 };
      continue;
    }
    if (nextIsWord && ISOMERS.includes(token)) {
      prefix = { ...prefix, text: prefix.text + token, isomer: token };
      continue;
    }
    if (nextIsWord && token === 'n') continue;
    for (const part of tokenParts(token)) {
      if (part.number) {
        addNumber(part.value);
      } else {
        found.push(decompose(prefix.text + part.value, prefix.count, prefix.isomer, part.value));
        prefix = { text: '', count: null, isomer: '' };
        previous = 'word';
      }
    }
  }
  return { vitamins, locants, numbers, words: found };
}

/**
 * The words and numbers of one token. Digits OCR reads for letters ("Po1ysorbate", "Phenoxyethano1",
 * "0il") become letters, letters it reads for digits ("2O") digits, as the database's folding does; other
 * digits are numbers, with the letters that close the token as a grade ("934P", "E500ii").
 */
function tokenParts(token: string): { number: boolean; value: string }[] {
  const digits = token.replace(/[^0-9]/g, '').length;
  if (/^[0-9oil]+$/.test(token) && digits > 0 && digits >= token.length - digits) {
    return [{ number: true, value: token.replace(/o/g, '0').replace(/[il]/g, '1') }];
  }
  const letters = token
    .replace(/(?<=[a-z])[015]{1,2}(?=[a-z])/g, letterFold)
    .replace(/(?<=[a-z])[015]$/, letterFold)
    // "Ti02", "Si02": an O read as a zero between the letters and the count of a formula.
    .replace(/(?<=[a-z])0(?=[1-9]$)/, 'o')
    .replace(/^[015](?=[a-z]{2})/, letterFold);
  return [...letters.matchAll(/[a-z]+|[0-9]+(?:[a-z]{1,2}$)?/g)].map(([value]) => ({
    number: /^[0-9]/.test(value),
    value,
  }));
}

function letterFold(digits: string): string {
  return digits.replace(/0/g, 'o').replace(/1/g, 'l').replace(/5/g, 's');
}

/**
 * Splits a word into its counted prefix, isomer prefix, fused alkyl group and stem. A count or isomer printed
 * as a word of its own comes as `printedCount`/`printedIsomer`, and `body` is then the word after it.
 */
function decompose(text: string, printedCount: number | null = null, printedIsomer = '', body = text): Word {
  const ethanolamine = ETHANOLAMINES.get(body);
  if (ethanolamine !== undefined) {
    const counted = printedCount !== null || body !== 'ea';
    return {
      text,
      count: printedCount ?? ethanolamine,
      counted,
      afterCount: 'ea',
      isomer: printedIsomer,
      afterIsomer: 'ea',
      alkyl: '',
      stem: 'ea',
    };
  }
  const multiplier = printedCount === null ? MULTIPLIERS.find(([m]) => startsWithPrefix(body, m)) : undefined;
  const afterCount = multiplier ? body.slice(multiplier[0].length) : body;
  const isomer = printedIsomer || (ISOMERS.find((prefix) => startsWithPrefix(afterCount, prefix)) ?? '');
  const afterIsomer = printedIsomer ? afterCount : afterCount.slice(isomer.length);
  const alkyl = FUSED_ALKYLS.find((group) => startsWithPrefix(afterIsomer, group)) ?? '';
  return {
    text,
    count: printedCount ?? multiplier?.[1] ?? 1,
    counted: printedCount !== null || multiplier !== undefined,
    afterCount: printedCount === null ? printedIsomer + afterCount : printedIsomer + body,
    isomer,
    afterIsomer,
    alkyl,
    stem: afterIsomer.slice(alkyl.length),
  };
}

/** A prefix only when a word of four letters or more follows it ("di" + "sodium", never "di" + "ol"). */
function startsWithPrefix(word: string, prefix: string): boolean {
  return word.startsWith(prefix) && word.length - prefix.length >= 4;
}

function numbersDiffer(q: Analysis, c: Analysis): boolean {
  if (q.locants.length > 0 && c.locants.length > 0 && !sameList(q.locants, c.locants)) return true;
  const qValues = q.numbers.map((number) => number.value);
  const cValues = c.numbers.map((number) => number.value);
  if (sameList(qValues, cValues)) return false;
  // A grade printed after a name the candidate carries with no number at all: Carbomer 940 is Carbomer.
  const candidateWords = new Set(c.words.map((word) => word.text));
  const isGrade = (number: NumberToken) => number.after !== null && candidateWords.has(number.after);
  return !(c.numbers.length === 0 && q.numbers.every(isGrade));
}

function wordsDiffer(queryWords: readonly Word[], candidateWords: readonly Word[]): Distinction | null {
  const q = [...queryWords];
  const c = [...candidateWords];
  // Words printed alike on both sides tell nothing apart.
  for (let i = q.length - 1; i >= 0; i--) {
    const same = c.findIndex((word) => word.text === q[i]?.text);
    if (same >= 0) {
      c.splice(same, 1);
      q.splice(i, 1);
    }
  }
  // The same letters with a space lost or added ("Hydroxypropylmethylcellulose"): one word each side.
  if (q.length !== c.length) {
    const joinedQuery = q.map((word) => word.text).join('');
    const joinedCandidate = c.map((word) => word.text).join('');
    if (near(joinedQuery, joinedCandidate)) {
      return pairDistinction(decompose(joinedQuery), decompose(joinedCandidate));
    }
  }
  const unpaired = new Set(c);
  const unpairedQueries: Word[] = [];
  for (const word of q) {
    const partner = [...unpaired]
      .filter(
        (other) =>
          near(word.text, other.text) ||
          near(word.stem, other.stem) ||
          singular(word.text) === singular(other.text),
      )
      .sort((a, b) => distance(word.text, a.text) - distance(word.text, b.text))[0];
    if (partner === undefined) {
      unpairedQueries.push(word);
      continue;
    }
    unpaired.delete(partner);
    const distinction = pairDistinction(word, partner);
    if (distinction !== null) return distinction;
  }
  // A cation, anion or alkyl group only one name has: a salt, ester or chain the other lacks.
  return [...unpairedQueries, ...unpaired].some(isMarked) ? 'salt_or_ester' : null;
}

/** Two words read as one word, misread or not: what their parts say about them. */
function pairDistinction(a: Word, b: Word): Distinction | null {
  if (near(a.stem, b.stem)) {
    if (a.count !== b.count && prefixDiffers(a, b, (word) => word.counted, 'afterCount')) {
      return 'counted_prefix';
    }
    if (a.isomer !== b.isomer && prefixDiffers(a, b, (word) => word.isomer !== '', 'afterIsomer')) {
      return 'isomer';
    }
    if (a.alkyl !== b.alkyl && prefixDiffers(a, b, (word) => word.alkyl !== '', 'stem')) {
      return 'salt_or_ester';
    }
    if (anionCountDiffers(a.stem, b.stem)) return 'counted_prefix';
  }
  const known = VOCABULARY.has(a.stem) && VOCABULARY.has(b.stem);
  return known && ocrFold(a.stem) !== ocrFold(b.stem) ? 'salt_or_ester' : null;
}

/**
 * Whether two words differ by a prefix rather than by a misreading of it: both print one, or the bare word
 * reads closer to the other's word without its prefix than to the whole of it ("Propylene" against
 * "Dipropylene"; not "Dstearate", one letter dropped from "Distearate").
 */
function prefixDiffers(
  a: Word,
  b: Word,
  printed: (word: Word) => boolean,
  rest: 'afterCount' | 'afterIsomer' | 'stem',
): boolean {
  if (printed(a) && printed(b)) return true;
  const [bare, other] = printed(a) ? [b, a] : [a, b];
  // Compared after the prefixes both may share: "monostearate" against "monoisostearate" is
  // "stearate" against "isostearate".
  const outer = ({ afterCount: 'text', afterIsomer: 'afterCount', stem: 'afterIsomer' } as const)[rest];
  return distance(bare[outer], other[rest]) < distance(bare[outer], other[outer]);
}

/**
 * Whether two stems close with the same anion counted differently: "cocoamphodiacetate" (two acetates)
 * against "cocoamphoacetate" (one). Stems that do not both end in that anion are not compared here.
 */
function anionCountDiffers(a: string, b: string): boolean {
  const anion = ANIONS_LONGEST_FIRST.find((name) => a.endsWith(name));
  if (anion === undefined || !b.endsWith(anion)) return false;
  const count = (stem: string) => {
    const before = stem.slice(0, stem.length - anion.length);
    return MULTIPLIERS.find(([m]) => before.length > m.length && before.endsWith(m))?.[1] ?? 1;
  };
  return count(a) !== count(b);
}

/**
 * Whether both names print a plant part, or both a form, and these differ ("Seed Oil" against "Seed Wax").
 * A name that prints none says nothing either way ("Calendula Officinalis Extract" for the flower extract).
 */
function plantWordsDiffer(a: readonly Word[], b: readonly Word[]): boolean {
  // Compared OCR-folded, so that a misread "0il" is still oil.
  const found = (list: readonly Word[], vocabulary: ReadonlySet<string>) =>
    new Set(list.map((word) => ocrFold(singular(word.text))).filter((word) => vocabulary.has(word)));
  return [PLANT_PARTS, PLANT_FORMS].some((vocabulary) => {
    const [inA, inB] = [found(a, vocabulary), found(b, vocabulary)];
    return inA.size > 0 && inB.size > 0 && !sameList([...inA], [...inB]);
  });
}

/** Stems that name a family of drugs (USAN/INN stems), longest first, as {@link stemForm} writes them. */
const DRUG_STEMS = words(`conazol nidazol azol cain cortison olon son mycin cyclin floxacin statin`);

/**
 * A word as the stems are compared: "k" spelt "c" and a final inflection dropped, so that leaflets in other
 * languages compare alike ("ekonazolu", "econazol", "econazole" → "econazol").
 */
function stemForm(word: string): string {
  return word.replace(/k/g, 'c').replace(/(?<=[^aeiouy])[aeiouy]{1,2}$/, '');
}

/**
 * Whether two words end with one drug family's stem after prefixes that differ by more than one misread
 * letter: "Econazole" is not "Miconazole" (OCR misreads one letter: "Micomazole" still is).
 */
function drugStemsDiffer(a: readonly Word[], b: readonly Word[]): boolean {
  return a.some((wordA) =>
    b.some((wordB) => {
      const [x, y] = [stemForm(wordA.text), stemForm(wordB.text)];
      const stem = DRUG_STEMS.find((candidate) => x.endsWith(candidate) && y.endsWith(candidate));
      if (stem === undefined || x === y) return false;
      const [px, py] = [x.slice(0, -stem.length), y.slice(0, -stem.length)];
      return distance(px, py) >= 2;
    }),
  );
}

/** "leaves" → "leaf", "seeds" → "seed": a plural names the same part. */
function singular(word: string): string {
  return word === 'leaves' ? 'leaf' : word.replace(/(?<=[a-z]{3})s$/, '');
}

function isMarked(word: Word): boolean {
  return word.alkyl !== '' || VOCABULARY.has(word.stem);
}

/** Close enough to be one word misread: equal once folded, one edit in 3+ letters, two in 5+. */
function near(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  const shorter = Math.min(a.length, b.length);
  const allowed = shorter >= 5 ? 2 : shorter >= 3 ? 1 : 0;
  return distance(a, b) <= allowed;
}

function distance(a: string, b: string): number {
  return Math.min(editDistance(a, b), editDistance(ocrFold(a), ocrFold(b)));
}

/** The characters OCR confuses, folded as the database's `lotus_ocr_fold` folds them. */
export function ocrFold(text: string): string {
  return text
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/0/g, 'o')
    .replace(/[1i]/g, 'l')
    .replace(/5/g, 's');
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  const sortedA = [...a].sort();
  const sortedB = [...b].sort();
  return sortedA.length === sortedB.length && sortedA.every((value, index) => value === sortedB[index]);
}

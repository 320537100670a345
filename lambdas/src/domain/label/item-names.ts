import { CROSS_REFERENCE } from './prose.ts';
import { normalizeName } from './text-form.ts';

/**
 * One name of a list, cleaned: amounts, footnote marks, symbols, purpose notes and component labels are not
 * part of it; "Aqua/Water/Eau" and "Aqua (Water)" give it alternatives.
 */

/** An ingredient before it is given its position. */
export interface Item {
  readonly name: string;
  readonly alternatives: readonly string[];
}

const MAY_CONTAIN = /^may contain(?: ?\((?:\+ ?\/ ?[-−]|±)\))? ?:? ?/iu;

/** A joining word left before the last name where the list also put a comma ("…, dan hydroxyethylcellulose"). */
const LEADING_CONJUNCTION = /^(?:and|&|und|et|oraz|dan|och|og|ve|és|și|и)(?: |$)/iu;

/** "70%", "<1%", "0.5% w/w", "600 mg": amounts, never part of a name. */
export const AMOUNT =
  /(?<![\p{L}\p{N}])(?:[<>≤≥~±]|less than |approx\.? )?(?:\d{1,3}(?: \d{3})+(?= ?(?:iu|ui|units?)\b)|\d{1,7}(?:[.,]\d{1,5}){0,3}?) ?(?:%|percent\b|mg\b|mcg\b|µg\b|μg\b|g\b|grams?\b|milligrams?\b|micrograms?\b|ml\b|iu\b|ui\b|units?\b|u\.i\.)(?: ?[wvm]\/[wvm]\b)?(?: (?:of|de|di)(?= ))?/giu;

/** An amount closing a text ("Crema vaginale 1%"). */
export const TRAILING_AMOUNT = new RegExp(`\\s*(?:${AMOUNT.source})$`, 'iu');

/** Footnote markers and symbols (™, ®, emoji) that are printed next to names but are not part of them. */
const DECORATION = /[*†‡§¶¹²³⁴⁵⁶⁷⁸⁹⁰]|[\p{So}\p{Sk}]/gu;

/** What a parenthesis may say about an ingredient without naming one: dropped, the name stays. */
const NOTE =
  /^(?:(?:certified |usda )?organic(?: certified)?|bio(?:logique|l[oó]gico)?|org[aá]nico|vegan|natural|.{0,30}derived|(?:from|to|for|as|used as|derived from|in each|per) .+|preservatives?|antioxidants?|humectants?|surfactants?|emollients?|emulsifiers?|thickeners?|solvents?|moisturi[sz]ers?|cleansers?|(?:cleansing|conditioning|soothing|chelating|buffering|thickening) agents?|skin conditioning|ph adjusters?|buffers?|stabili[sz]ers?|colou?rants?|nano|non[- ]?gmo|gmo[- ]free|fair ?trade|wild ?crafted|sustainably sourced|cold[- ]pressed|unrefined|fragrance[- ]free|hypoallergenic|[wv]\/[wv]|ve[ií]culo|excipientes?|excipients?|eccipienti|vehicle|base|types? [a-z0-9]{1,3}(?: (?:and|or|&) [a-z0-9]{1,3})?|(?:rec\.? ?)?inn(?: .+)?)$/iu;

/** A pharmacopoeia grade printed apart from its name ("Clotrimazole, USP", "water • NF"): never a name. */
export const PHARMACOPOEIA_GRADE = /^(?:usp|nf|bp|jp|ep|ph\.? ?eur\.?|usp\/nf|usp-nf)$/iu;

const MAX_NOTE_LENGTH = 60;

/** A molecular formula, printed after a drug's name ("C 2 H 4 O 2", "C18H34O3"): no name of its own. */
const FORMULA = /^(?:(?:Cl|Na|Ca|Mg|Zn|Br|Fe|Al|Si|[CHNOSPKFIB])\s?\d{0,3}\s?){2,}$/u;

function isFormula(text: string): boolean {
  const compact = text.trim();
  return FORMULA.test(compact) && /C\s?\d/u.test(compact) && compact.includes('H');
}

/**
 * Parts of a pad, tampon, cup or garment, printed before the materials they are made of. Nouns that also
 * name a material ("paper", "film", "fabric") only count with a qualifier ("Release paper", "Outer fabric").
 */
const COMPONENT_QUALIFIER = `(?:top|back|outer|inner|main|middle|bottom|clear|absorbent|leak[- ]?proof|individual|release|withdrawal|wicking)[ -]?`;

const COMPONENT = new RegExp(
  `^(?:${COMPONENT_QUALIFIER}){0,2}(?:topsheet|backsheet|core|wings?|wrapper|liner|applicator|string|cord|cover|cup|stem|rim|ring|disc|gusset|lining|body|waistband|trim|packaging|pouch|shell|tab|pledget|overwrap|plunger|barrel|(?:insertion |plunger |telescopic )?tube)s?$|^(?:${COMPONENT_QUALIFIER}){1,2}(?:sheet|layer|paper|film|fabric|wrap)s?$`,
  'iu',
);

const MAX_COMPONENT_LENGTH = 40;

/** "18 tampons", "20 wipes": the pack count that boxes print under "Contains:". */
export const PACK_COUNT =
  /^\d{1,4} (?:\p{L}{1,20} ){0,2}(?:tampons?|pads?|liners?|wipes?|cups?|discs?|suppositories|capsules|applicators?|pieces|pcs|count|ct)$/iu;

export function toItems(name: string, alternatives: readonly string[]): Item[] {
  if (name === '') return [];
  const seen = new Set([normalizeName(name)]);
  const unique: string[] = [];
  for (const alternative of [
    ...slashParts(name),
    ...alternatives.flatMap((alt) => [alt, ...slashParts(alt)]),
  ]) {
    const key = normalizeName(alternative);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    unique.push(alternative);
  }
  return [{ name, alternatives: unique }];
}

/**
 * "Aqua/Water/Eau" names one ingredient three ways. "Caprylic/Capric Triglyceride" or
 * "Lactobacillus/Pear Juice Ferment Filtrate" is a single name whose parts mean nothing alone, so parts are
 * only offered when each is one word or the slashes are spaced ("Sodium Chloride / Salt").
 */
function slashParts(name: string): string[] {
  if (!name.includes('/')) return [];
  const parts = name
    .split('/')
    .map((part) => cleanName(part))
    .filter((part) => part !== '');
  const spaced = !/\S\/|\/\S/.test(name);
  return parts.length > 1 && (spaced || parts.every((part) => !part.includes(' '))) ? parts : [];
}

export function isNote(text: string): boolean {
  // "(see also section 2 …)", "(vedere paragrafo 6.1)": a parenthesis that refers elsewhere, however long.
  if (CROSS_REFERENCE.test(text)) return true;
  if (text.length > MAX_NOTE_LENGTH) return false;
  const cleaned = cleanName(text);
  return (
    cleaned === '' ||
    NOTE.test(cleaned) ||
    PHARMACOPOEIA_GRADE.test(cleaned) ||
    isComponent(cleaned) ||
    isFormula(text)
  );
}

/** Whether a name is a part of a pad, tampon or cup ("Topsheet", "Withdrawal cord"), not a material. */
export function isComponent(name: string): boolean {
  return name !== '' && name.length <= MAX_COMPONENT_LENGTH && COMPONENT.test(name);
}

/** {@link isComponent}, after an article ("a withdrawal cord", as sentences name parts). */
export function isPart(name: string): boolean {
  return isComponent(name.replace(/^(?:an?|the) /iu, ''));
}

/**
 * The name as printed, without amounts, markers, symbols, leftover brackets, a leading "and"/"may contain"
 * or surrounding punctuation; '' when no letter is left.
 */
export function cleanName(raw: string): string {
  const text = maskBoundGroups(raw.replace(DECORATION, ''))
    .replace(/[()[\]{}]/g, ' ')
    .replace(AMOUNT, ' ')
    .replace(/ {2,}/g, ' ');
  let name = trimNonAlphanumeric(text);
  for (let round = 0; round < 3; round++) {
    const stripped = trimNonAlphanumeric(name.replace(LEADING_CONJUNCTION, '').replace(MAY_CONTAIN, ''));
    if (stripped === name) break;
    name = stripped;
  }
  return /\p{L}/u.test(name) ? unmask(name) : '';
}

/**
 * A parenthesis that is part of a chemical name rather than an aside: run into the word after it
 * ("N-(Phosphonomethyl)glycine", "1,2-Benzisothiazol-3(2H)-one"), or glued to the word before it when it holds
 * an oxidation state, a locant or a repeating unit ("Bismuth(III) Oxide", "E460(i)", "Di(2-ethylhexyl)
 * Phthalate", "Poly(vinyl alcohol)").
 */
export function isBoundGroup(text: string, open: number, close: number): boolean {
  if (/[\p{L}\p{N}-]/u.test(text.charAt(close + 1))) return true;
  const before = text.slice(Math.max(0, open - 12), open);
  if (!/[\p{L}\p{N}]$/u.test(before)) return false;
  const inside = text.slice(open + 1, close);
  return (
    /^(?:[ivx]{1,4}|[IVX]{1,4}|\d[^()]*)$/u.test(inside) ||
    /(?:poly|mono|di|tri|tetra|bis|tris)$/iu.test(before)
  );
}

/** Placeholders for the parentheses of {@link isBoundGroup} while loose ones are removed. */
const BOUND_OPEN = '\uE000';
const BOUND_CLOSE = '\uE001';

function maskBoundGroups(text: string): string {
  return text.replace(/\(([^()]{1,60})\)/gu, (group, inside: string, open: number) =>
    isBoundGroup(text, open, open + inside.length + 1) ? `${BOUND_OPEN}${inside}${BOUND_CLOSE}` : group,
  );
}

function unmask(text: string): string {
  return text.replaceAll(BOUND_OPEN, '(').replaceAll(BOUND_CLOSE, ')');
}

/** A loop rather than `/[^\p{L}\p{N}]+$/`, which backtracks quadratically on long runs of punctuation. */
function trimNonAlphanumeric(text: string): string {
  // A bound parenthesis ends "E460(i)" as a letter would.
  const isAlphanumeric = (char: string) => /[\p{L}\p{N}\uE000\uE001]/u.test(char);
  let start = 0;
  let end = text.length;
  while (start < end && !isAlphanumeric(text.charAt(start))) start++;
  while (end > start && !isAlphanumeric(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

import { readsAsProse } from './prose.ts';

/** What a label says is absent from the product ("BPA-free", "no chlorine bleaching"). Never an ingredient. */
export interface Claim {
  /** The claim as printed. */
  readonly text: string;
  /** `free_from`: the product is said not to contain `subject`; `other`: a "-free" claim about no substance. */
  readonly kind: 'free_from' | 'other';
  /** What is said to be absent, as printed ("BPA", "chlorine bleaching"). */
  readonly subject: string;
}

/** A claim and where it was printed in the text it was found in. */
export interface FoundClaim extends Claim {
  readonly start: number;
  readonly end: number;
}

// Labels are untrusted input: every quantifier below is bounded so that no pattern backtracks far.

/** A subject: one to four words of letters, digits or hyphens ("chlorine bleaching", "SLS", "PEG-40"). */
const SUBJECT = String.raw`[\p{L}\p{N}][\p{L}\p{N}'’\-]{0,30}(?: [\p{L}\p{N}][\p{L}\p{N}'’\-]{0,30}){0,3}`;
/** More subjects after the first: ", dyes and fragrances", " or latex". */
const MORE_SUBJECTS = `(?:(?:, ?| (?:and|or|&|et|ou|y|o|und|oder|e|en|of) )${SUBJECT}){0,8}`;

/**
 * Words before the subject that say it is absent, in the label languages we read. These open a claim only
 * at the start of a line, sentence or list item ("No parabens", "Sans savon"): inside a sentence they are
 * other words ("FD&C Red No. 40").
 */
const LEADS_AT_START = [
  'no added',
  // "No contiene alcohol" is read whole below, wherever it stands.
  'no(?! contiene)',
  '0 ?%',
  'zero',
  'sans(?: ajout de)?',
  'sin(?: añadir)?',
  'ohne(?: zusatz von)?',
  'senza',
  'sem',
  'zonder(?: toegevoegde?)?',
  'bez',
];
/** These say it wherever they stand ("pads made of cotton and free of dyes"). */
const LEADS_ANYWHERE = [
  'free (?:from|of)',
  'contains? no',
  'does not contain',
  'do not contain',
  "doesn['’]t contain",
  'not containing',
  'made without',
  'without(?: any)?(?: added)?',
  'exempt de',
  'libre de',
  'frei von',
  'priv[oa] di',
  'livre de',
  'isento de',
  'vrij van',
  'n[ãa]o (?:tem|cont[ée]m)',
  'no contiene',
  'ne contient pas(?: de)?',
  'enth[äa]lt kein(?:e|en)?',
  'non contiene',
  'bevat geen',
  'nie zawiera',
];
const lead = (words: readonly string[]) => words.join('|').replaceAll(' ', '[ \\n]');

/**
 * Where a claim may start: the start of the text, a line, a sentence (after ". ", never after the "1." of
 * "1.0%") or a list item, after a bullet or an "and".
 */
const CLAIM_START = String.raw`(?<=^|[\n;,•·|✓✔/]|[\n.!?;,•·|✓✔/] |[\p{L}] (?:and|&|et|y|und|e|en) )`;
const SUBJECTS = String.raw`(?: any(?: of the following)?)?(?: ?:)?[ \n](?<subject>${SUBJECT}${MORE_SUBJECTS})(?=$|[\n.!?;•·|)]| \(|, ?(?:\p{Lu}|$))`;

const LEADING = new RegExp(
  String.raw`(?:${CLAIM_START}(?<lead>${lead(LEADS_AT_START)})|(?<![\p{L}\p{N}])(?<anywhere>${lead(LEADS_ANYWHERE)}))${SUBJECTS}`,
  'giu',
);
/** "Paraben free", "Cruelty free" at the start of a line, sentence or item. */
const SPACED_FREE = new RegExp(String.raw`${CLAIM_START}(?<subject>${SUBJECT}) free(?![\p{L}\p{N}])`, 'giu');
/** "BPA-free", "chlorine-free", "latexfrei" (hyphenated: a claim wherever it stands). */
const HYPHEN_FREE =
  /(?<![\p{L}\p{N}-])(?:(?:totally|completely|entirely|100 ?%) )?(?<subject>[\p{L}\p{N}]{2,30})-(?:free|frei|vrij)(?![\p{L}\p{N}])/giu;
/** "Non-paraben", "non-chlorine bleached": "non-" before a substance a pack says it leaves out. */
const NON_SUBSTANCE = new RegExp(
  String.raw`${CLAIM_START}non[- ](?<subject>(?:paraben|chlorine|latex|alcohol|fragrance|perfume|dye|hormone|hormonal)s?(?: bleach(?:ed|ing))?)(?![\p{L}\p{N}])`,
  'giu',
);
/** German and Dutch write it as one word: "parfümfrei", "parfumvrij". */
const COMPOUND = new RegExp(
  String.raw`${CLAIM_START}(?<subject>\p{L}{3,30}?)(?:frei|vrij)(?![\p{L}\p{N}])`,
  'giu',
);

/** "-free" words that are claims about no substance: kept as claims, never looked up. */
const NOT_A_SUBSTANCE =
  /^(?:cruelty|hassle|worry|guilt|gluten|waste|stress|care|mess|leaks?|odou?r|applicator|pain|itch|drip|spill|tangle|toll|duty|tax|hands)$/iu;

/**
 * Words after "no" or "without" that do not name a substance ("no. 5", "no more than", "without water
 * resistance" would be odd, but "no need", "no rinse" are common): a leading claim needs a substance.
 */
const NOT_AFTER_NO =
  /^(?:more|need|rinse|longer|other|one|less|matter|risk|mess|leaks?|worries|doctor|prescription|reason|side|problem|time|residue|irritation|smell|odou?r|[0-9]|s[ée]rie)(?:\s|$)/iu;

/**
 * Finds the free-from claims of a label: "BPA-free", "paraben free", "free from chlorine bleaching, dyes and
 * fragrances", "no added fragrance", "contains no latex", "0% alcohol", "sans savon", "sin parabenos",
 * "ohne Duftstoffe", "senza profumo", "sem parabenos", "zonder parfum", "parfumvrij". A claim starts a line,
 * a sentence or a list item, so "FD&C Red No. 40" is not one. One claim per subject, in printed order.
 * Never throws.
 */
export function findClaims(text: string): FoundClaim[] {
  const found: FoundClaim[] = [];
  for (const match of text.matchAll(LEADING)) {
    const subjects = match.groups?.subject ?? '';
    const opening = (match.groups?.lead ?? '').toLowerCase();
    if (/^(?:no|sin|sem|senza|sans)$/.test(opening) && NOT_AFTER_NO.test(subjects)) continue;
    found.push(...claimsOf(match[0], match.index, subjects));
  }
  for (const match of [...text.matchAll(HYPHEN_FREE), ...text.matchAll(NON_SUBSTANCE)]) {
    const end = match.index + match[0].length;
    if (found.some((claim) => overlaps(claim, match.index, end))) continue;
    found.push(...claimsOf(match[0], match.index, match.groups?.subject ?? ''));
  }
  for (const match of [...text.matchAll(SPACED_FREE), ...text.matchAll(COMPOUND)]) {
    // "This pad is chlorine-free": the claim starts after the sentence's last function word, and its
    // subject after any intensifier ("Totally Chlorine Free" claims "Chlorine").
    const words = (match.groups?.subject ?? '').split(' ');
    const claimed = words.slice(lastIndexIn(words, FUNCTION_WORDS) + 1);
    const subject = claimed.slice(lastIndexIn(claimed, INTENSIFIERS) + 1);
    if (subject.length === 0) continue;
    const removed = words.slice(0, words.length - claimed.length).join(' ');
    const start = match.index + Math.max(0, match[0].indexOf(claimed.join(' '), removed.length));
    const end = match.index + match[0].length;
    if (found.some((claim) => overlaps(claim, start, end))) continue;
    found.push(...claimsOf(text.slice(start, end), start, subject.join(' ')));
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Words that never belong to a claim (function words, panel headings): it starts after the last of them. */
const FUNCTION_WORDS = new Set(
  'is are be this that these our the a an it its product products pad pads tampon tampons liner liners formula made we other information uses directions warning warnings ingredients inactive active questions storage'.split(
    ' ',
  ),
);
/** Words that belong to a claim but not to its subject ("totally chlorine free", "100% fragrance free"). */
const INTENSIFIERS = new Set('100% totally completely entirely always also all fully'.split(' '));

function lastIndexIn(words: readonly string[], set: ReadonlySet<string>): number {
  for (let i = words.length - 1; i >= 0; i--) {
    if (set.has((words[i] ?? '').toLowerCase())) return i;
  }
  return -1;
}

function claimsOf(printed: string, start: number, subjects: string): FoundClaim[] {
  const all = subjects
    .split(/, ?| (?:and|or|&|et|ou|y|o|und|oder|e|en|of) /iu)
    .map((subject) => subject.trim())
    .filter((subject) => subject !== '');
  // "without dyes and fragrances, the company said": the subjects end where the sentence goes on.
  const proseAt = all.findIndex((subject) => readsAsProse(subject));
  const kept = proseAt === -1 ? all : all.slice(0, proseAt);
  const last = kept.at(-1);
  if (last === undefined) return [];
  const printedEnd = proseAt === -1 ? printed.length : printed.lastIndexOf(last) + last.length;
  const text = printed.slice(0, printedEnd).replace(/\s+/g, ' ').trim();
  const end = start + printedEnd;
  return kept.map((subject) => ({
    text,
    kind: NOT_A_SUBSTANCE.test(subject) ? ('other' as const) : ('free_from' as const),
    subject,
    start,
    end,
  }));
}

function overlaps(claim: FoundClaim, start: number, end: number): boolean {
  return claim.start < end && start < claim.end;
}

/** The text with every claim blanked out by a line break, so that no list reads a claim as an ingredient. */
export function withoutClaims(text: string, claims: readonly FoundClaim[]): string {
  let result = '';
  let from = 0;
  for (const claim of claims) {
    if (claim.start < from) continue;
    result += `${text.slice(from, subjectStart(text, claim, from))}\n`;
    from = claim.end;
  }
  return result + text.slice(from);
}

/** Claims that are a verb of their sentence ("… does not contain", "… não tem", "… enthält keine"). */
const VERB_CLAIM =
  /^(?:contains? no|does not contain|do not contain|doesn['’]t contain|made without|n[ãa]o (?:tem|cont[ée]m)|no contiene|ne contient pas|enth[äa]lt kein|non contiene|bevat geen|nie zawiera)/iu;
/** Most words of what such a sentence speaks of ("Vagisan MoistCream", "This gel"). */
const MAX_SUBJECT_WORDS = 5;

/**
 * Where a claim's sentence starts when the claim is its verb: "Vagisan MoistCream não tem perfume" says
 * nothing of an ingredient before "não tem", so its subject goes with the claim. A list before the verb
 * ("water, glycerin, contains no parabens") stays.
 */
function subjectStart(text: string, claim: FoundClaim, from: number): number {
  if (!VERB_CLAIM.test(claim.text)) return claim.start;
  const before = text.slice(from, claim.start);
  const sentence = /(?:^|[\n.!?:]\s*)(?<subject>[^\n.!?:,;•·]*)$/u.exec(before)?.groups?.subject ?? '';
  const words = sentence.trim().split(/\s+/u).filter(Boolean);
  return words.length > 0 && words.length <= MAX_SUBJECT_WORDS ? claim.start - sentence.length : claim.start;
}

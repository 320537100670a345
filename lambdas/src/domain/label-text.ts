import { isProseWord, readsAsProse } from './label/prose.ts';
import type { IngredientRole, ParsedIngredient } from './types.ts';

/** One ingredient list found on a label. */
export interface IngredientSection {
  /** The heading as printed (e.g. `Inactive ingredients`), or `null` for text taken as a bare list. */
  readonly heading: string | null;
  /** What the heading says of its ingredients: `active`, `inactive`, or `ingredient` for any other list. */
  readonly role: IngredientRole;
  /** The list, from after the heading to where the list ends; whitespace already normalised. */
  readonly text: string;
}

/** A section's ingredients, and whether text that reads like more of them was left out of the list. */
export interface SplitSection {
  readonly ingredients: ParsedIngredient[];
  /**
   * The list was cut where the text turned to prose, but names followed after the prose: the list may
   * go on there (a claim or a note printed inside it), so what was read may not be all of it.
   */
  readonly leftOver: boolean;
}

/** An ingredient before it is given its position. */
interface Item {
  readonly name: string;
  readonly alternatives: readonly string[];
}

type Segment =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'group'; readonly value: string; readonly square: boolean };

// Every pattern below is bounded or anchored: labels are untrusted input of up to 20,000 characters, and
// an unbounded quantifier followed by something that can fail would backtrack quadratically.

/**
 * Headings that open a list. `weak` words also occur inside lists and prose ("Topsheet material:",
 * "fragrance (contains: …)"), so they only open a list at the start of a line or sentence, or where no
 * list is open. `1`, `l` and `|` for the leading `I` are how phone OCR most often misreads "Ingredients".
 * "Key ingredients:" and the like are marketing highlights, not the list.
 */
const HEADING =
  /(?<![\p{L}\p{N}])(?<!(?:key|hero|star|featured|highlighted) )(?<name>(?:in)?active[ \n]ingredients?(?: ?\(s\))?|(?:other|non-?medicinal)[ \n]ingredients|[il1|]ngr[eé]dients?(?: ?\(s\))?(?:[ \n](?:inactifs|actifs))?|ingredientes(?:[ \n](?:inactivos|activos|inativos|ativos))?|ingredienti|ingredi[eë]nten|inhaltsstoffe|zusammensetzung|composici[oó]n|composi[cç][aã]o|composizione|samenstelling|composition|sk[łl]adniki|ingredienser|inneh[åa]ll|(?<weak>materials?|materiales|materiais|materiali|materialen|materialien|mat[eé]riaux|mati[eè]res|contains|made[ \n](?:with|from)|components?))(?: ?\([^()\n]{1,60}\))?(?<delimiter> ?[:;：]| ?[-–—](?=[ \n])| ?\.(?=[ \n]|$)| ?purposes?(?=[ \n]|$|\p{Lu})|(?=\n|$)|(?<space> )(?=[\p{L}\p{N}]))/giu;

/** What a heading says of its list: the actives or the inactive ingredients of a drug, or just ingredients. */
const INACTIVE_HEADING = /inactive|other|non-?medicinal|inactifs|inactivos|inativos/iu;
const ACTIVE_HEADING = /active|actifs|activos|ativos/iu;

/** Words that start whatever follows an ingredient list on a pack: directions, warnings, legal lines. */
const END_WORDS = [
  'warnings?',
  'cautions?',
  'attention',
  'important',
  'directions',
  'how to use',
  'uses',
  'purposes?',
  'indications?',
  'storage',
  'store',
  'keep out of',
  'keep away',
  'for external use',
  'do not',
  'made in',
  'made with (?:love|care)',
  'product of',
  'manufactured (?:by|for)',
  'mfd\\.? (?:by|for)',
  'distributed (?:by|for)',
  'dist\\.? (?:by|for)',
  'imported by',
  'lot',
  'batch',
  'exp',
  'expiry',
  'expiration',
  'best before',
  'net',
  'contents',
  'questions',
  'other information',
  'other safety information',
  'safety information',
  'package label',
  'principal display panel',
  'indications? (?:&|and) usage',
  'dosage (?:&|and) administration',
  'free (?:of|from)',
  'without',
  'contains no',
  'care(?: instructions)?',
  '(?:machine |hand )?wash',
  'recycl(?:e|able|ing)',
  'dispos(?:e|al)',
  'tss',
  'toxic shock',
  'pr[eé]cautions?',
  'avertissements?',
  "mode d['’]emploi",
  'fabriqu[eé] (?:en|au|par)',
  'conserver',
  'advertencias?',
  'precauci[oó]n',
  'modo de (?:uso|empleo)',
  'hecho en',
  'fabricado (?:en|por)',
  'warnhinweise?',
  'hergestellt',
]
  .join('|')
  .replaceAll(' ', '[ \\n]');

/**
 * A panel heading run into the end of a list, as label records flatten them ("Potassium Sorbate OTHER
 * SAFETY INFORMATION", "Water Packaging"): printed in capitals, so matched case-sensitively.
 */
const RUN_IN_HEADING =
  /(?<=[\p{L}\p{N})][ \n])(?:OTHER SAFETY INFORMATION|OTHER INFORMATION|PACKAGE LABEL|PRINCIPAL DISPLAY PANEL|INDICATIONS|DOSAGE|WARNINGS?|DIRECTIONS|QUESTIONS|Package Label|Principal Display Panel|Packaging|Label ?& ?Pack(?:age)?|Drug Facts)(?![\p{L}])/gu;

/** An end word at the start of a line, sentence or list item (the cut falls on the word). */
const END_AT_START = new RegExp(
  String.raw`(?:^|[\n.!?;,])(?: ?[-–•·] ?| )?(?=(?:${END_WORDS})(?![\p{L}\p{N}]))`,
  'giu',
);

/** An end word used as a heading anywhere, as in "Benzocaine 20% Purpose: External analgesic". */
const END_HEADING = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${END_WORDS}) ?:`, 'giu');

/** A web address, an e-mail, or a phone number or barcode (eight or more digits, at most two separators apart). */
const CONTACT =
  /https?:\/\/|www\.|[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}\.\p{L}|(?<!\p{N})\+?\(?\d(?:[ .\-()]{0,2}\d){7,}/giu;
/** How far back from a contact detail to look for the start of its line ("More at www…"). */
const CONTACT_LEAD_IN = 40;

/** A footnote marker opening a line or sentence, with the word after it. */
const FOOTNOTE = /(?:^|[\n.!?]) ?(?=[*†‡¹²³⁴⁵⁶⁷⁸⁹]+ ?(?<word>\p{L}{1,20}))/gu;
const FOOTNOTE_WORD =
  /^(?:certified|organic|natural|naturally|derived|from|ingredients?|denotes|fair|wild|sustainabl\p{L}*|non|bio\p{L}*|issus?|produced|grown)$/iu;
/** A footnote marker printed right after a word ("Cotton*"), which makes a line starting with it a footnote. */
const ATTACHED_MARKER = /[\p{L})\]][*†‡¹²³⁴⁵⁶⁷⁸⁹]/u;

/** Drug Facts leader dots ("Benzocaine 20% ........ External analgesic"): the purpose column follows. */
const LEADER_DOTS = /(?:\. ?){4,}[^\n]*|…[ .…][^\n]*/g;

/** "Topsheet:", "Absorbent core:", "May contain (+/-):" — a short label before a colon. */
const LABEL = /^[ \-–•·*]{0,3}(\p{L}[\p{L}\p{M}'’\- ]{0,40}?)(?: ?\([^()]{0,12}\))? ?[:：]/u;
const MAX_LABEL_WORDS = 4;
/** "Contains less than 1% of:", "2% or less of:". */
const MINOR_AMOUNT_LABEL =
  /^ ?(?:contains )?(?:less than |under |< ?)?\d{1,3}(?:[.,]\d{1,3})? ?%(?: or less)?(?: of)? ?:/iu;
const MAY_CONTAIN = /^may contain(?: ?\((?:\+ ?\/ ?[-−]|±)\))? ?:? ?/iu;
const LEADING_CONJUNCTION = /^(?:and|&)(?: |$)/iu;

/** "70%", "<1%", "0.5% w/w", "600 mg": amounts, never part of a name. */
const AMOUNT =
  /(?<![\p{L}\p{N}])(?:[<>≤≥~±]|less than |approx\.? )?\d{1,5}(?:[.,]\d{1,5})? ?(?:%|percent\b|mg\b|mcg\b|µg\b|μg\b|g\b|ml\b|iu\b)(?: ?[wv]\/[wv]\b)?/giu;

/** Footnote markers and symbols (™, ®, emoji) that are printed next to names but are not part of them. */
const DECORATION = /[*†‡§¶¹²³⁴⁵⁶⁷⁸⁹⁰]|[\p{So}\p{Sk}]/gu;

/** What a parenthesis may say about an ingredient without naming one: dropped, the name stays. */
const NOTE =
  /^(?:(?:certified |usda )?organic(?: certified)?|bio(?:logique|l[oó]gico)?|org[aá]nico|vegan|natural|.{0,30}derived|(?:from|to|for|as|used as|derived from|in each|per) .+|preservatives?|antioxidants?|humectants?|surfactants?|emollients?|emulsifiers?|thickeners?|solvents?|moisturi[sz]ers?|cleansers?|(?:cleansing|conditioning|soothing|chelating|buffering|thickening) agents?|skin conditioning|ph adjusters?|buffers?|stabili[sz]ers?|colou?rants?|nano|non[- ]?gmo|gmo[- ]free|fair ?trade|wild ?crafted|sustainably sourced|cold[- ]pressed|unrefined|fragrance[- ]free|hypoallergenic|[wv]\/[wv])$/iu;
const MAX_NOTE_LENGTH = 60;

/**
 * Parts of a pad, tampon, cup or garment, printed before the materials they are made of. Nouns that also
 * name a material ("paper", "film", "fabric") only count with a qualifier ("Release paper", "Outer fabric").
 */
const COMPONENT_QUALIFIER = `(?:top|back|outer|inner|main|middle|bottom|absorbent|leak[- ]?proof|individual|release|withdrawal|wicking)[ -]?`;
const COMPONENT = new RegExp(
  `^(?:${COMPONENT_QUALIFIER}){0,2}(?:topsheet|backsheet|core|wings?|wrapper|liner|applicator|string|cord|cover|cup|stem|rim|ring|disc|gusset|lining|body|waistband|trim|packaging|pouch|shell|tab)s?$|^(?:${COMPONENT_QUALIFIER}){1,2}(?:sheet|layer|paper|film|fabric|wrap)s?$`,
  'iu',
);
const MAX_COMPONENT_LENGTH = 40;

/** "18 tampons", "20 wipes": the pack count that boxes print under "Contains:". */
const PACK_COUNT =
  /^\d{1,4} (?:\p{L}{1,20} ){0,2}(?:tampons?|pads?|liners?|wipes?|cups?|discs?|suppositories|capsules|applicators?|pieces|pcs|count|ct)$/iu;

const OPENERS = '([{';
const CLOSERS = ')]}';
const LIST_SEPARATORS = ',;，；、•·●▪◦‣∙';
const SPACED_CONJUNCTION = / (?:and\/or|and|&) /iy;
const INCI_AND = /\( ?and ?\)/iy;
/** Words after which a period abbreviates ("Vit. E", "No. 5") instead of closing a group of materials. */
const ABBREVIATIONS = new Set([
  'vit',
  'no',
  'nr',
  'st',
  'sp',
  'spp',
  'ssp',
  'subsp',
  'var',
  'ext',
  'extr',
  'approx',
  'incl',
]);
/** Deeper parentheses are read as plain text, which also keeps recursion shallow on hostile input. */
const MAX_DEPTH = 3;

/**
 * Finds every ingredient section of a label: "Ingredients", "Inactive ingredients", "Active ingredient(s)",
 * "Other ingredients", "Material(s)", "Composition", "Contains", "Made with/from", "Components", and the
 * French, Spanish, Portuguese, German, Italian and Dutch headings, in any case, followed by `:` `;` `-` `.`
 * or a line break — or, for the headings that only ever open a list, run into the list on their line
 * ("Inactive ingredients benzoic acid, …", as Drug Facts panels print it). A section ends where the list
 * ends: at a line or sentence starting with warnings, directions, uses, purpose, storage, "Made in",
 * "Distributed by", lot/expiry/net contents, questions, recycling or TSS text, at a web address, e-mail,
 * phone number or barcode, at a footnote line ("*Certified organic"), or where the next heading starts.
 * Never throws.
 * @returns the sections in reading order, possibly with empty text; `[]` when no heading is found.
 */
export function findIngredientSections(text: string): IngredientSection[] {
  const clean = sanitize(text);
  return sectionsIn(clean, listEnds(clean));
}

/**
 * Splits one section into cleaned ingredients, numbered from 1 in printed order. Separators are commas,
 * semicolons, bullets, `|`, " and ", " & ", "(and)", and periods that close a group of materials; a list
 * without commas or semicolons spread over several lines has one ingredient per line. Percentages and
 * amounts, component labels ("Topsheet:"), footnote markers, purpose notes ("(preservative)") and
 * surrounding punctuation are removed; the printed case is kept. "Aqua (Water)" and "Aqua/Water/Eau" give
 * alternatives; a list in parentheses or square brackets gives further ingredients. Never throws.
 */
export function splitIngredients(sectionText: string): ParsedIngredient[] {
  return splitSection(sectionText).ingredients;
}

/**
 * {@link splitIngredients}, and where the list ends: at the first line or item that reads as a sentence
 * (a direction, a certification, a storage note, an address or a batch code — see `readsAsProse`), not at
 * a keyword. Nothing after it is an ingredient; `leftOver` says whether names followed the prose anyway.
 */
export function splitSection(sectionText: string): SplitSection {
  const clean = sanitize(sectionText);
  const { list, rest } = cutAtProse(prepareList(clean), !hasTopLevelListSeparator(clean));
  const ingredients = parseItems(list, 0).map((item, index) => ({
    name: item.name,
    position: index + 1,
    alternatives: item.alternatives,
  }));
  return { ingredients, leftOver: namesIn(rest) >= 2 };
}

/**
 * Reads every ingredient of a label: finds its sections (or takes the whole text as the list when it has no
 * heading, as when a user pastes only the list), splits them, keeps the first of names that are equal
 * case-, accent- and punctuation-insensitively, and numbers the result 1..n. Never throws.
 * @returns `[]` when no ingredient is left, e.g. for `"Ingredients:"` or blank text.
 */
export function parseIngredientList(text: string): ParsedIngredient[] {
  const clean = sanitize(text);
  const ends = listEnds(clean);
  const sections = sectionsIn(clean, ends);
  const lists =
    sections.length > 0
      ? sections.map((section) => section.text)
      : [clean.slice(0, firstAtOrAfter(ends, 0) ?? clean.length)];
  const seen = new Set<string>();
  const ingredients: ParsedIngredient[] = [];
  for (const list of lists) {
    for (const ingredient of splitIngredients(list)) {
      const key = normalizeName(ingredient.name) || ingredient.name.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      ingredients.push({ ...ingredient, position: ingredients.length + 1 });
    }
  }
  return ingredients;
}

/**
 * Normalises a name for comparison: accents removed, lower case, every run of characters other than a–z
 * and 0–9 turned into one space, trimmed. It must stay identical to `lotus_normalize` in the database,
 * which indexes library names and aliases with it: "Caprylic/Capric Triglyceride" → "caprylic capric
 * triglyceride", "Glycérine" → "glycerine".
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * One plain-text form for every input: line breaks as `\n`, every other space as one ` `, no control or
 * invisible format characters (a NUL becomes a space so that it cannot glue two words together).
 */
export function sanitizeLabelText(text: string): string {
  return sanitize(text);
}

function sanitize(text: string): string {
  return text
    .replace(/\p{Cs}/gu, '')
    .normalize('NFC')
    .replace(/\r\n?|[\v\f\u0085\u2028\u2029]/g, '\n')
    .replace(/\u00ad\n/g, '')
    .replace(/\p{Cf}|\ufe0e|\ufe0f/gu, '')
    .replace(/(?!\n)[\s\p{Cc}]/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .replace(/ ?\n[ \n]*/g, '\n')
    .trim();
}

/** The sections of sanitised text, given where lists end. */
function sectionsIn(text: string, ends: readonly number[]): IngredientSection[] {
  const sections: IngredientSection[] = [];
  let open: { heading: string; start: number; end: number } | null = null;
  for (const match of text.matchAll(HEADING)) {
    const groups = match.groups ?? {};
    const needsStatementStart =
      !/[:;：\-–—]/u.test(groups.delimiter ?? '') ||
      (groups.weak !== undefined && open !== null && match.index < open.end);
    if (needsStatementStart && !startsStatement(text, match.index)) continue;
    // Run into its line, a heading must be one that only opens lists, and be followed by a name, not prose
    // ("Ingredients are listed on the box").
    if (groups.space !== undefined && (groups.weak !== undefined || !opensList(text, match))) continue;
    if (open !== null) sections.push(closeSection(text, open, match.index));
    const start = match.index + match[0].length;
    open = {
      heading: (groups.name ?? '').replace(/\s+/g, ' '),
      start,
      end: firstAtOrAfter(ends, start) ?? text.length,
    };
  }
  if (open !== null) sections.push(closeSection(text, open, text.length));
  return sections;
}

function closeSection(
  text: string,
  open: { heading: string; start: number; end: number },
  nextHeading: number,
): IngredientSection {
  return {
    heading: open.heading,
    role: roleOf(open.heading),
    text: text.slice(open.start, Math.min(open.end, nextHeading)).trim(),
  };
}

function roleOf(heading: string): IngredientRole {
  if (INACTIVE_HEADING.test(heading)) return 'inactive';
  return ACTIVE_HEADING.test(heading) ? 'active' : 'ingredient';
}

/** Whether the rest of a heading's line starts with a name rather than a sentence. */
function opensList(text: string, heading: RegExpExecArray | RegExpMatchArray): boolean {
  const start = (heading.index ?? 0) + heading[0].length;
  const lineEnd = text.indexOf('\n', start);
  const line = text.slice(start, lineEnd === -1 ? text.length : lineEnd);
  const firstItem = splitTopLevel(line, false)[0] ?? '';
  return firstItem.trim() !== '' && !readsAsProse(firstItem);
}

/**
 * Cuts a prepared list (items separated, lines resolved) at its first top-level item that reads as prose.
 * In a list of one name per line, a line may go on to describe its name ("Distilled water is water that
 * has been filtered"): the name before the description is kept and the list goes on.
 * @returns the list before the cut (items joined by `;`), and the text from the cut on.
 */
function cutAtProse(prepared: string, onePerLine: boolean): { list: string; rest: string } {
  const items = splitTopLevel(prepared, false);
  const kept: string[] = [];
  let offset = 0;
  for (const item of items) {
    const at = prepared.indexOf(item, offset);
    offset = at + item.length;
    // "contains less than 1% of:", "Storage bag for travel:" are labels inside the list, not prose.
    if (!readsAsProse(stripLabels(item))) {
      kept.push(item);
      continue;
    }
    const described = onePerLine ? describedName(item) : null;
    if (described === null) return { list: kept.join(';'), rest: prepared.slice(at) };
    kept.push(described);
  }
  return { list: kept.join(';'), rest: '' };
}

/** The name a described line starts with: the words before its first function word, when they read as a name. */
function describedName(line: string): string | null {
  const words = line.trim().split(' ');
  const stop = words.findIndex((word, index) => index > 0 && isProseWord(word.replace(/[^\p{L}’']/gu, '')));
  if (stop <= 0) return null;
  const name = words.slice(0, stop).join(' ');
  return readsAsProse(name) ? null : name;
}

/** How many items of `text` read as names (not prose, a letter in them). */
function namesIn(text: string): number {
  if (text.trim() === '') return 0;
  return splitTopLevel(text, false).filter((item) => /\p{L}/u.test(item) && !readsAsProse(item)).length;
}

/** Sorted positions where an ingredient list stops. */
function listEnds(text: string): number[] {
  const ends: number[] = [];
  for (const match of text.matchAll(END_AT_START)) ends.push(match.index + match[0].length);
  for (const match of text.matchAll(END_HEADING)) ends.push(match.index);
  for (const match of text.matchAll(RUN_IN_HEADING)) ends.push(match.index);
  // The detail itself too, for a list that starts between its line start and the detail.
  for (const match of text.matchAll(CONTACT)) ends.push(contactLineStart(text, match.index), match.index);
  const attachedMarker = text.search(ATTACHED_MARKER);
  for (const match of text.matchAll(FOOTNOTE)) {
    const referenced = attachedMarker !== -1 && attachedMarker < match.index;
    if (referenced || FOOTNOTE_WORD.test(match.groups?.word ?? '')) ends.push(match.index + match[0].length);
  }
  return ends.sort((a, b) => a - b);
}

/**
 * Where the line or sentence holding a contact detail starts, so that "Call us at" goes with the number.
 * Inside a list ("…, Glycerin www.example.com") only the detail itself is cut.
 */
function contactLineStart(text: string, index: number): number {
  for (let i = index - 1; i >= 0 && index - i <= CONTACT_LEAD_IN; i--) {
    const char = text.charAt(i);
    if (',;'.includes(char)) return index;
    if ('\n.!?'.includes(char)) return i + 1;
  }
  return index <= CONTACT_LEAD_IN ? 0 : index;
}

function firstAtOrAfter(sorted: readonly number[], position: number): number | undefined {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? Number.POSITIVE_INFINITY) < position) low = middle + 1;
    else high = middle;
  }
  return sorted[low];
}

/** Whether only spaces or a bullet separate `index` from the start of its line or sentence. */
function startsStatement(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && index - i <= 4 && ' -–•·*'.includes(text.charAt(i))) i--;
  return i < 0 || '\n.!?;|•'.includes(text.charAt(i));
}

/**
 * Resolves line breaks: words hyphenated across lines are joined (the hyphen kept before a capital or a
 * digit, as in "PEG-\n100"), a line starting with a component label starts a new item, and otherwise a
 * break is a space — or a separator when the list has no commas or semicolons at all.
 */
function prepareList(text: string): string {
  const joined = text
    .replace(LEADER_DOTS, '')
    .replace(/([\p{L}\p{N}])[-‐‑]\n(?=([\p{L}\p{N}]))/gu, (_match, before: string, next: string) =>
      /\p{Ll}/u.test(next) ? before : `${before}-`,
    );
  const [first = '', ...rest] = joined.split('\n');
  const onePerLine = !hasTopLevelListSeparator(joined);
  let prepared = first;
  for (const line of rest) {
    // A line that reads as a sentence ("Dermatologically tested") is not glued onto the last name.
    const startsProse = readsAsProse(stripLabels(splitTopLevel(line, false)[0] ?? ''));
    prepared += (onePerLine || startsProse || labelLength(line) > 0 ? ';' : ' ') + line;
  }
  return prepared;
}

function hasTopLevelListSeparator(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (OPENERS.includes(char)) depth++;
    else if (CLOSERS.includes(char)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && ',;，；、'.includes(char)) return true;
  }
  return false;
}

function parseItems(text: string, depth: number): Item[] {
  return splitTopLevel(text, depth >= MAX_DEPTH).flatMap((raw) => parseItem(raw, depth));
}

/** Cuts a list at separators outside parentheses (everywhere when `flat`). */
function splitTopLevel(text: string, flat: boolean): string[] {
  const parts: string[] = [];
  let level = 0;
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const char = text.charAt(i);
    let separatorLength = 0;
    if (!flat && OPENERS.includes(char)) {
      INCI_AND.lastIndex = i;
      if (level === 0 && INCI_AND.test(text)) separatorLength = INCI_AND.lastIndex - i;
      else level++;
    } else if (!flat && CLOSERS.includes(char)) {
      level = Math.max(0, level - 1);
    } else if (level === 0) {
      separatorLength = separatorLengthAt(text, i);
    }
    if (separatorLength > 0) {
      parts.push(text.slice(start, i));
      start = i + separatorLength;
      i = start;
    } else {
      i++;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function separatorLengthAt(text: string, i: number): number {
  const char = text.charAt(i);
  const previous = text.charAt(i - 1);
  const next = text.charAt(i + 1);
  // A comma between digits is a decimal comma ("0,5%") or part of a name ("1,2-Hexanediol").
  if (char === ',') return /\d/.test(previous) && /\d/.test(next) ? 0 : 1;
  if (LIST_SEPARATORS.includes(char)) return 1;
  // OCR reads a lower-case l as "|" inside words ("G|ycerin"); only a free-standing bar separates.
  if (char === '|') return /\p{L}/u.test(previous) && /\p{L}/u.test(next) ? 0 : 1;
  if (char === '.') return (next === ' ' || next === '') && !ABBREVIATIONS.has(wordBefore(text, i)) ? 1 : 0;
  if (char === ' ') {
    SPACED_CONJUNCTION.lastIndex = i;
    // Keep the trailing space inside the separator so that the next item starts cleanly.
    return SPACED_CONJUNCTION.test(text) ? SPACED_CONJUNCTION.lastIndex - i : 0;
  }
  return 0;
}

function wordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && end - start < 8 && /\p{L}/u.test(text.charAt(start - 1))) start--;
  return text.slice(start, end).toLowerCase();
}

/** One item of a list: its component label dropped, its parentheses read as alternatives or ingredients. */
function parseItem(raw: string, depth: number): Item[] {
  const body = stripLabels(raw);
  if (depth >= MAX_DEPTH) return toItems(cleanName(body), []);

  const segments = segment(body);
  const name = cleanName(
    segments
      .filter((part) => part.kind === 'text')
      .map((part) => part.value)
      .join(' '),
  );
  const head = segments[0]?.kind === 'text' ? cleanName(segments[0].value) : '';
  const headIsComponent = isComponent(head);
  const alternatives: string[] = [];
  const more: Item[] = [];
  segments.forEach((part, index) => {
    if (part.kind === 'text' || isNote(part.value)) return;
    const inner = parseItems(part.value, depth + 1).filter((item) => !isNote(item.name));
    const [only] = inner;
    // Square brackets list colorants the product may contain; a list in parentheses adds ingredients
    // ("Fragrance (Limonene, Linalool)"); a single name in parentheses is another name for this one.
    if (part.square || inner.length > 1 || name === '' || headIsComponent || only === undefined) {
      more.push(...inner);
      return;
    }
    // "Butyrospermum Parkii (Shea) Butter": the other name takes the words after the parenthesis too.
    const after = segments[index + 1];
    const tail = after?.kind === 'text' ? cleanName(after.value) : '';
    alternatives.push(tail === '' ? only.name : `${only.name} ${tail}`, ...only.alternatives);
  });
  const keepName = !(headIsComponent && more.length > 0) && !isComponent(name) && !PACK_COUNT.test(name);
  return keepName ? [...toItems(name, alternatives), ...more] : more;
}

function toItems(name: string, alternatives: readonly string[]): Item[] {
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

function stripLabels(raw: string): string {
  let body = raw;
  for (let round = 0; round < 3; round++) {
    const length = labelLength(body) || MINOR_AMOUNT_LABEL.exec(body)?.[0].length || 0;
    const rest = body.slice(length);
    // "Cotton: 95%": the label is the ingredient when only an amount follows it.
    if (length === 0 || !/\p{L}/u.test(rest.replace(AMOUNT, ''))) break;
    body = rest;
  }
  return body;
}

/** Length of a leading short label such as "Absorbent core:", or 0. */
function labelLength(text: string): number {
  const match = LABEL.exec(text);
  if (match === null) return 0;
  const words = (match[1] ?? '').trim().split(' ').length;
  return words <= MAX_LABEL_WORDS ? match[0].length : 0;
}

/** Splits an item into its text and its outermost parenthesised or bracketed groups. */
function segment(body: string): Segment[] {
  const segments: Segment[] = [];
  let level = 0;
  let start = 0;
  let square = false;
  for (let i = 0; i < body.length; i++) {
    const char = body.charAt(i);
    if (OPENERS.includes(char)) {
      if (level === 0) {
        segments.push({ kind: 'text', value: body.slice(start, i) });
        start = i + 1;
        square = char === '[';
      }
      level++;
    } else if (CLOSERS.includes(char) && level > 0) {
      level--;
      if (level === 0) {
        segments.push({ kind: 'group', value: body.slice(start, i), square });
        start = i + 1;
      }
    }
  }
  // An unclosed parenthesis (often an OCR slip) still holds names: read it to the end.
  segments.push(
    level > 0
      ? { kind: 'group', value: body.slice(start), square }
      : { kind: 'text', value: body.slice(start) },
  );
  return segments;
}

function isNote(text: string): boolean {
  if (text.length > MAX_NOTE_LENGTH) return false;
  const cleaned = cleanName(text);
  return cleaned === '' || NOTE.test(cleaned) || isComponent(cleaned);
}

function isComponent(name: string): boolean {
  return name !== '' && name.length <= MAX_COMPONENT_LENGTH && COMPONENT.test(name);
}

/**
 * The name as printed, without amounts, markers, symbols, leftover brackets, a leading "and"/"may contain"
 * or surrounding punctuation; '' when no letter is left.
 */
function cleanName(raw: string): string {
  const text = raw
    .replace(DECORATION, '')
    .replace(/[()[\]{}]/g, ' ')
    .replace(AMOUNT, ' ')
    .replace(/ {2,}/g, ' ');
  let name = trimNonAlphanumeric(text);
  for (let round = 0; round < 3; round++) {
    const stripped = trimNonAlphanumeric(name.replace(LEADING_CONJUNCTION, '').replace(MAY_CONTAIN, ''));
    if (stripped === name) break;
    name = stripped;
  }
  return /\p{L}/u.test(name) ? name : '';
}

/** A loop rather than `/[^\p{L}\p{N}]+$/`, which backtracks quadratically on long runs of punctuation. */
function trimNonAlphanumeric(text: string): string {
  const isAlphanumeric = (char: string) => /[\p{L}\p{N}]/u.test(char);
  let start = 0;
  let end = text.length;
  while (start < end && !isAlphanumeric(text.charAt(start))) start++;
  while (end > start && !isAlphanumeric(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

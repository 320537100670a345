/** Where one name of a list ends and the next begins: separators, joining words, parentheses. */

export const OPENERS = '([{';

export const CLOSERS = ')]}';

const LIST_SEPARATORS = ',;，；、•·●▪◦‣∙';

const SPACED_CONJUNCTION = / (?:and\/or|and|&|\+) /iy;
/** "e", "y", "et", "und", "en" join the last two names in pt/it, es, fr, de, nl lists; lower case only ("Vitamin E"). */
const LOCAL_CONJUNCTION = / (?:e|y|et|und|en) /y;
/**
 * The same words printed with a capital, between two names set in capitals or Title Case
 * ("METILPARABENO E PROPILPARABENO", "Metilparabeno E Propilparabeno").
 */
const CAPITAL_CONJUNCTION = /(?<=\p{L}{2}) (?:E|Y|ET|UND|EN) (?=\p{Lu}\p{L}{2})/uy;
/** Words after which a capital letter is a vitamin's ("VITAMIN E ACETATE"). */
const VITAMIN_WORD = /^(?:vitamin|vitamina|vitamine|vit)$/u;

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

export function hasTopLevelListSeparator(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (OPENERS.includes(char)) depth++;
    else if (CLOSERS.includes(char)) depth = Math.max(0, depth - 1);
    // A decimal comma ("0,9%") separates nothing, as in `separatorLengthAt`.
    else if (depth === 0 && ',;，；、'.includes(char) && separatorLengthAt(text, i) > 0) return true;
  }
  return false;
}

/** Cuts a list at separators outside parentheses (everywhere when `flat`). */
export function splitTopLevel(text: string, flat: boolean): string[] {
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
  if (char === ',') return /\d/.test(previous) && /\d/.test(next) ? 0 : isLocantComma(text, i) ? 0 : 1;
  if (LIST_SEPARATORS.includes(char)) return 1;
  // OCR reads a lower-case l as "|" inside words ("G|ycerin"); only a free-standing bar separates.
  if (char === '|') return /\p{L}/u.test(previous) && /\p{L}/u.test(next) ? 0 : 1;
  if (char === '.') {
    const ends = (next === ' ' || next === '') && !ABBREVIATIONS.has(wordBefore(text, i));
    return ends && !isGenusAbbreviation(text, i) ? 1 : 0;
  }
  if (char === ' ') {
    // "mono- and di-glycerides": a hyphen left hanging shares the word after the conjunction.
    if (previous === '-') return 0;
    for (const conjunction of [SPACED_CONJUNCTION, LOCAL_CONJUNCTION]) {
      conjunction.lastIndex = i;
      // Keep the trailing space inside the separator so that the next item starts cleanly.
      if (conjunction.test(text)) return conjunction.lastIndex - i;
    }
    CAPITAL_CONJUNCTION.lastIndex = i;
    if (CAPITAL_CONJUNCTION.test(text) && !VITAMIN_WORD.test(wordBefore(text, i))) {
      return CAPITAL_CONJUNCTION.lastIndex - i;
    }
    return 0;
  }
  return 0;
}

/**
 * "L. crispatus", "B. longum": a genus cut to its capital before the species in lower case, as probiotic
 * washes and inserts print their strains: the period abbreviates, it does not end the name.
 */
function isGenusAbbreviation(text: string, period: number): boolean {
  // Only where a name starts: "Vitamin E. store below 25 °C" ends a list.
  const startsName = /(?:^|[,;:•·\n(]\s*)\p{Lu}$/u.test(text.slice(Math.max(0, period - 40), period));
  return startsName && /^ \p{Ll}{3}/u.test(text.slice(period + 1, period + 5));
}

/** "N,N-Bis(carboxymethyl)…", "O,O'-…": a comma between the atoms a chemical name substitutes on. */
function isLocantComma(text: string, comma: number): boolean {
  const atom = /^[NOS]$/u;
  return (
    atom.test(text.charAt(comma - 1)) &&
    !/[\p{L}\p{N}]/u.test(text.charAt(comma - 2)) &&
    /^[NOS]['′]?-/u.test(text.slice(comma + 1, comma + 4))
  );
}

function wordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && end - start < 8 && /\p{L}/u.test(text.charAt(start - 1))) start--;
  return text.slice(start, end).toLowerCase();
}

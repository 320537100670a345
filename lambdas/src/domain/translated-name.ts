import nameWords from '../../library/name-words.json' with { type: 'json' };
import { normalizeName } from './label/text-form.ts';
import type { ParsedIngredient } from './types.ts';

/**
 * How a family of languages builds a substance's name from words, read from `library/name-words.json`:
 * - `head-first` (Portuguese, Spanish, French, Italian): the head noun comes first and its modifiers after
 *   it, a connector ("de", "di", "du") introduces a complement that English puts in front ("cloreto de sódio"
 *   → "sodium chloride", "álcool cetílico" → "cetyl alcohol");
 * - `as-english` (German, Dutch): the words are in English order already; compounds are split into known
 *   parts ("Kaliumlactat" → "potassium lactate").
 */
interface Family {
  readonly order: 'head-first' | 'as-english';
  readonly connectors: ReadonlySet<string>;
  /** What joins the parts of a compound in English: nothing ("metilparabeno" → "methylparaben") or a space. */
  readonly compoundJoiner: string;
  /** Parts that only begin a compound word ("metil", "Natrium"). */
  readonly combining: ReadonlyMap<string, string>;
  /** Endings read as English ones when the whole word is not known ("-ato" → "-ate"), longest first. */
  readonly suffixes: readonly (readonly [string, string])[];
  readonly words: ReadonlyMap<string, string>;
}

interface FamilyData {
  readonly order: string;
  readonly connectors: readonly string[];
  readonly compoundJoiner: string;
  readonly combining: Readonly<Record<string, string>>;
  readonly suffixes: readonly (readonly string[])[];
  readonly words: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** A word as the tables are keyed: lower case, no accents or hyphens, ß as ss. */
export function wordKey(word: string): string {
  return foldText(word).replace(/-/g, '');
}

function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

function family(data: FamilyData): Family {
  const keyed = (record: Readonly<Record<string, string>>) =>
    Object.entries(record).map(([word, english]) => [wordKey(word), english] as const);
  return {
    order: data.order === 'head-first' ? 'head-first' : 'as-english',
    connectors: new Set(data.connectors.map(wordKey)),
    compoundJoiner: data.compoundJoiner,
    combining: new Map(keyed(data.combining)),
    suffixes: data.suffixes
      .map(([from = '', to = '']) => [wordKey(from), to] as const)
      .sort(([a], [b]) => b.length - a.length),
    words: new Map(Object.values(data.words).flatMap(keyed)),
  };
}

const FAMILIES: readonly Family[] = [family(nameWords.romance), family(nameWords.germanic)];
const CATIONS = new Set(nameWords.english.cations);
/** Alkyl groups that open a name printed in English order ("lauril sulfato", "metil parabeno"). */
const LEADING = new Set(nameWords.english.leading);
const ANION_ENDINGS = nameWords.english.anionEndings;
/** Words with an anion's ending that name no anion ("white"). */
const NOT_ANIONS = new Set(nameWords.english.notAnions);
const HYDRATE = /^(?:an)?hydrous$|hydrate$/;

/** Longer names are not substance names; the cap also bounds the work on hostile input. */
const MAX_WORDS = 12;
const MAX_WORD_LENGTH = 60;
/** A shortest stem for an ending rule, so that "-ato" alone is no word. */
const MIN_STEM = 3;
/** Words of any script ("ciekła", "вода"), numbers, and any other mark alone. */
const TOKEN = /\p{L}+(?:-\p{L}+)*|[0-9]+(?:[.,][0-9]+)*|\S/gu;

interface Unit {
  readonly english: string;
  /** Numbers printed after the word ("80" of "polissorbato 80"), or before the first word. */
  readonly numbers: readonly string[];
  readonly connector: boolean;
  /** Whether the English differs from the printed word. */
  readonly changed: boolean;
  /** Whether a table gave the word, not an ending rule. */
  readonly known: boolean;
}

/**
 * The English name for a name printed in one of the languages of `library/name-words.json`
 * ("edetato dissódico di-hidratado" → "disodium edetate dihydrate", "polissorbato 80" → "polysorbate 80",
 * "Natriumchlorid" → "sodium chloride"), or null when the name is English already, has a word no table
 * knows, or any mark other than hyphens and apostrophes: never a half-translated guess. Never throws.
 */
export function englishName(printed: string): string | null {
  const tokens: string[] = [];
  for (const [token] of foldText(printed).matchAll(TOKEN)) {
    if (token === '-' || token === "'" || token === '\u2019') continue;
    if (!/^[\p{L}0-9]/u.test(token) || tokens.length === MAX_WORDS) return null;
    tokens.push(token);
  }
  // Every family's tables before any ending rule: "Milchsäure" is German, not a Romance "-ure".
  for (const byEnding of [false, true]) {
    for (const words of FAMILIES) {
      const english = translate(tokens, words, byEnding);
      if (english !== null) return english;
    }
  }
  return null;
}

function translate(tokens: readonly string[], words: Family, byEnding: boolean): string | null {
  const units: Unit[] = [];
  let leadingNumbers: string[] = [];
  const addWord = (key: string, english: string, known: boolean) => {
    units.push({
      english,
      numbers: leadingNumbers,
      connector: false,
      changed: english.replace(/ /g, '') !== key,
      known,
    });
    leadingNumbers = [];
  };
  for (const token of tokens) {
    if (/^[0-9]/.test(token)) {
      const last = units.at(-1);
      if (last === undefined || last.connector) leadingNumbers.push(token);
      else units[units.length - 1] = { ...last, numbers: [...last.numbers, token] };
      continue;
    }
    const key = token.replace(/-/g, '');
    if (words.connectors.has(key)) {
      units.push({ english: '', numbers: [], connector: true, changed: false, known: true });
      continue;
    }
    const parts = token.split('-');
    // A hyphenated word is read part by part when each part is a word ("Bio-Baumwolle", "cetil-alkohol"),
    // else whole ("di-hidratado").
    const byParts = parts.length > 1 && parts.every((part) => words.words.has(part));
    const whole = byParts ? null : wordIn(key, words);
    for (const part of (whole === null && key !== token) || byParts ? parts : [key]) {
      const known = part === key ? whole : wordIn(part, words);
      const english = known ?? (byEnding ? wordByEnding(part, words) : null);
      if (english === null) return null;
      addWord(part, english, known !== null);
    }
  }
  if (leadingNumbers.length > 0) return null;
  // Water of crystallisation closes the name in English wherever it is printed.
  const hydrates = units.filter((unit) => HYDRATE.test(unit.english));
  const rest = units.filter((unit) => !HYDRATE.test(unit.english));
  const ordered = words.order === 'head-first' ? headFirst(rest) : rest;
  if (ordered === null || ordered.length === 0) return null;
  const english = [...ordered, ...hydrates].map(render).join(' ');
  // A name of English words, or of ending guesses alone, is no translation — unless words the tables know
  // were only put in English order ("bicarbonate de sodium" → "sodium bicarbonate").
  const translated = units.some((unit) => unit.changed && unit.known);
  const reordered =
    units.every((unit) => unit.known) &&
    english !==
      units
        .filter((unit) => !unit.connector)
        .map(render)
        .join(' ');
  return translated || reordered ? english : null;
}

const render = (unit: Unit): string =>
  unit.numbers.length === 0 ? unit.english : `${unit.english} ${unit.numbers.join(' ')}`;

/** A word of the table, else a compound of combining parts and a word of it. */
function wordIn(key: string, words: Family): string | null {
  const known = words.words.get(key) ?? hydrateIn(key);
  if (known !== undefined) return known;
  return key.length > MAX_WORD_LENGTH ? null : compoundIn(key, words, new Map());
}

/**
 * Water of crystallisation as Romance and Germanic leaflets print it, whatever the count: "dodecaidratado",
 * "pentahidrato", "esaidrato", "Dodecahydrat" → "dodecahydrate" (the scan drops hydrates when it looks up).
 */
function hydrateIn(key: string): string | undefined {
  // Cheap test first: this runs for every piece a compound word is cut into.
  const match = key.includes('drat') ? HYDRATE_WORD.exec(key) : null;
  if (match === null) return undefined;
  const count = match[1] ?? '';
  return `${HYDRATE_COUNTS[count] ?? count}hydrate`;
}

const HYDRATE_WORD =
  /^(mono|di|tri|tetra|penta|hexa|esa|hepta|epta|octa|otta|deca|dodeca)h?[iy]drat(?:o|a|e|ee|ado|ada|ato|ata)?$/;
const HYDRATE_COUNTS: Readonly<Record<string, string>> = { esa: 'hexa', epta: 'hepta', otta: 'octa' };

/** A word read by its ending ("láctico" → "lactic"), for words no table has. */
function wordByEnding(key: string, words: Family): string | null {
  if (key.length > MAX_WORD_LENGTH) return null;
  const rule = words.suffixes.find(([from]) => key.endsWith(from) && key.length - from.length >= MIN_STEM);
  return rule === undefined ? null : key.slice(0, -rule[0].length) + rule[1];
}

/** "metil" + "parabeno", "hidroxi" + "etil" + "celulose"; each position is tried once (memo). */
function compoundIn(key: string, words: Family, memo: Map<string, string | null>): string | null {
  const seen = memo.get(key);
  if (seen !== undefined) return seen;
  let found: string | null = null;
  for (const [part, english] of words.combining) {
    const rest = key.slice(part.length);
    if (!key.startsWith(part) || rest.length < 4) continue;
    const tail = words.words.get(rest) ?? compoundIn(rest, words, memo);
    if (tail !== null) {
      found = english + words.compoundJoiner + tail;
      break;
    }
  }
  memo.set(key, found);
  return found;
}

/** English order for a head-first name: the complement after the first connector, then the head phrase. */
function headFirst(units: readonly Unit[]): Unit[] | null {
  const at = units.findIndex((unit) => unit.connector);
  if (at === -1) return headPhrase(units);
  const complement = headFirst(units.slice(at + 1));
  if (at === 0 || complement === null || complement.length === 0) return null;
  return [...complement, ...headPhrase(units.slice(0, at))];
}

/**
 * A head and its modifiers in English order: modifiers before the head, nearest last ("sílica coloidal"
 * → "colloidal silica"). A cation goes before an anion ("edetato dissódico" → "disodium edetate") and after
 * any other head, as English pharmacopoeias name such salts ("carmelose sódica" → "carmellose sodium").
 * A phrase that opens with a cation or an alkyl group is printed in English order already ("sodio cloruro",
 * "lauril sulfato").
 */
function headPhrase(units: readonly Unit[]): Unit[] {
  const [head, ...modifiers] = units;
  if (head === undefined || CATIONS.has(head.english) || LEADING.has(head.english)) return [...units];
  const cations = modifiers.filter((unit) => CATIONS.has(unit.english));
  const others = modifiers.filter((unit) => !CATIONS.has(unit.english)).reverse();
  const isAnion = (unit: Unit) =>
    !NOT_ANIONS.has(unit.english) && ANION_ENDINGS.some((ending) => unit.english.endsWith(ending));
  // "benzalconio cloruro", "cellulose acetate": a substance named before its anion is in English order.
  const [only] = modifiers;
  if (modifiers.length === 1 && only !== undefined && isAnion(only) && !isAnion(head)) return [...units];
  return isAnion(head) || others.some(isAnion)
    ? [...cations, ...others, head]
    : [...others, head, ...cations];
}

/**
 * The ingredient with the English forms of its printed names ({@link englishName}) as further names to look
 * up; the name it is reported under stays as printed.
 */
export function withTranslatedNames<T extends ParsedIngredient>(ingredient: T): T {
  const printed = [ingredient.name, ...ingredient.alternatives];
  const keys = new Set(printed.map(normalizeName));
  const english = printed
    .map(englishName)
    .filter((name): name is string => name !== null && !keys.has(normalizeName(name)));
  return english.length === 0
    ? ingredient
    : { ...ingredient, alternatives: [...ingredient.alternatives, ...new Set(english)] };
}

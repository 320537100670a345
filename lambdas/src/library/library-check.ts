import { editDistance } from '../domain/edit-distance.ts';
import { normalizeName } from '../domain/label/text-form.ts';
import { distinctionBetween, ocrFold } from '../domain/name-distinctions.ts';
import type { LibraryEntry } from './library-file.ts';

/**
 * What `npm run library:check` reports beyond the file's schema (which already refuses an entry without a
 * source and a name or alias shared by two entries):
 * - `near_homonym`: names of two entries that the fuzzy step could take for each other — within its
 *   acceptance (see {@link withinFuzzyReach}), with the same numbers, and told apart by none of the
 *   distinctions the scan enforces — unless one entry lists the other in `distinct_from`;
 * - `restated_reason`: a description that restates the entry's name instead of giving a reason;
 * - `unknown_distinct_from`: `distinct_from` naming no entry.
 */
export interface LibraryProblem {
  readonly kind: 'near_homonym' | 'restated_reason' | 'unknown_distinct_from';
  readonly entry: string;
  readonly message: string;
}

/** The fuzzy step's acceptance (migration `…_match_ingredients_bounded_fuzzy.sql`). */
const MIN_FUZZY_SIMILARITY = 0.85;

interface Term {
  readonly entry: string;
  readonly text: string;
  readonly norm: string;
  readonly folded: string;
  readonly numbers: string;
  /** Character counts of `norm` and `folded`, for a cheap lower bound on their edit distance. */
  readonly counts: Int16Array;
  readonly foldedCounts: Int16Array;
}

export function checkLibrary(entries: readonly LibraryEntry[]): LibraryProblem[] {
  const names = new Set(entries.map((entry) => entry.name));
  const problems: LibraryProblem[] = [];
  for (const entry of entries) {
    for (const other of entry.distinct_from ?? []) {
      if (!names.has(other)) {
        problems.push({
          kind: 'unknown_distinct_from',
          entry: entry.name,
          message: `distinct_from names no entry: "${other}"`,
        });
      }
    }
    const restated = restatement(entry);
    if (restated !== null) {
      problems.push({
        kind: 'restated_reason',
        entry: entry.name,
        message: `the description restates the name (${restated}): say what it does and why it has its level`,
      });
    }
  }
  return [...problems, ...nearHomonyms(entries)];
}

/**
 * Why a description restates the entry instead of giving a reason, or null: it opens with the name or an
 * alias as its subject ("Tocopherol is tocopherol…"), or little is left once the names are taken out.
 */
function restatement(entry: LibraryEntry): string | null {
  const description = ` ${normalizeName(entry.description)} `;
  const terms = [entry.name, ...entry.aliases].map(normalizeName).filter((term) => term.length > 0);
  const subject = terms.find((term) => new RegExp(`^ ${term} (is|are|was) `).test(description));
  if (subject !== undefined) return `it opens with "${subject} is"`;
  const rest = terms.reduce((text, term) => text.replaceAll(` ${term} `, ' '), description);
  const words = rest
    .trim()
    .split(' ')
    .filter((word) => word !== '').length;
  return words < MIN_REASON_WORDS ? `only ${words} words besides the names` : null;
}

/** A reason says what the ingredient does in these products and why it has its level. */
const MIN_REASON_WORDS = 8;

function nearHomonyms(entries: readonly LibraryEntry[]): LibraryProblem[] {
  const distinct = new Set(
    entries.flatMap((entry) => (entry.distinct_from ?? []).map((other) => pairKey(entry.name, other))),
  );
  const terms = entries.flatMap((entry) =>
    [entry.name, ...entry.aliases].map((text) => term(entry.name, text)),
  );
  // An accepted pair differs in length by at most 15% of the longer term (or one character): terms are
  // compared with those of about their length only.
  terms.sort((a, b) => a.norm.length - b.norm.length);
  const problems: LibraryProblem[] = [];
  const reported = new Set<string>();
  for (let i = 0; i < terms.length; i++) {
    const a = terms[i] as Term;
    for (let j = i + 1; j < terms.length; j++) {
      const b = terms[j] as Term;
      if (b.norm.length - a.norm.length > Math.max(1, Math.floor(b.norm.length * (1 - MIN_FUZZY_SIMILARITY))))
        break;
      if (a.entry === b.entry || a.numbers !== b.numbers || distinct.has(pairKey(a.entry, b.entry))) continue;
      if (!withinFuzzyReach(a, b) || distinctionBetween(a.text, b.text) !== null) continue;
      const key = pairKey(a.entry, b.entry);
      if (reported.has(key)) continue;
      reported.add(key);
      problems.push({
        kind: 'near_homonym',
        entry: a.entry,
        message: `"${a.text}" and "${b.text}" (${b.entry}) are within the fuzzy step's reach: make one an alias, or list the other in distinct_from`,
      });
    }
  }
  return problems;
}

function term(entry: string, text: string): Term {
  const norm = normalizeName(text);
  const folded = ocrFold(norm);
  return {
    entry,
    text,
    norm,
    folded,
    numbers: numbersOf(norm),
    counts: charCounts(norm),
    foldedCounts: charCounts(folded),
  };
}

/**
 * As the fuzzy step accepts a candidate: at most 15% of the characters changed, or a single edit in a name
 * of five or more characters, on the plain or the OCR-folded forms, whichever are closer.
 */
function withinFuzzyReach(a: Term, b: Term): boolean {
  const longest = Math.max(a.norm.length, b.norm.length);
  const allowed = Math.max(1, Math.floor(longest * (1 - MIN_FUZZY_SIMILARITY)));
  // Most pairs are far apart: a bound that costs 37 subtractions spares the edit distance.
  if (bagDistance(a.counts, b.counts) > allowed && bagDistance(a.foldedCounts, b.foldedCounts) > allowed) {
    return false;
  }
  const distance = Math.min(editDistance(a.norm, b.norm), editDistance(a.folded, b.folded));
  return (
    1 - distance / longest >= MIN_FUZZY_SIMILARITY ||
    (distance === 1 && Math.min(a.norm.length, b.norm.length) >= 5)
  );
}

/** The numbers of a normalised name, as the database's `lotus_numbers` reads them. */
function numbersOf(norm: string): string {
  const found: string[] = [];
  for (const match of ` ${norm} `.matchAll(
    /(?: ([0-9]+)(?= )|[a-z]([0-9]{2,})(?= )| ([0-9]{2,})(?=[a-z]))/g,
  )) {
    found.push(match[1] ?? match[2] ?? match[3] ?? '');
  }
  return found.join(' ');
}

/** Counts of a–z, 0–9 and space. */
function charCounts(text: string): Int16Array {
  const counts = new Int16Array(37);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const slot = code === 32 ? 36 : code <= 57 ? 26 + code - 48 : code - 97;
    counts[slot] = (counts[slot] ?? 0) + 1;
  }
  return counts;
}

/** The larger of the characters only one side has, counted: never more than the edit distance. */
function bagDistance(a: Int16Array, b: Int16Array): number {
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < a.length; i++) {
    const difference = (a[i] as number) - (b[i] as number);
    if (difference > 0) onlyA += difference;
    else onlyB -= difference;
  }
  return Math.max(onlyA, onlyB);
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

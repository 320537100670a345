/**
 * Scoring a scan report against a real label's expected ingredients (`npm run bench:labels`). Pure: the
 * bench scans, this module aligns and counts.
 */

/** What the scorer reads of an expected ingredient (bench/labels/README.md). */
export interface Expected {
  readonly printed: string;
  readonly name: string;
  readonly role: Role;
}

export type Role = 'active' | 'inactive' | 'ingredient';

/** What the scorer reads of a label. */
export interface ExpectedLabel {
  readonly id: string;
  readonly kind: string;
  readonly ingredients: readonly Expected[];
  readonly claims?: readonly string[];
}

/** What the scorer reads of a reported ingredient; `role` may not be reported yet (then `ingredient`). */
export interface ReportItem {
  readonly name: string;
  readonly role?: string;
  readonly match: { readonly name: string } | null;
}

/** What the scorer reads of a 200 answer; `claims` may not be reported yet. */
export interface ReportView {
  readonly ingredients: readonly ReportItem[];
  readonly claims?: readonly (string | { readonly text: string })[];
  readonly summary: { readonly overall_risk_level: string };
  readonly warnings: readonly string[];
}

export interface ScanAnswer {
  readonly status: number;
  /** Present for a 200 answer. */
  readonly report: ReportView | null;
}

/** Normalised name or alias → the library entry's name. */
export type LibraryIndex = ReadonlyMap<string, string>;

/** Lower case, no accents, every run of other characters one space. */
export function foldText(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      // Letters of every script: a Cyrillic or Greek name must align with itself.
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

// A strength as labels print it: "2%", "2% w/w", "1.5 mg", "100 mg/g"; and the pharmacopoeia marks.
const AMOUNT =
  /\d+(?:[.,]\d+)?\s*(?:%|mg|mcg|g|ml|iu)(?![a-z])(?:\s*\/\s*(?:g|ml))?(?:\s*[wv]\s*\/\s*[wv])?/gi;
const PHARMACOPOEIA = /\b(?:usp|nf)\b/gi;

/** {@link foldText} after removing strengths ("2%", "2% w/w", "100 mg") and "USP"/"NF". */
export function normalizeLabelName(name: string): string {
  return foldText(name.replace(AMOUNT, ' ').replace(PHARMACOPOEIA, ' '));
}

/** Indexes every entry by its name and its aliases, folded. */
export function libraryIndex(entries: readonly { name: string; aliases: readonly string[] }[]): LibraryIndex {
  const index = new Map<string, string>();
  for (const entry of entries) {
    for (const term of [entry.name, ...entry.aliases]) index.set(foldText(term), entry.name);
  }
  return index;
}

/**
 * The library entry an expected standard name is, or null when the library has no such entry. A name given
 * with its synonym in parentheses ("Nylon (polyamide)") is either.
 */
export function expectedEntry(name: string, library: LibraryIndex): string | null {
  const outside = name.replace(/\s*\([^()]*\)\s*/g, ' ').trim();
  const inside = /\(([^()]+)\)/.exec(name)?.[1] ?? '';
  for (const term of [name, outside, inside]) {
    if (term === '') continue;
    const entry = library.get(foldText(term)) ?? library.get(normalizeLabelName(term));
    if (entry !== undefined) return entry;
  }
  return null;
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** How closely two normalised names agree: 0 equal, 1 a few edits apart, 2 one contains the other. */
type Closeness = 0 | 1 | 2 | 3;

/** Share of the longer name the shorter must cover when one contains the other. */
export const MIN_CONTAINED_SHARE = 0.8;

/**
 * Whether two normalised names are the same name as printed: equal; or at most one edit per 8 characters
 * of the longer (at most 3, none under 8 characters: "pp" is not "pe"); or one contains the other at word
 * boundaries and covers at least {@link MIN_CONTAINED_SHARE} of it. Null when they are different names.
 */
export function closeness(a: string, b: string): Closeness | null {
  if (a === '' || b === '') return null;
  if (a === b) return 0;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  const allowed = Math.min(3, Math.floor(longer.length / 8));
  if (allowed > 0 && longer.length - shorter.length <= allowed && editDistance(a, b) <= allowed) return 1;
  if (shorter.length >= MIN_CONTAINED_SHARE * longer.length && ` ${longer} `.includes(` ${shorter} `)) {
    return 2;
  }
  return null;
}

/**
 * The forms an expected printed name may be reported under, normalised: the whole name, the name without
 * its parentheses ("Aqua (Water)" → "Aqua") and what each pair of parentheses holds ("Water").
 */
export function printedForms(printed: string): string[] {
  const outside = printed.replace(/\([^)]*\)/g, ' ');
  const inside = [...printed.matchAll(/\(([^)]*)\)/g)].map((found) => found[1] ?? '');
  const forms = [printed, outside, ...inside].map(normalizeLabelName).filter((form) => form !== '');
  return [...new Set(forms)];
}

function nameCloseness(expected: Expected, item: ReportItem): Closeness | null {
  const reported = normalizeLabelName(item.name);
  let best: Closeness | null = null;
  for (const form of printedForms(expected.printed)) {
    const found = closeness(form, reported) ?? (isCoreOf(reported, form) ? 3 : null);
    if (found !== null && (best === null || found < best)) best = found;
  }
  return best;
}

/**
 * Whether `reported` is `printed` with leading words left out, word for word ("medical grade silicone" of
 * "dye free medical grade silicone", "organic cotton" of "certified organic 100 cotton"): the same head noun,
 * read without some of the qualifiers printed before it. The loosest alignment: tried last.
 */
export function isCoreOf(reported: string, printed: string): boolean {
  const core = reported.split(' ').filter(Boolean);
  const words = printed.split(' ').filter(Boolean);
  if (core.length === 0 || core.length >= words.length || core.at(-1) !== words.at(-1)) return false;
  let at = 0;
  for (const word of core) {
    at = words.indexOf(word, at);
    if (at === -1) return false;
    at++;
  }
  return true;
}

export interface Alignment {
  /** For each expected ingredient (by index), the index of its report item, or null when none. */
  readonly itemOf: readonly (number | null)[];
  /** Report items aligned to nothing: anything not on the label reported as an ingredient. */
  readonly phantoms: readonly number[];
  /** Report items naming an ingredient already aligned (the label prints it twice; listed once). */
  readonly repeats: readonly number[];
}

/**
 * Pairs expected ingredients with report items by name, one to one: closest names first, then the pair
 * nearest in list order, so that a name printed twice pairs with its own place in the list.
 */
export function alignIngredients(expected: readonly Expected[], items: readonly ReportItem[]): Alignment {
  const pairs: { e: number; r: number; closeness: Closeness }[] = [];
  expected.forEach((ingredient, e) => {
    items.forEach((item, r) => {
      const found = nameCloseness(ingredient, item);
      if (found !== null) pairs.push({ e, r, closeness: found });
    });
  });
  pairs.sort((x, y) => x.closeness - y.closeness || Math.abs(x.e - x.r) - Math.abs(y.e - y.r) || x.r - y.r);
  const itemOf: (number | null)[] = expected.map(() => null);
  const taken = new Set<number>();
  for (const pair of pairs) {
    if (itemOf[pair.e] !== null || taken.has(pair.r)) continue;
    itemOf[pair.e] = pair.r;
    taken.add(pair.r);
  }
  const named = new Set(pairs.map((pair) => pair.r));
  const loose = items.map((_, r) => r).filter((r) => !taken.has(r));
  return {
    itemOf,
    phantoms: loose.filter((r) => !named.has(r)),
    repeats: loose.filter((r) => named.has(r)),
  };
}

/** How an expected ingredient came out. */
export type Outcome =
  /** Aligned, and matched to its library entry (or unknown where the library has none). */
  | 'right'
  /** Aligned, and matched to another entry (or to an entry where the library has none). */
  | 'wrong_entry'
  /** Aligned, but unknown although the library has its entry. */
  | 'left_unknown'
  /** No report item for it. */
  | 'missed';

export interface OccurrenceScore {
  readonly printed: string;
  /** The role the label gives it. */
  readonly role: Role;
  /** The library entry it is, or null when the library lacks it. */
  readonly want: string | null;
  readonly outcome: Outcome;
  /** The aligned report item: its name, entry (null: unknown) and role (`ingredient` when not reported). */
  readonly reported: { readonly name: string; readonly entry: string | null; readonly role: string } | null;
}

export interface LabelScore {
  readonly id: string;
  readonly kind: string;
  readonly status: number;
  readonly occurrences: readonly OccurrenceScore[];
  /** Names of report items aligned to nothing on the label. */
  readonly phantoms: readonly string[];
  readonly repeats: number;
  /** Whether the label separates actives from inactives (a Drug Facts panel). */
  readonly panel: boolean;
  readonly claims: {
    readonly expected: number;
    /** Expected claims the report lists among its claims. */
    readonly found: readonly string[];
    /** Expected claims it does not. */
    readonly missed: readonly string[];
    /** Phantom items that come from an expected claim ("BPA" of "BPA-free"). */
    readonly asIngredients: readonly string[];
  };
  readonly verdict: string | null;
  readonly incomplete: boolean;
}

const claimText = (claim: string | { readonly text: string }) =>
  typeof claim === 'string' ? claim : claim.text;

/** Scores one answer against its label. A non-200 answer reports nothing: every ingredient is missed. */
export function scoreLabel(label: ExpectedLabel, answer: ScanAnswer, library: LibraryIndex): LabelScore {
  const items = answer.report?.ingredients ?? [];
  const byName = alignIngredients(label.ingredients, items);
  const { itemOf, phantoms } = alignByEntry(label.ingredients, items, byName, library);
  const { repeats } = byName;
  const panel = label.ingredients.some((ingredient) => ingredient.role !== 'ingredient');
  const occurrences = label.ingredients.map((ingredient, e): OccurrenceScore => {
    const want = expectedEntry(ingredient.name, library);
    const index = itemOf[e];
    const item = index === null || index === undefined ? undefined : items[index];
    if (item === undefined) {
      return { printed: ingredient.printed, role: ingredient.role, want, outcome: 'missed', reported: null };
    }
    const entry = item.match === null ? null : (library.get(foldText(item.match.name)) ?? item.match.name);
    const outcome: Outcome = entry === want ? 'right' : entry === null ? 'left_unknown' : 'wrong_entry';
    return {
      printed: ingredient.printed,
      role: ingredient.role,
      want,
      outcome,
      reported: { name: item.name, entry, role: item.role ?? 'ingredient' },
    };
  });

  const expectedClaims = label.claims ?? [];
  const reportedClaims = (answer.report?.claims ?? []).map((claim) => foldText(claimText(claim)));
  const isReported = (claim: string) =>
    reportedClaims.some((reported) => closeness(foldText(claim), reported) !== null);
  const phantomNames = phantoms.map((r) => items[r]?.name ?? '');
  return {
    id: label.id,
    kind: label.kind,
    status: answer.status,
    occurrences,
    phantoms: phantomNames,
    repeats: repeats.length,
    panel,
    claims: {
      expected: expectedClaims.length,
      found: expectedClaims.filter(isReported),
      missed: expectedClaims.filter((claim) => !isReported(claim)),
      asIngredients: phantomNames.filter((name) => {
        const folded = foldText(name);
        return (
          folded !== '' && expectedClaims.some((claim) => ` ${foldText(claim)} `.includes(` ${folded} `))
        );
      }),
    },
    verdict: answer.report?.summary.overall_risk_level ?? null,
    incomplete: answer.report?.warnings.includes('list_may_be_incomplete') ?? false,
  };
}

/**
 * The second, last pass of alignment: an expected ingredient left without an item takes a phantom matched
 * to exactly its library entry ("Keltrol CG (xanthan gum)" reported as Keltrol CG → Xanthan Gum, for
 * expected xanthan gum): the report named it differently but identified it. Never for unknowns.
 */
export function alignByEntry(
  expected: readonly Expected[],
  items: readonly ReportItem[],
  alignment: Alignment,
  library: LibraryIndex,
): Pick<Alignment, 'itemOf' | 'phantoms'> {
  const itemOf = [...alignment.itemOf];
  const phantoms = [...alignment.phantoms];
  expected.forEach((ingredient, e) => {
    if (itemOf[e] !== null) return;
    const want = expectedEntry(ingredient.name, library);
    if (want === null) return;
    const at = phantoms.findIndex((r) => {
      const match = items[r]?.match;
      return match != null && (library.get(foldText(match.name)) ?? match.name) === want;
    });
    if (at === -1) return;
    itemOf[e] = phantoms[at] ?? null;
    phantoms.splice(at, 1);
  });
  return { itemOf, phantoms };
}

/** Whether the report gives an aligned item on a panel the role the label gives it (null: not checked). */
export function roleRight(score: LabelScore, occurrence: OccurrenceScore): boolean | null {
  if (!score.panel || occurrence.reported === null) return null;
  return occurrence.reported.role === occurrence.role;
}

/** Whether every active and inactive of a panel is right and reported with its role. */
export function panelFullyRead(score: LabelScore): boolean {
  return (
    score.panel &&
    score.occurrences
      .filter((occurrence) => occurrence.role !== 'ingredient')
      .every((occurrence) => occurrence.outcome === 'right' && roleRight(score, occurrence) === true)
  );
}

/** The figures of a set of labels (a half, or one kind in it). */
export interface Figures {
  readonly labels: number;
  readonly occurrences: number;
  readonly right: number;
  readonly wrongEntry: number;
  readonly leftUnknown: number;
  readonly missed: number;
  readonly phantoms: number;
  readonly repeats: number;
  /** Aligned items on labels with actives/inactives, and those reported with the expected role. */
  readonly roles: { readonly checked: number; readonly right: number };
  readonly panels: { readonly total: number; readonly fullyRead: number };
  readonly claims: { readonly expected: number; readonly found: number; readonly asIngredients: number };
  /** Labels answered 422 (no ingredients found). */
  readonly noIngredients: number;
  /** Labels answered with any other error, by status. */
  readonly errors: Readonly<Record<string, number>>;
  readonly verdicts: Readonly<Record<string, number>>;
  /** Reports that warn `list_may_be_incomplete`. */
  readonly incomplete: number;
  /**
   * How the labels spread: by the share of their occurrences right (every one, at least half, fewer, none)
   * and by their phantoms (none, one or two, three or more) — whether mistakes are whole lists or stray names.
   */
  readonly spread: {
    readonly right: {
      readonly all: number;
      readonly half: number;
      readonly some: number;
      readonly none: number;
    };
    readonly phantoms: { readonly none: number; readonly few: number; readonly many: number };
  };
}

/** Adds up the scores of a set of labels. */
export function summarize(scores: readonly LabelScore[]): Figures {
  const occurrences = scores.flatMap((score) => score.occurrences);
  const count = (outcome: Outcome) =>
    occurrences.filter((occurrence) => occurrence.outcome === outcome).length;
  const roles = scores.flatMap((score) =>
    score.occurrences.flatMap((occurrence) => {
      const right = roleRight(score, occurrence);
      return right === null ? [] : [right];
    }),
  );
  const verdicts: Record<string, number> = {};
  const errors: Record<string, number> = {};
  for (const score of scores) {
    if (score.verdict !== null) verdicts[score.verdict] = (verdicts[score.verdict] ?? 0) + 1;
    if (score.status !== 200 && score.status !== 422) errors[score.status] = (errors[score.status] ?? 0) + 1;
  }
  const sum = (value: (score: LabelScore) => number) =>
    scores.reduce((total, score) => total + value(score), 0);
  return {
    labels: scores.length,
    occurrences: occurrences.length,
    right: count('right'),
    wrongEntry: count('wrong_entry'),
    leftUnknown: count('left_unknown'),
    missed: count('missed'),
    phantoms: sum((score) => score.phantoms.length),
    repeats: sum((score) => score.repeats),
    roles: { checked: roles.length, right: roles.filter(Boolean).length },
    panels: {
      total: scores.filter((score) => score.panel).length,
      fullyRead: scores.filter(panelFullyRead).length,
    },
    claims: {
      expected: sum((score) => score.claims.expected),
      found: sum((score) => score.claims.found.length),
      asIngredients: sum((score) => score.claims.asIngredients.length),
    },
    noIngredients: scores.filter((score) => score.status === 422).length,
    errors,
    verdicts,
    incomplete: scores.filter((score) => score.incomplete).length,
    spread: spreadOf(scores),
  };
}

/** Labels whose phantoms are "many" from this count on. */
const MANY_PHANTOMS = 3;

function spreadOf(scores: readonly LabelScore[]): Figures['spread'] {
  const share = (score: LabelScore) =>
    score.occurrences.length === 0
      ? 1
      : score.occurrences.filter((occurrence) => occurrence.outcome === 'right').length /
        score.occurrences.length;
  const shares = scores.map(share);
  const phantoms = scores.map((score) => score.phantoms.length);
  const labelsWhere = <T>(values: readonly T[], test: (value: T) => boolean) => values.filter(test).length;
  return {
    right: {
      all: labelsWhere(shares, (value) => value === 1),
      half: labelsWhere(shares, (value) => value >= 0.5 && value < 1),
      some: labelsWhere(shares, (value) => value > 0 && value < 0.5),
      none: labelsWhere(shares, (value) => value === 0),
    },
    phantoms: {
      none: labelsWhere(phantoms, (count) => count === 0),
      few: labelsWhere(phantoms, (count) => count > 0 && count < MANY_PHANTOMS),
      many: labelsWhere(phantoms, (count) => count >= MANY_PHANTOMS),
    },
  };
}

/** One line per mistake on a label, for the development half's detail. */
export function mistakes(score: LabelScore): string[] {
  const lines: string[] = [];
  if (score.status !== 200) lines.push(`answered ${score.status}`);
  for (const occurrence of score.occurrences) {
    const want = occurrence.want ?? 'unknown';
    const got = occurrence.reported;
    if (occurrence.outcome === 'missed') lines.push(`missed "${occurrence.printed}" (want ${want})`);
    else if (occurrence.outcome !== 'right' && got !== null) {
      lines.push(
        `${occurrence.outcome === 'wrong_entry' ? 'wrong entry' : 'left unknown'}: "${got.name}" → ${got.entry ?? 'unknown'}, want ${want}`,
      );
    }
    if (got !== null && roleRight(score, occurrence) === false) {
      lines.push(`role of "${occurrence.printed}": ${got.role}, want ${occurrence.role}`);
    }
  }
  for (const name of score.phantoms) lines.push(`phantom "${name}"`);
  for (const claim of score.claims.missed) lines.push(`claim not reported: "${claim}"`);
  return lines;
}

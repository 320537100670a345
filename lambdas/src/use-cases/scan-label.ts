import { DependencyUnavailableError, NoIngredientsFoundError } from '../domain/errors.ts';
import type { Claim } from '../domain/label/claims.ts';
import { normalizeName } from '../domain/label/text-form.ts';
import { locateNames } from '../domain/locate-names.ts';
import { acceptMatch } from '../domain/name-distinctions.ts';
import type { Box, Embedder, IngredientStore, LabelReader, OcrResult, OcrWord } from '../domain/ports.ts';
import { assertListSize, assertListSizeBefore } from '../domain/scan-bounds.ts';
import { hasManyUnknowns, type RiskSummary, summarizeRisk } from '../domain/scoring.ts';
import type {
  IngredientMatch,
  IngredientRole,
  MatchMethod,
  ParsedIngredient,
  ReportedRisk,
} from '../domain/types.ts';
import { untilAborted } from '../shared/abort.ts';
import { joinBrokenNames } from './broken-names.ts';
import { type ListedText, listedIngredients, mostLegibleReading } from './choose-reading.ts';
import { listFromKnownRuns } from './known-runs.ts';
import { splitRunOnNames } from './run-on-names.ts';

/**
 * Share of characters that may differ (1 − edit distance / length, on OCR-folded names) for a misread name
 * to count as the library entry. Chosen on the labelled OCR-typo set (README, Matching).
 */
export const MIN_FUZZY_SIMILARITY = 0.85;

export type ScanWarning =
  | 'semantic_search_unavailable'
  | 'many_unknown_ingredients'
  | 'low_ocr_confidence'
  | 'list_may_be_incomplete';

export type ScanInput =
  | { readonly source: 'text'; readonly text: string }
  | { readonly source: 'image'; readonly image: Uint8Array };

/** Mean OCR word confidence under which the report warns that the photo was hard to read. */
export const LOW_OCR_CONFIDENCE = 0.6;

export interface ReportedIngredient {
  readonly name: string;
  readonly position: number;
  readonly role: IngredientRole;
  readonly strength?: string;
  readonly purpose?: string;
  readonly risk_level: ReportedRisk;
  readonly match: IngredientMatch | null;
  /** Photo scans: where the name was read (absent when its words were not found, and for text). */
  readonly bbox?: Box;
}

export interface ScanReport {
  readonly source: ScanInput['source'];
  readonly ingredients: readonly ReportedIngredient[];
  /** What the label says the product is free from; never among the ingredients. */
  readonly claims: readonly Claim[];
  readonly summary: RiskSummary;
  readonly ocr: OcrResult | null;
  readonly warnings: readonly ScanWarning[];
  readonly timings_ms: { readonly ocr?: number; readonly embed: number; readonly match: number };
}

export interface ScanLabelDeps {
  readonly store: Pick<IngredientStore, 'matchIngredients'>;
  readonly embedder: Embedder;
  /** Reads photos; a runtime without one answers image scans as unavailable. */
  readonly reader?: LabelReader;
  /**
   * Whether the library was embedded with the embedder's model; when not, names are not embedded at all
   * and the report warns `semantic_search_unavailable`. A failing check reads as "unknown": embeddings
   * are tried (the SQL compares only vectors of the same model).
   */
  readonly semanticStatus?: (signal?: AbortSignal) => Promise<SemanticStatus>;
  /** Told about a failure the scan survived (e.g. embeddings down), for logs and error reporting. */
  readonly onDegraded?: (error: unknown) => void;
}

export interface SemanticStatus {
  readonly available: boolean;
  /** The embedder's model, used for queries. */
  readonly model: string;
  /** The models the library's rows were embedded with. */
  readonly libraryModels: readonly string[];
}

/** At most this share of the time left, and this long, goes to embeddings: the library search must still run. */
const EMBEDDING_SHARE = 0.4;
const EMBEDDING_BUDGET_MS = 6_000;

const METHOD_RANK: Record<MatchMethod, number> = { exact: 0, alias: 1, fuzzy: 2, semantic: 3 };

/**
 * Builds the scan use case: parse the label text, match every name (and every alternative name the
 * label prints, such as "Water" in "Aqua (Water)") in one embeddings call and one store call, and score.
 * @throws {NoIngredientsFoundError} when the text holds no ingredient list.
 * @throws {DependencyUnavailableError} when the library cannot be searched.
 */
export function makeScanLabel({ store, embedder, reader, semanticStatus, onDegraded }: ScanLabelDeps) {
  /**
   * The library's matches for names by name, alias or close spelling, without embeddings: enough to rank
   * readings of a photo and to split names a lost comma ran together.
   */
  const matchByName = async (
    names: readonly string[],
    signal?: AbortSignal,
  ): Promise<Array<IngredientMatch | null>> => {
    const matches = await untilAborted(
      store.matchIngredients(
        {
          names: [...names],
          embeddings: null,
          embeddingModel: null,
          minFuzzySimilarity: MIN_FUZZY_SIMILARITY,
          minSemanticSimilarity: embedder.minSemanticSimilarity,
        },
        signal,
      ),
      signal,
    );
    if (matches.length !== names.length) throw differentCount();
    return names.map((name, index) => acceptMatch(name, matches[index] ?? null));
  };
  /**
   * @param deadlineAt epoch ms by which the report is due (the handler's deadline); embeddings get a
   *   share of what is left, so that a slow embeddings service degrades the scan instead of failing it.
   */
  return async function scanLabel(
    input: ScanInput,
    signal?: AbortSignal,
    deadlineAt?: number,
  ): Promise<ScanReport> {
    const warnings: ScanWarning[] = [];
    const inTime = deadlineCheck(deadlineAt);
    /** Which names the library knows by name, alias or close spelling (no embeddings). */
    const knows = async (names: readonly string[]) =>
      (await matchByName(names, signal)).map((match) => match !== null);
    let ocr: OcrResult | null = null;
    let ocrMs: number | undefined;
    let listed: ListedText;
    if (input.source === 'image') {
      if (!reader) throw new DependencyUnavailableError('ocr', 'Photo scans are not available here.');
      const ocrStart = performance.now();
      const read = await reader.read(input.image, signal);
      inTime('ocr');
      for (const reading of [read, ...(read.alternatives ?? [])]) assertListSizeBefore(reading.text, 'image');
      ({ ocr, listed } = await mostLegibleReading(read, knows));
      ocrMs = Math.round(performance.now() - ocrStart);
      if (ocr.confidence < LOW_OCR_CONFIDENCE) warnings.push('low_ocr_confidence');
    } else {
      assertListSizeBefore(input.text, 'text');
      listed = listedIngredients(input.text, 'text');
    }
    const { reading, text } = listed;
    // Too long a list is refused before the library is asked anything.
    assertListSize(listed.parsed.length, uniqueQueries(listed.parsed).length, input.source);
    // Runs of names the library knows that no section read (a list under a heading the parser does not
    // know, or one cut short) are more of the list: read, and the report says the list may be incomplete.
    const more = await listFromKnownRuns(text, knows, listed.parsed);
    // Beside a panel's actives, the names read this way are the inactive ones its list would have held.
    const role: IngredientRole = listed.parsed.some((ingredient) => ingredient.role === 'active')
      ? 'inactive'
      : 'ingredient';
    const printed = [
      ...listed.parsed,
      ...more.map((ingredient, index) => ({
        ...ingredient,
        role,
        position: listed.parsed.length + index + 1,
      })),
    ];
    const fromKnownRuns = more.length > 0;
    if (printed.length === 0) {
      throw new NoIngredientsFoundError(
        input.source === 'image'
          ? 'No ingredient list was found in the photo. Photograph the panel that starts with "Ingredients".'
          : 'No ingredient list was found in the text.',
        text,
      );
    }

    // A list read in part is said to be so, and is never presented as the whole.
    const incomplete = reading.incomplete || fromKnownRuns;
    if (incomplete) warnings.push('list_may_be_incomplete');
    const queries = uniqueQueries(printed);
    assertListSize(printed.length, queries.length, input.source);
    inTime('capacity');

    const embedStart = performance.now();
    let embeddings: number[][] | null = null;
    let semantic = true;
    if (semanticStatus) {
      try {
        semantic = (await untilAborted(semanticStatus(signal), signal)).available;
      } catch (error) {
        // Unknown: the store may be down (the match below then says so) or only this lookup failed. Past
        // the deadline, though, the library is what did not answer.
        if (signal?.aborted) throw libraryTooSlow(error);
      }
    }
    if (!semantic) {
      warnings.push('semantic_search_unavailable');
    } else {
      const now = Date.now();
      const share =
        deadlineAt === undefined
          ? EMBEDDING_BUDGET_MS
          : Math.max(1, Math.round(Math.min(EMBEDDING_BUDGET_MS, (deadlineAt - now) * EMBEDDING_SHARE)));
      const budget = AbortSignal.timeout(share);
      try {
        embeddings = await embedder.embed(
          queries,
          signal ? AbortSignal.any([signal, budget]) : budget,
          now + share,
        );
      } catch (error) {
        if (signal?.aborted) {
          throw new DependencyUnavailableError(
            'embeddings',
            'The scan ran out of time while embedding names.',
            { cause: error },
          );
        }
        // Names and trigrams still match; the client is told that synonyms may be missed.
        warnings.push('semantic_search_unavailable');
        onDegraded?.(error);
      }
    }
    const embedMs = performance.now() - embedStart;
    inTime('embeddings');

    const matchStart = performance.now();
    // untilAborted: the deadline holds even for a store that does not honour the signal.
    const matches = await untilAborted(
      store.matchIngredients(
        {
          names: queries,
          embeddings,
          embeddingModel: embeddings === null ? null : embedder.model,
          minFuzzySimilarity: MIN_FUZZY_SIMILARITY,
          minSemanticSimilarity: embedder.minSemanticSimilarity,
        },
        signal,
      ),
      signal,
    ).catch((error: unknown) => {
      if (error instanceof DependencyUnavailableError || !signal?.aborted) throw error;
      throw libraryTooSlow(error);
    });
    if (matches.length !== queries.length) throw differentCount();
    const matchMs = performance.now() - matchStart;
    inTime('database');

    const byQuery = new Map(
      queries.map((query, index) => [normalizeName(query), acceptMatch(query, matches[index] ?? null)]),
    );
    const isIdentified = (ingredient: ParsedIngredient) => bestMatch(ingredient, byQuery) !== null;
    const lookUp = (names: readonly string[]) => matchByName(names, signal);
    const split = await splitRunOnNames(printed, isIdentified, lookUp);
    for (const [name, match] of split.matches) byQuery.set(normalizeName(name), match);
    const joined = await joinBrokenNames(split.ingredients, isIdentified, lookUp);
    for (const [name, match] of joined.matches) byQuery.set(normalizeName(name), match);
    const parsed = joined.ingredients;
    inTime('database');
    const boxes = ocr
      ? locateNames(
          parsed.map((ingredient) => ingredient.name),
          ocrWords(ocr),
        )
      : [];
    const ingredients = parsed.map((ingredient, index): ReportedIngredient => {
      const match = bestMatch(ingredient, byQuery);
      const bbox = boxes[index];
      return {
        name: ingredient.name,
        position: ingredient.position,
        role: ingredient.role,
        ...(ingredient.strength === undefined ? {} : { strength: ingredient.strength }),
        ...(ingredient.purpose === undefined ? {} : { purpose: ingredient.purpose }),
        risk_level: match?.risk_level ?? 'unknown',
        match,
        ...(bbox === undefined ? {} : { bbox }),
      };
    });

    const levels = ingredients.map((ingredient) => ingredient.risk_level);
    if (hasManyUnknowns(levels)) warnings.push('many_unknown_ingredients');
    return {
      source: input.source,
      ingredients,
      claims: reading.claims,
      summary: summarizeRisk(ingredients, { incomplete }),
      ocr,
      warnings,
      timings_ms: {
        ...(ocrMs === undefined ? {} : { ocr: ocrMs }),
        embed: Math.round(embedMs),
        match: Math.round(matchMs),
      },
    };
  };
}

export type ScanLabel = ReturnType<typeof makeScanLabel>;

/**
 * Throws once the deadline has passed, read from the clock: a timer cannot fire while the event loop is
 * busy (an in-process query, a long parse), so each stage checks on its way out instead of answering late.
 * The dependency named is the stage that used up the time.
 */
function deadlineCheck(deadlineAt: number | undefined): (stage: string) => void {
  return (stage) => {
    if (deadlineAt === undefined || Date.now() <= deadlineAt) return;
    throw new DependencyUnavailableError(
      stage,
      `The scan ran out of time (${stage}); try again in a moment.`,
    );
  };
}

const libraryTooSlow = (cause: unknown) =>
  new DependencyUnavailableError('database', 'The ingredient library did not answer in time.', { cause });

const differentCount = () =>
  new DependencyUnavailableError('database', 'The library answered for a different number of names.');

function ocrWords(ocr: OcrResult): OcrWord[] {
  return ocr.lines.flatMap((line) => line.words);
}

/** Every distinct name to look up: each ingredient's name and the alternatives printed with it. */
function uniqueQueries(parsed: readonly ParsedIngredient[]): string[] {
  const seen = new Map<string, string>();
  for (const ingredient of parsed) {
    for (const name of [ingredient.name, ...ingredient.alternatives]) {
      const key = normalizeName(name);
      if (key !== '' && !seen.has(key)) seen.set(key, name);
    }
  }
  return [...seen.values()];
}

/** The most certain match among an ingredient's names: by method first, then by similarity. */
function bestMatch(
  ingredient: ParsedIngredient,
  /** Keyed by normalised name. */
  byQuery: ReadonlyMap<string, IngredientMatch | null>,
): IngredientMatch | null {
  let best: IngredientMatch | null = null;
  for (const name of [ingredient.name, ...ingredient.alternatives]) {
    const candidate = byQuery.get(normalizeName(name)) ?? null;
    if (candidate === null) continue;
    if (
      best === null ||
      METHOD_RANK[candidate.method] < METHOD_RANK[best.method] ||
      (candidate.method === best.method && candidate.similarity > best.similarity)
    ) {
      best = candidate;
    }
  }
  return best;
}

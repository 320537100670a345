import type { PGlite } from '@electric-sql/pglite';
import { vectorLiteral } from '../db/vector-literal.ts';
import { DependencyUnavailableError } from '../domain/errors.ts';
import type { IngredientStore, MatchRequest } from '../domain/ports.ts';
import type {
  CatalogIngredient,
  CatalogPage,
  CatalogQuery,
  IngredientMatch,
  MatchMethod,
  RiskLevel,
  Source,
} from '../domain/types.ts';
import { untilAborted } from '../shared/abort.ts';
import { makeTurns } from '../shared/turns.ts';

/** A row of `match_ingredients_with_sources`, as both stores read it. */
export interface MatchRow {
  [column: string]: unknown;
  query_index: number;
  id: number | bigint;
  name: string;
  aliases: string[];
  category: string;
  risk_level: RiskLevel;
  description: string;
  sources: Source[];
  similarity: number;
  method: MatchMethod;
}

/**
 * Names matched per query. An unknown name that shares a common word with many aliases ("Qx Acid") costs
 * ≈ 10–15 ms of matching here, so a slice holds the event loop for at most a few hundred ms.
 */
const MATCH_SLICE = 20;

/** {@link IngredientStore} over the embedded PGlite, calling the same SQL function as Supabase does. */
export function makePgliteStore(db: PGlite): IngredientStore {
  const inTurn = makeTurns();
  // A request whose deadline passed while it waited for its turn does not run its query.
  const guard = <T>(operation: string, signal: AbortSignal | undefined, run: () => Promise<T>) =>
    guarded(operation, signal, () =>
      inTurn(() => {
        signal?.throwIfAborted();
        return run();
      }),
    );
  return {
    async matchIngredients(request: MatchRequest, signal?: AbortSignal) {
      const rows: MatchRow[] = [];
      // PGlite runs on this thread: one query for a whole list would hold the event loop (other requests,
      // /health, the deadline's timer) for as long as it takes. Slices of names, each in its own turn of
      // the loop, let them run in between.
      for (let start = 0; start < request.names.length; start += MATCH_SLICE) {
        const end = start + MATCH_SLICE;
        const slice = await guard('match ingredients', signal, () =>
          db.query<MatchRow>('select * from match_ingredients_with_sources($1, $2, $3, $4, $5)', [
            request.names.slice(start, end),
            request.embeddings === null ? null : request.embeddings.slice(start, end).map(vectorLiteral),
            request.embeddingModel,
            request.minFuzzySimilarity,
            request.minSemanticSimilarity,
          ]),
        );
        for (const row of slice.rows) rows.push({ ...row, query_index: row.query_index + start });
      }
      return toMatches(request.names.length, rows);
    },
    async listIngredients(query: CatalogQuery, signal?: AbortSignal) {
      const result = await guard('list ingredients', signal, () =>
        db.query<{ page: CatalogPage }>('select list_ingredients($1, $2, $3, $4, $5) as page', [
          query.risk_level ?? null,
          query.category ?? null,
          query.q ?? null,
          query.limit,
          query.offset,
        ]),
      );
      const page = result.rows[0]?.page;
      if (!page) throw new DependencyUnavailableError('database', 'list_ingredients returned nothing');
      return { items: page.items, total: Number(page.total) };
    },
    async getIngredient(id: number, signal?: AbortSignal) {
      const result = await guard('get ingredient', signal, () =>
        db.query<{ entry: CatalogIngredient | null }>('select get_ingredient($1) as entry', [id]),
      );
      return result.rows[0]?.entry ?? null;
    },
    async embeddingModels(signal?: AbortSignal) {
      const result = await guard('list embedding models', signal, () =>
        db.query<{ model: string; rows: number | bigint }>('select * from library_embedding_models()'),
      );
      return result.rows.map((row) => ({ model: row.model, rows: Number(row.rows) }));
    },
    async ping(signal?: AbortSignal) {
      await guard('ping', signal, () => db.query('select 1'));
    },
  };
}

/** Maps the function's rows (one per matched query, 1-based `query_index`) onto the request's order. */
export function toMatches(count: number, rows: readonly MatchRow[]): (IngredientMatch | null)[] {
  const matches: (IngredientMatch | null)[] = Array.from({ length: count }, () => null);
  for (const row of rows) {
    matches[row.query_index - 1] = {
      id: Number(row.id),
      name: row.name,
      aliases: row.aliases,
      category: row.category,
      risk_level: row.risk_level,
      description: row.description,
      sources: row.sources,
      similarity: Math.round(row.similarity * 1000) / 1000,
      method: row.method,
    };
  }
  return matches;
}

/**
 * Runs one database call, turning any failure into a dependency error. PGlite cannot cancel a query, so
 * an abort stops the wait (the caller answers within its deadline) and the query finishes unobserved.
 */
async function guarded<T>(
  operation: string,
  signal: AbortSignal | undefined,
  run: () => Promise<T>,
): Promise<T> {
  try {
    signal?.throwIfAborted();
    return await untilAborted(run(), signal);
  } catch (error) {
    throw new DependencyUnavailableError('database', `Database ${operation} failed`, { cause: error });
  }
}

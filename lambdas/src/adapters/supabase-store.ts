import { createClient } from '@supabase/supabase-js';
import { z } from 'zod';
import { vectorLiteral } from '../db/vector-literal.ts';
import { DependencyUnavailableError } from '../domain/errors.ts';
import type { IngredientStore, MatchRequest } from '../domain/ports.ts';
import type { CatalogIngredient, CatalogPage, CatalogQuery } from '../domain/types.ts';
import { type MatchRow, toMatches } from './pglite-store.ts';

export interface SupabaseStoreOptions {
  /** The project URL, e.g. `https://<ref>.supabase.co`. */
  readonly url: string;
  /** Sent as `apikey` and `Authorization: Bearer`; never appears in an error message. */
  readonly serviceRoleKey: string;
  /** Bound on every call, on top of the caller's signal. @default 8000 */
  readonly timeoutMs?: number;
  /** Bound on {@link IngredientStore.ping}, so that a readiness check answers quickly. @default 2000 */
  readonly pingTimeoutMs?: number;
}

const riskLevel = z.enum(['low', 'medium', 'high']);
const sourceSchema = z.object({ title: z.string(), url: z.string() });

/** The rows of `match_ingredients_with_sources` for `count` names: at most one per 1-based query index. */
const matchRowsSchema = (count: number) =>
  z.array(
    z.object({
      query_index: z.number().int().min(1).max(count),
      id: z.number().int(),
      name: z.string(),
      aliases: z.array(z.string()),
      category: z.string(),
      risk_level: riskLevel,
      description: z.string(),
      sources: z.array(sourceSchema),
      similarity: z.number(),
      method: z.enum(['exact', 'alias', 'fuzzy', 'semantic']),
    }),
  );

const catalogIngredientSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  aliases: z.array(z.string()),
  category: z.string(),
  risk_level: riskLevel,
  description: z.string(),
  sources: z.array(sourceSchema),
});

const catalogPageSchema = z.object({
  items: z.array(catalogIngredientSchema),
  total: z.number().int().min(0),
});

/**
 * {@link IngredientStore} over Supabase: the same SQL functions as the embedded store
 * (`match_ingredients_with_sources`, `list_ingredients`, `get_ingredient`, `library_embedding_models`), called through PostgREST with
 * supabase-js `.rpc()` — one HTTP request per call, a whole scan's names in one call.
 *
 * Creating the store opens nothing (no realtime socket, no token refresh timer); every call is bounded by
 * `timeoutMs` (`pingTimeoutMs` for `ping`) and by the caller's signal.
 *
 * @throws {DependencyUnavailableError} (`dependency: 'database'`) from every method when the endpoint
 *   cannot be reached, times out, is aborted by the caller, answers with an error (PostgREST or SQL, any
 *   HTTP status), answers with a body of an unexpected shape or with match rows no correct function
 *   answers (two for one name, a similarity outside [0, 1]) — never an empty or a made-up result instead.
 *   The message says which of these happened and holds no key, URL or SQL text; the supabase-js error is
 *   the `cause`. A valid `Retry-After` on the error response becomes `retryAfterSeconds` (1 to 300).
 */
export function makeSupabaseStore(options: SupabaseStoreOptions): IngredientStore {
  const { timeoutMs = 8000, pingTimeoutMs = 2000 } = options;
  // supabase-js hands back the status and the body but not the headers; this fetch notes Retry-After,
  // keyed by the per-call signal that supabase-js passes through unchanged.
  const retryAfterBySignal = new WeakMap<AbortSignal, number>();
  const client = createClient(options.url, options.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: {
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
        if (retryAfter !== undefined && init?.signal) retryAfterBySignal.set(init.signal, retryAfter);
        return response;
      },
    },
  });

  async function call<T>(
    operation: string,
    fn: string,
    args: Record<string, unknown>,
    schema: z.ZodType<T>,
    {
      signal,
      limitMs = timeoutMs,
      check,
    }: {
      signal: AbortSignal | undefined;
      limitMs?: number;
      /** What is wrong with a body of the right shape, if anything (the schema cannot say). */
      check?: (value: T) => string | undefined;
    },
  ): Promise<T> {
    const timeout = AbortSignal.timeout(limitMs);
    const combined = AbortSignal.any(signal ? [signal, timeout] : [timeout]);
    const failed = (reason: string, cause: unknown) =>
      new DependencyUnavailableError('database', `Database ${operation} failed: ${reason}`, {
        cause,
        retryAfterSeconds: retryAfterBySignal.get(combined),
      });

    let response: Awaited<ReturnType<typeof client.rpc>>;
    try {
      response = await client.rpc(fn, args).abortSignal(combined);
    } catch (error) {
      // supabase-js reports failures in `error`; this is a defect of the SDK or of our call.
      throw failed('the client threw', error);
    }
    const { data, error, status } = response;
    if (error) {
      if (signal?.aborted) throw failed('aborted by the caller', error);
      if (timeout.aborted) throw failed(`timed out after ${limitMs} ms`, error);
      if (status === 0) throw failed('Supabase is unreachable', error);
      if (status >= 200 && status < 300) throw failed('Supabase answered with an unexpected body', error);
      const code =
        typeof error.code === 'string' && /^[A-Z0-9]{1,8}$/.test(error.code) ? `, ${error.code}` : '';
      throw failed(`Supabase answered with an error (HTTP ${status}${code})`, error);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw failed('Supabase answered with an unexpected body', parsed.error);
    const wrong = check?.(parsed.data);
    if (wrong !== undefined) throw failed(`Supabase answered with ${wrong}`, undefined);
    return parsed.data;
  }

  return {
    async matchIngredients(request: MatchRequest, signal?: AbortSignal) {
      const count = request.names.length;
      const rows: MatchRow[] = await call(
        'match ingredients',
        'match_ingredients_with_sources',
        {
          query_names: request.names,
          query_embeddings: request.embeddings?.map(vectorLiteral) ?? null,
          query_embedding_model: request.embeddingModel,
          min_fuzzy_similarity: request.minFuzzySimilarity,
          min_semantic_similarity: request.minSemanticSimilarity,
        },
        matchRowsSchema(count),
        { signal, check: wrongInMatchRows },
      );
      return toMatches(count, rows);
    },
    async listIngredients(query: CatalogQuery, signal?: AbortSignal): Promise<CatalogPage> {
      return call(
        'list ingredients',
        'list_ingredients',
        {
          p_risk_level: query.risk_level ?? null,
          p_category: query.category ?? null,
          p_q: query.q ?? null,
          p_limit: query.limit,
          p_offset: query.offset,
        },
        catalogPageSchema,
        { signal },
      );
    },
    async getIngredient(id: number, signal?: AbortSignal): Promise<CatalogIngredient | null> {
      return call('get ingredient', 'get_ingredient', { p_id: id }, catalogIngredientSchema.nullable(), {
        signal,
      });
    },
    async embeddingModels(signal?: AbortSignal) {
      return call(
        'list embedding models',
        'library_embedding_models',
        {},
        z.array(z.object({ model: z.string(), rows: z.number().int().min(0) })),
        { signal },
      );
    },
    async ping(signal?: AbortSignal) {
      // A lookup of an id that never exists: one indexed read, no data.
      await call('ping', 'get_ingredient', { p_id: 0 }, catalogIngredientSchema.nullable(), {
        signal,
        limitMs: pingTimeoutMs,
      });
    },
  };
}

/**
 * Rows no correct function answers, which would otherwise become a scan's verdict: two matches for one
 * name (the last would silently win), or a similarity that is no cosine or ratio (outside [0, 1]).
 */
function wrongInMatchRows(rows: readonly MatchRow[]): string | undefined {
  const seen = new Set<number>();
  for (const row of rows) {
    if (seen.has(row.query_index)) return `two matches for name ${row.query_index}`;
    seen.add(row.query_index);
    if (!(row.similarity >= 0 && row.similarity <= 1)) return 'a similarity outside [0, 1]';
  }
  return undefined;
}

/** RFC 9110's IMF-fixdate, the one HTTP-date form servers send. */
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * `Retry-After` as seconds (delta-seconds or an HTTP date), or undefined when absent or invalid. Only
 * these two forms: `Date.parse` alone reads "-5" or "1.5" as dates in 2001. How long is sane is for
 * {@link DependencyUnavailableError} to bound.
 */
function parseRetryAfter(header: string | null): number | undefined {
  const value = header?.trim() ?? '';
  if (/^\d+$/.test(value)) return Number(value);
  if (!HTTP_DATE.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.ceil((date - Date.now()) / 1000);
}

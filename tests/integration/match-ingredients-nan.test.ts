import { beforeAll, describe, expect, it } from 'vitest';
import { embedText, makeLocalEmbedder } from '../../lambdas/src/adapters/local-embedder.ts';
import { makePgliteStore } from '../../lambdas/src/adapters/pglite-store.ts';
import { vectorLiteral } from '../../lambdas/src/db/vector-literal.ts';
import type { IngredientStore } from '../../lambdas/src/domain/ports.ts';
import { MIN_FUZZY_SIMILARITY } from '../../lambdas/src/use-cases/scan-label.ts';
import {
  libraryDatabase,
  storedEmbedding as storedEmbeddingOf,
  type TestDatabase,
} from '../support/databases.ts';

/*
 * In Postgres 'NaN'::real sorts above every number, so `NaN >= 0.8` is true. An all-zero query vector
 * has no direction: its cosine distance to every row is NaN, and the semantic step used to take that
 * NaN for a perfect match with whichever row came first (issue 17).
 */

const embedder = makeLocalEmbedder();
/** No library entry and far from every name, so only the vector step could match it. */
const ABSENT = 'Zzzyzx Unobtainium';

interface Row {
  [column: string]: unknown;
  query_index: number;
  name: string;
  similarity: number;
  method: string;
}

describe('match_ingredients with a query vector that has no direction', () => {
  let database: TestDatabase;
  let store: IngredientStore;

  beforeAll(async () => {
    database = await libraryDatabase();
    store = makePgliteStore(database.db);
  });

  /** Calls match_ingredients itself (not the store), with the library's own model and thresholds. */
  async function matchDirectly(names: string[], vectors: (number[] | null)[]): Promise<Row[]> {
    const result = await database.db.query<Row>(
      'select query_index, name, similarity, method from match_ingredients($1, $2, $3, $4, $5)',
      [
        names,
        vectors.map((vector) => (vector === null ? null : vectorLiteral(vector))),
        embedder.model,
        MIN_FUZZY_SIMILARITY,
        embedder.minSemanticSimilarity,
      ],
    );
    return result.rows;
  }

  const storedEmbedding = (name: string) => storedEmbeddingOf(database.client, name);

  it('finds no semantic match for an all-zero vector of the library model', async () => {
    expect(await matchDirectly([ABSENT], [new Array(embedder.dimensions).fill(0)])).toEqual([]);
  });

  it('finds no semantic match for a vector too small for its cosine to be computed', async () => {
    // Squared in float32 these components underflow to 0: pgvector's cosine distance is NaN again.
    expect(await matchDirectly([ABSENT], [new Array(embedder.dimensions).fill(1e-30)])).toEqual([]);
  });

  it('still matches by vector, and by name, beside a vector without direction in the same call', async () => {
    const water = await storedEmbedding('Water');
    const zero = new Array(embedder.dimensions).fill(0);

    const rows = await matchDirectly([ABSENT, 'Dihydrogen Monoxide', 'Glycerin'], [zero, water, zero]);

    expect(rows.map((row) => [row.query_index, row.name, row.method])).toEqual([
      [2, 'Water', 'semantic'],
      [3, 'Glycerin', 'exact'],
    ]);
    expect(rows[0]?.similarity).toBe(1);
  });

  it('keeps one function of the same signature, its description and its grants', async () => {
    const rows = await database.client.query<{ args: string; comment: string | null; anon: boolean }>(
      `select pg_get_function_identity_arguments(p.oid) as args, obj_description(p.oid, 'pg_proc') as comment,
              has_function_privilege('anon', p.oid, 'execute') as anon
       from pg_proc p where p.proname = 'match_ingredients'`,
    );

    expect(rows).toEqual([
      {
        args: 'query_names text[], query_embeddings text[], query_embedding_model text, min_fuzzy_similarity real, min_semantic_similarity real',
        comment: expect.stringMatching(/^Best library match per query name/),
        anon: true,
      },
    ]);
  });

  it('answers null through the embedded store for an all-zero vector', async () => {
    const matches = await store.matchIngredients({
      names: [ABSENT],
      embeddings: [new Array(embedder.dimensions).fill(0)],
      embeddingModel: embedder.model,
      minFuzzySimilarity: MIN_FUZZY_SIMILARITY,
      minSemanticSimilarity: embedder.minSemanticSimilarity,
    });

    expect(matches).toEqual([null]);
  });

  it('matches nothing for names the local embedder turns into a zero vector', async () => {
    // Punctuation, scripts outside a–z and symbols: no word for the n-grams, so a zero vector. The SQL
    // normalisation keeps no character of them either, so these never reach the vector step; this
    // holds the two together.
    const names = ['***', '— · —', '蘆薈', 'Ⅸ', '½', '🌿'];
    const embeddings = await embedder.embed(names);
    expect(embeddings.every((vector) => vector.every((value) => value === 0))).toBe(true);
    expect(embedText('Aloe')).not.toEqual(new Array(embedder.dimensions).fill(0));

    const matches = await store.matchIngredients({
      names,
      embeddings,
      embeddingModel: embedder.model,
      minFuzzySimilarity: MIN_FUZZY_SIMILARITY,
      minSemanticSimilarity: embedder.minSemanticSimilarity,
    });

    expect(matches).toEqual(names.map(() => null));
  });
});

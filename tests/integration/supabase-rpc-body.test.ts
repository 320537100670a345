import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeSupabaseStore } from '../../lambdas/src/adapters/supabase-store.ts';
import { vectorLiteral } from '../../lambdas/src/db/vector-literal.ts';
import type { IngredientStore, MatchRequest } from '../../lambdas/src/domain/ports.ts';
import { MIN_FUZZY_SIMILARITY } from '../../lambdas/src/use-cases/scan-label.ts';
import { libraryDatabase, type TestDatabase } from '../support/databases.ts';
import { modelLikeVector } from '../support/model-vectors.ts';
import { type PostgrestServer, startPostgrestServer } from '../support/postgrest-server.ts';

/*
 * The vectors of a scan go to match_ingredients_with_sources in the body of one RPC. pgvector keeps
 * float32: the body should carry each vector with the digits that float32 needs, no more and no fewer.
 */

const SERVICE_ROLE_KEY = 'eyJhbGciOiJIUzI1NiJ9.service-role-test-key.c2lnbmF0dXJl';

/** Names in no entry and near none, with vectors of a model the library has no rows of. */
function unknownNames(count: number): MatchRequest {
  const names = Array.from({ length: count }, (_, index) => `Qorvexa Zintrelle ${index}`);
  return {
    names,
    embeddings: names.map((_, index) => modelLikeVector(index + 1)),
    embeddingModel: 'text-embedding-3-small',
    minFuzzySimilarity: MIN_FUZZY_SIMILARITY,
    minSemanticSimilarity: 0.8,
  };
}

describe('the match RPC body', () => {
  let database: TestDatabase;
  let server: PostgrestServer;
  let store: IngredientStore;

  beforeAll(async () => {
    database = await libraryDatabase();
    server = await startPostgrestServer({ db: database.db });
    store = makeSupabaseStore({ url: server.url, serviceRoleKey: SERVICE_ROLE_KEY });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  async function bodyBytes(request: MatchRequest): Promise<number> {
    server.requests.length = 0;
    expect(await store.matchIngredients(request)).toEqual(request.names.map(() => null));
    expect(server.requests).toHaveLength(1);
    return Buffer.byteLength(server.requests[0]?.body ?? '');
  }

  it('carries a 1536-dimension vector in under 18.5 KB per name, in proportion to the names', async () => {
    const ten = await bodyBytes(unknownNames(10));
    const forty = await bodyBytes(unknownNames(40));

    expect(forty / 40).toBeLessThan(18_500);
    // Each name costs the same: the body is its names and their vectors, no more.
    expect((forty - ten) / 30).toBeGreaterThan(17_000);
    expect((forty - ten) / 30).toBeLessThan(18_500);
    expect(Math.abs(forty / 40 - ten / 10)).toBeLessThan(200);
  });

  it('is read by pgvector as exactly the float32 vector the model gave', async () => {
    const vector = modelLikeVector(42);

    const [row] = await database.client.query<{ stored: string }>(
      'select $1::extensions.vector(1536)::text as stored',
      [vectorLiteral(vector)],
    );

    // pgvector prints the shortest decimal of each float32; read as float32, they are the model's values.
    const stored = (JSON.parse(row?.stored ?? '[]') as number[]).map(Math.fround);
    expect(stored).toEqual(vector);
  });
});

import { execFile } from 'node:child_process';
import { inspect, promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeLocalEmbedder } from '../../lambdas/src/adapters/local-embedder.ts';
import { makePgliteStore } from '../../lambdas/src/adapters/pglite-store.ts';
import { makeSupabaseStore } from '../../lambdas/src/adapters/supabase-store.ts';
import { repoRoot } from '../../lambdas/src/config/config.ts';
import { DependencyUnavailableError } from '../../lambdas/src/domain/errors.ts';
import type { IngredientStore, MatchRequest } from '../../lambdas/src/domain/ports.ts';
import { MIN_FUZZY_SIMILARITY } from '../../lambdas/src/use-cases/scan-label.ts';
import { libraryDatabase, type TestDatabase } from '../support/databases.ts';
import { dependencyFailure as failureOf } from '../support/dependency-failure.ts';
import { type PostgrestServer, startPostgrestServer } from '../support/postgrest-server.ts';

// Shaped like a legacy service-role JWT, so supabase-js also sends it as the Bearer token.
const SERVICE_ROLE_KEY = 'eyJhbGciOiJIUzI1NiJ9.service-role-test-key.c2lnbmF0dXJl';
const embedder = makeLocalEmbedder();
const run = promisify(execFile);

function lexical(names: string[]): MatchRequest {
  return {
    names,
    embeddings: null,
    embeddingModel: null,
    minFuzzySimilarity: MIN_FUZZY_SIMILARITY,
    minSemanticSimilarity: embedder.minSemanticSimilarity,
  };
}

/** Expects `action` to fail as the database being unavailable; returns the error. */
const dependencyFailure = (action: Promise<unknown>) => failureOf(action, 'database');

describe('the Supabase store through real supabase-js and a PostgREST-compatible endpoint', () => {
  let database: TestDatabase;
  let server: PostgrestServer;
  let store: IngredientStore;
  let embedded: IngredientStore;

  beforeAll(async () => {
    database = await libraryDatabase();
    server = await startPostgrestServer({ db: database.db });
    store = makeSupabaseStore({ url: server.url, serviceRoleKey: SERVICE_ROLE_KEY });
    embedded = makePgliteStore(database.db);
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.fault('none');
    server.requests.length = 0;
  });

  /** The stored vector of a library row, slightly perturbed: what a real model would give a synonym. */
  async function nearEmbedding(name: string): Promise<number[]> {
    const [row] = await database.client.query<{ embedding: string }>(
      'select embedding::text as embedding from ingredients_library where name = $1',
      [name],
    );
    if (!row) throw new Error(`${name} is not in the library`);
    return (JSON.parse(row.embedding) as number[]).map(
      (value, index) => value + (index % 7 === 0 ? 0.002 : 0),
    );
  }

  it('leaves no socket, timer or request behind when the store is created (no realtime, no auth refresh)', async () => {
    // In a fresh process: the test runner's own timers and pipes would blur the count here.
    const script = `
      import { makeSupabaseStore } from './lambdas/src/adapters/supabase-store.ts';
      makeSupabaseStore({ url: process.argv[1], serviceRoleKey: 'service-role-key' });
      // The auth client initialises asynchronously: give it time to start whatever it would start.
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Its stdout and stderr are pipes to the test: those are expected.
      console.log(JSON.stringify(process.getActiveResourcesInfo().filter((type) => type !== 'PipeWrap')));
    `;
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script, server.url],
      { cwd: repoRoot, timeout: 20_000 },
    );

    expect(JSON.parse(stdout)).toEqual([]);
    expect(server.requests).toEqual([]);
  });

  it('matches a whole scan in one request, exactly as the embedded store does, sending the service-role key', async () => {
    const names = ['Polypropylene', 'Aqua', 'Glyccrin', 'Dihydrogen Monoxide', 'Unobtainium Extract'];
    const embeddings = await embedder.embed(names);
    embeddings[3] = await nearEmbedding('Water');
    const request: MatchRequest = { ...lexical(names), embeddings, embeddingModel: embedder.model };

    const matches = await store.matchIngredients(request);

    expect(matches).toEqual(await embedded.matchIngredients(request));
    expect(matches.map((match) => [match?.name, match?.method])).toEqual([
      ['Polypropylene', 'exact'],
      ['Water', 'alias'],
      ['Glycerin', 'fuzzy'],
      ['Water', 'semantic'],
      [undefined, undefined],
    ]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: '/rest/v1/rpc/match_ingredients_with_sources',
    });
    expect(server.requests[0]?.headers.apikey).toBe(SERVICE_ROLE_KEY);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${SERVICE_ROLE_KEY}`);
  });

  it('lists and reads library entries exactly as the embedded store does', async () => {
    const query = { q: 'poly', limit: 3, offset: 1 };

    const page = await store.listIngredients(query);
    const first = page.items[0];
    if (!first) throw new Error('expected at least one entry');

    expect(page).toEqual(await embedded.listIngredients(query));
    expect(page.items).toHaveLength(3);
    expect(page.total).toBeGreaterThan(4);
    expect(await store.getIngredient(first.id)).toEqual(first);
    expect(server.requests.map((request) => request.path)).toEqual([
      '/rest/v1/rpc/list_ingredients',
      '/rest/v1/rpc/get_ingredient',
    ]);
  });

  it('answers null for an id that is not in the library', async () => {
    expect(await store.getIngredient(987_654_321)).toBeNull();
  });

  it('fails as unavailable, not with an empty result, when the endpoint does not know the function', async () => {
    const stale = await startPostgrestServer({
      db: database.db,
      hiddenFunctions: ['match_ingredients_with_sources'],
    });
    try {
      const staleStore = makeSupabaseStore({ url: stale.url, serviceRoleKey: SERVICE_ROLE_KEY });

      const error = await dependencyFailure(staleStore.matchIngredients(lexical(['Cotton'])));

      expect(error.message).toBe(
        'Database match ingredients failed: Supabase answered with an error (HTTP 404, PGRST202)',
      );
    } finally {
      await stale.close();
    }
  });

  it('fails as unavailable when the SQL function raises an error', async () => {
    // Vectors of another size than the library's 1536: pgvector refuses the cast.
    // (Parsed only for a name the exact and alias lookups leave unmatched.)
    const request = {
      ...lexical(['Zorblaxine Extract']),
      embeddings: [[0.1, 0.2, 0.3]],
      embeddingModel: embedder.model,
    };

    const error = await dependencyFailure(store.matchIngredients(request));

    expect(error.message).toMatch(/answered with an error \(HTTP 400, 22000\)$/);
    expect(error.message).not.toMatch(/select|match_ingredients(_with_sources)?\(/i);
  });

  it('fails at once when Supabase answers 503, carrying its Retry-After and not retrying', async () => {
    server.fault('unavailable');

    const error = await dependencyFailure(store.matchIngredients(lexical(['Cotton'])));

    expect(error.message).toMatch(/answered with an error \(HTTP 503, PGRST002\)$/);
    expect(error.retryAfterSeconds).toBe(7);
    expect(server.requests).toHaveLength(1);
  });

  it('keeps the default Retry-After when the error response has none', async () => {
    const request = {
      ...lexical(['Zorblaxine Extract']),
      embeddings: [[0.1]],
      embeddingModel: embedder.model,
    };

    const error = await dependencyFailure(store.matchIngredients(request));

    expect(error.retryAfterSeconds).toBe(new DependencyUnavailableError('database', '').retryAfterSeconds);
  });

  it('gives up on an endpoint that never answers after timeoutMs', async () => {
    server.fault('hang');
    const quick = makeSupabaseStore({ url: server.url, serviceRoleKey: SERVICE_ROLE_KEY, timeoutMs: 300 });
    const started = performance.now();

    const error = await dependencyFailure(quick.matchIngredients(lexical(['Cotton'])));

    const elapsed = performance.now() - started;
    expect(error.message).toBe('Database match ingredients failed: timed out after 300 ms');
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(3000);
  });

  it('fails as unreachable when nothing listens at the URL', async () => {
    const closed = await startPostgrestServer({ db: database.db });
    await closed.close();
    const nowhere = makeSupabaseStore({ url: closed.url, serviceRoleKey: SERVICE_ROLE_KEY });

    const error = await dependencyFailure(nowhere.matchIngredients(lexical(['Cotton'])));

    expect(error.message).toBe('Database match ingredients failed: Supabase is unreachable');
  });

  it('fails as unavailable, never with an empty result, when the body is not of the expected shape', async () => {
    server.fault('malformed');

    const match = await dependencyFailure(store.matchIngredients(lexical(['Cotton'])));
    const list = await dependencyFailure(store.listIngredients({ limit: 5, offset: 0 }));
    const get = await dependencyFailure(store.getIngredient(1));

    for (const error of [match, list, get])
      expect(error.message).toMatch(/answered with an unexpected body$/);
  });

  it('bounds ping by its own short timeout, not the timeout of the other calls', async () => {
    server.fault('hang');
    const probe = makeSupabaseStore({
      url: server.url,
      serviceRoleKey: SERVICE_ROLE_KEY,
      timeoutMs: 20_000,
      pingTimeoutMs: 200,
    });
    const started = performance.now();

    const error = await dependencyFailure(probe.ping());

    expect(error.message).toBe('Database ping failed: timed out after 200 ms');
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('answers ping with one cheap request when the database is up', async () => {
    await store.ping();

    expect(server.requests.map((request) => request.path)).toEqual(['/rest/v1/rpc/get_ingredient']);
  });

  it("stops waiting as soon as the caller's signal aborts", async () => {
    server.fault('hang');
    const patient = makeSupabaseStore({
      url: server.url,
      serviceRoleKey: SERVICE_ROLE_KEY,
      timeoutMs: 20_000,
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();

    const error = await dependencyFailure(patient.matchIngredients(lexical(['Cotton']), controller.signal));

    expect(error.message).toBe('Database match ingredients failed: aborted by the caller');
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('never puts the service-role key in an error, whatever the failure', async () => {
    const quick = makeSupabaseStore({ url: server.url, serviceRoleKey: SERVICE_ROLE_KEY, timeoutMs: 300 });
    const closed = await startPostgrestServer({ db: database.db });
    await closed.close();
    const nowhere = makeSupabaseStore({ url: closed.url, serviceRoleKey: SERVICE_ROLE_KEY });
    const failures: DependencyUnavailableError[] = [
      await dependencyFailure(nowhere.ping()),
      await dependencyFailure(
        quick.matchIngredients({
          ...lexical(['Zorblaxine Extract']),
          embeddings: [[1]],
          embeddingModel: embedder.model,
        }),
      ),
    ];
    for (const mode of ['unavailable', 'malformed', 'hang'] as const) {
      server.fault(mode);
      failures.push(await dependencyFailure(quick.getIngredient(1)));
    }

    for (const error of failures) {
      expect(error.message).not.toContain(SERVICE_ROLE_KEY);
      expect(inspect(error, { depth: 10 })).not.toContain(SERVICE_ROLE_KEY);
    }
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeSupabaseStore } from '../../lambdas/src/adapters/supabase-store.ts';
import type { IngredientStore, MatchRequest } from '../../lambdas/src/domain/ports.ts';
import { dependencyFailure as failureOf } from '../support/dependency-failure.ts';

/*
 * What the store makes of answers a correct PostgREST never gives: the real supabase-js client against
 * a stand-in that answers whatever a test scripts (tests/support/postgrest-server.ts runs the real SQL,
 * which cannot produce these).
 */

interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  /** Sent as JSON, or as it is when a string (JSON.stringify cannot write some of what a server may). */
  readonly body: unknown;
}

const SERVICE_ROLE_KEY = 'eyJhbGciOiJIUzI1NiJ9.service-role-test-key.c2lnbmF0dXJl';

const water = {
  query_index: 1,
  id: 7,
  name: 'Water',
  aliases: ['Aqua'],
  category: 'solvent',
  risk_level: 'low',
  description: 'The base of most formulas.',
  sources: [{ title: 'CosIng', url: 'https://example.org/water' }],
  similarity: 1,
  method: 'exact',
};
const glycerin = { ...water, query_index: 2, id: 9, name: 'Glycerin', aliases: [], method: 'alias' };

function request(names: string[]): MatchRequest {
  return {
    names,
    embeddings: null,
    embeddingModel: null,
    minFuzzySimilarity: 0.85,
    minSemanticSimilarity: 0.8,
  };
}

/** Expects `action` to fail as the database being unavailable; returns the error. */
const dependencyFailure = (action: Promise<unknown>) => failureOf(action, 'database');

describe('the Supabase store refuses answers that are not data', () => {
  let server: Server;
  let store: IngredientStore;
  let answer: Answer;

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    store = makeSupabaseStore({ url: `http://127.0.0.1:${port}`, serviceRoleKey: SERVICE_ROLE_KEY });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    answer = { status: 200, body: [water, glycerin] };
  });

  it('reads a well-formed answer (the stand-in itself works)', async () => {
    const matches = await store.matchIngredients(request(['Water', 'Aqua Glycerin']));

    expect(matches.map((match) => [match?.name, match?.method, match?.similarity])).toEqual([
      ['Water', 'exact', 1],
      ['Glycerin', 'alias', 1],
    ]);
  });

  it('fails on two rows for one name instead of keeping either', async () => {
    answer = { status: 200, body: [water, { ...glycerin, query_index: 1 }] };

    const error = await dependencyFailure(store.matchIngredients(request(['Water', 'Glycerin'])));

    expect(error.message).toBe(
      'Database match ingredients failed: Supabase answered with two matches for name 1',
    );
  });

  it.each([
    ['above 1', 1.5],
    ['below 0', -0.2],
  ])('fails on a similarity %s', async (_, similarity) => {
    answer = { status: 200, body: [water, { ...glycerin, similarity, method: 'semantic' }] };

    const error = await dependencyFailure(store.matchIngredients(request(['Water', 'Glycerin'])));

    expect(error.message).toBe(
      'Database match ingredients failed: Supabase answered with a similarity outside [0, 1]',
    );
  });

  it.each([
    ['the string "NaN" (how Postgres writes a NaN real in JSON)', '"NaN"'],
    ['null', 'null'],
    ['1e999, which JSON.parse reads as Infinity', '1e999'],
  ])('fails on a similarity of %s', async (_, similarity) => {
    answer = {
      status: 200,
      body: JSON.stringify([water]).replace('"similarity":1', `"similarity":${similarity}`),
    };

    const error = await dependencyFailure(store.matchIngredients(request(['Water'])));

    expect(error.message).toMatch(/Supabase answered with an unexpected body$/);
  });

  it.each([
    ['a sane number of seconds', '12', 12],
    ['1e23 written out in digits', `1${'0'.repeat(23)}`, 300],
    ['an absurd number of seconds', '99999999999', 300],
    ['a date in the past', 'Sun, 06 Nov 1994 08:49:37 GMT', 1],
    ['a negative number', '-5', 5],
    ['a fraction', '1.5', 5],
    ['an exponent', '1e23', 5],
    ['garbage', 'soon', 5],
  ])('bounds a 503 Retry-After of %s (%s) to %i seconds', async (_, header, seconds) => {
    answer = {
      status: 503,
      headers: { 'retry-after': header },
      body: { code: 'PGRST002', message: 'Could not query the database for the schema cache. Retrying.' },
    };

    const error = await dependencyFailure(store.matchIngredients(request(['Water'])));

    expect(error.message).toMatch(/answered with an error \(HTTP 503, PGRST002\)$/);
    expect(error.retryAfterSeconds).toBe(seconds);
  });

  it('reads a Retry-After date in the future as the seconds until then', async () => {
    const inAMinute = new Date(Math.ceil(Date.now() / 1000) * 1000 + 60_000).toUTCString();
    answer = { status: 503, headers: { 'retry-after': inAMinute }, body: { code: 'PGRST002' } };

    const error = await dependencyFailure(store.matchIngredients(request(['Water'])));

    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(58);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(61);
  });
});

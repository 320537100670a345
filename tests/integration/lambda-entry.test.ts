import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../lambdas/src/handlers/debug.ts';
import { type ApiEventOptions, apiEvent } from '../support/api-event.ts';

function event(overrides: Partial<ApiEventOptions> = {}): APIGatewayProxyEvent {
  const options = {
    method: 'GET',
    path: '/api/debug/error',
    headers: { 'X-Request-Id': 'req-entry-1' },
    ...overrides,
  };
  // The factory's requestContext holds what the handlers read, not every field of the type.
  return apiEvent(options) as unknown as APIGatewayProxyEvent;
}

function context(remainingMs: number): Context {
  return {
    functionName: 'lotus-dev-debug',
    awsRequestId: 'aws-req-1',
    getRemainingTimeInMillis: () => remainingMs,
  } as unknown as Context;
}

describe('a Lambda entry point (Sentry-wrapped, no DSN configured)', () => {
  it('answers through the wrapper with the JSON contract: the debug route is a 404 unless enabled', async () => {
    const response = await handler(event(), context(10_000));

    expect(response.statusCode).toBe(404);
    expect(response.headers).toMatchObject({ 'X-Request-Id': 'req-entry-1' });
    expect(JSON.parse(response.body)).toMatchObject({
      error: { code: 'not_found', request_id: 'req-entry-1' },
    });
  });
});

describe('the scan deadline comes from the Lambda context', () => {
  it('a library that never answers gets a 503 before the function would time out', async () => {
    const { makeScanHandler } = await import('../../lambdas/src/handlers/scan.ts');
    const { makeLocalEmbedder } = await import('../../lambdas/src/adapters/local-embedder.ts');
    const { assembleDataRuntime } = await import('../../lambdas/src/runtime.ts');
    const { testRuntime } = await import('../support/local-api.ts');
    const runtime = testRuntime();
    const never = () => new Promise<never>(() => {});
    const data = assembleDataRuntime(
      {
        // Ignores every signal: only the handler's own deadline can end the wait.
        store: {
          matchIngredients: never,
          listIngredients: never,
          getIngredient: never,
          embeddingModels: never,
          ping: never,
        },
        embedder: makeLocalEmbedder(),
      },
      runtime.logger,
    );
    const scan = makeScanHandler(
      () => runtime,
      async () => data,
    );
    const request = event({
      method: 'POST',
      path: '/api/scan',
      headers: {},
      contentType: 'application/json',
      body: JSON.stringify({ text: 'Ingredients: Aqua, Glycerin.' }),
    });
    const started = performance.now();

    // 3 s left in the function: 1 s is kept to answer, so the scan gives up after about 2 s.
    const response = await scan(request, context(3_000));

    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body)).toMatchObject({
      error: { code: 'dependency_unavailable', dependency: 'database' },
    });
    expect(performance.now() - started).toBeLessThan(2_900);
  });
});

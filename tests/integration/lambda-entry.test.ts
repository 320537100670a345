import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../lambdas/src/handlers/debug.ts';
import { lambdaEntry } from '../../lambdas/src/observability/lambda-entry.ts';
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

describe('work started at Lambda init', () => {
  const answer = async () => ({ statusCode: 200, headers: {}, body: '{}' });

  async function withFunctionName<T>(name: string | undefined, run: () => Promise<T>): Promise<T> {
    const saved = process.env.AWS_LAMBDA_FUNCTION_NAME;
    if (name === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    else process.env.AWS_LAMBDA_FUNCTION_NAME = name;
    try {
      return await run();
    } finally {
      if (saved === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      else process.env.AWS_LAMBDA_FUNCTION_NAME = saved;
    }
  }

  it('starts inside Lambda, before any request and without being awaited', async () => {
    let started = 0;
    await withFunctionName('lotus-dev-scan', async () => {
      lambdaEntry(answer, { atInit: () => new Promise(() => started++) });
      await Promise.resolve();
    });

    expect(started).toBe(1);
  });

  it('does not start outside Lambda (tests, the local server)', async () => {
    let started = 0;
    await withFunctionName(undefined, async () => {
      lambdaEntry(answer, { atInit: async () => started++ });
      await new Promise((resolve) => setTimeout(resolve, 10));
    });

    expect(started).toBe(0);
  });

  it('leaves a failure to the first request: no unhandled rejection, the handler still answers', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const handler = await withFunctionName('lotus-dev-scan', async () =>
        lambdaEntry(answer, {
          atInit: async () => {
            throw new Error('secret not readable yet');
          },
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));

      expect(unhandled).toEqual([]);
      expect((await handler(event(), context(10_000))).statusCode).toBe(200);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

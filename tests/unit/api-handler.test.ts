import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../lambdas/src/config/config.ts';
import { apiHandler } from '../../lambdas/src/http/api-handler.ts';
import { makeLogger } from '../../lambdas/src/observability/logger.ts';

function event(overrides: Partial<APIGatewayProxyEvent> = {}): APIGatewayProxyEvent {
  return {
    resource: '/x',
    path: '/x',
    httpMethod: 'GET',
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: {} as APIGatewayProxyEvent['requestContext'],
    ...overrides,
  };
}

const context = {} as Context;
const environment = () => ({
  logger: makeLogger({ LOG_LEVEL: 'SILENT', ENVIRONMENT: 'test' }),
  corsOrigins: [],
});

describe('apiHandler', () => {
  it('answers a JSON 500 naming nothing when the runtime cannot be built (bad configuration)', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const handler = apiHandler(
      {
        name: 'x',
        methods: ['GET'],
        environment: () => {
          throw new ConfigError('Invalid configuration — PORT: expected number', ['PORT']);
        },
      },
      async () => ({ statusCode: 200, body: {} }),
    );

    const result = await handler(event({ headers: { 'X-Request-Id': 'r-1' } }), context);

    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).toEqual({
      error: expect.objectContaining({ code: 'internal_error', request_id: 'r-1' }),
    });
    expect(consoleError).toHaveBeenCalledWith(expect.stringContaining('PORT'));
    consoleError.mockRestore();
  });

  it('maps a throw from the route to the JSON envelope and keeps the request id header', async () => {
    const handler = apiHandler({ name: 'x', methods: ['GET'], environment }, async () => {
      throw new Error('boom with internals');
    });

    const result = await handler(event(), context);

    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('internals');
    expect(result.headers?.['X-Request-Id']).toBe(JSON.parse(result.body).error.request_id);
  });

  it('answers OPTIONS as a preflight without calling the route', async () => {
    const route = vi.fn();
    const handler = apiHandler({ name: 'x', methods: ['POST'], environment }, route);

    const result = await handler(event({ httpMethod: 'OPTIONS' }), context);

    expect(result.statusCode).toBe(204);
    expect(result.body).toBe('');
    expect(route).not.toHaveBeenCalled();
  });
});

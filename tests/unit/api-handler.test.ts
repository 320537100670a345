import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../lambdas/src/config/config.ts';
import { apiHandler } from '../../lambdas/src/http/api-handler.ts';
import { makeLogger } from '../../lambdas/src/observability/logger.ts';
import { makeMetrics } from '../../lambdas/src/observability/metrics.ts';
import { captureStdoutJson, emfBlobs } from '../support/stdout-json.ts';

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

function lambdaContext(awsRequestId: string): Context {
  return {
    functionName: 'lotus-test-x',
    functionVersion: '7',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:lotus-test-x:live',
    memoryLimitInMB: '512',
    awsRequestId,
    getRemainingTimeInMillis: () => 10_000,
  } as unknown as Context;
}

function gatewayEvent(ourId: string, gatewayId: string): APIGatewayProxyEvent {
  return event({
    headers: { 'X-Request-Id': ourId },
    requestContext: { requestId: gatewayId } as APIGatewayProxyEvent['requestContext'],
  });
}

describe('apiHandler in Lambda: logs and metrics', () => {
  // Powertools reads the initialisation type when a logger or metrics instance is built: on demand, the
  // first invocation of a process is its cold start.
  beforeEach(() => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('every entry during an invocation carries the Lambda context and both request ids; cold_start only on the first', async () => {
    const processLogger = makeLogger({ LOG_LEVEL: 'INFO', ENVIRONMENT: 'test' });
    const handler = apiHandler(
      { name: 'x', methods: ['GET'], environment: () => ({ logger: processLogger, corsOrigins: [] }) },
      async ({ logger }) => {
        logger.info('from the route');
        // What the data runtime logs goes through the process's logger, not the request's child.
        processLogger.info('from the data runtime');
        return { statusCode: 200, body: {} };
      },
    );

    const entries = await captureStdoutJson(async () => {
      await handler(gatewayEvent('ours-1', 'gw-1'), lambdaContext('aws-1'));
      processLogger.info('between invocations');
      await handler(gatewayEvent('ours-2', 'gw-2'), lambdaContext('aws-2'));
    });

    expect(
      entries.map((entry) => [
        entry.message,
        entry.request_id,
        entry.apigw_request_id,
        entry.function_request_id,
        entry.cold_start,
      ]),
    ).toEqual([
      ['from the route', 'ours-1', 'gw-1', 'aws-1', true],
      ['from the data runtime', 'ours-1', 'gw-1', 'aws-1', true],
      ['request', 'ours-1', 'gw-1', 'aws-1', true],
      ['between invocations', undefined, undefined, 'aws-1', true],
      ['from the route', 'ours-2', 'gw-2', 'aws-2', false],
      ['from the data runtime', 'ours-2', 'gw-2', 'aws-2', false],
      ['request', 'ours-2', 'gw-2', 'aws-2', false],
    ]);
    expect(entries[0]).toMatchObject({
      service: 'lotus-api',
      function_name: 'lotus-test-x',
      function_version: '7',
      function_arn: 'arn:aws:lambda:eu-west-1:000000000000:function:lotus-test-x:live',
    });
  });

  it('counts the cold start once per process and publishes what a route recorded as one EMF blob per request', async () => {
    const metrics = makeMetrics({ ENVIRONMENT: 'test' });
    const environment = () => ({ ...silentEnvironment(), metrics });
    const recording = apiHandler({ name: 'x', methods: ['GET'], environment }, async ({ metrics }) => {
      metrics?.addMetric('Probe', MetricUnit.Count, 1);
      return { statusCode: 200, body: {} };
    });
    const quiet = apiHandler({ name: 'y', methods: ['GET'], environment }, async () => ({
      statusCode: 200,
      body: {},
    }));

    const blobs = emfBlobs(
      await captureStdoutJson(async () => {
        await recording(event(), lambdaContext('aws-1'));
        await recording(event(), lambdaContext('aws-2'));
        await quiet(event(), lambdaContext('aws-3'));
      }),
    );

    expect(
      blobs.map((blob) => {
        const [directive] = blob._aws.CloudWatchMetrics;
        return [directive?.Namespace, directive?.Dimensions, directive?.Metrics.map((metric) => metric.Name)];
      }),
    ).toEqual([
      ['Lotus', [['service', 'environment', 'function_name']], ['ColdStart']],
      ['Lotus', [['service', 'environment']], ['Probe']],
      ['Lotus', [['service', 'environment']], ['Probe']],
    ]);
    expect(blobs[0]).toMatchObject({
      service: 'lotus-api',
      environment: 'test',
      function_name: 'lotus-test-x',
      ColdStart: 1,
    });
  });
});

function silentEnvironment() {
  return { logger: makeLogger({ LOG_LEVEL: 'SILENT', ENVIRONMENT: 'test' }), corsOrigins: [] };
}

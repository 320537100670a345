import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { DependencyUnavailableError, MethodNotAllowedError } from '../domain/errors.ts';
import type { ErrorReporter } from '../observability/error-reporter.ts';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import { describeError } from '../shared/describe-error.ts';
import { corsHeaders, preflightHeaders } from './cors.ts';
import { errorToResponse } from './errors.ts';
import { resolveRequestId } from './request-id.ts';

export type ApiGatewayHandler = (
  event: APIGatewayProxyEvent,
  context: Context,
) => Promise<APIGatewayProxyResult>;

/** What every HTTP handler needs, built once per process by the composition root. */
export interface HttpEnvironment {
  readonly logger: Logger;
  readonly corsOrigins: readonly string[];
  /** Receives 500s and 503s (with the request id); absent where no error tracking is configured. */
  readonly reporter?: ErrorReporter;
  /** Takes each function's cold start and what routes record; absent outside Lambda (nothing published). */
  readonly metrics?: Metrics;
}

export interface ApiRequest {
  readonly event: APIGatewayProxyEvent;
  readonly context: Context;
  readonly requestId: string;
  readonly logger: Logger;
  /** What the route records here is published, in one blob, when the request is answered. */
  readonly metrics?: Metrics;
  /** Case-insensitive header lookup (API Gateway keeps the caller's casing). */
  header(name: string): string | undefined;
}

export interface ApiResult {
  readonly statusCode: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

export interface ApiHandlerOptions {
  /** Names the handler in logs. */
  readonly name: string;
  /** Methods this route answers; anything else is a 405 (OPTIONS is the CORS preflight). */
  readonly methods: readonly string[];
  readonly environment: () => HttpEnvironment;
}

/**
 * Wraps a route's logic with what every response needs: request id, CORS, preflight, method check,
 * JSON serialisation, one access log line, and the mapping of every error to the JSON error envelope.
 * Every function's observability is set up here too: log entries carry the Lambda context and the request
 * ids, the cold start is counted, and what the route recorded is published as one EMF blob.
 * The wrapped function never sees a request it should not, and nothing it throws escapes as a crash.
 */
export function apiHandler(
  options: ApiHandlerOptions,
  run: (request: ApiRequest) => Promise<ApiResult>,
): ApiGatewayHandler {
  return async (event, context) => {
    const started = performance.now();
    const header = headerLookup(event.headers);
    const requestId = resolveRequestId(header('x-request-id'));
    let environment: HttpEnvironment;
    try {
      environment = options.environment();
    } catch (error) {
      // A broken configuration (named by ConfigError, never its values) still answers in JSON.
      console.error(`${options.name}: cannot build the runtime: ${describeError(error)}`);
      const mapped = errorToResponse(error, requestId);
      return {
        statusCode: mapped.statusCode,
        headers: { 'Content-Type': 'application/json', 'X-Request-Id': requestId },
        body: JSON.stringify(mapped.body),
      };
    }
    const { logger: rootLogger, corsOrigins, reporter, metrics } = environment;
    metrics?.captureColdStartMetric(context.functionName);
    const logger = requestLogger(rootLogger, event, context, requestId);
    try {
      const origin = header('origin');
      const preflight = { statusCode: 204, body: null, headers: preflightHeaders(origin, corsOrigins) };
      const { result, reported } =
        event.httpMethod === 'OPTIONS'
          ? { result: preflight, reported: false }
          : await settle(options, run, { event, context, requestId, logger, metrics, header }, reporter);
      logger.info('request', {
        handler: options.name,
        method: event.httpMethod,
        path: event.path,
        status: result.statusCode,
        duration_ms: Math.round(performance.now() - started),
      });
      if (reported && reporter) await reportBeforeAnswering(reporter);
      return {
        statusCode: result.statusCode,
        headers: {
          'Content-Type': 'application/json',
          'X-Request-Id': requestId,
          ...corsHeaders(origin, corsOrigins),
          ...result.headers,
        },
        body: result.statusCode === 204 ? '' : JSON.stringify(result.body),
      };
    } finally {
      rootLogger.resetKeys();
      if (metrics?.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}

/**
 * How long, at most, a Lambda answer waits for a reported error to reach Sentry: as long as the reporter
 * lets a send hang in Lambda (`SEND_TIMEOUT_MS.lambda`, not imported: that would bundle the reporter, and
 * with it the Sentry SDK, into `/health`).
 */
const LAMBDA_REPORT_WAIT_MS = 300;

/**
 * What a response waits for once an error was reported: never more than a moment, since a response is
 * never slowed for reporting.
 *
 * Locally (`npm start`) nothing: the process lives on and the SDK sends the event in the background.
 *
 * In Lambda the process is frozen once the handler returns, and a send in flight then is stalled until the
 * next invocation thaws it (its connection may be gone by then) or lost with the environment. Sending at
 * SIGTERM instead is no option: Lambda sends it only to functions with an extension, and a frozen
 * environment may be reclaimed without it. So the event must leave before the answer: a bounded flush, as
 * long as a send may hang before it is dropped (the reporter's `SEND_TIMEOUT_MS`) — a healthy ingest
 * answers well within it; a hung one costs this much, not the SDK's 2 s.
 */
async function reportBeforeAnswering(reporter: ErrorReporter): Promise<void> {
  if (process.env.AWS_LAMBDA_FUNCTION_NAME === undefined) return;
  await reporter.flush(LAMBDA_REPORT_WAIT_MS).catch(() => undefined);
}

/**
 * Adds this invocation to the process's logger — the Lambda context (cold start, AWS request id, function
 * name; the version too, which Powertools leaves out and a canary needs), API Gateway's request id and
 * ours — and returns a child that keeps them for the request. The root carries them too, for what the data runtime logs meanwhile: Lambda runs one invocation
 * at a time per environment (or Powertools scopes them per invocation); the local server interleaves
 * requests, so there only the child's entries are sure to name their own request.
 */
function requestLogger(
  root: Logger,
  event: APIGatewayProxyEvent,
  context: Context,
  requestId: string,
): Logger {
  root.addContext(context);
  const gatewayRequestId = event.requestContext?.requestId;
  root.appendKeys({
    request_id: requestId,
    ...(gatewayRequestId ? { apigw_request_id: gatewayRequestId } : {}),
    ...(context.functionVersion ? { function_version: context.functionVersion } : {}),
  });
  return root.createChild();
}

/** The route's answer, or its error mapped to the envelope (and reported when it is ours to fix). */
async function settle(
  options: ApiHandlerOptions,
  run: (request: ApiRequest) => Promise<ApiResult>,
  request: ApiRequest,
  reporter: ErrorReporter | undefined,
): Promise<{ result: ApiResult; reported: boolean }> {
  const { event, requestId, logger } = request;
  try {
    if (!options.methods.includes(event.httpMethod)) {
      throw new MethodNotAllowedError(
        `${event.httpMethod} is not allowed on ${event.path}; use ${options.methods.join(' or ')}.`,
        [...options.methods, 'OPTIONS'],
      );
    }
    return { result: await run(request), reported: false };
  } catch (error) {
    const mapped = errorToResponse(error, requestId);
    if (!mapped.unexpected) return { result: mapped, reported: false };
    logger.error('request failed', { handler: options.name, error: error as Error });
    reporter?.capture(error, {
      requestId,
      handler: options.name,
      status: mapped.statusCode,
      ...(error instanceof DependencyUnavailableError ? { dependency: error.dependency } : {}),
    });
    return { result: mapped, reported: reporter !== undefined };
  }
}

function headerLookup(headers: APIGatewayProxyEvent['headers'] | null): (name: string) => string | undefined {
  const lower = new Map<string, string>();
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) lower.set(key.toLowerCase(), value);
  }
  return (name) => lower.get(name.toLowerCase());
}

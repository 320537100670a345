import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { DependencyUnavailableError, MethodNotAllowedError } from '../domain/errors.ts';
import type { ErrorReporter } from '../observability/error-reporter.ts';
import type { Logger } from '../observability/logger.ts';
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
}

export interface ApiRequest {
  readonly event: APIGatewayProxyEvent;
  readonly context: Context;
  readonly requestId: string;
  readonly logger: Logger;
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
      console.error(`${options.name}: cannot build the runtime: ${(error as Error).message}`);
      const mapped = errorToResponse(error, requestId);
      return {
        statusCode: mapped.statusCode,
        headers: { 'Content-Type': 'application/json', 'X-Request-Id': requestId },
        body: JSON.stringify(mapped.body),
      };
    }
    const { logger: rootLogger, corsOrigins, reporter } = environment;
    let reported = false;
    const logger = rootLogger.createChild({ persistentKeys: { request_id: requestId } });
    const origin = header('origin');
    const baseHeaders = {
      'Content-Type': 'application/json',
      'X-Request-Id': requestId,
      ...corsHeaders(origin, corsOrigins),
    };

    let result: ApiResult;
    if (event.httpMethod === 'OPTIONS') {
      result = { statusCode: 204, body: null, headers: preflightHeaders(origin, corsOrigins) };
    } else {
      try {
        if (!options.methods.includes(event.httpMethod)) {
          throw new MethodNotAllowedError(
            `${event.httpMethod} is not allowed on ${event.path}; use ${options.methods.join(' or ')}.`,
            [...options.methods, 'OPTIONS'],
          );
        }
        result = await run({ event, context, requestId, logger, header });
      } catch (error) {
        const mapped = errorToResponse(error, requestId);
        if (mapped.unexpected) {
          logger.error('request failed', { handler: options.name, error: error as Error });
          if (reporter) {
            reporter.capture(error, {
              requestId,
              handler: options.name,
              status: mapped.statusCode,
              ...(error instanceof DependencyUnavailableError ? { dependency: error.dependency } : {}),
            });
            reported = true;
          }
        }
        result = mapped;
      }
    }

    logger.info('request', {
      handler: options.name,
      method: event.httpMethod,
      path: event.path,
      status: result.statusCode,
      duration_ms: Math.round(performance.now() - started),
    });
    // Lambda freezes the process once it answers: a captured event must be on its way before that.
    if (reported) await reporter?.flush().catch(() => undefined);
    return {
      statusCode: result.statusCode,
      headers: { ...baseHeaders, ...result.headers },
      body: result.statusCode === 204 ? '' : JSON.stringify(result.body),
    };
  };
}

function headerLookup(headers: APIGatewayProxyEvent['headers'] | null): (name: string) => string | undefined {
  const lower = new Map<string, string>();
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) lower.set(key.toLowerCase(), value);
  }
  return (name) => lower.get(name.toLowerCase());
}

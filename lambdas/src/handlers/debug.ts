import { NotFoundError } from '../domain/errors.ts';
import { type ApiGatewayHandler, apiHandler, type HttpEnvironment } from '../http/api-handler.ts';
import { lambdaEntry } from '../observability/lambda-entry.ts';
import { configureErrorReporting, getRuntime } from '../runtime.ts';

/** Reading the secret gets this long before the route answers 503. */
const SECRET_TIMEOUT_MS = 5_000;

/** The error `GET /api/debug/error` throws, recognisable in the error tracker. */
export class DeliberateError extends Error {
  override readonly name = 'DeliberateError';
}

/**
 * `GET /api/debug/error`: fails on purpose with a 500, to check after a deploy that errors reach the
 * error tracker with their request id. Only routed where `ENABLE_DEBUG_ROUTE=true`; anywhere else 404.
 * In Lambda the tracker's DSN comes with the secret, so `configureReporting` reads the secret and points the
 * reporter at that DSN before the failure; a secret that cannot be read makes it a 503 `secrets` instead.
 */
export function makeDebugErrorHandler(
  environment: () => HttpEnvironment & { readonly debugRouteEnabled: boolean },
  configureReporting: (signal: AbortSignal) => Promise<unknown>,
): ApiGatewayHandler {
  return apiHandler({ name: 'debug-error', methods: ['GET'], environment }, async () => {
    if (!environment().debugRouteEnabled) throw new NotFoundError('No route GET /api/debug/error.');
    await configureReporting(AbortSignal.timeout(SECRET_TIMEOUT_MS));
    throw new DeliberateError('Deliberate failure of GET /api/debug/error (error reporting check).');
  });
}

export const handler = lambdaEntry(
  makeDebugErrorHandler(() => {
    const runtime = getRuntime();
    return { ...runtime, debugRouteEnabled: runtime.config.ENABLE_DEBUG_ROUTE };
  }, configureErrorReporting),
);

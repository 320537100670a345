import { NotFoundError } from '../domain/errors.ts';
import { type ApiGatewayHandler, apiHandler, type HttpEnvironment } from '../http/api-handler.ts';
import { getRuntime } from '../runtime.ts';

/** The error `GET /api/debug/error` throws, recognisable in the error tracker. */
export class DeliberateError extends Error {
  override readonly name = 'DeliberateError';
}

/**
 * `GET /api/debug/error`: fails on purpose with a 500, to check after a deploy that errors reach the
 * error tracker with their request id. Only routed where `ENABLE_DEBUG_ROUTE=true`; anywhere else 404.
 */
export function makeDebugErrorHandler(
  environment: () => HttpEnvironment & { readonly debugRouteEnabled: boolean },
): ApiGatewayHandler {
  return apiHandler({ name: 'debug-error', methods: ['GET'], environment }, async () => {
    if (!environment().debugRouteEnabled) throw new NotFoundError('No route GET /api/debug/error.');
    throw new DeliberateError('Deliberate failure of GET /api/debug/error (error reporting check).');
  });
}

export const handler = makeDebugErrorHandler(() => {
  const runtime = getRuntime();
  return { ...runtime, debugRouteEnabled: runtime.config.ENABLE_DEBUG_ROUTE };
});

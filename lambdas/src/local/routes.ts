import { makeDebugErrorHandler } from '../handlers/debug.ts';
import { makeHealthHandler } from '../handlers/health.ts';
import { makeIngredientsHandler } from '../handlers/ingredients.ts';
import { makeOpenApiHandler } from '../handlers/openapi.ts';
import { makeReadyHandler } from '../handlers/ready.ts';
import { makeScanHandler } from '../handlers/scan.ts';
import type { DataRuntime, Runtime } from '../runtime.ts';
import type { Routes } from './server.ts';

/**
 * The API's routes, as API Gateway maps them to the functions. `secrets` reads the service secret for
 * readiness and for the debug route before it fails (default: nothing to read, as locally without
 * `SECRET_ARN`; locally the reporter is configured when the runtime is built).
 */
export function makeRoutes(
  environment: () => Runtime,
  dataRuntime: (signal?: AbortSignal) => Promise<DataRuntime>,
  secrets: (signal: AbortSignal) => Promise<unknown> = async () => undefined,
): Routes {
  const ingredients = makeIngredientsHandler(environment, dataRuntime);
  const debugEnvironment = () => {
    const runtime = environment();
    return { ...runtime, debugRouteEnabled: runtime.config.ENABLE_DEBUG_ROUTE };
  };
  return {
    ...(environment().config.ENABLE_DEBUG_ROUTE
      ? { '/api/debug/error': makeDebugErrorHandler(debugEnvironment, secrets) }
      : {}),
    '/api/scan': makeScanHandler(environment, dataRuntime),
    '/api/ingredients': ingredients,
    '/api/ingredients/{id}': ingredients,
    '/api/openapi.json': makeOpenApiHandler(environment),
    '/health': makeHealthHandler(environment),
    '/ready': makeReadyHandler(environment, { secrets, dataRuntime }),
  };
}

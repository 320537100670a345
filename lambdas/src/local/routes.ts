import { makeHealthHandler } from '../handlers/health.ts';
import { makeIngredientsHandler } from '../handlers/ingredients.ts';
import { makeOpenApiHandler } from '../handlers/openapi.ts';
import { makeReadyHandler } from '../handlers/ready.ts';
import { makeScanHandler } from '../handlers/scan.ts';
import type { DataRuntime, Runtime } from '../runtime.ts';
import type { Routes } from './server.ts';

/** The API's routes, as API Gateway maps them to the functions. */
export function makeRoutes(environment: () => Runtime, dataRuntime: () => Promise<DataRuntime>): Routes {
  const ingredients = makeIngredientsHandler(environment, dataRuntime);
  return {
    '/api/scan': makeScanHandler(environment, dataRuntime),
    '/api/ingredients': ingredients,
    '/api/ingredients/{id}': ingredients,
    '/api/openapi.json': makeOpenApiHandler(environment),
    '/health': makeHealthHandler(environment),
    '/ready': makeReadyHandler(environment, dataRuntime),
  };
}

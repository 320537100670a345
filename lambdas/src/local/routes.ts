import { makeHealthHandler } from '../handlers/health.ts';
import { makeReadyHandler } from '../handlers/ready.ts';
import { makeScanHandler } from '../handlers/scan.ts';
import type { DataRuntime, Runtime } from '../runtime.ts';
import type { Routes } from './server.ts';

/** The API's routes, as API Gateway maps them to the three functions. */
export function makeRoutes(environment: () => Runtime, dataRuntime: () => Promise<DataRuntime>): Routes {
  return {
    '/api/scan': makeScanHandler(environment, dataRuntime),
    '/health': makeHealthHandler(environment),
    '/ready': makeReadyHandler(environment, dataRuntime),
  };
}

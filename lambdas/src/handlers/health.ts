import type { Config } from '../config/config.ts';
import { getEnvironment } from '../environment.ts';
import { type ApiGatewayHandler, apiHandler, type HttpEnvironment } from '../http/api-handler.ts';

/** `GET /health`: liveness only; touches no dependency. */
export function makeHealthHandler(
  environment: () => HttpEnvironment & { config: Pick<Config, 'SERVICE_VERSION' | 'ENVIRONMENT'> },
): ApiGatewayHandler {
  return apiHandler({ name: 'health', methods: ['GET'], environment }, async () => {
    const { config } = environment();
    return {
      statusCode: 200,
      body: {
        status: 'healthy',
        service: 'lotus-api',
        version: config.SERVICE_VERSION,
        environment: config.ENVIRONMENT,
        timestamp: new Date().toISOString(),
      },
    };
  });
}

export const handler = makeHealthHandler(getEnvironment);

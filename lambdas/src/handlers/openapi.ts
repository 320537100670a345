import type { Config } from '../config/config.ts';
import { getEnvironment } from '../environment.ts';
import { type ApiGatewayHandler, apiHandler, type HttpEnvironment } from '../http/api-handler.ts';
import { openApiDocument } from '../http/openapi.ts';
import { lambdaEntry } from '../observability/lambda-entry.ts';

/** `GET /api/openapi.json`: the OpenAPI 3.1 description of the API, generated from its zod schemas. */
export function makeOpenApiHandler(
  environment: () => HttpEnvironment & { config: Pick<Config, 'SERVICE_VERSION'> },
): ApiGatewayHandler {
  return apiHandler({ name: 'openapi', methods: ['GET'], environment }, async () => ({
    statusCode: 200,
    body: openApiDocument(environment().config.SERVICE_VERSION),
  }));
}

export const handler = lambdaEntry(makeOpenApiHandler(getEnvironment));

import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { z } from 'zod';
import { InvalidRequestError, NotFoundError } from '../domain/errors.ts';
import { type ApiGatewayHandler, apiHandler, type HttpEnvironment } from '../http/api-handler.ts';
import { catalogQuerySchema, ingredientIdSchema } from '../http/schemas.ts';
import { lambdaEntry } from '../observability/lambda-entry.ts';
import { type DataRuntime, getDataRuntime, getRuntime } from '../runtime.ts';

/** Database calls of the browse API answer within this budget or fail as unavailable. */
const CATALOG_TIMEOUT_MS = 5_000;

/**
 * `GET /api/ingredients` (filtered, paginated list) and `GET /api/ingredients/{id}` (one entry): the
 * library as it is in the database, for clients that show what an ingredient is without a scan.
 */
export function makeIngredientsHandler(
  environment: () => HttpEnvironment,
  dataRuntime: () => Promise<DataRuntime>,
): ApiGatewayHandler {
  return apiHandler({ name: 'ingredients', methods: ['GET'], environment }, async ({ event }) => {
    const signal = AbortSignal.timeout(CATALOG_TIMEOUT_MS);
    const rawId = event.pathParameters?.id;
    if (rawId !== undefined) {
      const id = ingredientIdSchema.safeParse(rawId);
      if (!id.success || !/^\d+$/.test(rawId)) {
        throw new InvalidRequestError(
          `"${rawId.slice(0, 40)}" is not an ingredient id (a positive integer).`,
        );
      }
      const { store } = await dataRuntime();
      const entry = await store.getIngredient(id.data, signal);
      if (!entry) throw new NotFoundError(`There is no ingredient ${id.data}.`);
      return { statusCode: 200, body: entry };
    }
    const query = parseQuery(event);
    const { store } = await dataRuntime();
    const page = await store.listIngredients(query, signal);
    return { statusCode: 200, body: { ...page, limit: query.limit, offset: query.offset } };
  });
}

/** @throws {InvalidRequestError} naming the first bad, unknown or repeated parameter. */
function parseQuery(event: APIGatewayProxyEvent): z.infer<typeof catalogQuerySchema> {
  const repeated = Object.entries(event.multiValueQueryStringParameters ?? {}).find(
    ([, values]) => (values?.length ?? 0) > 1,
  );
  if (repeated) throw new InvalidRequestError(`Query parameter "${repeated[0]}" is given more than once.`);
  const result = catalogQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = issue?.code === 'unrecognized_keys' ? issue.keys.join('", "') : String(issue?.path[0] ?? '');
  const problem =
    issue?.code === 'unrecognized_keys' ? 'is not a known parameter' : `is invalid: ${issue?.message}`;
  throw new InvalidRequestError(
    `Query parameter "${key.slice(0, 40)}" ${problem}. Known: risk_level, category, q, limit (1–100), offset.`,
  );
}

export const handler = lambdaEntry(makeIngredientsHandler(getRuntime, getDataRuntime), {
  atInit: () => getDataRuntime(),
});

import { expect } from 'vitest';
import { z } from 'zod';
import { openApiDocument } from '../../lambdas/src/http/openapi.ts';

/**
 * Asserts that `body` matches the named component schema (one without `$ref`s) of the published OpenAPI
 * document, unknown keys included (parsing with our zod schemas would silently drop them).
 */
export function expectPublishedSchema(id: string, body: unknown): void {
  const { components } = openApiDocument('test') as {
    components: { schemas: Record<string, Parameters<typeof z.fromJSONSchema>[0]> };
  };
  const schema = components.schemas[id];
  expect(schema, `component schema ${id}`).toBeDefined();
  const result = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]).safeParse(body);
  expect(result.error?.issues ?? [], `${id} as published`).toEqual([]);
}

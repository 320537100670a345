import { z } from 'zod';
import { CATEGORIES } from '../library/categories.ts';
import { catalogQuerySchema } from './schemas.ts';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string) => ({ 'application/json': { schema: ref(id) } });
const error = (description: string) => ({ description, content: json('Error') });
const requestIdHeader = {
  'X-Request-Id': {
    description:
      'Echo of the caller’s id when it is ≤ 128 characters of [A-Za-z0-9._-], otherwise a new uuid.',
    schema: { type: 'string' },
  },
};

/** Query parameters of the list, generated from the same schema that validates them. */
function queryParameters() {
  const schema = z.toJSONSchema(catalogQuerySchema, { io: 'input' }) as {
    properties: Record<string, Record<string, unknown>>;
  };
  const descriptions: Record<string, string> = {
    risk_level: 'Only entries with this risk level.',
    category: `Only entries of this category (${CATEGORIES.length} fixed categories).`,
    q: 'Text searched in the name and the aliases, ignoring case, accents and punctuation.',
    limit: 'Page size, 1–100 (default 20).',
    offset: 'Entries to skip (default 0).',
  };
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: false,
    description: descriptions[name],
    schema: property,
  }));
}

let document: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 description of the whole API, built once from the zod schemas of `schemas.ts`. */
export function openApiDocument(version: string): Record<string, unknown> {
  if (document) return document;
  const { schemas } = z.toJSONSchema(z.globalRegistry, { uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, Record<string, unknown>>;
  };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  document = {
    openapi: '3.1.0',
    info: {
      title: 'Lotus scan API',
      version,
      description:
        'Reads the ingredient label of period and intimate-care products and reports the risk of each ingredient from a curated library.',
    },
    paths: {
      '/api/scan': {
        post: {
          summary: 'Scan a label: ingredient text or a photo → per-ingredient risk report',
          requestBody: { required: true, content: json('ScanRequest') },
          responses: {
            200: { description: 'The report', headers: requestIdHeader, content: json('ScanReport') },
            400: error('Malformed or wrongly shaped body'),
            413: error('Body over 4 MB, text over 20,000 characters, or image over 40 megapixels'),
            415: error('Unsupported content type'),
            422: error('No ingredient list found (`no_ingredients_found`)'),
            503: error('The library or a dependency is unavailable (`Retry-After` given)'),
          },
        },
      },
      '/api/ingredients': {
        get: {
          summary: 'Browse the ingredient library',
          parameters: queryParameters(),
          responses: {
            200: { description: 'A page of entries', content: json('IngredientPage') },
            400: error('Unknown, repeated or invalid query parameter'),
            503: error('The library is unavailable'),
          },
        },
      },
      '/api/ingredients/{id}': {
        get: {
          summary: 'One library entry',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
          responses: {
            200: { description: 'The entry', content: json('Ingredient') },
            400: error('The id is not a positive integer'),
            404: error('No entry with this id'),
            503: error('The library is unavailable'),
          },
        },
      },
      '/health': {
        get: {
          summary: 'Liveness; touches no dependency',
          responses: { 200: { description: 'Up', content: json('Health') } },
        },
      },
      '/ready': {
        get: {
          summary: 'Readiness of every dependency',
          responses: {
            200: { description: 'Ready', content: json('Readiness') },
            503: {
              description: 'A dependency is down; the failing check says why',
              content: json('Readiness'),
            },
          },
        },
      },
      '/api/openapi.json': {
        get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1 document' } } },
      },
    },
    components: { schemas },
  };
  return document;
}

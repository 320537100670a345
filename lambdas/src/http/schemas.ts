import { z } from 'zod';
import { CATEGORIES } from '../library/categories.ts';

/*
 * The API contract as zod schemas: requests are validated with them, the OpenAPI document is generated
 * from them (`openapi.ts`), and the HTTP tests parse every response with them, so the three cannot drift.
 */

const riskLevel = z.enum(['low', 'medium', 'high']);
const reportedRisk = z.enum(['low', 'medium', 'high', 'unknown']);
/** `[x, y, width, height]` in pixels of the photo as sent, after its EXIF orientation. */
const box = z.tuple([
  z.number().int().min(0),
  z.number().int().min(0),
  z.number().int().min(0),
  z.number().int().min(0),
]);

export const scanRequestSchema = z
  .union([
    z.strictObject({ text: z.string().describe('The label text, e.g. "Ingredients: Cotton, Rayon".') }),
    z.strictObject({ image: z.string().describe('A label photo, base64-encoded (JPEG, PNG or WebP).') }),
  ])
  .meta({ id: 'ScanRequest' });

export const sourceSchema = z.object({ title: z.string(), url: z.url() }).meta({ id: 'Source' });

export const matchSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    aliases: z.array(z.string()),
    category: z.string(),
    risk_level: riskLevel,
    description: z.string().describe('Why the library gives this risk level, in one sentence.'),
    sources: z.array(sourceSchema).describe('Where the risk level comes from.'),
    similarity: z.number().min(0).max(1),
    method: z.enum(['exact', 'alias', 'fuzzy', 'semantic']),
  })
  .meta({ id: 'IngredientMatch' });

export const scanReportSchema = z
  .object({
    scan_id: z.uuid(),
    source: z.enum(['text', 'image']),
    ingredients: z.array(
      z.object({
        name: z.string().describe('As read from the label, cleaned.'),
        position: z.number().int().min(1),
        role: z
          .enum(['active', 'inactive', 'ingredient'])
          .describe(
            '`active`/`inactive` in a Drug Facts panel (or any label that separates them), else `ingredient`.',
          ),
        strength: z.string().optional().describe('As printed, for actives ("2%", "3X").'),
        purpose: z.string().optional().describe('As printed, for actives ("Vaginal antifungal").'),
        risk_level: reportedRisk.describe('"unknown" when nothing in the library matched; never "low" then.'),
        match: matchSchema.nullable(),
        bbox: box
          .optional()
          .describe('Photo scans: the box around the words the ingredient was read from; absent for text.'),
      }),
    ),
    claims: z
      .array(
        z.object({
          text: z.string().describe('As printed ("BPA-free").'),
          kind: z.enum(['free_from', 'other']),
          subject: z.string().describe('What is said to be absent ("BPA").'),
        }),
      )
      .describe('What the label says the product is free from; a claim is never an ingredient.'),
    summary: z.object({
      overall_risk_level: z
        .enum(['low', 'caution', 'high'])
        .describe(
          'The worst ingredient sets it: any high → high (score 0–25), worst medium → caution (26–50), low ' +
            '(51–100) only when every identified ingredient is low, at most a third is unknown and the list is complete.',
        ),
      risk_score: z
        .number()
        .int()
        .min(0)
        .max(100)
        .describe('Places the product inside its band; higher is better.'),
      basis: z
        .enum(['high_ingredient', 'medium_ingredient', 'many_unknown', 'incomplete_list', 'all_low'])
        .describe('What set the band.'),
      drivers: z
        .array(z.object({ name: z.string(), risk_level: reportedRisk, position: z.number().int().min(1) }))
        .describe('The ingredients that set the band (none when every identified ingredient is low).'),
      counts: z.object({
        high: z.number().int(),
        medium: z.number().int(),
        low: z.number().int(),
        unknown: z.number().int(),
      }),
    }),
    ocr: z
      .object({
        text: z.string(),
        confidence: z.number().min(0).max(1),
        lines: z
          .array(z.object({ text: z.string(), bbox: box }))
          .describe('Every line the engine read, with its box, so a client can draw what was read.'),
      })
      .nullable(),
    warnings: z.array(
      z.enum([
        'semantic_search_unavailable',
        'many_unknown_ingredients',
        'low_ocr_confidence',
        'list_may_be_incomplete',
      ]),
    ),
    timings_ms: z.record(z.string(), z.number()),
    request_id: z.string(),
  })
  .meta({ id: 'ScanReport' });

export const healthSchema = z
  .object({
    status: z.literal('healthy'),
    service: z.literal('lotus-api'),
    version: z.string(),
    environment: z.string(),
    timestamp: z.iso.datetime(),
  })
  .meta({ id: 'Health' });

const checkSchema = z.object({
  ok: z.boolean(),
  latency_ms: z.number().optional(),
  error: z.string().optional().describe('A short reason; never a secret or a stack trace.'),
  model: z.string().optional().describe('`embeddings`: the model queries are embedded with.'),
  semantic_search: z
    .boolean()
    .optional()
    .describe(
      '`embeddings`: whether the library was embedded with that model; when false, scans still answer, matching by name, alias and spelling only, with the `semantic_search_unavailable` warning.',
    ),
  note: z.string().optional().describe('`embeddings`: why semantic search is off.'),
});

export const readinessSchema = z
  .object({ ready: z.boolean(), checks: z.record(z.string(), checkSchema), timestamp: z.iso.datetime() })
  .meta({ id: 'Readiness' });

export const catalogIngredientSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    aliases: z.array(z.string()),
    category: z.enum(CATEGORIES),
    risk_level: riskLevel,
    description: z.string(),
    sources: z.array(sourceSchema),
  })
  .meta({ id: 'Ingredient' });

export const catalogPageSchema = z
  .object({
    items: z.array(catalogIngredientSchema),
    total: z.number().int().min(0),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: 'IngredientPage' });

/** Query string of `GET /api/ingredients`; unknown parameters are refused rather than ignored. */
export const catalogQuerySchema = z.strictObject({
  risk_level: riskLevel.optional(),
  category: z.enum(CATEGORIES).optional(),
  // Postgres text cannot hold U+0000, and no name has control characters: refused, never sent.
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[^\p{Cc}]*$/u, 'control characters are not allowed')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const ingredientIdSchema = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const errorSchema = z
  .object({
    error: z
      .object({
        code: z.string(),
        message: z.string(),
        request_id: z.string(),
      })
      .loose(),
  })
  .meta({ id: 'Error' });

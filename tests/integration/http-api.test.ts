import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '../../lambdas/src/domain/errors.ts';
import {
  errorSchema,
  healthSchema,
  readinessSchema,
  scanReportSchema,
} from '../../lambdas/src/http/schemas.ts';
import { ALLOWED_ORIGIN, type LocalApi, libraryDataRuntime, startLocalApi } from '../support/local-api.ts';

const SAMPLE = { text: 'Ingredients: Rayon, Cotton, Polyester, Fragrance, Titanium Dioxide.' };

function postScan(api: LocalApi, body: string, headers: Record<string, string> = {}) {
  return fetch(`${api.url}/api/scan`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
}

async function expectJsonError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/json');
  const body = errorSchema.parse(await response.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
  expect(body.error.request_id).toBe(response.headers.get('x-request-id'));
  return body.error;
}

describe('the API through the local server, over real HTTP, on the embedded library', () => {
  let api: LocalApi;

  beforeAll(async () => {
    const data = await libraryDataRuntime();
    api = await startLocalApi(async () => data);
  });
  afterAll(() => api.close());

  it('GET /health answers 200 with service, version, environment and time', async () => {
    const response = await fetch(`${api.url}/health`);

    expect(response.status).toBe(200);
    const body = healthSchema.parse(await response.json());
    expect(body.environment).toBe('test');
  });

  it('GET /ready answers 200 when the database answers', async () => {
    const response = await fetch(`${api.url}/ready`);

    expect(response.status).toBe(200);
    const body = readinessSchema.parse(await response.json());
    expect(body.ready).toBe(true);
    expect(body.checks.database?.ok).toBe(true);
  });

  it('POST /api/scan reports every ingredient of a text label with a summary', async () => {
    const response = await postScan(api, JSON.stringify(SAMPLE));

    expect(response.status).toBe(200);
    const report = scanReportSchema.parse(await response.json());
    expect(report.source).toBe('text');
    expect(report.scan_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(report.ingredients.map((item) => [item.position, item.name, item.match?.name])).toEqual([
      [1, 'Rayon', 'Rayon'],
      [2, 'Cotton', 'Cotton'],
      [3, 'Polyester', 'Polyester'],
      [4, 'Fragrance', 'Fragrance'],
      [5, 'Titanium Dioxide', 'Titanium Dioxide'],
    ]);
    const counts = report.summary.counts;
    expect(counts.high + counts.medium + counts.low).toBe(5);
    expect(counts.unknown).toBe(0);
    // Fragrance (medium) is the worst: caution, at the top of its band, with Fragrance as the driver.
    expect(report.summary).toMatchObject({
      overall_risk_level: 'caution',
      risk_score: 50,
      basis: 'medium_ingredient',
    });
    expect(report.summary.drivers).toEqual([{ name: 'Fragrance', risk_level: 'medium', position: 4 }]);
    const fragrance = report.ingredients[3]?.match;
    expect(fragrance?.description).toMatch(/allergic contact dermatitis/);
    expect(fragrance?.sources.length).toBeGreaterThan(0);
    expect(report.request_id).toBe(response.headers.get('x-request-id'));
    expect(report.timings_ms.total).toBeGreaterThanOrEqual(0);
  });

  it('reports an ingredient missing from the library as unknown, never low', async () => {
    const response = await postScan(api, JSON.stringify({ text: 'Ingredients: Cotton, Bakuchiol' }));

    const report = (await response.json()) as {
      ingredients: { name: string; risk_level: string; match: unknown }[];
    };
    expect(report.ingredients[1]).toEqual({
      name: 'Bakuchiol',
      position: 2,
      role: 'ingredient',
      risk_level: 'unknown',
      match: null,
    });
  });

  it('reports a Drug Facts panel with roles, strength and purpose, its claims apart, over HTTP', async () => {
    const text = [
      'Active ingredient Miconazole nitrate 2% ........ Vaginal antifungal',
      'Uses treats vaginal yeast infections',
      'Other information fragrance free',
      'Inactive ingredients benzoic acid, mineral oil, purified water',
    ].join('\n');
    const response = await postScan(api, JSON.stringify({ text }));
    expect(response.status).toBe(200);
    const report = scanReportSchema.parse(await response.json());
    expect(
      report.ingredients.map(({ name, role, strength, purpose }) => ({ name, role, strength, purpose })),
    ).toEqual([
      { name: 'Miconazole nitrate', role: 'active', strength: '2%', purpose: 'Vaginal antifungal' },
      { name: 'benzoic acid', role: 'inactive', strength: undefined, purpose: undefined },
      { name: 'mineral oil', role: 'inactive', strength: undefined, purpose: undefined },
      { name: 'purified water', role: 'inactive', strength: undefined, purpose: undefined },
    ]);
    expect(report.claims).toEqual([{ text: 'fragrance free', kind: 'free_from', subject: 'fragrance' }]);
    expect(report.warnings).not.toContain('list_may_be_incomplete');
  });

  it('warns list_may_be_incomplete, and never reads low, when names follow the prose that ended the list', async () => {
    const response = await postScan(
      api,
      JSON.stringify({
        text: 'Ingredients: Water, Glycerin. Dermatologically tested. Sodium Benzoate, Citric Acid',
      }),
    );
    const report = scanReportSchema.parse(await response.json());
    expect(report.ingredients.map((ingredient) => ingredient.name)).toEqual(['Water', 'Glycerin']);
    expect(report.warnings).toContain('list_may_be_incomplete');
    expect(report.summary.overall_risk_level).not.toBe('low');
  });

  it('answers 400 invalid_request for malformed JSON', async () => {
    await expectJsonError(await postScan(api, '{"text": "Ingredients: Cotton"'), 400, 'invalid_request');
  });

  it('answers 400 invalid_request for JSON of the wrong shape', async () => {
    await expectJsonError(await postScan(api, JSON.stringify({ txt: 'Cotton' })), 400, 'invalid_request');
    await expectJsonError(await postScan(api, JSON.stringify(['Cotton'])), 400, 'invalid_request');
  });

  it('answers 415 unsupported_media_type for text/plain, telling the user what to send', async () => {
    const error = await expectJsonError(
      await postScan(api, 'Ingredients: Cotton', { 'Content-Type': 'text/plain' }),
      415,
      'unsupported_media_type',
    );
    expect(error.message).toMatch(/JSON \{"text"/);
  });

  it('answers 415 for a body that claims to be an image but is not one', async () => {
    const response = await fetch(`${api.url}/api/scan`, {
      method: 'POST',
      headers: { 'Content-Type': 'image/jpeg' },
      body: 'Ingredients: Cotton',
    });
    await expectJsonError(response, 415, 'unsupported_media_type');
  });

  it('answers 422 no_ingredients_found when the text has a heading and no list', async () => {
    const error = await expectJsonError(
      await postScan(api, JSON.stringify({ text: 'Ingredients:' })),
      422,
      'no_ingredients_found',
    );
    expect(error).toMatchObject({ text: 'Ingredients:' });
  });

  it('answers 413 payload_too_large for text over 20,000 characters', async () => {
    const text = `Ingredients: ${'Cotton, '.repeat(3000)}`;
    await expectJsonError(await postScan(api, JSON.stringify({ text })), 413, 'payload_too_large');
  });

  it('answers 413 for a body over 4 MB', async () => {
    const body = JSON.stringify({ text: 'x'.repeat(4 * 1024 * 1024 + 10) });
    await expectJsonError(await postScan(api, body), 413, 'payload_too_large');
  });

  it('echoes a sane X-Request-Id and replaces an unsafe one', async () => {
    const echoed = await fetch(`${api.url}/health`, { headers: { 'X-Request-Id': 'client-abc.123_X' } });
    expect(echoed.headers.get('x-request-id')).toBe('client-abc.123_X');

    const replaced = await fetch(`${api.url}/health`, {
      headers: { 'X-Request-Id': `evil id ${'x'.repeat(200)}` },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives CORS headers to an allowed origin only', async () => {
    const allowed = await fetch(`${api.url}/health`, { headers: { Origin: ALLOWED_ORIGIN } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);

    const denied = await fetch(`${api.url}/health`, { headers: { Origin: 'https://evil.example' } });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a CORS preflight with 204', async () => {
    const response = await fetch(`${api.url}/api/scan`, {
      method: 'OPTIONS',
      headers: { Origin: ALLOWED_ORIGIN, 'Access-Control-Request-Method': 'POST' },
    });

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('serves an OpenAPI 3.1 document describing every route and its schemas', async () => {
    const response = await fetch(`${api.url}/api/openapi.json`);

    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual(
      [
        '/api/ingredients',
        '/api/ingredients/{id}',
        '/api/openapi.json',
        '/api/scan',
        '/health',
        '/ready',
      ].sort(),
    );
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'ScanRequest',
        'ScanReport',
        'Ingredient',
        'IngredientPage',
        'Error',
        'Health',
      ]),
    );
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(10);
    for (const [, id] of refs)
      expect(document.components.schemas, `$ref to ${id}`).toHaveProperty(id as string);
  });

  it('answers unknown routes with a JSON 404 and wrong methods with a JSON 405', async () => {
    await expectJsonError(await fetch(`${api.url}/nope`), 404, 'not_found');
    const wrongMethod = await fetch(`${api.url}/api/scan`);
    await expectJsonError(wrongMethod, 405, 'method_not_allowed');
    expect(wrongMethod.headers.get('allow')).toContain('POST');
  });
});

describe('the API when the database is down', () => {
  it('GET /ready answers 503 naming the database check, without internals', async () => {
    const api = await startLocalApi(async () => {
      throw new DependencyUnavailableError('database', 'The ingredient library is unavailable.', {
        cause: new Error('connect ECONNREFUSED postgres://lotus:secret@db:5432'),
      });
    });
    try {
      const response = await fetch(`${api.url}/ready`);

      expect(response.status).toBe(503);
      const text = await response.text();
      expect(text).not.toMatch(/lotus:secret|ECONNREFUSED|\n\s+at /);
      const body = JSON.parse(text) as {
        ready: boolean;
        checks: { database: { ok: boolean; error: string } };
      };
      expect(body.ready).toBe(false);
      expect(body.checks.database).toMatchObject({
        ok: false,
        error: 'The ingredient library is unavailable.',
      });
    } finally {
      await api.close();
    }
  });

  it('GET /ready answers 503 within its 2 s budget when the database hangs', async () => {
    const api = await startLocalApi(() => new Promise(() => {}));
    try {
      const response = await fetch(`${api.url}/ready`);

      expect(response.status).toBe(503);
      const body = (await response.json()) as { checks: { database: { error: string } } };
      expect(body.checks.database.error).toMatch(/no answer within 2000 ms/);
    } finally {
      await api.close();
    }
  });

  it('POST /api/scan answers 503 dependency_unavailable with Retry-After, never a report', async () => {
    const api = await startLocalApi(async () => {
      throw new DependencyUnavailableError('database', 'The ingredient library is unavailable.');
    });
    try {
      const response = await postScan(api, JSON.stringify(SAMPLE));

      const error = await expectJsonError(response, 503, 'dependency_unavailable');
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(error).toMatchObject({ dependency: 'database' });
    } finally {
      await api.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePgliteStore } from '../../lambdas/src/adapters/pglite-store.ts';
import { parseConfig } from '../../lambdas/src/config/config.ts';
import { DependencyUnavailableError } from '../../lambdas/src/domain/errors.ts';
import type { IngredientStore } from '../../lambdas/src/domain/ports.ts';
import { SentryReporter } from '../../lambdas/src/observability/error-reporter.ts';
import { makeLogger } from '../../lambdas/src/observability/logger.ts';
import { assembleDataRuntime, type Runtime } from '../../lambdas/src/runtime.ts';
import { libraryDatabase } from '../support/databases.ts';
import { ALLOWED_ORIGIN, type LocalApi, startLocalApi } from '../support/local-api.ts';
import { envelopeItems, type SentrySink, startSentrySink } from '../support/sentry-sink.ts';

const SERVICE_ROLE_KEY = 'service-role-secret-5be0c2';
const OPENAI_KEY = 'sk-openai-secret-93af1e';
const OCR_LIKE_TEXT = 'Ingredients: Aqua, Glycerin, Zorblaxine Extract.';

describe('error reporting to Sentry (real SDK, local ingest endpoint)', () => {
  let sink: SentrySink;
  let reporter: SentryReporter;
  let api: LocalApi;

  beforeAll(async () => {
    sink = await startSentrySink('lotuspublickey');
    const config = parseConfig({
      LOG_LEVEL: 'SILENT',
      ENVIRONMENT: 'test',
      CORS_ORIGINS: ALLOWED_ORIGIN,
      ENABLE_DEBUG_ROUTE: 'true',
      SENTRY_DSN: sink.dsn,
      SUPABASE_SERVICE_ROLE_KEY: SERVICE_ROLE_KEY,
      OPENAI_API_KEY: OPENAI_KEY,
    });
    reporter = new SentryReporter();
    await reporter.configure({
      dsn: sink.dsn,
      environment: 'test',
      release: 'lotus-api@test',
      redact: [SERVICE_ROLE_KEY, OPENAI_KEY],
    });
    const runtime: Runtime = {
      config,
      logger: makeLogger(config),
      corsOrigins: config.CORS_ORIGINS,
      reporter,
    };
    const { db } = await libraryDatabase();
    const healthy = makePgliteStore(db);
    // The library answers the model check, then fails the match with a cause that quotes a secret.
    const failing: IngredientStore = {
      ...healthy,
      async matchIngredients() {
        throw new DependencyUnavailableError(
          'database',
          'Database match ingredients failed: Supabase is unreachable',
          {
            cause: new Error(`connect ECONNREFUSED with key ${SERVICE_ROLE_KEY}`),
          },
        );
      },
    };
    const { makeLocalEmbedder } = await import('../../lambdas/src/adapters/local-embedder.ts');
    const data = assembleDataRuntime({ store: failing, embedder: makeLocalEmbedder() }, runtime.logger);
    api = await startLocalApi(async () => data, { runtime });
  });
  afterAll(async () => {
    await api.close();
    await reporter.close();
    await sink.close();
  });

  it('a dependency failure turned into a 503 is captured with its request id and tags', async () => {
    const before = sink.envelopes.length;
    const response = await fetch(`${api.url}/api/scan`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Request-Id': 'req-sentry-503',
        Authorization: 'Bearer user-token-77',
      },
      body: JSON.stringify({ text: OCR_LIKE_TEXT }),
    });
    expect(response.status).toBe(503);

    // Sent in the background: locally the answer does not wait for it (sentry-hung-ingest.test.ts).
    const envelope = (await sink.waitFor(before + 1))[before] ?? '';
    const event = envelopeItems(envelope)[2] as { tags: Record<string, string>; exception: unknown };
    expect(event.tags).toMatchObject({
      request_id: 'req-sentry-503',
      handler: 'scan',
      status: '503',
      dependency: 'database',
    });
    expect(JSON.stringify(event.exception)).toContain('Supabase is unreachable');
    // No secret (the cause quoted one), no user text, no header.
    expect(envelope).not.toContain(SERVICE_ROLE_KEY);
    expect(envelope).not.toContain(OPENAI_KEY);
    expect(envelope).not.toContain('Zorblaxine');
    expect(envelope).not.toContain('user-token-77');
    expect(envelope).toContain('[redacted]');
  });

  it('the debug route fails on purpose with a 500 that reaches Sentry (deploy check)', async () => {
    const before = sink.envelopes.length;
    const response = await fetch(`${api.url}/api/debug/error`, {
      headers: { 'X-Request-Id': 'req-debug-1' },
    });
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('internal_error');
    expect(body.error.message).not.toContain('Deliberate');

    const envelopes = await sink.waitFor(before + 1);
    const event = envelopeItems(envelopes[before] ?? '')[2] as { tags: Record<string, string> };
    expect(event.tags).toMatchObject({ request_id: 'req-debug-1', handler: 'debug-error', status: '500' });
    expect(envelopes[before]).toContain('DeliberateError');
  });

  it('a photo scan that fails sends no image bytes and no OCR text', async () => {
    const before = sink.envelopes.length;
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    // No reader in this runtime: photo scans are a 503 (ocr) that is reported.
    const response = await fetch(`${api.url}/api/scan`, {
      method: 'POST',
      headers: { 'Content-Type': 'image/png' },
      body: png,
    });
    expect(response.status).toBe(503);
    const envelopes = await sink.waitFor(before + 1);
    const envelope = envelopes[before] ?? '';
    expect(envelope).toContain('"dependency":"ocr"');
    expect(envelope).not.toContain(png.toString('base64').slice(0, 24));
  });

  it('a 4xx (the caller’s mistake) is not reported', async () => {
    const before = sink.envelopes.length;
    const response = await fetch(`${api.url}/api/scan`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"text": ',
    });
    expect(response.status).toBe(400);
    await reporter.flush();
    expect(sink.envelopes.length).toBe(before);
  });
});

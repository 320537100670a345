import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeLocalEmbedder } from '../../lambdas/src/adapters/local-embedder.ts';
import { makeOpenAiEmbedder } from '../../lambdas/src/adapters/openai-embedder.ts';
import { makePgliteStore } from '../../lambdas/src/adapters/pglite-store.ts';
import { DependencyUnavailableError } from '../../lambdas/src/domain/errors.ts';
import type { Embedder, IngredientStore, LabelReader } from '../../lambdas/src/domain/ports.ts';
import { makeScanHandler } from '../../lambdas/src/handlers/scan.ts';
import { SCAN_METRICS, SCAN_OUTCOME_METRICS } from '../../lambdas/src/observability/metric-names.ts';
import { makeMetrics } from '../../lambdas/src/observability/metrics.ts';
import { assembleDataRuntime } from '../../lambdas/src/runtime.ts';
import { apiEvent } from '../support/api-event.ts';
import { libraryDatabase, scratchDatabase } from '../support/databases.ts';
import { testRuntime } from '../support/local-api.ts';
import { captureStdoutJson, type EmfBlob, emfBlobs } from '../support/stdout-json.ts';

const LABEL = 'Ingredients: Rayon, Cotton, Polyester, Bakuchiol.';
const PHOTO = readFileSync(path.join(import.meta.dirname, '../fixtures/images/clean.png'));
const OUTCOMES = Object.values(SCAN_OUTCOME_METRICS);

const context = {
  functionName: 'lotus-test-scan',
  awsRequestId: 'aws-scan-1',
  getRemainingTimeInMillis: () => 20_000,
} as unknown as Context;

function scanEvent(contentType: string, body: string, isBase64Encoded = false): APIGatewayProxyEvent {
  const event = apiEvent({ method: 'POST', path: '/api/scan', contentType, body, isBase64Encoded });
  // The factory's requestContext holds what the handlers read, not every field of the type.
  return event as unknown as APIGatewayProxyEvent;
}

const textScan = (text: string) => scanEvent('application/json', JSON.stringify({ text }));

/** A data runtime over `store`, with the local embedder unless another is given. */
function dataRuntime(store: IngredientStore, parts: { embedder?: Embedder; reader?: LabelReader } = {}) {
  return assembleDataRuntime(
    {
      store,
      embedder: parts.embedder ?? makeLocalEmbedder(),
      ...(parts.reader ? { reader: parts.reader } : {}),
    },
    testRuntime().logger,
  );
}

/** Runs one scan through the real handler with metrics on, as in Lambda; returns its status and EMF blobs. */
async function measure(data: ReturnType<typeof dataRuntime>, event: APIGatewayProxyEvent) {
  const runtime = { ...testRuntime(), metrics: makeMetrics({ ENVIRONMENT: 'test' }) };
  const handler = makeScanHandler(
    () => runtime,
    async () => data,
  );
  let status = 0;
  const blobs = emfBlobs(
    await captureStdoutJson(async () => {
      status = (await handler(event, context)).statusCode;
    }),
  );
  return { status, blobs, text: JSON.stringify(blobs) };
}

/** Every metric the blob defines, by name, with its unit and value. */
function metricsOf(blob: EmfBlob | undefined): Record<string, { unit: string; value: unknown }> {
  const [directive] = blob?._aws.CloudWatchMetrics ?? [];
  return Object.fromEntries(
    (directive?.Metrics ?? []).map((metric) => [
      metric.Name,
      { unit: metric.Unit, value: blob?.[metric.Name] },
    ]),
  );
}

function outcomesOf(blob: EmfBlob | undefined): string[] {
  return Object.keys(metricsOf(blob)).filter((name) => OUTCOMES.includes(name));
}

describe('scan metrics: one EMF blob per POST /api/scan, through the real scan handler', () => {
  let library: IngredientStore;
  beforeAll(async () => {
    library = makePgliteStore((await libraryDatabase()).db);
  });

  it('a text scan: namespace Lotus, dimensions service and environment, ScansOk, names, unknown share, match ms', async () => {
    const { status, blobs, text } = await measure(dataRuntime(library), textScan(LABEL));

    expect(status).toBe(200);
    expect(blobs).toHaveLength(1);
    const [blob] = blobs;
    expect(blob?._aws.CloudWatchMetrics).toEqual([
      expect.objectContaining({ Namespace: 'Lotus', Dimensions: [['service', 'environment']] }),
    ]);
    expect(blob).toMatchObject({ service: 'lotus-api', environment: 'test' });
    expect(outcomesOf(blob)).toEqual([SCAN_METRICS.ok]);
    const metrics = metricsOf(blob);
    expect(metrics).toMatchObject({
      Scans: { unit: 'Count', value: 1 },
      ScansFromText: { unit: 'Count', value: 1 },
      ScanNames: { unit: 'Count', value: 4 },
      // Sclerotium Gum is not in the library.
      ScanUnknownShare: { unit: 'Percent', value: 25 },
      ScanMatchMs: { unit: 'Milliseconds', value: expect.any(Number) },
    });
    expect(metrics).not.toHaveProperty(SCAN_METRICS.fromImage);
    expect(metrics).not.toHaveProperty(SCAN_METRICS.ocrMs);
    for (const word of ['Rayon', 'Cotton', 'Polyester', 'Sclerotium', 'Ingredients']) {
      expect(text).not.toContain(word);
    }
  });

  it('a photo scan: ScansFromImage and the OCR time', async () => {
    const reader: LabelReader = { read: async () => ({ text: LABEL, confidence: 0.9, lines: [] }) };

    const { status, blobs } = await measure(
      dataRuntime(library, { reader }),
      scanEvent('image/png', PHOTO.toString('base64'), true),
    );

    expect(status).toBe(200);
    expect(blobs).toHaveLength(1);
    expect(outcomesOf(blobs[0])).toEqual([SCAN_METRICS.ok]);
    expect(metricsOf(blobs[0])).toMatchObject({
      ScansFromImage: { unit: 'Count', value: 1 },
      ScanOcrMs: { unit: 'Milliseconds', value: expect.any(Number) },
    });
    expect(metricsOf(blobs[0])).not.toHaveProperty(SCAN_METRICS.fromText);
  });

  it('embeddings failing: a 200 counted as ScansDegraded, not ScansOk', async () => {
    const local = makeLocalEmbedder();
    const failing: Embedder = {
      model: local.model,
      dimensions: local.dimensions,
      minSemanticSimilarity: local.minSemanticSimilarity,
      embed: async () => {
        throw new DependencyUnavailableError('embeddings', 'The embeddings service answered 500.');
      },
    };

    const { status, blobs } = await measure(dataRuntime(library, { embedder: failing }), textScan(LABEL));

    expect(status).toBe(200);
    expect(outcomesOf(blobs[0])).toEqual([SCAN_METRICS.degraded]);
  });

  it('semantic search unavailable (the library is embedded with another model): ScansDegraded', async () => {
    // Never contacted: the model check turns semantic matching off before any embeddings request.
    const openai = makeOpenAiEmbedder({ apiKey: 'sk-test-metrics', baseURL: 'http://127.0.0.1:9/v1' });

    const { status, blobs } = await measure(dataRuntime(library, { embedder: openai }), textScan(LABEL));

    expect(status).toBe(200);
    expect(outcomesOf(blobs[0])).toEqual([SCAN_METRICS.degraded]);
  });

  it('"Ingredients:" and nothing after it: a 422 counted as ScansNoIngredients, with its source', async () => {
    const { status, blobs } = await measure(dataRuntime(library), textScan('Ingredients:'));

    expect(status).toBe(422);
    expect(blobs).toHaveLength(1);
    expect(outcomesOf(blobs[0])).toEqual([SCAN_METRICS.noIngredients]);
    expect(metricsOf(blobs[0])).toMatchObject({ Scans: { value: 1 }, ScansFromText: { value: 1 } });
    expect(metricsOf(blobs[0])).not.toHaveProperty(SCAN_METRICS.names);
  });

  it('an unsupported media type: a 415 counted as ScansRejected, with no source and no label text', async () => {
    const { status, blobs, text } = await measure(
      dataRuntime(library),
      scanEvent('text/plain', 'Ingredients: Aqua, Glycerin.'),
    );

    expect(status).toBe(415);
    expect(blobs).toHaveLength(1);
    expect(outcomesOf(blobs[0])).toEqual([SCAN_METRICS.rejected]);
    expect(Object.keys(metricsOf(blobs[0])).sort()).toEqual(
      [SCAN_METRICS.scans, SCAN_METRICS.rejected].sort(),
    );
    expect(text).not.toContain('Glycerin');
  });

  it('a broken database (no schema): a 5XX counted as ScansFailed', async () => {
    const broken = makePgliteStore((await scratchDatabase()).db);

    const { status, blobs } = await measure(dataRuntime(broken), textScan(LABEL));

    expect(status).toBeGreaterThanOrEqual(500);
    expect(blobs).toHaveLength(1);
    expect(outcomesOf(blobs[0])).toEqual([SCAN_METRICS.failed]);
    expect(metricsOf(blobs[0])).toMatchObject({ Scans: { value: 1 }, ScansFromText: { value: 1 } });
  });

  it('publishes nothing where no metrics are given (locally, npm start)', async () => {
    const handler = makeScanHandler(testRuntime, async () => dataRuntime(library));

    const printed = await captureStdoutJson(() => handler(textScan(LABEL), context));

    expect(emfBlobs(printed)).toEqual([]);
  });
});

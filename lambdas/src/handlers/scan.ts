import { randomUUID } from 'node:crypto';
import { type ApiGatewayHandler, apiHandler, type HttpEnvironment } from '../http/api-handler.ts';
import { parseScanRequest } from '../http/scan-request.ts';
import { lambdaEntry } from '../observability/lambda-entry.ts';
import { measuredScan } from '../observability/scan-metrics.ts';
import { type DataRuntime, getDataRuntime, getRuntime } from '../runtime.ts';

/** API Gateway gives up after 29 s; answer well before, with time left to write the response. */
const MAX_DEADLINE_MS = 27_000;
const RESPONSE_MARGIN_MS = 1_000;
/** The secret and the clients come first; a hung Secrets Manager must not eat the whole budget. */
const RUNTIME_SHARE = 0.5;

/** `POST /api/scan`: a label photo or its text → per-ingredient risk report with an overall score. */
export function makeScanHandler(
  environment: () => HttpEnvironment,
  dataRuntime: (signal?: AbortSignal) => Promise<DataRuntime>,
): ApiGatewayHandler {
  return apiHandler(
    { name: 'scan', methods: ['POST'], environment },
    measuredScan(async ({ event, context, requestId, header, logger }, facts) => {
      const started = performance.now();
      const request = await parseScanRequest({
        contentType: header('content-type'),
        body: event.body,
        isBase64Encoded: event.isBase64Encoded,
      });
      facts.source = request.kind;
      logger.debug('scan request', {
        kind: request.kind,
        bytes: request.kind === 'text' ? Buffer.byteLength(request.text) : request.image.byteLength,
      });
      // Lambda's remaining time (locally the configured budget) bounds everything this request waits on.
      const lambdaRemaining =
        typeof context.getRemainingTimeInMillis === 'function'
          ? context.getRemainingTimeInMillis()
          : undefined;
      const { scanLabel, scanDeadlineMs } = await dataRuntime(
        AbortSignal.timeout(Math.round(usable(lambdaRemaining ?? MAX_DEADLINE_MS) * RUNTIME_SHARE)),
      );
      // SCAN_DEADLINE_MS may shorten the platform's time (and is the only bound where there is none).
      const remaining = Math.min(
        lambdaRemaining ?? Number.POSITIVE_INFINITY,
        scanDeadlineMs + RESPONSE_MARGIN_MS,
      );
      const budgetMs = usable(remaining - (performance.now() - started));
      const deadlineAt = Date.now() + budgetMs;
      const signal = AbortSignal.timeout(budgetMs);
      const report = await scanLabel(
        request.kind === 'text'
          ? { source: 'text', text: request.text }
          : { source: 'image', image: request.image },
        signal,
        deadlineAt,
      );
      facts.report = report;
      return {
        statusCode: 200,
        body: {
          scan_id: randomUUID(),
          source: report.source,
          ingredients: report.ingredients,
          claims: report.claims,
          summary: report.summary,
          // Lines with their boxes; the words inside them served only to place the ingredients.
          ocr: report.ocr && {
            text: report.ocr.text,
            confidence: report.ocr.confidence,
            lines: report.ocr.lines.map(({ text, bbox }) => ({ text, bbox })),
          },
          warnings: report.warnings,
          timings_ms: { ...report.timings_ms, total: Math.round(performance.now() - started) },
          request_id: requestId,
        },
      };
    }),
  );
}

/** Time that may be spent on dependencies out of `remainingMs`: a margin to answer, capped below API Gateway's 29 s. */
function usable(remainingMs: number): number {
  return Math.max(1, Math.round(Math.min(MAX_DEADLINE_MS, remainingMs - RESPONSE_MARGIN_MS)));
}

export const handler = lambdaEntry(makeScanHandler(getRuntime, getDataRuntime), {
  atInit: () => getDataRuntime(),
});

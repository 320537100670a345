import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { type ApiGatewayHandler, apiHandler, type HttpEnvironment } from '../http/api-handler.ts';
import { parseScanRequest } from '../http/scan-request.ts';
import { type DataRuntime, getDataRuntime, getRuntime } from '../runtime.ts';

/** API Gateway gives up after 29 s; answer well before, with time left to write the response. */
const MAX_DEADLINE_MS = 27_000;
const RESPONSE_MARGIN_MS = 1_000;

/** `POST /api/scan`: a label photo or its text → per-ingredient risk report with an overall score. */
export function makeScanHandler(
  environment: () => HttpEnvironment,
  dataRuntime: () => Promise<DataRuntime>,
): ApiGatewayHandler {
  return apiHandler(
    { name: 'scan', methods: ['POST'], environment },
    async ({ event, context, requestId, header }) => {
      const started = performance.now();
      const request = await parseScanRequest({
        contentType: header('content-type'),
        body: event.body,
        isBase64Encoded: event.isBase64Encoded,
      });
      const signal = AbortSignal.timeout(deadlineMs(context));
      const { scanLabel } = await dataRuntime();
      const report = await scanLabel(
        request.kind === 'text'
          ? { source: 'text', text: request.text }
          : { source: 'image', image: request.image },
        signal,
      );
      return {
        statusCode: 200,
        body: {
          scan_id: randomUUID(),
          source: report.source,
          ingredients: report.ingredients,
          summary: report.summary,
          ocr: report.ocr,
          warnings: report.warnings,
          timings_ms: { ...report.timings_ms, total: Math.round(performance.now() - started) },
          request_id: requestId,
        },
      };
    },
  );
}

/** Time this request may spend on dependencies: what Lambda has left, minus a margin, capped. */
function deadlineMs(context: Context): number {
  const remaining =
    typeof context.getRemainingTimeInMillis === 'function'
      ? context.getRemainingTimeInMillis()
      : MAX_DEADLINE_MS;
  return Math.max(1, Math.min(MAX_DEADLINE_MS, remaining - RESPONSE_MARGIN_MS));
}

export const handler = makeScanHandler(getRuntime, getDataRuntime);

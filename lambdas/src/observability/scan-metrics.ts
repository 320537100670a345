import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { NoIngredientsFoundError } from '../domain/errors.ts';
import type { ApiRequest, ApiResult } from '../http/api-handler.ts';
import { errorToResponse } from '../http/errors.ts';
import type { ScanInput, ScanReport } from '../use-cases/scan-label.ts';
import { SCAN_METRICS, SCAN_OUTCOME_METRICS, type ScanOutcome } from './metric-names.ts';
import type { Metrics } from './metrics.ts';

/** What a scan request has established by the time it is answered; the route fills it in as it goes. */
export interface ScanFacts {
  /** Known once the body is parsed. */
  source?: ScanInput['source'];
  /** Present once the scan produced its report. */
  report?: ScanReport;
}

/**
 * Wraps the scan route so that each request it handles records its scan metrics once, when its answer is
 * known — also when it throws (the error goes on to the HTTP wrapper, which answers and publishes). Only
 * counts, durations and shares are recorded: never the label's text or its names.
 */
export function measuredScan(
  run: (request: ApiRequest, facts: ScanFacts) => Promise<ApiResult>,
): (request: ApiRequest) => Promise<ApiResult> {
  return async (request) => {
    const facts: ScanFacts = {};
    try {
      const result = await run(request, facts);
      if (request.metrics) recordScan(request.metrics, scanOutcome(result.statusCode, facts.report), facts);
      return result;
    } catch (error) {
      if (request.metrics) {
        const status = errorToResponse(error, request.requestId).statusCode;
        recordScan(request.metrics, scanOutcome(status, facts.report, error), facts);
      }
      throw error;
    }
  };
}

/**
 * What an answered scan came to: a 5XX failed; a 422 for want of an ingredient list found none; any other
 * 4XX was rejected; a 200 is degraded when matching went without semantic search, else ok.
 */
export function scanOutcome(status: number, report: ScanReport | undefined, error?: unknown): ScanOutcome {
  if (status >= 500) return 'failed';
  if (error instanceof NoIngredientsFoundError) return 'no_ingredients';
  if (status >= 400) return 'rejected';
  return report?.warnings.includes('semantic_search_unavailable') ? 'degraded' : 'ok';
}

function recordScan(metrics: Metrics, outcome: ScanOutcome, { source, report }: ScanFacts): void {
  metrics.addMetric(SCAN_METRICS.scans, MetricUnit.Count, 1);
  metrics.addMetric(SCAN_OUTCOME_METRICS[outcome], MetricUnit.Count, 1);
  if (source !== undefined) {
    metrics.addMetric(
      source === 'image' ? SCAN_METRICS.fromImage : SCAN_METRICS.fromText,
      MetricUnit.Count,
      1,
    );
  }
  if (report === undefined) return;
  const names = report.ingredients.length;
  metrics.addMetric(SCAN_METRICS.names, MetricUnit.Count, names);
  if (names > 0) {
    const unknown = report.ingredients.filter((ingredient) => ingredient.risk_level === 'unknown').length;
    metrics.addMetric(SCAN_METRICS.unknownShare, MetricUnit.Percent, (100 * unknown) / names);
  }
  if (report.timings_ms.ocr !== undefined) {
    metrics.addMetric(SCAN_METRICS.ocrMs, MetricUnit.Milliseconds, report.timings_ms.ocr);
  }
  metrics.addMetric(SCAN_METRICS.matchMs, MetricUnit.Milliseconds, report.timings_ms.match);
}

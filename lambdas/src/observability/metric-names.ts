/**
 * The names of everything the functions publish to CloudWatch (Embedded Metric Format). Alarms and dashboards
 * are built on these exact strings; infra may not import runtime code, so it repeats them: renaming one here
 * breaks an alarm there. No SDK imports, so that anything may read this file.
 */

/** CloudWatch namespace of every metric. */
export const METRICS_NAMESPACE = 'Lotus';

/** The `service` dimension (and the logs' `service` key). */
export const SERVICE_NAME = 'lotus-api';

/** Dimensions every metric carries; `ColdStart` carries `function_name` as well. */
export const METRIC_DIMENSIONS = {
  service: 'service',
  /** The configured `ENVIRONMENT` (dev, staging, prod). */
  environment: 'environment',
  /** Only on `ColdStart`: the Lambda function's name. */
  functionName: 'function_name',
} as const;

/** Powertools' own cold-start metric (Count, 1 per cold start), published by every function. */
export const COLD_START_METRIC = 'ColdStart';

/** Published once per `POST /api/scan` answer, in one EMF blob. */
export const SCAN_METRICS = {
  /** Count, 1 per scan. */
  scans: 'Scans',
  /** Count, 1 on a 200 without the `semantic_search_unavailable` warning. */
  ok: 'ScansOk',
  /** Count, 1 on a 422 `no_ingredients_found`. */
  noIngredients: 'ScansNoIngredients',
  /** Count, 1 on a 200 with `semantic_search_unavailable` (model mismatch or embeddings failing). */
  degraded: 'ScansDegraded',
  /** Count, 1 on any other 4XX (the caller's request was refused). */
  rejected: 'ScansRejected',
  /** Count, 1 on a 5XX. */
  failed: 'ScansFailed',
  /** Count, 1 when the request was a photo (known once the body is parsed). */
  fromImage: 'ScansFromImage',
  /** Count, 1 when the request was label text. */
  fromText: 'ScansFromText',
  /** Count: ingredient names in the report (200 only). */
  names: 'ScanNames',
  /** Percent, 0–100: share of the report's names whose risk level is unknown (200 only). */
  unknownShare: 'ScanUnknownShare',
  /** Milliseconds spent reading the photo (200 image scans only). */
  ocrMs: 'ScanOcrMs',
  /** Milliseconds spent matching names against the library (200 only). */
  matchMs: 'ScanMatchMs',
} as const;

/** What a scan came to; exactly one of the outcome metrics above is 1 per scan. */
export type ScanOutcome = 'ok' | 'no_ingredients' | 'degraded' | 'rejected' | 'failed';

/** The metric that counts each outcome. */
export const SCAN_OUTCOME_METRICS: Readonly<Record<ScanOutcome, string>> = {
  ok: SCAN_METRICS.ok,
  no_ingredients: SCAN_METRICS.noIngredients,
  degraded: SCAN_METRICS.degraded,
  rejected: SCAN_METRICS.rejected,
  failed: SCAN_METRICS.failed,
};

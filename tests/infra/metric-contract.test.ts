import { describe, expect, it } from 'vitest';
import { APP_METRICS } from '../../infra/constructs/api-monitoring.ts';
import {
  COLD_START_METRIC,
  METRICS_NAMESPACE,
  SCAN_METRICS,
  SCAN_OUTCOME_METRICS,
  SERVICE_NAME,
} from '../../lambdas/src/observability/metric-names.ts';

// Infra may not import runtime code, so the alarms repeat the names the functions publish: a rename on one
// side would leave an alarm watching a metric nobody writes (always "OK").
describe('the alarms and the functions agree on the application metrics', () => {
  it('uses the namespace, service and metric names the functions publish', () => {
    expect(APP_METRICS).toMatchObject({
      namespace: METRICS_NAMESPACE,
      service: SERVICE_NAME,
      scans: SCAN_METRICS.scans,
      degraded: SCAN_METRICS.degraded,
      names: SCAN_METRICS.names,
      unknownShare: SCAN_METRICS.unknownShare,
      ocrMs: SCAN_METRICS.ocrMs,
      matchMs: SCAN_METRICS.matchMs,
      coldStart: COLD_START_METRIC,
    });
    expect([...APP_METRICS.outcomes].sort()).toEqual(Object.values(SCAN_OUTCOME_METRICS).sort());
  });
});

import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Config } from '../config/config.ts';
import { METRICS_NAMESPACE, SERVICE_NAME } from './metric-names.ts';

export type { Metrics };

/**
 * The service's metrics (CloudWatch Embedded Metric Format, written to stdout when published): namespace
 * `Lotus`, dimensions `service` and `environment` on every metric. One per process; the HTTP wrapper
 * publishes what a request recorded when it answers.
 */
export function makeMetrics(config: Pick<Config, 'ENVIRONMENT'>): Metrics {
  return new Metrics({
    namespace: METRICS_NAMESPACE,
    serviceName: SERVICE_NAME,
    defaultDimensions: { environment: config.ENVIRONMENT },
  });
}

import { type Config, parseConfig } from './config/config.ts';
import type { HttpEnvironment } from './http/api-handler.ts';
import { makeLogger } from './observability/logger.ts';
import { makeMetrics } from './observability/metrics.ts';

/** What a handler that touches no dependency needs: the settings, the logger and (in Lambda) the metrics. */
export interface Environment extends HttpEnvironment {
  readonly config: Config;
}

let environment: Environment | undefined;

/**
 * Parses the configuration (once per process) and builds the logger and, inside Lambda only, the metrics
 * (locally they would only fill stdout). Kept apart from the data runtime (`runtime.ts`) so that `/health`
 * bundles neither the AWS SDK nor Sentry.
 * @throws {ConfigError} naming a bad key.
 */
export function getEnvironment(): Environment {
  if (!environment) {
    const config = parseConfig(process.env);
    environment = {
      config,
      logger: makeLogger(config),
      corsOrigins: config.CORS_ORIGINS,
      ...(config.AWS_LAMBDA_FUNCTION_NAME === undefined ? {} : { metrics: makeMetrics(config) }),
    };
  }
  return environment;
}

import { Logger } from '@aws-lambda-powertools/logger';
import type { Config } from '../config/config.ts';

export type { Logger };

/** The service's structured JSON logger; one per process, children per request carry the request id. */
export function makeLogger(config: Pick<Config, 'LOG_LEVEL' | 'ENVIRONMENT'>): Logger {
  return new Logger({
    serviceName: 'lotus-api',
    logLevel: config.LOG_LEVEL as 'INFO',
    environment: config.ENVIRONMENT,
  });
}

import { Logger } from '@aws-lambda-powertools/logger';
import type { Config } from '../config/config.ts';
import { SERVICE_NAME } from './metric-names.ts';

export type { Logger };

type LoggerOptions = ConstructorParameters<typeof Logger>[0];

/**
 * Powertools' Logger whose children report the cold start of the invocation they were made in. Powertools
 * gives every child its own cold-start flag, and the HTTP wrapper makes a child per request: each request's
 * entries would otherwise say `cold_start: true`.
 */
class ServiceLogger extends Logger {
  /** A child's cold start, from its parent; unset on the root, which asks Powertools. */
  #inherited: boolean | undefined;
  /** What the last `addContext` recorded, handed to the children made after it. */
  #current = false;

  protected override getColdStart(): boolean {
    this.#current = this.#inherited ?? super.getColdStart();
    return this.#current;
  }

  protected override createLogger(options?: LoggerOptions): ServiceLogger {
    const child = new ServiceLogger(options);
    child.#inherited = this.#current;
    return child;
  }
}

/**
 * The service's structured JSON logger; one per process. Per request, the HTTP wrapper adds the Lambda
 * context and the request ids, and hands the route a child that keeps them.
 */
export function makeLogger(config: Pick<Config, 'LOG_LEVEL' | 'ENVIRONMENT'>): Logger {
  return new ServiceLogger({
    serviceName: SERVICE_NAME,
    logLevel: config.LOG_LEVEL as 'INFO',
    environment: config.ENVIRONMENT,
  });
}

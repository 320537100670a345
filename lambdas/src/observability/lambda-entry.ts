import { wrapHandler } from '@sentry/aws-serverless';
import type { ApiGatewayHandler } from '../http/api-handler.ts';

export interface LambdaEntryOptions {
  /**
   * Work the first request would otherwise wait for (the secret, the clients, the OCR worker), started
   * when the module loads inside Lambda — its init phase, which often runs before any request arrives —
   * and not awaited. A failure is left for that request to meet: it is retried there.
   */
  readonly atInit?: () => Promise<unknown>;
}

/** Whether this process is a Lambda execution environment (the runtime sets this variable). */
function inLambda(): boolean {
  return process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined;
}

/**
 * A handler as Lambda runs it: wrapped by Sentry, which adds what only the platform boundary can see — a
 * warning event shortly before the function times out, and a flush of pending events. Errors never escape
 * `apiHandler` (each becomes a JSON answer, and 500s/503s are captured there with the request id), so
 * this wrapper reports nothing twice. Until a DSN is configured (it arrives with the secret), it is inert.
 */
export function lambdaEntry(handler: ApiGatewayHandler, options: LambdaEntryOptions = {}): ApiGatewayHandler {
  const { atInit } = options;
  if (atInit && inLambda()) {
    Promise.resolve()
      .then(atInit)
      .catch(() => undefined);
  }
  const wrapped = wrapHandler(handler, {
    captureTimeoutWarning: true,
    timeoutWarningLimit: 2_000,
    flushTimeout: 2_000,
  });
  // Lambda's Handler type carries a callback; an async handler never uses it.
  return (event, context) => wrapped(event, context, () => undefined) as ReturnType<ApiGatewayHandler>;
}

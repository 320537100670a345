import { wrapHandler } from '@sentry/aws-serverless';
import type { ApiGatewayHandler } from '../http/api-handler.ts';

/**
 * A handler as Lambda runs it: wrapped by Sentry, which adds what only the platform boundary can see — a
 * warning event shortly before the function times out, and a flush of pending events. Errors never escape
 * `apiHandler` (each becomes a JSON answer, and 500s/503s are captured there with the request id), so
 * this wrapper reports nothing twice. Until a DSN is configured (it arrives with the secret), it is inert.
 */
export function lambdaEntry(handler: ApiGatewayHandler): ApiGatewayHandler {
  const wrapped = wrapHandler(handler, {
    captureTimeoutWarning: true,
    timeoutWarningLimit: 2_000,
    flushTimeout: 2_000,
  });
  // Lambda's Handler type carries a callback; an async handler never uses it.
  return (event, context) => wrapped(event, context, () => undefined) as ReturnType<ApiGatewayHandler>;
}

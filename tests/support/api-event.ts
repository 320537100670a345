/** What {@link apiEvent} builds an API Gateway proxy event from. */
export interface ApiEventOptions {
  readonly method: string;
  readonly path: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  /** `requestContext.requestId` (API Gateway's own id, not the caller's `X-Request-Id`). */
  readonly requestId?: string;
}

/**
 * An API Gateway REST proxy event (v1) as the gateway sends it to a Lambda handler — plain JSON, so it can
 * also be written to a file for a bundled handler run in another process.
 */
export function apiEvent(options: ApiEventOptions) {
  const headers: Record<string, string> = {
    ...(options.contentType ? { 'Content-Type': options.contentType } : {}),
    ...options.headers,
  };
  return {
    httpMethod: options.method,
    path: options.path,
    resource: options.path,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, [value]])),
    body: options.body ?? null,
    isBase64Encoded: options.isBase64Encoded ?? false,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      requestId: options.requestId ?? 'test-request',
      stage: 'dev',
      httpMethod: options.method,
      path: options.path,
    },
  };
}

import { type GatewayResponse, ResponseType, type RestApi } from 'aws-cdk-lib/aws-apigateway';

/**
 * Marks a response whose message is API Gateway's own (`$context.error.messageString`), for the fallbacks
 * whose cause we cannot know in advance.
 */
const GATEWAY_MESSAGE = Symbol('the gateway message');

/** One kind of answer API Gateway makes itself, in the API's error envelope. */
interface GatewayError {
  /** Construct id under the RestApi. Never rename one: see {@link addJsonGatewayResponses}. */
  readonly id: string;
  readonly type: ResponseType;
  /** @default the status API Gateway gives that type (the DEFAULT_* fallbacks keep each type's own) */
  readonly status?: string;
  /** A code of the API contract. */
  readonly code: string;
  readonly message: string | typeof GATEWAY_MESSAGE;
  readonly retryAfterSeconds?: number;
}

const NO_ROUTE = 'There is no such route.';

/**
 * The responses API Gateway makes without calling a function. Whatever is not listed falls back to
 * DEFAULT_4XX or DEFAULT_5XX, which keep the type's status.
 */
const GATEWAY_ERRORS: readonly GatewayError[] = [
  { id: 'Default4xx', type: ResponseType.DEFAULT_4XX, code: 'invalid_request', message: GATEWAY_MESSAGE },
  {
    id: 'Default5xx',
    type: ResponseType.DEFAULT_5XX,
    code: 'internal_error',
    message: 'The service could not answer; try again.',
  },
  // A REST API answers a path without a route with MISSING_AUTHENTICATION_TOKEN (403 by default).
  {
    id: 'NotFound',
    type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
    status: '404',
    code: 'not_found',
    message: NO_ROUTE,
  },
  {
    id: 'ResourceNotFound',
    type: ResponseType.RESOURCE_NOT_FOUND,
    status: '404',
    code: 'not_found',
    message: NO_ROUTE,
  },
  {
    id: 'AccessDenied',
    type: ResponseType.ACCESS_DENIED,
    status: '403',
    code: 'forbidden',
    message: 'Access to this route is denied.',
  },
  {
    id: 'WafFiltered',
    type: ResponseType.WAF_FILTERED,
    status: '403',
    code: 'forbidden',
    message:
      'The request was blocked by the firewall: too many requests from your address, or a request that looks like an attack.',
  },
  // A photo over about 4.5 MB is over Lambda's 6 MB invoke limit once base64-encoded, and API Gateway
  // answers this type itself (docs/operations.md, "Request size limits"): the functions' 4 MB message.
  {
    id: 'RequestTooLarge',
    type: ResponseType.REQUEST_TOO_LARGE,
    status: '413',
    code: 'payload_too_large',
    message: 'The request body is larger than 4 MB.',
  },
  {
    id: 'BadRequestBody',
    type: ResponseType.BAD_REQUEST_BODY,
    status: '400',
    code: 'invalid_request',
    message: GATEWAY_MESSAGE,
  },
  {
    id: 'UnsupportedMediaType',
    type: ResponseType.UNSUPPORTED_MEDIA_TYPE,
    status: '415',
    code: 'unsupported_media_type',
    message:
      'This content type is not accepted: send a JPEG, PNG or WebP photo (as the body or multipart/form-data) or JSON.',
  },
  {
    id: 'Throttled',
    type: ResponseType.THROTTLED,
    status: '429',
    code: 'rate_limited',
    message: 'Too many requests; slow down and retry.',
    retryAfterSeconds: 1,
  },
  // Usage-plan quotas run per day or month: no Retry-After that would be true.
  {
    id: 'QuotaExceeded',
    type: ResponseType.QUOTA_EXCEEDED,
    status: '429',
    code: 'rate_limited',
    message: 'The request quota is used up; try again later.',
  },
  // The functions answer a slow dependency themselves with 503 dependency_unavailable before 27 s; the
  // gateway's 29 s timeout (a cold start on top of a long scan) is the same condition seen from outside,
  // so the client gets the same answer and retries the same way.
  {
    id: 'IntegrationTimeout',
    type: ResponseType.INTEGRATION_TIMEOUT,
    status: '503',
    code: 'dependency_unavailable',
    message: 'The service did not answer in time; try again shortly.',
    retryAfterSeconds: 5,
  },
  // The function crashed, timed out or answered something the gateway could not use: our fault, answered
  // like an unexpected error inside a function (500 internal_error). The access log keeps the gateway's
  // error type and the integration status for the operator.
  {
    id: 'IntegrationFailure',
    type: ResponseType.INTEGRATION_FAILURE,
    status: '500',
    code: 'internal_error',
    message: 'The service could not answer; try again.',
  },
];

/** The exposed headers the functions' own CORS answers name (lambdas/src/http/cors.ts). */
const EXPOSED_HEADERS = 'X-Request-Id,Retry-After';

/**
 * Adds gateway responses so that every answer API Gateway makes itself (unknown route, throttling, WAF
 * block, body too large, integration timeout or failure, and the 4XX/5XX fallbacks) is the API's JSON
 * error envelope `{"error":{"code","message","request_id"}}`, readable by a browser on an allowed origin.
 *
 * The responses are children of the RestApi under fixed ids: a gateway response replaced under a new
 * logical id is created before the old one is deleted, and that deletion resets the type to AWS's default.
 */
export function addJsonGatewayResponses(
  api: RestApi,
  props: {
    /** The environment's CORS allow-list (the one the functions enforce). */
    readonly corsOrigins: readonly string[];
  },
): GatewayResponse[] {
  const cors = corsHeaders(props.corsOrigins);
  return GATEWAY_ERRORS.map((error) =>
    api.addGatewayResponse(error.id, {
      type: error.type,
      ...(error.status ? { statusCode: error.status } : {}),
      responseHeaders: {
        ...cors,
        ...(error.retryAfterSeconds ? { 'Retry-After': `'${error.retryAfterSeconds}'` } : {}),
      },
      templates: { 'application/json': bodyTemplate(error) },
    }),
  );
}

/**
 * The body template. It is not VTL: API Gateway only substitutes variables. `$context.error.messageString`
 * expands to an already quoted JSON string, so it stands unquoted; `$context.requestId` is an id without
 * quotes or backslashes, so it sits inside quotes.
 */
function bodyTemplate(error: GatewayError): string {
  const message =
    error.message === GATEWAY_MESSAGE ? '$context.error.messageString' : JSON.stringify(error.message);
  return `{"error":{"code":${JSON.stringify(error.code)},"message":${message},"request_id":"$context.requestId"}}`;
}

/** Header mappings: a static value is single-quoted, `method.request.header.X` copies a request header. */
function corsHeaders(origins: readonly string[]): Record<string, string> {
  const [only, ...others] = origins;
  if (only === undefined) return {};
  if (others.length === 0) {
    return {
      'Access-Control-Allow-Origin': `'${only}'`,
      'Access-Control-Expose-Headers': `'${EXPOSED_HEADERS}'`,
    };
  }
  // A gateway response cannot compare the Origin with a list (no VTL), and a single fixed origin would
  // leave the other allowed sites unable to read why their request failed. So the request's Origin is
  // echoed, whatever it is. That shows a gateway error to any site, which is harmless: it holds a fixed
  // sentence or the gateway's own message and a request id, never data, and no credentials are allowed.
  // The functions still enforce the allow-list on every real answer.
  return {
    'Access-Control-Allow-Origin': 'method.request.header.Origin',
    'Access-Control-Expose-Headers': `'${EXPOSED_HEADERS}'`,
    Vary: "'Origin'",
  };
}

import {
  DependencyUnavailableError,
  LotusError,
  MethodNotAllowedError,
  NoIngredientsFoundError,
} from '../domain/errors.ts';

/** The one table from error code to HTTP status. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  invalid_request: 400,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  no_ingredients_found: 422,
  rate_limited: 429,
  dependency_unavailable: 503,
};

export interface ErrorResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: { error: Record<string, unknown> };
  /** True when the error is ours to fix (logged as an error and reported), not the caller's. */
  readonly unexpected: boolean;
}

/** Maps any thrown value to the JSON error envelope. Unknown errors never leak their message. */
export function errorToResponse(error: unknown, requestId: string): ErrorResponse {
  if (error instanceof LotusError && STATUS_BY_CODE[error.code] !== undefined) {
    const headers: Record<string, string> = {};
    const extra: Record<string, unknown> = {};
    if (error instanceof MethodNotAllowedError) headers.Allow = error.allowed.join(', ');
    if (error instanceof DependencyUnavailableError) {
      headers['Retry-After'] = String(error.retryAfterSeconds);
      extra.dependency = error.dependency;
    }
    if (error instanceof NoIngredientsFoundError) extra.text = error.text;
    return {
      statusCode: STATUS_BY_CODE[error.code] ?? 500,
      headers,
      body: { error: { code: error.code, message: error.message, request_id: requestId, ...extra } },
      unexpected: error instanceof DependencyUnavailableError && !error.overloaded,
    };
  }
  return {
    statusCode: 500,
    headers: {},
    body: {
      error: {
        code: 'internal_error',
        message: 'Something went wrong on our side. Please try again; quote the request id if it persists.',
        request_id: requestId,
      },
    },
    unexpected: true,
  };
}

const ALLOWED_METHODS = 'GET,POST,OPTIONS';
const ALLOWED_HEADERS = 'Content-Type,X-Request-Id';

/**
 * CORS headers for a response: only an origin on the allow-list is echoed back; any other origin gets
 * nothing (the browser then blocks the response). `Vary: Origin` keeps caches from mixing answers.
 */
export function corsHeaders(
  origin: string | undefined,
  allowList: readonly string[],
): Record<string, string> {
  if (origin === undefined || !allowList.includes(origin)) return { Vary: 'Origin' };
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': 'X-Request-Id,Retry-After',
    Vary: 'Origin',
  };
}

/** Extra headers of a preflight (`OPTIONS`) answer for an allowed origin. */
export function preflightHeaders(
  origin: string | undefined,
  allowList: readonly string[],
): Record<string, string> {
  if (origin === undefined || !allowList.includes(origin)) return {};
  return {
    'Access-Control-Allow-Methods': ALLOWED_METHODS,
    'Access-Control-Allow-Headers': ALLOWED_HEADERS,
    'Access-Control-Max-Age': '600',
  };
}

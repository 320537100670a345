/**
 * The error taxonomy of the service. Each error carries a stable `code`; the HTTP layer maps codes to
 * status codes in exactly one place (`http/errors.ts`). Anything else is an internal error.
 */
export abstract class LotusError extends Error {
  abstract readonly code: string;
}

/** The request cannot be understood (malformed JSON, wrong shape). */
export class InvalidRequestError extends LotusError {
  override readonly name = 'InvalidRequestError';
  readonly code = 'invalid_request';
}

export class PayloadTooLargeError extends LotusError {
  override readonly name = 'PayloadTooLargeError';
  readonly code = 'payload_too_large';
}

export class UnsupportedMediaTypeError extends LotusError {
  override readonly name = 'UnsupportedMediaTypeError';
  readonly code = 'unsupported_media_type';
}

export class NotFoundError extends LotusError {
  override readonly name = 'NotFoundError';
  readonly code = 'not_found';
}

export class MethodNotAllowedError extends LotusError {
  override readonly name = 'MethodNotAllowedError';
  readonly code = 'method_not_allowed';
  readonly allowed: readonly string[];
  constructor(message: string, allowed: readonly string[]) {
    super(message);
    this.allowed = allowed;
  }
}

/** The text (or the text read from an image) holds no ingredient list. */
export class NoIngredientsFoundError extends LotusError {
  override readonly name = 'NoIngredientsFoundError';
  readonly code = 'no_ingredients_found';
  /** What was read, so the user can see why nothing was found. */
  readonly text: string;
  constructor(message: string, text: string) {
    super(message);
    this.text = text;
  }
}

const DEFAULT_RETRY_AFTER_SECONDS = 5;
/** Longer than this, a client is better told to come back later than to wait: the header says "soon". */
const MAX_RETRY_AFTER_SECONDS = 300;

/** A dependency (database, embeddings) failed and there is no safe fallback. */
export class DependencyUnavailableError extends LotusError {
  override readonly name = 'DependencyUnavailableError';
  readonly code = 'dependency_unavailable';
  readonly dependency: string;
  /** Whole seconds in [1, 300], whatever the dependency asked: it becomes our `Retry-After` header. */
  readonly retryAfterSeconds: number;
  /**
   * The dependency works but is busy with other requests (a full queue, a wait past the deadline): load
   * that is expected, answered 503 all the same, but no error to log or report.
   */
  readonly overloaded: boolean;
  constructor(
    dependency: string,
    message: string,
    options: { cause?: unknown; retryAfterSeconds?: number; overloaded?: boolean } = {},
  ) {
    super(message, { cause: options.cause });
    this.dependency = dependency;
    this.retryAfterSeconds = clampRetryAfter(options.retryAfterSeconds);
    this.overloaded = options.overloaded ?? false;
  }
}

/**
 * A dependency's `Retry-After` is data from outside: 1e23 would print as "1e+23", 0 or a fraction is no
 * valid header value, and NaN is no number at all.
 */
function clampRetryAfter(seconds: number | undefined): number {
  if (seconds === undefined || Number.isNaN(seconds)) return DEFAULT_RETRY_AFTER_SECONDS;
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(seconds)));
}

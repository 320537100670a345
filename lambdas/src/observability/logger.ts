import { Logger } from '@aws-lambda-powertools/logger';
import type { Config } from '../config/config.ts';
import { boundedErrorText, describeThrown } from '../shared/describe-error.ts';
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

  /**
   * Powertools' serialisation, with every error made fit for a log line ({@link loggableError}) and a
   * thrown object that is not an `Error` given a message ({@link withMessage}).
   */
  protected override getJsonReplacer(): (key: string, value: unknown) => void {
    const powertools = super.getJsonReplacer() as Replacer;
    return function (this: unknown, key: string, value: unknown) {
      if (value instanceof Error) {
        return loggableError(powertools.call(this, key, value) as FormattedError, value);
      }
      return powertools.call(this, key, key === 'error' ? withMessage(value) : value);
    };
  }
}

type Replacer = (this: unknown, key: string, value: unknown) => unknown;

/** An error as Powertools formats it: name, location, message, stack, cause, then the error's own fields. */
type FormattedError = Record<string, unknown>;

/**
 * Keeps what identifies a failure and drops what a user sent. A database error carries the statement
 * (`query`) and its parameters (`params`: names from a label, vectors — megabytes), which Powertools copies
 * like any own field: they are logged as sizes and counts. The message, and the fields Postgres fills
 * (`detail`, `where`, …), may quote a value: cut by {@link boundedErrorText}. The same down the cause chain.
 * `formatted` is Powertools' fresh copy, changed in place; `error` is left as it is.
 */
function loggableError(formatted: FormattedError, error: Error): FormattedError {
  const { query, params, stack, message } = formatted;
  delete formatted.queryOptions;
  if (typeof query === 'string') formatted.query = { first_word: firstWord(query), length: query.length };
  if (Array.isArray(params)) formatted.params = { count: params.length, size: sizeOf(params) };
  for (const [key, value] of Object.entries(formatted)) {
    if (typeof value === 'string' && key !== 'stack') formatted[key] = boundedErrorText(value);
  }
  // The stack's first line repeats the message: that copy is cut the same way.
  if (typeof stack === 'string' && typeof message === 'string' && message !== formatted.message) {
    formatted.stack = stack.replace(message, () => formatted.message as string);
  }
  const { cause } = error;
  if (cause instanceof Error) loggableError(formatted.cause as FormattedError, cause);
  else if (cause !== undefined) formatted.cause = withMessage(cause);
  return formatted;
}

/**
 * A thrown object that is not an `Error` and has no message, with one saying what it is: PGlite's
 * Emscripten file system throws `{ name: 'ErrnoError', errno: 51 }` for a full disk ("ENOSPC: no space left
 * on device"). Anything else is returned as it is.
 */
function withMessage(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || value instanceof Error || Array.isArray(value))
    return value;
  if (typeof (value as { message?: unknown }).message === 'string') return value;
  return { ...value, name: (value as { name?: unknown }).name, message: describeThrown(value) };
}

function firstWord(sql: string): string {
  return /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase() ?? '';
}

/** Characters in the values (bytes for binary ones), counted without serialising them. */
function sizeOf(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + sizeOf(item), 0);
  if (ArrayBuffer.isView(value)) return value.byteLength;
  return value === null || value === undefined ? 0 : String(value).length;
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

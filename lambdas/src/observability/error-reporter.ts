import http from 'node:http';
import https from 'node:https';
import { boundedErrorText } from '../shared/describe-error.ts';

/** What a failed request is reported with: enough to find it in the logs, nothing the user sent. */
export interface ErrorContext {
  readonly requestId: string;
  readonly handler: string;
  readonly status: number;
  /** For dependency failures (503): `database`, `embeddings`, `ocr`, `secrets`. */
  readonly dependency?: string;
}

/** Sends unexpected failures (500) and dependency failures (503) to error tracking. */
export interface ErrorReporter {
  capture(error: unknown, context: ErrorContext): void;
  /** Waits (at most `timeoutMs`) until captured events are sent: Lambda freezes the process after it answers. */
  flush(timeoutMs?: number): Promise<void>;
}

export interface SentrySettings {
  readonly dsn: string;
  readonly environment: string;
  readonly release: string;
  /** Values that must never leave the process (the secret's values): replaced wherever they appear. */
  readonly redact: readonly string[];
}

/** A reporter that drops everything: no DSN configured. */
export const noReporter: ErrorReporter = { capture() {}, flush: async () => {} };

type Sentry = typeof import('@sentry/aws-serverless');

/**
 * How long a send to Sentry's ingest may go without a byte back before it is dropped (the event is lost).
 * In Lambda every invocation ends with a flush — the HTTP wrapper's after a reported error, and Sentry's
 * Lambda wrapper's after every one — and a flush waits for every send still pending: an ingest that never
 * answers would otherwise hold every response of the environment for the flush's whole timeout (2 s), the
 * successful ones too, for as long as the send hangs (the SDK sets no timeout of its own). A healthy ingest
 * answers in tens of milliseconds. Locally nothing waits for a send but the shutdown.
 */
export const SEND_TIMEOUT_MS = { lambda: 300, local: 5_000 } as const;

export interface SentryReporterOptions {
  /** Default: {@link SEND_TIMEOUT_MS} for where this process runs (`AWS_LAMBDA_FUNCTION_NAME`). */
  readonly sendTimeoutMs?: number;
}

/**
 * Error reporting through `@sentry/aws-serverless`, configured when the DSN is known (in Lambda it comes
 * from the secret, after the first read) and loaded only then, so a function without a DSN never pays
 * for the SDK. Sentry keeps one client per process: {@link SentryReporter.configure} re-initialises only
 * when the DSN changes (a rotated secret).
 *
 * Privacy: `sendDefaultPii` off, no default integrations (no HTTP, console or breadcrumb instrumentation
 * that could copy a request body, an image or OCR text into an event), and `beforeSend` drops the request,
 * breadcrumbs and extra data and replaces any secret value found anywhere in the event.
 */
export class SentryReporter implements ErrorReporter {
  #sentry: Sentry | undefined;
  #dsn: string | undefined;
  #redact: readonly string[] = [];
  readonly #sendTimeoutMs: number;

  constructor(options: SentryReporterOptions = {}) {
    this.#sendTimeoutMs =
      options.sendTimeoutMs ??
      (process.env.AWS_LAMBDA_FUNCTION_NAME === undefined ? SEND_TIMEOUT_MS.local : SEND_TIMEOUT_MS.lambda);
  }

  async configure(settings: SentrySettings | undefined): Promise<void> {
    if (settings === undefined || settings.dsn === this.#dsn) {
      if (settings) this.#redact = settings.redact;
      return;
    }
    const sentry = this.#sentry ?? (await import('@sentry/aws-serverless'));
    this.#sentry = sentry;
    this.#redact = settings.redact;
    this.#dsn = settings.dsn;
    sentry.init({
      dsn: settings.dsn,
      environment: settings.environment,
      release: settings.release,
      sendDefaultPii: false,
      defaultIntegrations: false,
      integrations: [sentry.linkedErrorsIntegration()],
      beforeBreadcrumb: () => null,
      beforeSend: (event) => scrubEvent(event, this.#redact),
      transportOptions: { httpModule: unansweredDropped(this.#sendTimeoutMs) },
      // Counts of dropped events, sent at the start of every flush: with an ingest that hangs, each flush
      // would wait for that send too (twice the bound in Lambda: the dropped event, then its report).
      sendClientReports: false,
    });
  }

  capture(error: unknown, context: ErrorContext): void {
    const sentry = this.#sentry;
    if (!sentry || this.#dsn === undefined) return;
    sentry.withScope((scope) => {
      scope.setTags({
        request_id: context.requestId,
        handler: context.handler,
        status: String(context.status),
        ...(context.dependency ? { dependency: context.dependency } : {}),
      });
      sentry.captureException(error);
    });
  }

  async flush(timeoutMs = 2000): Promise<void> {
    if (this.#sentry && this.#dsn !== undefined) await this.#sentry.flush(timeoutMs);
  }

  /** Stops the client (tests, shutdown). */
  async close(): Promise<void> {
    if (this.#sentry && this.#dsn !== undefined) await this.#sentry.close(2000);
    this.#dsn = undefined;
  }
}

/** Node's `http`/`https` for the SDK's transport, with a request dropped after `timeoutMs` of silence. */
function unansweredDropped(timeoutMs: number): Pick<typeof http, 'request'> {
  return {
    request(options: http.RequestOptions, callback?: (response: http.IncomingMessage) => void) {
      const request = (options.protocol === 'https:' ? https : http).request(options, callback);
      request.setTimeout(timeoutMs, () =>
        request.destroy(new Error(`Sentry's ingest did not answer within ${timeoutMs} ms`)),
      );
      return request;
    },
  } as Pick<typeof http, 'request'>;
}

/** Keeps what identifies the failure (exception, tags, environment, release) and nothing else. */
interface ScrubbableEvent {
  request?: unknown;
  breadcrumbs?: unknown;
  extra?: unknown;
  user?: unknown;
  server_name?: unknown;
  exception?: { values?: { value?: string }[] };
}

/**
 * No integration copies an error's own fields (a database error's SQL parameters) into the event; its
 * message, and each cause's, is sent — and Postgres may quote in it the value it could not read (a whole
 * vector, a label): those are cut to their size ({@link boundedErrorText}).
 */
export function scrubEvent<E extends ScrubbableEvent>(event: E, redact: readonly string[]): E {
  delete event.request;
  delete event.breadcrumbs;
  delete event.extra;
  delete event.user;
  delete event.server_name;
  for (const exception of event.exception?.values ?? []) {
    if (exception.value !== undefined) exception.value = boundedErrorText(exception.value);
  }
  const secrets = redact.filter((value) => value.length >= 4);
  if (secrets.length === 0) return event;
  return JSON.parse(JSON.stringify(event), (_key, value: unknown) =>
    typeof value === 'string'
      ? secrets.reduce((text, secret) => text.split(secret).join('[redacted]'), value)
      : value,
  ) as E;
}

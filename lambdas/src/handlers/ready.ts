import { DependencyUnavailableError } from '../domain/errors.ts';
import { type ApiGatewayHandler, apiHandler, type HttpEnvironment } from '../http/api-handler.ts';
import { lambdaEntry } from '../observability/lambda-entry.ts';
import { type DataRuntime, getDataRuntime, getRuntime, resolveConfig } from '../runtime.ts';
import { untilAborted } from '../shared/abort.ts';

/** Readiness checks answer within this budget, so a hung dependency reads as "not ready". */
export const READY_CHECK_TIMEOUT_MS = 2_000;

interface Check {
  ok: boolean;
  latency_ms?: number;
  error?: string;
  [detail: string]: unknown;
}

export interface ReadyDependencies {
  /** Reads the secret (locally: nothing to read). @throws {DependencyUnavailableError} naming a key. */
  readonly secrets: (signal: AbortSignal) => Promise<unknown>;
  readonly dataRuntime: (signal?: AbortSignal) => Promise<DataRuntime>;
}

/**
 * `GET /ready`: 200 when the secret is complete and the library answers, else 503 naming the failing
 * check with a short reason (never a secret's value, a connection string or a stack trace). Also reports
 * whether semantic matching is on (the library's embedding model is the embedder's) and the OCR engine.
 */
export function makeReadyHandler(
  environment: () => HttpEnvironment,
  dependencies: ReadyDependencies,
): ApiGatewayHandler {
  return apiHandler({ name: 'ready', methods: ['GET'], environment }, async ({ logger }) => {
    const checks: Record<string, Check> = {};
    const signal = AbortSignal.timeout(READY_CHECK_TIMEOUT_MS);
    let started = performance.now();
    try {
      await untilAborted(dependencies.secrets(signal), signal);
      checks.secrets = { ok: true };
    } catch (error) {
      logger.warn('readiness: secrets check failed', { error: error as Error });
      checks.secrets = { ok: false, error: reason(error, 'the service secret could not be read') };
    }
    if (checks.secrets.ok) {
      started = performance.now();
      try {
        // untilAborted: opening the runtime may itself hang (a first connection), not only the ping.
        const data = await untilAborted(dependencies.dataRuntime(signal), signal);
        const { store, reader, semanticStatus } = data;
        await store.ping(signal);
        checks.database = { ok: true, latency_ms: elapsed(started) };
        const semantic = await semanticStatus(signal);
        checks.embeddings = {
          ok: true,
          model: semantic.model,
          semantic_search: semantic.available,
          ...(semantic.available
            ? {}
            : {
                note: `the library was embedded with ${semantic.libraryModels.join(', ') || 'no model'}; semantic matching is off until it is re-seeded with ${semantic.model}`,
              }),
        };
        // The OCR worker starts (and warms up) in the background with the runtime.
        if (reader) {
          checks.ocr = await untilAborted(data.ready(), signal).then(
            () => ({ ok: true }),
            () => ({ ok: false, error: 'the OCR engine is not ready' }),
          );
        }
      } catch (error) {
        logger.warn('readiness: database check failed', { error: error as Error });
        checks.database = {
          ok: false,
          latency_ms: elapsed(started),
          error: reason(error, 'database unavailable'),
        };
      }
    }
    const ready = Object.values(checks).every((check) => check.ok);
    const headers: Record<string, string> = ready ? {} : { 'Retry-After': '5' };
    return {
      statusCode: ready ? 200 : 503,
      body: { ready, checks, timestamp: new Date().toISOString() },
      headers,
    };
  });
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

/** A short, safe reason: our own dependency messages (they name keys, never values), else a generic one. */
function reason(error: unknown, fallback: string): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${READY_CHECK_TIMEOUT_MS} ms`;
  }
  if (error instanceof DependencyUnavailableError) return error.message;
  return fallback;
}

export const handler = lambdaEntry(
  makeReadyHandler(getRuntime, { secrets: resolveConfig, dataRuntime: getDataRuntime }),
);

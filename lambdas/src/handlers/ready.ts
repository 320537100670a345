import { type ApiGatewayHandler, apiHandler, type HttpEnvironment } from '../http/api-handler.ts';
import { type DataRuntime, getDataRuntime, getRuntime } from '../runtime.ts';
import { untilAborted } from '../shared/abort.ts';

/** Readiness checks answer within this budget, so a hung dependency reads as "not ready". */
export const READY_CHECK_TIMEOUT_MS = 2_000;

interface Check {
  ok: boolean;
  latency_ms?: number;
  error?: string;
}

/**
 * `GET /ready`: 200 when every dependency answers, else 503 naming the failing check with a short reason
 * (never a secret, a connection string or a stack trace).
 */
export function makeReadyHandler(
  environment: () => HttpEnvironment,
  dataRuntime: () => Promise<DataRuntime>,
): ApiGatewayHandler {
  return apiHandler({ name: 'ready', methods: ['GET'], environment }, async ({ logger }) => {
    const checks: Record<string, Check> = {};
    const started = performance.now();
    try {
      const signal = AbortSignal.timeout(READY_CHECK_TIMEOUT_MS);
      const { store, reader } = await untilAborted(dataRuntime(), signal);
      await store.ping(signal);
      checks.database = { ok: true, latency_ms: Math.round(performance.now() - started) };
      // The OCR worker is created (and warmed) with the runtime: present means ready.
      if (reader) checks.ocr = { ok: true };
    } catch (error) {
      logger.warn('readiness: database check failed', { error: error as Error });
      checks.database = {
        ok: false,
        latency_ms: Math.round(performance.now() - started),
        error: reason(error),
      };
    }
    // Locally and until secrets move to Secrets Manager, the configuration parsed at start is the secret set.
    checks.secrets = { ok: true };
    const ready = Object.values(checks).every((check) => check.ok);
    const headers: Record<string, string> = ready ? {} : { 'Retry-After': '5' };
    return {
      statusCode: ready ? 200 : 503,
      body: { ready, checks, timestamp: new Date().toISOString() },
      headers,
    };
  });
}

function reason(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${READY_CHECK_TIMEOUT_MS} ms`;
  }
  return 'database unavailable';
}

export const handler = makeReadyHandler(getRuntime, getDataRuntime);

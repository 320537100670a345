/**
 * Load against the local server: `npm start`'s entry point as its own process (so the load generator
 * never shares the server's event loop), over a fresh embedded library in a temp folder, with
 * autocannon in this process. Health, text scans and photo scans run one after another.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { start, stop } from '../tests/support/npm-start.ts';
import type { GeneratedLabel } from './label-images.ts';

export interface LoadScenario {
  readonly name: string;
  readonly connections: number;
  readonly seconds: number;
}

export interface LoadResult {
  readonly name: string;
  readonly connections: number;
  readonly seconds: number;
  readonly requests: number;
  /** Requests per second: the mean, and the min/max of the per-second samples. */
  readonly rps: { readonly mean: number; readonly min: number; readonly max: number };
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Connection errors (including timeouts). */
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly statusCodes: Record<string, number>;
}

export interface LoadOptions {
  readonly labels: readonly GeneratedLabel[];
  readonly labelDir: string;
  /** Seconds per scenario: health, text, photo. */
  readonly seconds: { readonly health: number; readonly text: number; readonly photo: number };
}

export async function measureLoad(
  options: LoadOptions,
): Promise<{ startupMs: number; scenarios: LoadResult[] }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lotus-bench-load-'));
  const startedAt = performance.now();
  const server = await start({ LOTUS_DATA_DIR: path.join(dataDir, 'pgdata'), LOG_LEVEL: 'WARN' });
  const startupMs = Math.round(performance.now() - startedAt);
  const photos = options.labels.filter((label) => label.style === 'photo');
  const run = async (scenario: LoadScenario, requests: autocannon.Request[]): Promise<LoadResult> => {
    const result = await autocannon({
      url: server.url,
      connections: scenario.connections,
      duration: scenario.seconds,
      timeout: 30,
      requests,
    });
    return {
      ...scenario,
      requests: result.requests.total,
      rps: { mean: result.requests.average, min: result.requests.min, max: result.requests.max },
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      statusCodes: Object.fromEntries(
        Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]),
      ),
    };
  };
  try {
    const scenarios: LoadResult[] = [];
    scenarios.push(
      await run({ name: 'GET /health', connections: 64, seconds: options.seconds.health }, [
        { method: 'GET', path: '/health' },
      ]),
    );
    scenarios.push(
      await run(
        { name: 'POST /api/scan text', connections: 16, seconds: options.seconds.text },
        options.labels.map((label) => ({
          method: 'POST',
          path: '/api/scan',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: label.text }),
        })),
      ),
    );
    scenarios.push(
      await run(
        { name: 'POST /api/scan photo', connections: 4, seconds: options.seconds.photo },
        photos.map((label) => ({
          method: 'POST',
          path: '/api/scan',
          headers: { 'content-type': label.file.endsWith('.png') ? 'image/png' : 'image/jpeg' },
          body: readFileSync(path.join(options.labelDir, label.file)),
        })),
      ),
    );
    return { startupMs, scenarios };
  } finally {
    await stop(server.child, 'SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

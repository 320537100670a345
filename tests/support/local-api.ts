import type { AddressInfo } from 'node:net';
import { makeLocalEmbedder } from '../../lambdas/src/adapters/local-embedder.ts';
import { makePgliteStore } from '../../lambdas/src/adapters/pglite-store.ts';
import { parseConfig } from '../../lambdas/src/config/config.ts';
import type { LabelReader } from '../../lambdas/src/domain/ports.ts';
import { makeRoutes } from '../../lambdas/src/local/routes.ts';
import { createLocalServer } from '../../lambdas/src/local/server.ts';
import { SentryReporter } from '../../lambdas/src/observability/error-reporter.ts';
import { makeLogger } from '../../lambdas/src/observability/logger.ts';
import { assembleDataRuntime, type DataRuntime, type Runtime } from '../../lambdas/src/runtime.ts';
import { libraryDatabase } from './databases.ts';

export const ALLOWED_ORIGIN = 'https://app.lotus.example';

export interface LocalApi {
  readonly url: string;
  close(): Promise<void>;
}

/** A runtime as the composition root builds it, with test settings and silent logs. */
export function testRuntime(): Runtime {
  const config = parseConfig({
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'SILENT',
    ENVIRONMENT: 'test',
    CORS_ORIGINS: ALLOWED_ORIGIN,
  });
  return {
    config,
    logger: makeLogger(config),
    corsOrigins: config.CORS_ORIGINS,
    reporter: new SentryReporter(),
  };
}

/** The real data runtime over the shared embedded library database, with a photo reader when given. */
export async function libraryDataRuntime(reader?: LabelReader): Promise<DataRuntime> {
  const { db } = await libraryDatabase();
  const runtime = testRuntime();
  return assembleDataRuntime(
    { store: makePgliteStore(db), embedder: makeLocalEmbedder(), ...(reader ? { reader } : {}) },
    runtime.logger,
  );
}

export interface LocalApiOptions {
  /** Default: {@link testRuntime}. */
  readonly runtime?: Runtime;
  /** What `/ready` reads the secret with (default: nothing to read). */
  readonly secrets?: (signal: AbortSignal) => Promise<unknown>;
}

/** Starts the local server (the `npm start` one) on a free port with the given data runtime. */
export async function startLocalApi(
  dataRuntime: (signal?: AbortSignal) => Promise<DataRuntime>,
  options: LocalApiOptions = {},
): Promise<LocalApi> {
  const runtime = options.runtime ?? testRuntime();
  const environment = () => runtime;
  const server = createLocalServer(makeRoutes(environment, dataRuntime, options.secrets), environment);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

import { recordServerUrl } from '../db/data-dir-lock.ts';
import { type GracefulStop, gracefulStop } from '../local/graceful-stop.ts';
import { makeRoutes } from '../local/routes.ts';
import { createLocalServer } from '../local/server.ts';
import type { Logger } from '../observability/logger.ts';
import { closeRuntime, getDataRuntime, getRuntime, resolveConfig } from '../runtime.ts';
import { describeError } from '../shared/describe-error.ts';
import { loadDotEnv } from './env.ts';

/** `npm start`: the API on this machine, through the same handlers Lambda runs. */
async function main(): Promise<void> {
  const started = performance.now();
  loadDotEnv();
  const runtime = getRuntime();
  const { config, logger } = runtime;
  // Open, migrate and seed before listening, so the first request is already served warm. (A Supabase
  // store opens no connection here: when it is down, /ready and scans say so, /health still answers.)
  await (await getDataRuntime()).ready();
  const server = createLocalServer(makeRoutes(getRuntime, getDataRuntime, resolveConfig), getRuntime);

  const stopServer = gracefulStop(server);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn('second signal: exiting without waiting', { signal });
      process.exit(1);
    }
    stopping = true;
    logger.info('shutting down', { signal });
    void shutDown(stopServer, logger).then((code) => process.exit(code));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  server.listen(config.PORT, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    // In the data dir's lock: `npm run scan` sends its scan here instead of opening the data dir too.
    recordServerUrl(`http://localhost:${port}`);
    logger.info('listening', {
      url: `http://localhost:${port}`,
      startup_ms: Math.round(performance.now() - started),
    });
    console.log(
      `Lotus API listening on http://localhost:${port} (ready in ${Math.round(performance.now() - started)} ms)`,
    );
  });
}

/** Longer than any request may take: the local server gives each the 28 s a Lambda would have. */
const STOP_WAIT_MS = 30_000;

/**
 * Answers the requests in flight (a scan may be seconds into reading a photo), for at most
 * {@link STOP_WAIT_MS}, and only then closes the runtime they use. Resolves with the exit code.
 */
async function shutDown(stopServer: GracefulStop, logger: Logger): Promise<number> {
  const cut = await stopServer(STOP_WAIT_MS);
  if (cut > 0) logger.warn('requests cut at shutdown', { requests: cut, waited_ms: STOP_WAIT_MS });
  try {
    // Closing the embedded Postgres flushes it to disk; exiting before that could corrupt the data dir.
    await closeRuntime();
    return 0;
  } catch (error) {
    logger.error('shutdown failed', { error: error as Error });
    return 1;
  }
}

main().catch((error: unknown) => {
  console.error(describeError(error));
  process.exit(1);
});

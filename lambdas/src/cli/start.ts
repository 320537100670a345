import { recordServerUrl } from '../db/data-dir-lock.ts';
import { makeRoutes } from '../local/routes.ts';
import { createLocalServer } from '../local/server.ts';
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

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn('second signal: exiting without waiting', { signal });
      process.exit(1);
    }
    stopping = true;
    logger.info('shutting down', { signal });
    server.close();
    server.closeIdleConnections();
    // Closing the embedded Postgres flushes it to disk; exiting before that could corrupt the data dir.
    closeRuntime().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { error: error as Error });
        process.exit(1);
      },
    );
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

main().catch((error: unknown) => {
  console.error(describeError(error));
  process.exit(1);
});

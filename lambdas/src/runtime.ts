import { type Config, parseConfig } from './config/config.ts';
import { DependencyUnavailableError } from './domain/errors.ts';
import type { Embedder, IngredientStore, LabelReader } from './domain/ports.ts';
import type { HttpEnvironment } from './http/api-handler.ts';
import { type Logger, makeLogger } from './observability/logger.ts';
import { makeScanLabel, type ScanLabel } from './use-cases/scan-label.ts';

/** The composition root: everything a handler needs, built once per process (per Lambda cold start). */
export interface Runtime extends HttpEnvironment {
  readonly config: Config;
}

/** The parts that touch a dependency, built on first use so that `/health` never opens them. */
export interface DataRuntime {
  readonly store: IngredientStore;
  readonly embedder: Embedder;
  /** Present where photo scans are served (the scan function, the local server). */
  readonly reader?: LabelReader;
  readonly scanLabel: ScanLabel;
  close(): Promise<void>;
}

let runtime: Runtime | undefined;
let dataRuntime: Promise<DataRuntime> | undefined;

/** Parses the configuration (once) and builds the logger. @throws {ConfigError} naming a bad key. */
export function getRuntime(): Runtime {
  if (!runtime) {
    const config = parseConfig(process.env);
    runtime = { config, logger: makeLogger(config), corsOrigins: config.CORS_ORIGINS };
  }
  return runtime;
}

/**
 * Opens the store and the embedder on first call; a failed attempt is forgotten so the next request
 * retries instead of failing forever.
 * @throws {DependencyUnavailableError} when the library cannot be opened.
 */
export function getDataRuntime(): Promise<DataRuntime> {
  dataRuntime ??= buildDataRuntime(getRuntime()).catch((error: unknown) => {
    dataRuntime = undefined;
    getRuntime().logger.error('could not open the ingredient library', { error: error as Error });
    throw new DependencyUnavailableError('database', 'The ingredient library is unavailable.', {
      cause: error,
    });
  });
  return dataRuntime;
}

/** Closes what {@link getDataRuntime} opened (the local server calls this on SIGINT/SIGTERM). */
export async function closeRuntime(): Promise<void> {
  const opened = dataRuntime;
  dataRuntime = undefined;
  if (opened) await (await opened).close();
}

/** Assembles the data runtime from a store and an embedder; tests call this with their own. */
export function assembleDataRuntime(
  parts: { store: IngredientStore; embedder: Embedder; reader?: LabelReader; close?: () => Promise<void> },
  logger: Logger,
): DataRuntime {
  return {
    store: parts.store,
    embedder: parts.embedder,
    ...(parts.reader ? { reader: parts.reader } : {}),
    scanLabel: makeScanLabel({
      store: parts.store,
      embedder: parts.embedder,
      ...(parts.reader ? { reader: parts.reader } : {}),
      onDegraded: (error) => logger.warn('scan degraded', { error: error as Error }),
    }),
    close: parts.close ?? (async () => {}),
  };
}

async function buildDataRuntime({ config, logger }: Runtime): Promise<DataRuntime> {
  if (config.SUPABASE_URL !== undefined) {
    throw new Error(
      'SUPABASE_URL is set, but this build only has the embedded store (Supabase store: issue 5).',
    );
  }
  if (config.OPENAI_API_KEY !== undefined) {
    logger.warn('OPENAI_API_KEY is set, but this build only has the local embedder; using it');
  }
  // Imported lazily: the embedded database is never loaded by a Lambda bundle that does not use it.
  const { openEmbeddedLibrary } = await import('./local/embedded-library.ts');
  const { makeLocalEmbedder } = await import('./adapters/local-embedder.ts');
  const { createTesseractReader } = await import('./adapters/tesseract-reader.ts');
  const embedder = makeLocalEmbedder();
  const [library, reader] = await Promise.all([
    openEmbeddedLibrary({ dataDir: config.LOTUS_DATA_DIR, embedder, logger }),
    createTesseractReader({ logger }),
  ]);
  const close = async () => {
    await Promise.all([library.close(), reader.close()]);
  };
  return assembleDataRuntime({ store: library.store, embedder, reader, close }, logger);
}

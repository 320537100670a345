import { createHash } from 'node:crypto';
import { chooseEmbedder } from './adapters/choose-embedder.ts';
import { type Config, ConfigError } from './config/config.ts';
import { makeSecretSource, type SecretSource } from './config/secrets.ts';
import { DependencyUnavailableError } from './domain/errors.ts';
import type { Embedder, IngredientStore, LabelReader } from './domain/ports.ts';
import { getEnvironment } from './environment.ts';
import type { HttpEnvironment } from './http/api-handler.ts';
import { SentryReporter } from './observability/error-reporter.ts';
import type { Logger } from './observability/logger.ts';
import { makeScanLabel, type ScanLabel, type SemanticStatus } from './use-cases/scan-label.ts';

/** The composition root: everything a handler needs, built once per process (per Lambda cold start). */
export interface Runtime extends HttpEnvironment {
  readonly config: Config;
  readonly reporter: SentryReporter;
}

/** The parts that touch a dependency, built on first use so that `/health` never opens them. */
export interface DataRuntime {
  readonly store: IngredientStore;
  readonly embedder: Embedder;
  /** Present where photo scans are served (the scan function, the local server). */
  readonly reader?: LabelReader;
  readonly scanLabel: ScanLabel;
  /** Whether the library was embedded with the embedder's model (else semantic matching is off). */
  readonly semanticStatus: (signal?: AbortSignal) => Promise<SemanticStatus>;
  /** A scan's time budget (`SCAN_DEADLINE_MS`); where the platform gives less time, the smaller wins. */
  readonly scanDeadlineMs: number;
  /** Resolves when the photo reader (if any) is warm; it starts in the background. @throws when it cannot start. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

let runtime: Runtime | undefined;
let current: { key: string; dataRuntime: Promise<DataRuntime> } | undefined;
let secretSource: SecretSource | undefined;

/** Parses the configuration (once) and builds the logger. @throws {ConfigError} naming a bad key. */
export function getRuntime(): Runtime {
  if (!runtime) {
    runtime = { ...getEnvironment(), reporter: new SentryReporter() };
    const { config } = runtime;
    // Locally the DSN is a plain setting; in Lambda it arrives with the secret (see getDataRuntime).
    configureReporter(runtime, config);
  }
  return runtime;
}

/**
 * The configuration with the service secret's values merged in (in Lambda, `SECRET_ARN`); locally, the
 * configuration itself. The secret is cached for `SECRETS_MAX_AGE_SECONDS`, then read again.
 * @throws {DependencyUnavailableError} (`secrets`) when it cannot be read or lacks a key (named).
 */
export async function resolveConfig(signal?: AbortSignal): Promise<Config> {
  const { config } = getRuntime();
  if (config.SECRET_ARN === undefined) return config;
  secretSource ??= makeSecretSource({
    secretId: config.SECRET_ARN,
    maxAgeSeconds: config.SECRETS_MAX_AGE_SECONDS,
  });
  const values = await secretSource.read(signal);
  return Object.freeze({ ...config, ...values });
}

/**
 * Opens the store, the embedder and (unless `OCR=off`) the photo reader on first call, and again when
 * the secret's values change (a rotated key takes effect within `SECRETS_MAX_AGE_SECONDS`, no redeploy).
 * A failed attempt is forgotten so the next request retries instead of failing forever.
 * @throws {DependencyUnavailableError} when the secret or the library cannot be opened.
 */
export async function getDataRuntime(signal?: AbortSignal): Promise<DataRuntime> {
  const root = getRuntime();
  const config = await resolveConfig(signal);
  const key = fingerprint(config);
  if (current?.key !== key) {
    const previous = current;
    const dataRuntime = buildDataRuntime(config, root).catch((error: unknown) => {
      if (current?.dataRuntime === dataRuntime) current = undefined;
      root.logger.error('could not open the ingredient library', { error: error as Error });
      if (error instanceof DependencyUnavailableError || error instanceof ConfigError) throw error;
      throw new DependencyUnavailableError('database', 'The ingredient library is unavailable.', {
        cause: error,
      });
    });
    current = { key, dataRuntime };
    // The previous clients hold no state worth waiting for; the embedded database is never rotated.
    previous?.dataRuntime.then((old) => old.close()).catch(() => undefined);
  }
  // A rotated DSN alone rebuilds no client; the reporter re-initialises only when the DSN changed.
  configureReporter(root, config);
  return current.dataRuntime;
}

/**
 * Reads the secret (in Lambda, `SECRET_ARN`) and points error reporting at the DSN it holds, resolving once
 * the reporter is ready: for a handler that must report a failure without opening the data runtime.
 * @throws {DependencyUnavailableError} (`secrets`) when the secret cannot be read or lacks a key.
 */
export async function configureErrorReporting(signal?: AbortSignal): Promise<void> {
  await configureReporter(getRuntime(), await resolveConfig(signal));
}

/** Closes what {@link getDataRuntime} opened (the local server calls this on SIGINT/SIGTERM). */
export async function closeRuntime(): Promise<void> {
  const opened = current;
  current = undefined;
  if (opened) await (await opened.dataRuntime).close();
  await runtime?.reporter.close();
}

/** Assembles the data runtime from its parts; tests call this with their own. */
export function assembleDataRuntime(
  parts: {
    store: IngredientStore;
    embedder: Embedder;
    reader?: LabelReader;
    ready?: () => Promise<void>;
    close?: () => Promise<void>;
    scanDeadlineMs?: number;
  },
  logger: Logger,
): DataRuntime {
  const semanticStatus = makeSemanticStatus(parts.store, parts.embedder, logger);
  return {
    store: parts.store,
    embedder: parts.embedder,
    ...(parts.reader ? { reader: parts.reader } : {}),
    semanticStatus,
    scanDeadlineMs: parts.scanDeadlineMs ?? 27_000,
    scanLabel: makeScanLabel({
      store: parts.store,
      embedder: parts.embedder,
      ...(parts.reader ? { reader: parts.reader } : {}),
      semanticStatus,
      onDegraded: (error) => logger.warn('scan degraded', { error: error as Error }),
    }),
    ready: parts.ready ?? (async () => {}),
    close: parts.close ?? (async () => {}),
  };
}

/** How long a model check is trusted: the library changes model only when it is re-seeded. */
const MODEL_CHECK_TTL_MS = 5 * 60_000;

/**
 * Compares the embedder's model with the library's (cached; a failed lookup is not cached and reads as
 * "unknown", in which case embeddings are tried: the SQL compares only vectors of the same model).
 */
function makeSemanticStatus(
  store: IngredientStore,
  embedder: Embedder,
  logger: Logger,
): (signal?: AbortSignal) => Promise<SemanticStatus> {
  let cached: { at: number; status: SemanticStatus } | undefined;
  return async (signal) => {
    if (cached && Date.now() - cached.at < MODEL_CHECK_TTL_MS) return cached.status;
    const models = (await store.embeddingModels(signal)).map((row) => row.model);
    const status: SemanticStatus = models.includes(embedder.model)
      ? { available: true, model: embedder.model, libraryModels: models }
      : { available: false, model: embedder.model, libraryModels: models };
    if (!status.available) {
      logger.warn('semantic matching is off: the library was embedded with another model', {
        query_model: embedder.model,
        library_models: models,
      });
    }
    cached = { at: Date.now(), status };
    return status;
  };
}

async function buildDataRuntime(config: Config, { logger }: Runtime): Promise<DataRuntime> {
  const embedder = await chooseEmbedder(config, logger);
  // What was configured, by name: a key's presence is logged, never its value.
  logger.debug('opening the data runtime', {
    store: config.SUPABASE_URL === undefined ? 'embedded' : 'supabase',
    ...(config.SUPABASE_URL === undefined ? {} : { supabase_host: new URL(config.SUPABASE_URL).host }),
    embedding_model: embedder.model,
    ocr: config.OCR,
    secret_source: config.SECRET_ARN === undefined ? 'environment' : 'secrets-manager',
    keys_set: (['SUPABASE_SERVICE_ROLE_KEY', 'OPENAI_API_KEY', 'SENTRY_DSN'] as const).filter(
      (key) => config[key] !== undefined,
    ),
  });
  const reader =
    config.OCR === 'tesseract'
      ? await (await import('./adapters/tesseract-reader.ts')).createTesseractReader({
          logger,
          ...(config.OCR_LANG_PATH ? { langPath: config.OCR_LANG_PATH } : {}),
          ...(config.OCR_WORKER_PATH ? { workerPath: config.OCR_WORKER_PATH } : {}),
          ...(config.OCR_WORKERS ? { workers: config.OCR_WORKERS } : {}),
        })
      : undefined;
  try {
    const { store, close } = await openStore(config, embedder, logger);
    return assembleDataRuntime(
      {
        store,
        embedder,
        ...(reader ? { reader } : {}),
        scanDeadlineMs: config.SCAN_DEADLINE_MS,
        ready: async () => {
          await reader?.ready();
        },
        close: async () => {
          await Promise.all([close(), reader?.close()]);
        },
      },
      logger,
    );
  } catch (error) {
    await reader?.close();
    throw error;
  }
}

/** Supabase when `SUPABASE_URL` is set; otherwise the embedded PGlite library, migrated and seeded. */
async function openStore(
  config: Config,
  embedder: Embedder,
  logger: Logger,
): Promise<{ store: IngredientStore; close: () => Promise<void> }> {
  if (config.SUPABASE_URL !== undefined) {
    if (config.SUPABASE_SERVICE_ROLE_KEY === undefined) {
      throw new ConfigError('SUPABASE_SERVICE_ROLE_KEY is required when SUPABASE_URL is set.', [
        'SUPABASE_SERVICE_ROLE_KEY',
      ]);
    }
    const { makeSupabaseStore } = await import('./adapters/supabase-store.ts');
    const store = makeSupabaseStore({
      url: config.SUPABASE_URL,
      serviceRoleKey: config.SUPABASE_SERVICE_ROLE_KEY,
    });
    return { store, close: async () => {} };
  }
  // Imported lazily: a Lambda bundle (always Supabase) never loads the embedded database.
  const { openEmbeddedLibrary } = await import('./local/embedded-library.ts');
  const dataDir = config.LOTUS_DATA_DIR;
  try {
    return await openEmbeddedLibrary({ dataDir, embedder, logger });
  } catch (error) {
    if (!(error instanceof DependencyUnavailableError && error.dependency === 'embeddings')) throw error;
    // The library could not be embedded with OpenAI (quota, outage): serve it embedded locally. Queries of
    // the OpenAI model then skip semantic matching (model check) until a start where OpenAI answers.
    logger.warn('embedding the library with the configured model failed; using the local embedder', {
      model: embedder.model,
      error: error as Error,
    });
    const { makeLocalEmbedder } = await import('./adapters/local-embedder.ts');
    return openEmbeddedLibrary({ dataDir, embedder: makeLocalEmbedder(), logger });
  }
}

/** Points the reporter at the configuration's DSN; resolves when it is ready (never rejects). */
function configureReporter(root: Runtime, config: Config): Promise<void> {
  const settings =
    config.SENTRY_DSN === undefined
      ? undefined
      : {
          dsn: config.SENTRY_DSN,
          environment: config.ENVIRONMENT,
          release: `lotus-api@${config.SERVICE_VERSION}`,
          redact: [config.SUPABASE_SERVICE_ROLE_KEY, config.OPENAI_API_KEY, config.SENTRY_DSN].filter(
            (value): value is string => value !== undefined,
          ),
        };
  return root.reporter.configure(settings).catch((error: unknown) => {
    root.logger.warn('error reporting could not be configured', { error: (error as Error).name });
  });
}

/** Changes when any value a client is built from changes; never logged (it is derived from secrets). */
function fingerprint(config: Config): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        config.SUPABASE_URL,
        config.SUPABASE_SERVICE_ROLE_KEY,
        config.OPENAI_API_KEY,
        config.OPENAI_BASE_URL,
      ]),
    )
    .digest('hex');
}

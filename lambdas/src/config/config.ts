import path from 'node:path';
import { fileURLToPath } from 'node:url';
// zod/mini: the same validation as zod, tree-shaken — this file is in every Lambda bundle, /health's too.
import * as z from 'zod/mini';

/** Repository root, used for the default embedded-database folder. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const trimmed = () => z.string().check(z.trim());

/** Blank counts as unset. */
const optionalString = z.optional(
  z.pipe(
    trimmed(),
    z.transform((value) => (value === '' ? undefined : value)),
  ),
);

const optionalUrl = z.optional(
  z.pipe(
    z.pipe(
      trimmed(),
      z.transform((value) => (value === '' ? undefined : value)),
    ),
    z.optional(z.url()),
  ),
);

const text = (fallback: string) => z._default(trimmed().check(z.minLength(1)), fallback);

const integer = (min: number, max: number, fallback: number) =>
  z._default(z.coerce.number().check(z.int(), z.gte(min), z.lte(max)), fallback);

const csv = z.pipe(
  z.optional(z.string()),
  z.transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  ),
);

const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT'] as const;

/** Every setting the service reads. Parsed once at start; nothing else reads `process.env`. */
export const configSchema = z.object({
  PORT: integer(0, 65_535, 3000),
  LOG_LEVEL: z._default(
    z.pipe(
      z.pipe(
        z.string(),
        z.transform((level) => level.toUpperCase()),
      ),
      z.enum(LOG_LEVELS),
    ),
    'INFO',
  ),
  ENVIRONMENT: text('local'),
  SERVICE_VERSION: text('0.1.0'),
  CORS_ORIGINS: z.pipe(csv, z.array(z.url())),
  SUPABASE_URL: optionalUrl,
  SUPABASE_SERVICE_ROLE_KEY: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  EMBEDDING_MODEL: text('text-embedding-3-small'),
  SENTRY_DSN: optionalUrl,
  DATABASE_URL: optionalString,
  /** In Lambda: the Secrets Manager secret holding the keys below as JSON (see config/secrets.ts). */
  SECRET_ARN: optionalString,
  /** How long a read secret is reused before it is read again (rotation needs no redeploy). */
  SECRETS_MAX_AGE_SECONDS: integer(0, 3600, 300),
  /** `off` in functions that never read photos (health, ready, browse): the OCR stack is not loaded. */
  OCR: z._default(z.enum(['tesseract', 'off']), 'tesseract'),
  /** Where a Lambda bundle ships the tesseract language data and worker script (default: from npm). */
  OCR_LANG_PATH: optionalString,
  OCR_WORKER_PATH: optionalString,
  /** OCR workers (one core each; a photo is read in as many bands). Default: 2 with two cores or more. */
  OCR_WORKERS: z.pipe(
    optionalString,
    z.optional(z.coerce.number<string>().check(z.int(), z.gte(1), z.lte(4))),
  ),
  /** A scan's time budget where no Lambda deadline is known (locally); in Lambda the smaller one wins. */
  SCAN_DEADLINE_MS: integer(1000, 27_000, 27_000),
  /** `GET /api/debug/error` throws on purpose, to check error reporting after a deploy. */
  ENABLE_DEBUG_ROUTE: z.pipe(
    z._default(z.enum(['true', 'false', '1', '0', '']), 'false'),
    z.transform((value) => value === 'true' || value === '1'),
  ),
  LOTUS_DATA_DIR: text(path.join(repoRoot, '.lotus', 'pgdata')),
  /** Set by the Lambda runtime: metrics are published there only (locally they would only fill stdout). */
  AWS_LAMBDA_FUNCTION_NAME: optionalString,
});

export type Config = Readonly<z.infer<typeof configSchema>>;

/** Thrown when a setting is missing or malformed; the message names the key, never its value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly keys: readonly string[];
  constructor(message: string, keys: readonly string[]) {
    super(message);
    this.keys = keys;
  }
}

/**
 * Parses and validates the settings.
 * @throws {ConfigError} naming every bad key.
 */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return Object.freeze(result.data);
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  const keys = [...new Set(result.error.issues.map((issue) => String(issue.path[0] ?? '')))];
  throw new ConfigError(`Invalid configuration — ${problems.join('; ')}`, keys);
}

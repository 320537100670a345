import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Repository root, used for the default embedded-database folder. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const optionalUrl = optionalString.pipe(z.url().optional());

const csv = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  );

/** Every setting the service reads. Parsed once at start; nothing else reads `process.env`. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  LOG_LEVEL: z
    .enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT'])
    .or(
      z
        .enum(['debug', 'info', 'warn', 'error', 'critical', 'silent'])
        .transform((level) => level.toUpperCase()),
    )
    .default('INFO'),
  ENVIRONMENT: z.string().trim().min(1).default('local'),
  SERVICE_VERSION: z.string().trim().min(1).default('0.1.0'),
  CORS_ORIGINS: csv.pipe(z.array(z.url())),
  SUPABASE_URL: optionalUrl,
  SUPABASE_SERVICE_ROLE_KEY: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  EMBEDDING_MODEL: z.string().trim().min(1).default('text-embedding-3-small'),
  SENTRY_DSN: optionalUrl,
  DATABASE_URL: optionalString,
  /** In Lambda: the Secrets Manager secret holding the keys below as JSON (see config/secrets.ts). */
  SECRET_ARN: optionalString,
  /** How long a read secret is reused before it is read again (rotation needs no redeploy). */
  SECRETS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
  /** `off` in functions that never read photos (health, ready, browse): the OCR stack is not loaded. */
  OCR: z.enum(['tesseract', 'off']).default('tesseract'),
  /** Where a Lambda bundle ships the tesseract language data and worker script (default: from npm). */
  OCR_LANG_PATH: optionalString,
  OCR_WORKER_PATH: optionalString,
  /** A scan's time budget where no Lambda deadline is known (locally); in Lambda the smaller one wins. */
  SCAN_DEADLINE_MS: z.coerce.number().int().min(1000).max(28_000).default(25_000),
  /** `GET /api/debug/error` throws on purpose, to check error reporting after a deploy. */
  ENABLE_DEBUG_ROUTE: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
  LOTUS_DATA_DIR: z
    .string()
    .trim()
    .min(1)
    .default(path.join(repoRoot, '.lotus', 'pgdata')),
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

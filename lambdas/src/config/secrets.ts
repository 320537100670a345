import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { DependencyUnavailableError } from '../domain/errors.ts';
import { untilAborted } from '../shared/abort.ts';

const filled = z.string().trim().min(1);
const secretSchema = z.object({
  SUPABASE_URL: filled.pipe(z.url()),
  SUPABASE_SERVICE_ROLE_KEY: filled,
  OPENAI_API_KEY: filled,
  SENTRY_DSN: filled.pipe(z.url()),
});

export type SecretValues = Readonly<z.infer<typeof secretSchema>>;

/** The keys of the service secret's JSON, every one required; the stack that creates the secret uses this list. */
export const SECRET_KEYS = Object.keys(secretSchema.shape) as readonly (keyof SecretValues)[];

/** Reads the service secret; a source caches it for `maxAgeSeconds`. */
export interface SecretSource {
  /**
   * @throws {DependencyUnavailableError} (`dependency: 'secrets'`) when Secrets Manager cannot be read,
   *   or when the secret is not JSON or lacks a key — the message names the keys, never a value.
   */
  read(signal?: AbortSignal): Promise<SecretValues>;
}

export interface SecretSourceOptions {
  readonly secretId: string;
  readonly maxAgeSeconds: number;
  /** Tests point the SDK at a local endpoint; Lambda uses the defaults (region and role from the runtime). */
  readonly clientConfig?: SecretsManagerClientConfig;
}

/** The secret through Powertools Parameters: cached for `maxAgeSeconds`, then read again. */
export function makeSecretSource({
  secretId,
  maxAgeSeconds,
  clientConfig,
}: SecretSourceOptions): SecretSource {
  // Two attempts and a short connection timeout: a readiness check or a scan must not wait on the SDK's
  // default backoff.
  const provider = new SecretsProvider({ clientConfig: { maxAttempts: 2, ...clientConfig } });
  return {
    async read(signal) {
      let raw: unknown;
      try {
        // No `transform: 'json'`: a JSON.parse error message quotes the start of the text, i.e. the secret.
        raw = await untilAborted(provider.get(secretId, { maxAge: maxAgeSeconds }), signal);
      } catch (error) {
        throw new DependencyUnavailableError('secrets', 'The service secret could not be read.', {
          cause: new Error(`Secrets Manager: ${(error as Error).name ?? 'error'}`),
        });
      }
      return parseSecretValues(raw);
    },
  };
}

/**
 * Validates the secret's JSON text.
 * @throws {DependencyUnavailableError} naming the missing or malformed keys (never their values).
 */
export function parseSecretValues(raw: unknown): SecretValues {
  let json: unknown;
  try {
    json = typeof raw === 'string' ? JSON.parse(raw) : raw;
  } catch {
    throw new DependencyUnavailableError('secrets', 'The service secret is not valid JSON.');
  }
  const result = secretSchema.safeParse(json);
  if (result.success) return Object.freeze(result.data);
  const keys = [
    ...new Set(result.error.issues.map((issue) => String(issue.path[0] ?? '(the whole secret)'))),
  ];
  throw new DependencyUnavailableError(
    'secrets',
    `The service secret is missing or has an invalid ${keys.join(', ')}.`,
  );
}

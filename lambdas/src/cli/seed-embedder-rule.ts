import { type Config, ConfigError } from '../config/config.ts';

/**
 * Refuses a seed that would embed the library with another model than the one the functions reading it
 * query with (the runtime's model check would then turn semantic search off).
 *
 * Without `OPENAI_API_KEY` the seed embeds with the local model, which is right only for a library read by
 * a process without the key. Deployed functions always have it (the service secret requires it) and read
 * the Postgres behind Supabase, the one `DATABASE_URL` names. The embedded database is read by
 * `npm start`, which embeds with the same rule; there, only an `EMBEDDING_MODEL` set without the key
 * shows that an OpenAI model was meant.
 * @param env the raw settings: a set `EMBEDDING_MODEL` is told apart from its default.
 * @throws {ConfigError} naming `OPENAI_API_KEY` when the seed would leave the library on the local model.
 */
export function assertSeedEmbedderMatchesRuntime(
  config: Pick<Config, 'OPENAI_API_KEY' | 'DATABASE_URL'>,
  env: Readonly<Record<string, string | undefined>>,
): void {
  if (config.OPENAI_API_KEY !== undefined) return;
  const reason =
    config.DATABASE_URL !== undefined
      ? 'DATABASE_URL is set, and the deployed functions that read it embed queries with OpenAI'
      : env.EMBEDDING_MODEL?.trim()
        ? `EMBEDDING_MODEL is set (${env.EMBEDDING_MODEL.trim()})`
        : undefined;
  if (reason === undefined) return;
  throw new ConfigError(
    `OPENAI_API_KEY is not set, so this seed would embed the library with the local model: ${reason}, ` +
      'and semantic search would stay off. Set OPENAI_API_KEY (the value in the service secret).',
    ['OPENAI_API_KEY'],
  );
}

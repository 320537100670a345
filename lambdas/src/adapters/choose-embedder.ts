import type { Config } from '../config/config.ts';
import type { Embedder } from '../domain/ports.ts';
import type { Logger } from '../observability/logger.ts';

/** The settings that decide the embedder. */
export type EmbedderConfig = Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'EMBEDDING_MODEL'>;

/**
 * The embedder of every entry point — the functions' queries and `npm run db:seed`'s library rows alike,
 * so that both carry the same model: OpenAI's `EMBEDDING_MODEL` when `OPENAI_API_KEY` is set, else the
 * local n-gram model. Adapters are imported on demand: a process loads only the one it uses.
 */
export async function chooseEmbedder(
  config: EmbedderConfig,
  logger?: Pick<Logger, 'debug' | 'warn'>,
): Promise<Embedder> {
  if (config.OPENAI_API_KEY === undefined) {
    const { makeLocalEmbedder } = await import('./local-embedder.ts');
    return makeLocalEmbedder();
  }
  const { makeOpenAiEmbedder } = await import('./openai-embedder.ts');
  return makeOpenAiEmbedder({
    apiKey: config.OPENAI_API_KEY,
    model: config.EMBEDDING_MODEL,
    ...(logger ? { logger } : {}),
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
  });
}

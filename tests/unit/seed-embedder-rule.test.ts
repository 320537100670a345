import { describe, expect, it } from 'vitest';
import { assertSeedEmbedderMatchesRuntime } from '../../lambdas/src/cli/seed-embedder-rule.ts';
import { ConfigError, parseConfig } from '../../lambdas/src/config/config.ts';

const KEY = 'sk-test-rule';
const DATABASE_URL = 'postgres://postgres:pw-rule-77@db.example.supabase.co:5432/postgres';

function check(env: Record<string, string>): () => void {
  return () => assertSeedEmbedderMatchesRuntime(parseConfig(env), env);
}

describe('which seeds would leave the library on a model the functions do not query with', () => {
  it.each([
    ['the deployed database with the OpenAI key', { DATABASE_URL, OPENAI_API_KEY: KEY }],
    ['the embedded database with the OpenAI key and a model', { OPENAI_API_KEY: KEY, EMBEDDING_MODEL: 'm' }],
    ['the embedded database without a key or a model (npm start embeds the same way)', {}],
  ])('allows %s', (_, env) => {
    expect(check(env)).not.toThrow();
  });

  it.each([
    ['the deployed database without the key', { DATABASE_URL }, /DATABASE_URL is set/],
    ['a blank key', { DATABASE_URL, OPENAI_API_KEY: ' ' }, /DATABASE_URL is set/],
    [
      'the embedded database with EMBEDDING_MODEL but no key',
      { EMBEDDING_MODEL: 'text-embedding-3-small' },
      /EMBEDDING_MODEL is set \(text-embedding-3-small\)/,
    ],
  ])('refuses %s, naming OPENAI_API_KEY and never the connection string', (_, env, reason) => {
    let error: unknown;
    try {
      check(env)();
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ keys: ['OPENAI_API_KEY'] });
    expect((error as Error).message).toMatch(/^OPENAI_API_KEY is not set/);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).not.toContain('pw-rule-77');
  });
});

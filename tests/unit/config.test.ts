import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../lambdas/src/config/config.ts';

describe('parseConfig', () => {
  it('gives documented defaults for an empty environment', () => {
    const config = parseConfig({});

    expect(config).toMatchObject({ PORT: 3000, LOG_LEVEL: 'INFO', ENVIRONMENT: 'local', CORS_ORIGINS: [] });
    expect(config.LOTUS_DATA_DIR).toMatch(/\.lotus/);
    expect(config.OPENAI_API_KEY).toBeUndefined();
  });

  it('parses a comma-separated CORS allow-list and lower-case log levels', () => {
    const config = parseConfig({
      CORS_ORIGINS: 'https://a.example, http://localhost:5173',
      LOG_LEVEL: 'debug',
    });

    expect(config.CORS_ORIGINS).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(config.LOG_LEVEL).toBe('DEBUG');
  });

  it('treats empty strings as unset (as a .env line "KEY=" means)', () => {
    expect(parseConfig({ SUPABASE_URL: '', OPENAI_API_KEY: ' ' }).SUPABASE_URL).toBeUndefined();
    expect(parseConfig({ OCR_WORKERS: '' }).OCR_WORKERS).toBeUndefined();
  });

  it('reads the number of OCR workers', () => {
    expect(parseConfig({ OCR_WORKERS: '2' }).OCR_WORKERS).toBe(2);
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'LOUD' }],
    ['SUPABASE_URL', { SUPABASE_URL: 'not a url' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'https://ok.example,notaurl' }],
    ['OCR_WORKERS', { OCR_WORKERS: '0' }],
    ['OCR_WORKERS', { OCR_WORKERS: '1.5' }],
  ])('fails fast naming %s', (key, env) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    try {
      parseConfig(env);
    } catch (error) {
      expect((error as ConfigError).keys).toContain(key);
      expect((error as ConfigError).message).toContain(key);
    }
  });

  it('never puts a secret value in its error message', () => {
    const secret = 'sk-this-is-a-secret-value';
    try {
      parseConfig({ OPENAI_BASE_URL: secret });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });
});

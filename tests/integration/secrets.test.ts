import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSecretSource, parseSecretValues } from '../../lambdas/src/config/secrets.ts';
import { DependencyUnavailableError } from '../../lambdas/src/domain/errors.ts';
import { libraryDataRuntime, startLocalApi } from '../support/local-api.ts';
import { type SecretsManagerServer, startSecretsManagerServer } from '../support/secrets-manager-server.ts';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:lotus/test-AbCdEf';
const VALUES = {
  SUPABASE_URL: 'https://project-ref.supabase.co',
  SUPABASE_SERVICE_ROLE_KEY: 'service-role-value-7f3a91',
  OPENAI_API_KEY: 'sk-openai-value-c41d08',
  SENTRY_DSN: 'https://abc123@o1.ingest.sentry.io/42',
};

describe('the service secret from Secrets Manager (Powertools Parameters, real AWS SDK, local endpoint)', () => {
  let server: SecretsManagerServer;
  const clientConfig = () => ({
    endpoint: server.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

  beforeAll(async () => {
    server = await startSecretsManagerServer({ [ARN]: JSON.stringify(VALUES) });
  });
  afterAll(() => server.close());

  it('reads and validates the JSON, then serves it from the cache until maxAge passes', async () => {
    const source = makeSecretSource({ secretId: ARN, maxAgeSeconds: 300, clientConfig: clientConfig() });
    const before = server.requests.length;

    expect(await source.read()).toEqual(VALUES);
    expect(await source.read()).toEqual(VALUES);
    expect(server.requests.length - before).toBe(1);
  });

  it('sees a rotated value once the cached one is older than maxAge (no redeploy)', async () => {
    const source = makeSecretSource({ secretId: ARN, maxAgeSeconds: 1, clientConfig: clientConfig() });
    expect((await source.read()).OPENAI_API_KEY).toBe(VALUES.OPENAI_API_KEY);
    server.setSecret(ARN, JSON.stringify({ ...VALUES, OPENAI_API_KEY: 'sk-rotated-value-0b2e' }));
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await source.read()).OPENAI_API_KEY).toBe('sk-rotated-value-0b2e');
    } finally {
      server.setSecret(ARN, JSON.stringify(VALUES));
    }
  });

  it('names a missing or malformed key, never a value', async () => {
    const broken = { ...VALUES, SENTRY_DSN: 'not a url', SUPABASE_SERVICE_ROLE_KEY: undefined };
    server.setSecret(`${ARN}-broken`, JSON.stringify(broken));
    const source = makeSecretSource({
      secretId: `${ARN}-broken`,
      maxAgeSeconds: 0,
      clientConfig: clientConfig(),
    });

    const error = await source.read().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect((error as Error).message).toBe(
      'The service secret is missing or has an invalid SUPABASE_SERVICE_ROLE_KEY, SENTRY_DSN.',
    );
    expect(JSON.stringify(error)).not.toContain(VALUES.OPENAI_API_KEY);
  });

  it('does not quote a secret that is not JSON', () => {
    expect(() => parseSecretValues('sk-live-not-json-9d')).toThrow('The service secret is not valid JSON.');
    try {
      parseSecretValues('sk-live-not-json-9d');
    } catch (error) {
      expect(String((error as Error).cause ?? '')).not.toContain('sk-live');
    }
  });

  it('turns an unknown secret or a failing endpoint into a dependency error (503), without details', async () => {
    const unknown = makeSecretSource({
      secretId: `${ARN}-absent`,
      maxAgeSeconds: 0,
      clientConfig: clientConfig(),
    });
    await expect(unknown.read()).rejects.toMatchObject({
      dependency: 'secrets',
      message: 'The service secret could not be read.',
    });

    server.failing(true);
    try {
      const source = makeSecretSource({ secretId: ARN, maxAgeSeconds: 0, clientConfig: clientConfig() });
      await expect(source.read()).rejects.toBeInstanceOf(DependencyUnavailableError);
    } finally {
      server.failing(false);
    }
  });

  it('GET /ready answers 503 naming the missing key, and not its neighbours’ values', async () => {
    server.setSecret(`${ARN}-partial`, JSON.stringify({ ...VALUES, OPENAI_API_KEY: '' }));
    const source = makeSecretSource({
      secretId: `${ARN}-partial`,
      maxAgeSeconds: 0,
      clientConfig: clientConfig(),
    });
    const api = await startLocalApi(() => libraryDataRuntime(), { secrets: (signal) => source.read(signal) });
    try {
      const response = await fetch(`${api.url}/ready`);
      const text = await response.text();

      expect(response.status).toBe(503);
      expect(JSON.parse(text)).toMatchObject({
        ready: false,
        checks: { secrets: { ok: false, error: expect.stringContaining('OPENAI_API_KEY') } },
      });
      for (const value of Object.values(VALUES)) expect(text).not.toContain(value);
    } finally {
      await api.close();
    }
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryDatabase } from '../support/databases.ts';
import { start, stop } from '../support/npm-start.ts';
import { type OpenAiTestServer, startOpenAiServer } from '../support/openai-server.ts';
import { type PostgrestServer, startPostgrestServer } from '../support/postgrest-server.ts';
import { type SecretsManagerServer, startSecretsManagerServer } from '../support/secrets-manager-server.ts';
import { envelopeItems, type SentrySink, startSentrySink } from '../support/sentry-sink.ts';

/*
 * `npm start` as its own process, configured as production is (Supabase, OpenAI, Secrets Manager,
 * Sentry), each dependency a local server speaking its protocol to the real SDK.
 */

const LABEL = { text: 'Ingredients: Aqua, Glycerin, Parfum, Phenoxyethanol.' };
const SERVICE_ROLE_KEY = 'srk-5f1e2d3c4b5a69788796a5b4';
const OPENAI_KEY = 'sk-proj-0a1b2c3d4e5f60718293a4b5';
const SENTRY_PUBLIC_KEY = 'c0ffee0ddba11f00d5eed';

function scan(url: string) {
  return fetch(`${url}/api/scan`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(LABEL),
  });
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('npm start against Supabase that is down', () => {
  let postgrest: PostgrestServer;
  beforeAll(async () => {
    postgrest = await startPostgrestServer({ db: (await libraryDatabase()).db });
  });
  afterAll(() => postgrest.close());

  it.each([
    ['a closed port', async () => `http://127.0.0.1:${await closedPort()}`, 'Supabase is unreachable'],
    [
      'an endpoint answering 503',
      async () => {
        postgrest.fault('unavailable');
        return postgrest.url;
      },
      'HTTP 503',
    ],
  ])(
    'with %s: /health 200, /ready 503, a scan 503 dependency_unavailable well within 25 s',
    async (_, url, reason) => {
      const server = await start({
        SUPABASE_URL: await url(),
        SUPABASE_SERVICE_ROLE_KEY: SERVICE_ROLE_KEY,
        OCR: 'off',
      });
      try {
        expect((await fetch(`${server.url}/health`)).status).toBe(200);

        const ready = await fetch(`${server.url}/ready`);
        expect(ready.status).toBe(503);
        expect(await ready.json()).toMatchObject({
          ready: false,
          checks: { secrets: { ok: true }, database: { ok: false, error: expect.stringContaining(reason) } },
        });

        const started = performance.now();
        const response = await scan(server.url);
        expect(performance.now() - started).toBeLessThan(25_000);
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(await response.json()).toMatchObject({
          error: { code: 'dependency_unavailable', dependency: 'database' },
        });
      } finally {
        postgrest.fault('none');
        await stop(server.child, 'SIGTERM');
      }
    },
  );

  it('with Supabase answering: ready, and the scan is matched through one RPC call', async () => {
    const server = await start({
      SUPABASE_URL: postgrest.url,
      SUPABASE_SERVICE_ROLE_KEY: SERVICE_ROLE_KEY,
      OCR: 'off',
    });
    try {
      expect((await fetch(`${server.url}/ready`)).status).toBe(200);
      const before = postgrest.requests.filter((request) =>
        request.path.endsWith('/match_ingredients_with_sources'),
      ).length;
      const response = await scan(server.url);
      const report = (await response.json()) as { ingredients: { match: { name: string } | null }[] };
      expect(response.status).toBe(200);
      expect(report.ingredients.map((item) => item.match?.name)).toEqual([
        'Water',
        'Glycerin',
        'Fragrance',
        'Phenoxyethanol',
      ]);
      expect(
        postgrest.requests.filter((request) => request.path.endsWith('/match_ingredients_with_sources'))
          .length,
      ).toBe(before + 1);
    } finally {
      await stop(server.child, 'SIGTERM');
    }
  });
});

describe('npm start with OpenAI embeddings that fail', () => {
  let openai: OpenAiTestServer;
  let dataDir: string;
  beforeAll(async () => {
    openai = await startOpenAiServer();
    dataDir = await mkdtemp(path.join(tmpdir(), 'lotus-openai-'));
  });
  afterAll(async () => {
    await openai.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('429 with Retry-After: 20, then a service that never answers: 200 with semantic_search_unavailable, fast', async () => {
    // The embedded library is seeded through the local OpenAI server at start (the rows carry its model).
    const server = await start({
      LOTUS_DATA_DIR: dataDir,
      OPENAI_API_KEY: OPENAI_KEY,
      OPENAI_BASE_URL: openai.baseURL,
      OCR: 'off',
    });
    try {
      const ready = (await (await fetch(`${server.url}/ready`)).json()) as {
        checks: { embeddings: unknown };
      };
      expect(ready.checks.embeddings).toMatchObject({
        model: 'text-embedding-3-small',
        semantic_search: true,
      });

      openai.script({ status: 429, headers: { 'retry-after': '20' } });
      let started = performance.now();
      let response = await scan(server.url);
      expect(performance.now() - started).toBeLessThan(25_000);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { warnings: string[] }).warnings).toContain(
        'semantic_search_unavailable',
      );

      openai.script({ hang: true }, { hang: true }, { hang: true }, { hang: true });
      started = performance.now();
      response = await fetch(`${server.url}/api/scan`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: 'Ingredients: Sodium Benzoate, Citric Acid.' }),
      });
      expect(performance.now() - started).toBeLessThan(25_000);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { warnings: string[] }).warnings).toContain(
        'semantic_search_unavailable',
      );
    } finally {
      await stop(server.child, 'SIGTERM');
    }
  });
});

describe('npm start configured from Secrets Manager, with every secret set and DEBUG logs', () => {
  let secrets: SecretsManagerServer;
  let postgrest: PostgrestServer;
  let openai: OpenAiTestServer;
  let sink: SentrySink;
  const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:lotus/dev-Xy12Zq';

  beforeAll(async () => {
    postgrest = await startPostgrestServer({ db: (await libraryDatabase()).db });
    openai = await startOpenAiServer();
    sink = await startSentrySink(SENTRY_PUBLIC_KEY);
    secrets = await startSecretsManagerServer({
      [arn]: JSON.stringify({
        SUPABASE_URL: postgrest.url,
        SUPABASE_SERVICE_ROLE_KEY: SERVICE_ROLE_KEY,
        OPENAI_API_KEY: OPENAI_KEY,
        SENTRY_DSN: sink.dsn,
      }),
    });
  });
  afterAll(async () => {
    await Promise.all([secrets.close(), postgrest.close(), openai.close(), sink.close()]);
  });

  it('serves scans with the secret’s clients and never writes a secret value to its output or to Sentry', async () => {
    const server = await start({
      SECRET_ARN: arn,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIATESTONLY',
      AWS_SECRET_ACCESS_KEY: 'test-only',
      OPENAI_BASE_URL: openai.baseURL,
      LOG_LEVEL: 'DEBUG',
      OCR: 'off',
    });
    try {
      expect((await fetch(`${server.url}/ready`)).status).toBe(200);
      expect((await scan(server.url)).status).toBe(200);
      expect(secrets.requests).toContain(arn);

      // A dependency failure: logged, answered 503 and reported to Sentry.
      postgrest.fault('unavailable');
      const failed = await scan(server.url);
      expect(failed.status).toBe(503);
      expect((await fetch(`${server.url}/ready`)).status).toBe(503);
      postgrest.fault('none');

      const envelopes = await sink.waitFor(1);
      const event = envelopeItems(envelopes[0] ?? '')[2] as { tags: Record<string, string> };
      expect(event.tags).toMatchObject({ handler: 'scan', status: '503', dependency: 'database' });

      const output = server.output();
      expect(output).toContain('"level":"DEBUG"');
      for (const secret of [SERVICE_ROLE_KEY, OPENAI_KEY, SENTRY_PUBLIC_KEY]) {
        expect(output).not.toContain(secret);
      }
      for (const envelope of sink.envelopes) {
        expect(envelope).not.toContain(SERVICE_ROLE_KEY);
        expect(envelope).not.toContain(OPENAI_KEY);
      }
    } finally {
      postgrest.fault('none');
      await stop(server.child, 'SIGTERM');
    }
  });
});

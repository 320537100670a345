import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeOpenAiEmbedder } from '../../lambdas/src/adapters/openai-embedder.ts';
import { makePgliteStore } from '../../lambdas/src/adapters/pglite-store.ts';
import { migrate, readMigrations } from '../../lambdas/src/db/migrator.ts';
import { seedLibrary } from '../../lambdas/src/db/seed.ts';
import { loadLibraryFile } from '../../lambdas/src/library/library-file.ts';
import { MIGRATIONS_DIR } from '../../lambdas/src/local/embedded-library.ts';
import { assembleDataRuntime, type DataRuntime } from '../../lambdas/src/runtime.ts';
import { libraryDatabase, scratchDatabase } from '../support/databases.ts';
import { startLocalApi, testRuntime } from '../support/local-api.ts';
import { type OpenAiTestServer, startOpenAiServer } from '../support/openai-server.ts';
import { expectPublishedSchema } from '../support/published-schema.ts';

const LABEL = 'Ingredients: Aqua, Glycerin, Sodium Laureth Sulfate, Parfum, Phenoxyethanol.';

function openAiEmbedder(openai: OpenAiTestServer) {
  return makeOpenAiEmbedder({
    apiKey: 'sk-test-degradation',
    baseURL: openai.baseURL,
    attemptTimeoutMs: 1_500,
  });
}

describe('embedding model consistency', () => {
  let openai: OpenAiTestServer;
  beforeAll(async () => {
    openai = await startOpenAiServer();
  });
  afterAll(() => openai.close());

  it('never embeds queries with a model the library was not embedded with: lexical matching + warning', async () => {
    // The shared library is embedded with the local n-gram model; the embedder here is OpenAI's.
    const { db } = await libraryDatabase();
    const data = assembleDataRuntime(
      { store: makePgliteStore(db), embedder: openAiEmbedder(openai) },
      testRuntime().logger,
    );
    openai.reset();

    const report = await data.scanLabel({ source: 'text', text: LABEL });

    expect(openai.requests).toHaveLength(0);
    expect(report.warnings).toContain('semantic_search_unavailable');
    expect(report.ingredients.map((item) => item.match?.name ?? null)).toEqual([
      'Water',
      'Glycerin',
      'Sodium Laureth Sulfate',
      'Fragrance',
      'Phenoxyethanol',
    ]);
  });

  it('GET /ready reports semantic matching off, and why, while staying ready', async () => {
    const { db } = await libraryDatabase();
    const data = assembleDataRuntime(
      { store: makePgliteStore(db), embedder: openAiEmbedder(openai) },
      testRuntime().logger,
    );
    const api = await startLocalApi(async () => data);
    try {
      const response = await fetch(`${api.url}/ready`);
      const body = (await response.json()) as { checks: { embeddings: Record<string, unknown> } };

      expect(response.status).toBe(200);
      expect(body.checks.embeddings).toMatchObject({
        ok: true,
        model: 'text-embedding-3-small',
        semantic_search: false,
        note: expect.stringContaining('lotus-local-ngram-v1'),
      });
      expectPublishedSchema('Readiness', body);
    } finally {
      await api.close();
    }
  });
});

describe('scans when the embeddings service fails (library embedded with the OpenAI model)', () => {
  let openai: OpenAiTestServer;
  let data: DataRuntime;
  let db: PGlite;

  beforeAll(async () => {
    openai = await startOpenAiServer();
    const database = await scratchDatabase();
    await migrate(database.client, await readMigrations(MIGRATIONS_DIR));
    // Seeded through the real SDK against the local server: rows carry the OpenAI model's name.
    await seedLibrary(database.client, (await loadLibraryFile()).ingredients, openAiEmbedder(openai));
    db = database.db;
  });
  afterAll(() => openai.close());
  beforeEach(() => {
    openai.reset();
    // A new embedder per test: its cache would otherwise answer without asking the service.
    data = assembleDataRuntime(
      { store: makePgliteStore(db), embedder: openAiEmbedder(openai) },
      testRuntime().logger,
    );
  });

  it('matches semantically when the service answers: one embeddings request per scan, no warning', async () => {
    const report = await data.scanLabel({ source: 'text', text: LABEL }, undefined, Date.now() + 20_000);

    expect(openai.requests).toHaveLength(1);
    expect(report.warnings).toEqual([]);
    expect(report.ingredients.every((item) => item.match !== null)).toBe(true);
  });

  it('429 with Retry-After: 20 — answers at once with lexical matches and a warning, never "low"', async () => {
    openai.script({ status: 429, headers: { 'retry-after': '20' } });
    const started = performance.now();

    const report = await data.scanLabel({ source: 'text', text: LABEL }, undefined, Date.now() + 20_000);

    expect(performance.now() - started).toBeLessThan(5_000);
    expect(openai.requests).toHaveLength(1);
    expect(report.warnings).toContain('semantic_search_unavailable');
    expect(report.ingredients.map((item) => item.match?.name)).toContain('Glycerin');
  });

  it('a service that never answers costs at most its share of the deadline, then lexical + warning', async () => {
    openai.script({ hang: true }, { hang: true }, { hang: true }, { hang: true });
    const started = performance.now();

    const report = await data.scanLabel({ source: 'text', text: LABEL }, undefined, Date.now() + 5_000);

    // 40% of the 5 s deadline goes to embeddings; the rest is left for the library search.
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(report.warnings).toContain('semantic_search_unavailable');
    expect(report.ingredients.filter((item) => item.match !== null)).toHaveLength(5);
  });

  it('an unknown ingredient stays unknown when embeddings fail, never low', async () => {
    openai.script({ status: 500 }, { status: 500 }, { status: 500 });
    const report = await data.scanLabel(
      { source: 'text', text: 'Ingredients: Zorblaxine Extract, Glycerin.' },
      undefined,
      Date.now() + 20_000,
    );

    expect(report.ingredients[0]).toMatchObject({ match: null, risk_level: 'unknown' });
    expect(report.warnings).toContain('semantic_search_unavailable');
  });
});

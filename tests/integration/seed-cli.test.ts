import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEmbedder } from '../../lambdas/src/adapters/choose-embedder.ts';
import { makePgliteStore } from '../../lambdas/src/adapters/pglite-store.ts';
import { parseConfig, repoRoot } from '../../lambdas/src/config/config.ts';
import type { SqlClient } from '../../lambdas/src/db/sql-client.ts';
import { embeddingText, type LibraryEntry, loadLibraryFile } from '../../lambdas/src/library/library-file.ts';
import { assembleDataRuntime } from '../../lambdas/src/runtime.ts';
import { scratchDatabase, type TestDatabase } from '../support/databases.ts';
import { startLocalApi, testRuntime } from '../support/local-api.ts';
import {
  type EmbeddingsResponse,
  type OpenAiTestServer,
  serverVector,
  startOpenAiServer,
  toBase64Float32,
} from '../support/openai-server.ts';
import { expectPublishedSchema } from '../support/published-schema.ts';

/*
 * `npm run db:seed` as its own process, as an operator runs it before a deploy: DATABASE_URL is the
 * embedded database served on the Postgres wire protocol (pglite-socket, through the `pg` driver), and
 * OPENAI_BASE_URL points the real OpenAI SDK at the local stand-in.
 */

const OPENAI_KEY = 'sk-proj-seed-9f8e7d6c5b4a3928';
const DB_PASSWORD = 'pw-seed-1a2b3c4d5e6f';
const MODEL = 'text-embedding-3-small';

interface SeedRun {
  readonly code: number | null;
  readonly output: string;
}

/** Runs the seed CLI with only `env` (and PATH): nothing leaks in from this process's environment. */
function runSeed(env: Record<string, string>): Promise<SeedRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lambdas/src/cli/seed.ts'], {
    cwd: repoRoot,
    // A blank key counts as unset, and also keeps a developer's `.env` from filling it in.
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'WARN', OPENAI_API_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Negates every vector of an answer: rows then hold what the stand-in sent, unlike any local embedding. */
function negateEmbeddings(response: EmbeddingsResponse): EmbeddingsResponse {
  for (const item of response.data) {
    const bytes = Buffer.from(item.embedding as string, 'base64');
    const vector = Array.from({ length: bytes.length / 4 }, (_, i) => -bytes.readFloatLE(i * 4));
    item.embedding = toBase64Float32(vector);
  }
  return response;
}

async function servedOverTcp(database: TestDatabase): Promise<{ server: PGLiteSocketServer; url: string }> {
  const server = new PGLiteSocketServer({ db: database.db, host: '127.0.0.1', port: 0 });
  await server.start();
  return { server, url: `postgres://postgres:${DB_PASSWORD}@${server.getServerConn()}/postgres` };
}

async function libraryTable(client: SqlClient): Promise<boolean> {
  const [row] = await client.query<{ table: string | null }>(
    "select to_regclass('public.ingredients_library')::text as table",
  );
  return row?.table != null;
}

describe('npm run db:seed with OPENAI_API_KEY, against DATABASE_URL', () => {
  let openai: OpenAiTestServer;
  let database: TestDatabase;
  let server: PGLiteSocketServer;
  let entries: readonly LibraryEntry[];
  let run: SeedRun;

  beforeAll(async () => {
    openai = await startOpenAiServer({ apiKey: OPENAI_KEY });
    entries = (await loadLibraryFile()).ingredients;
    database = await scratchDatabase();
    const served = await servedOverTcp(database);
    server = served.server;
    // One per entry: more than there are batches (the rest goes unused).
    openai.script(...Array.from({ length: entries.length }, () => ({ alter: negateEmbeddings })));
    run = await runSeed({
      DATABASE_URL: served.url,
      OPENAI_API_KEY: OPENAI_KEY,
      OPENAI_BASE_URL: openai.baseURL,
    });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await openai?.close();
  });

  it('exits 0, naming the model and the database, but neither the password nor the key', () => {
    const target = `postgres://${server.getServerConn()}/postgres`;

    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(`${target}: embedding with ${MODEL} (1536 dimensions)`);
    expect(run.output).toContain(`${target}: all ${entries.length} rows embedded with ${MODEL}`);
    expect(run.output).not.toContain(DB_PASSWORD);
    expect(run.output).not.toContain(OPENAI_KEY);
  });

  it(`sends every entry once to the OpenAI API, for ${MODEL}, with the key`, () => {
    for (const request of openai.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
      expect(request.body).toMatchObject({ model: MODEL, encoding_format: 'base64' });
    }
    const sent = openai.requests.flatMap((request) =>
      typeof request.body === 'object' ? (request.body.input as string[]) : [],
    );
    expect(sent.sort()).toEqual(entries.map(embeddingText).sort());
  });

  it('stores the vectors the API returned (1536 dimensions) under the model name', async () => {
    const models = await database.client.query<{ model: string; rows: number; dims: number }>(
      `select embedding_model as model, count(*)::int as rows, min(vector_dims(embedding)) as dims
         from ingredients_library group by embedding_model`,
    );
    expect(models).toEqual([{ model: MODEL, rows: entries.length, dims: 1536 }]);

    const entry = entries.find((item) => item.name === 'Glycerin') as LibraryEntry;
    const [row] = await database.client.query<{ embedding: string }>(
      "select embedding::text as embedding from ingredients_library where name = 'Glycerin'",
    );
    const stored = JSON.parse(row?.embedding ?? '[]') as number[];
    const sent = serverVector(embeddingText(entry)).map((value) => -value);
    expect(stored).toHaveLength(1536);
    expect(Math.max(...stored.map((value, i) => Math.abs(value - (sent[i] as number))))).toBeLessThan(1e-6);
  });

  it('then GET /ready of a runtime querying with the same model reports semantic search on', async () => {
    const config = parseConfig({ OPENAI_API_KEY: OPENAI_KEY, OPENAI_BASE_URL: openai.baseURL });
    const embedder = await chooseEmbedder(config);
    const data = assembleDataRuntime({ store: makePgliteStore(database.db), embedder }, testRuntime().logger);
    const api = await startLocalApi(async () => data);
    try {
      const response = await fetch(`${api.url}/ready`);
      const body = (await response.json()) as { checks: { embeddings: Record<string, unknown> } };

      expect(response.status).toBe(200);
      expect(body.checks.embeddings).toEqual({ ok: true, model: MODEL, semantic_search: true });
      expectPublishedSchema('Readiness', body);
    } finally {
      await api.close();
    }
  });
});

describe('npm run db:seed refuses to embed the library with a model the functions do not query with', () => {
  it('DATABASE_URL without OPENAI_API_KEY: exits 1 naming OPENAI_API_KEY, before touching the database', async () => {
    const database = await scratchDatabase();
    const { server, url } = await servedOverTcp(database);
    try {
      const run = await runSeed({ DATABASE_URL: url });

      expect(run.code, run.output).toBe(1);
      expect(run.output).toMatch(/OPENAI_API_KEY is not set.*DATABASE_URL is set/);
      expect(run.output).not.toContain(DB_PASSWORD);
      expect(await libraryTable(database.client)).toBe(false);
    } finally {
      await server.stop();
    }
  });

  it('EMBEDDING_MODEL without OPENAI_API_KEY: exits 1 naming OPENAI_API_KEY, no embedded database created', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'lotus-seed-'));
    const dataDir = path.join(parent, 'pgdata');
    try {
      const run = await runSeed({ LOTUS_DATA_DIR: dataDir, EMBEDDING_MODEL: MODEL });

      expect(run.code, run.output).toBe(1);
      expect(run.output).toMatch(
        /OPENAI_API_KEY is not set.*EMBEDDING_MODEL is set \(text-embedding-3-small\)/,
      );
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});

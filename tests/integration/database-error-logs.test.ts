import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makePgliteStore } from '../../lambdas/src/adapters/pglite-store.ts';
import type { IngredientStore } from '../../lambdas/src/domain/ports.ts';
import { SentryReporter } from '../../lambdas/src/observability/error-reporter.ts';
import { type Logger, makeLogger } from '../../lambdas/src/observability/logger.ts';
import { describeError } from '../../lambdas/src/shared/describe-error.ts';
import { libraryDatabase } from '../support/databases.ts';
import { envelopeItems, type SentrySink, startSentrySink } from '../support/sentry-sink.ts';

/** What a user sent, as it reaches the database: many names and their vectors (here ≈ 0.5 MB of parameters). */
const NAMES = Array.from({ length: 2_000 }, (_, index) => `Zorblaxine Extract ${index}`);
/** pgvector reads at most 16,000 dimensions: these vectors make the real match query fail. */
const EMBEDDINGS = NAMES.slice(0, 3).map(() => Array.from({ length: 20_000 }, () => 0.123456));
/** A vector literal pgvector cannot read: it quotes it whole in its message. */
const UNREADABLE_VECTOR = `[${Array.from({ length: 2_000 }, () => 0.123456).join(',')},oops]`;

/** The log lines `act` writes (Powertools writes ERROR and WARN to stderr, the rest to stdout). */
async function logLines(act: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const keep = (chunk: unknown) => {
    lines.push(
      ...String(chunk)
        .split('\n')
        .filter((line) => line.trim() !== ''),
    );
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(keep as typeof process.stdout.write),
    vi.spyOn(process.stderr, 'write').mockImplementation(keep as typeof process.stderr.write),
  ];
  try {
    await act();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines;
}

async function failedMatch(store: IngredientStore): Promise<unknown> {
  return store
    .matchIngredients({
      names: NAMES,
      embeddings: EMBEDDINGS,
      embeddingModel: 'lotus-local-ngram-v1',
      minFuzzySimilarity: 0.3,
      minSemanticSimilarity: 0.8,
    })
    .then(
      () => {
        throw new Error('the match was expected to fail');
      },
      (error: unknown) => error,
    );
}

describe('an embedded-database error, logged and reported, carries sizes and counts, not what the user sent', () => {
  let store: IngredientStore;
  let logger: Logger;

  beforeAll(async () => {
    store = makePgliteStore((await libraryDatabase()).db);
    logger = makeLogger({ LOG_LEVEL: 'INFO', ENVIRONMENT: 'test' });
  });

  it('the real query fails with its parameters on the error (what the logger is given)', async () => {
    const error = (await failedMatch(store)) as Error & { cause: { params?: unknown[] } };
    expect(error.cause.params).toHaveLength(5);
    expect(JSON.stringify(error.cause.params).length).toBeGreaterThan(400_000);
  });

  it('logs one short line: the statement and its parameters by size, the cause chain kept', async () => {
    const error = await failedMatch(store);
    const [line = ''] = await logLines(async () => {
      logger.error('request failed', { handler: 'scan', error: error as Error });
    });

    // Two stack traces make most of it (≈ 2.1 KB here); the parameters alone were ≈ 0.5 MB.
    expect(line.length).toBeLessThan(3_000);
    expect(line).not.toContain('Zorblaxine');
    expect(line).not.toContain('0.123456');
    const entry = JSON.parse(line) as { error: { message: string; cause: Record<string, unknown> } };
    expect(entry.error.message).toBe('Database match ingredients failed');
    expect(entry.error.cause).toMatchObject({
      message: 'vector cannot have more than 16000 dimensions',
      query: { first_word: 'select', length: 64 },
      params: { count: 5 },
    });
    expect(entry.error.cause).not.toHaveProperty('queryOptions');
  });

  it('a value the database quotes back in its message is cut to a size', async () => {
    const { db } = await libraryDatabase();
    const error = await db.query('select $1::vector', [UNREADABLE_VECTOR]).catch((caught: unknown) => caught);
    const [line = ''] = await logLines(async () => {
      logger.error('request failed', { error: error as Error });
    });

    expect(line.length).toBeLessThan(2_000);
    expect(line).not.toContain('0.123456');
    expect(JSON.parse(line).error.message).toMatch(
      /^invalid input syntax for type vector: "…" \(\d{5} characters\)$/,
    );
    expect(describeError(error)).not.toContain('0.123456');
  });

  it('a thrown object that is not an Error is logged with what it means', async () => {
    const errnoError = Object.assign(Object.create({ name: 'ErrnoError' }) as object, { errno: 51 });
    const [line = ''] = await logLines(async () => {
      logger.error('could not open the ingredient library', { error: errnoError as unknown as Error });
    });
    expect(JSON.parse(line)).toMatchObject({
      error: { errno: 51, message: 'ENOSPC: no space left on device' },
    });
  });

  describe('reported to Sentry (real SDK, local ingest endpoint)', () => {
    let sink: SentrySink;
    let reporter: SentryReporter;

    beforeAll(async () => {
      sink = await startSentrySink('lotuspublickey');
      reporter = new SentryReporter();
      await reporter.configure({ dsn: sink.dsn, environment: 'test', release: 'lotus-api@test', redact: [] });
    });
    afterAll(async () => {
      await reporter.close();
      await sink.close();
    });

    it('sends the error and its cause by message, never the parameters or a quoted value', async () => {
      const { db } = await libraryDatabase();
      const quoted = await db
        .query('select $1::vector', [UNREADABLE_VECTOR])
        .catch((caught: unknown) => caught);
      for (const error of [await failedMatch(store), quoted]) {
        reporter.capture(error, { requestId: 'req-db', handler: 'scan', status: 503 });
      }
      await reporter.flush();
      const envelopes = await sink.waitFor(2);

      for (const envelope of envelopes) {
        expect(envelope.length).toBeLessThan(20_000);
        expect(envelope).not.toContain('Zorblaxine');
        expect(envelope).not.toContain('0.123456');
      }
      const exceptions = envelopes.map((envelope) =>
        JSON.stringify((envelopeItems(envelope)[2] as { exception: unknown }).exception),
      );
      expect(exceptions[0]).toContain('vector cannot have more than 16000 dimensions');
      expect(exceptions[1]).toMatch(/invalid input syntax for type vector: \\"…\\" \(\d{5} characters\)/);
    });
  });
});

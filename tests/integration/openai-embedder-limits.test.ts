import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenAiEmbedderOptions } from '../../lambdas/src/adapters/openai-embedder.ts';
import { dependencyFailure } from '../support/dependency-failure.ts';
import {
  type EmbeddingsResponse,
  type OpenAiTestServer,
  serverVector,
  startOpenAiServer,
  toBase64Float32,
} from '../support/openai-server.ts';
import {
  expectedVector,
  recordingEmbedder,
  sentInputs as sentInputsOf,
} from '../support/recording-embedder.ts';

/*
 * What one request may carry, and answers that look like vectors but are no evidence: the real SDK
 * against the local stand-in, as in openai-embedder.test.ts.
 */

const API_KEY = 'sk-test-lotus-5f3a9c0e7b2d4e1f';
const RATE_LIMITED = {
  error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' },
};

let server: OpenAiTestServer;

beforeAll(async () => {
  server = await startOpenAiServer({ apiKey: API_KEY });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const setUp = (overrides: Partial<OpenAiEmbedderOptions> = {}) =>
  recordingEmbedder(server, API_KEY, { attemptTimeoutMs: 5_000, ...overrides });
const expected = (text: string) => expectedVector(text);
const sentInputs = () => sentInputsOf(server) as string[][];
const rejection = (promise: Promise<unknown>) => dependencyFailure(promise, 'embeddings');

/** Replaces the embedding at `index` of the answer with `vector`, as base64 float32. */
function replaceWith(vector: number[], index = 0) {
  return (response: EmbeddingsResponse) => {
    const item = response.data[index];
    if (item) item.embedding = toBase64Float32(vector);
  };
}

describe('OpenAI embedder: vectors that are no evidence', () => {
  it.each([
    [
      'all zeros for every text',
      (response: EmbeddingsResponse) => {
        for (const item of response.data) item.embedding = toBase64Float32(new Array(1536).fill(0));
      },
    ],
    ['all zeros for one text', replaceWith(new Array(1536).fill(0), 1)],
    ['a norm below 1e-6 (components of 1e-8)', replaceWith(new Array(1536).fill(1e-8))],
    [
      'an Infinity among finite values',
      replaceWith([Number.POSITIVE_INFINITY, ...serverVector('x').slice(1)]),
    ],
  ])('rejects an answer with %s, without retrying and without caching any of it', async (_, alter) => {
    const { embedder, waits } = setUp();
    server.script({ alter });

    const error = await rejection(embedder.embed(['Aqua', 'Glycerin']));

    expect(error.message).toMatch(/invalid answer/);
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(embedder.cacheStats().size).toBe(0);
  });

  it('rejects float values beyond float32 range, which would decode to Infinity', async () => {
    const { embedder } = setUp();
    server.script({
      alter: (response) => {
        const [first] = response.data;
        if (first) first.embedding = [1e39, ...serverVector('Aqua').slice(1)];
      },
    });

    await rejection(embedder.embed(['Aqua']));

    expect(embedder.cacheStats().size).toBe(0);
  });

  it('names the zero vector in its message', async () => {
    server.script({ alter: replaceWith(new Array(1536).fill(0)) });

    const error = await rejection(setUp().embedder.embed(['Aqua']));

    expect(error.message).toBe(
      'The embeddings service sent an invalid answer: an embedding without direction (a zero vector).',
    );
  });

  it('asks again after a zero vector, rather than remembering it', async () => {
    const { embedder } = setUp();
    server.script({ alter: replaceWith(new Array(1536).fill(0)) });
    await rejection(embedder.embed(['Aqua']));

    const [vector] = await embedder.embed(['Aqua']);

    expect(vector).toEqual(expected('Aqua'));
    expect(server.requests).toHaveLength(2);
  });
});

describe('OpenAI embedder: batches', () => {
  // Three texts of 100,000 bytes: every token is at least one byte, so a batch stays under 250,000
  // bytes, two of them per request. (Cheaper for the stand-in than 2,049 short texts.)
  const LONG_TEXTS = ['a', 'b', 'c'].map((letter) => `${letter}${letter} `.repeat(33_334).slice(0, 100_000));

  it('sends 4,000 texts in two requests of at most 2,048 inputs, and answers in the caller order', async () => {
    const { embedder } = setUp();
    const texts = Array.from({ length: 4_000 }, (_, index) => `Ingredient ${index}`);

    const vectors = await embedder.embed(texts);

    expect(sentInputs().map((inputs) => inputs.length)).toEqual([2_048, 1_952]);
    expect(sentInputs().flat()).toEqual(texts);
    expect(vectors).toHaveLength(4_000);
    for (const index of [0, 2_047, 2_048, 3_999]) {
      expect(vectors[index]).toEqual(expected(texts[index] as string));
    }
    expect(embedder.cacheStats()).toEqual({ hits: 0, misses: 4_000, size: 2_000 });
  });

  it('cuts batches by bytes too, so that no request can pass the API limit of 300,000 tokens', async () => {
    const { embedder } = setUp();

    const vectors = await embedder.embed(LONG_TEXTS);

    expect(sentInputs().map((inputs) => inputs.length)).toEqual([2, 1]);
    expect(vectors).toEqual(LONG_TEXTS.map(expected));
  });

  it('keeps each batch within the deadline: a second batch that hangs ends the call in time', async () => {
    const { embedder } = setUp({ attemptTimeoutMs: 10_000 });
    server.script({ alter: () => undefined }, { hang: true });
    const deadlineAt = Date.now() + 2_000;

    await rejection(embedder.embed(LONG_TEXTS, undefined, deadlineAt));

    expect(Date.now()).toBeLessThan(deadlineAt + 100);
    expect(sentInputs().map((inputs) => inputs.length)).toEqual([2, 1]);
    // The first batch was answered: a second call sends only the rest.
    server.reset();
    await embedder.embed(LONG_TEXTS);
    expect(sentInputs()).toEqual([LONG_TEXTS.slice(2)]);
  });

  it('stops after the first failing batch and sends nothing more', async () => {
    const { embedder } = setUp();
    const texts = Array.from({ length: 2_100 }, (_, index) => `Name ${index}`);
    server.script({ status: 401, body: { error: { message: 'Refused', type: 'invalid_request_error' } } });

    await rejection(embedder.embed(texts));

    expect(server.requests).toHaveLength(1);
  });

  it('sends no further batch once the caller signal aborts', async () => {
    const { embedder } = setUp({ attemptTimeoutMs: 10_000 });
    const controller = new AbortController();
    // The caller gives up while the first batch is being answered.
    server.script({ alter: () => void controller.abort() });

    const error = await rejection(embedder.embed(LONG_TEXTS, controller.signal));

    expect(error.message).toMatch(/cancelled/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('OpenAI embedder: Retry-After that is no number of seconds', () => {
  it.each([['-5'], ['1.5e0'], ['soon']])(
    'backs off as usual on Retry-After: %s, instead of retrying at once or after 1.5 s',
    async (header) => {
      const { embedder, waits } = setUp();
      server.script({ status: 429, headers: { 'retry-after': header }, body: RATE_LIMITED });

      await embedder.embed(['Aqua']);

      expect(waits).toHaveLength(1);
      expect(waits[0]).toBeGreaterThanOrEqual(150);
      expect(waits[0]).toBeLessThanOrEqual(250);
    },
  );

  it('gives up at once on an absurd Retry-After, and passes on at most 300 seconds of it', async () => {
    const { embedder, waits } = setUp();
    server.script({ status: 429, headers: { 'retry-after': '99999999999' }, body: RATE_LIMITED });

    const error = await rejection(embedder.embed(['Aqua'], undefined, Date.now() + 5_000));

    expect(error.retryAfterSeconds).toBe(300);
    expect(waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });
});

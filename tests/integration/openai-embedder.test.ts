import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenAiEmbedderOptions } from '../../lambdas/src/adapters/openai-embedder.ts';
import { describeError } from '../../lambdas/src/shared/describe-error.ts';
import { dependencyFailure } from '../support/dependency-failure.ts';
import {
  type EmbeddingsResponse,
  type OpenAiTestServer,
  startOpenAiServer,
  toBase64Float32,
} from '../support/openai-server.ts';
import {
  expectedVector,
  recordingEmbedder,
  sentInputs as sentInputsOf,
} from '../support/recording-embedder.ts';

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
  recordingEmbedder(server, API_KEY, overrides);
const expected = expectedVector;
const sentInputs = () => sentInputsOf(server);
const rejection = (promise: Promise<unknown>) => dependencyFailure(promise, 'embeddings');

describe('OpenAI embedder: requests and decoding (real SDK, local server)', () => {
  it('sends one batched base64 request with the model and texts and returns the server vectors in order', async () => {
    const { embedder } = setUp();
    const texts = ['Aqua', 'Glycerin', 'Citric Acid'];

    const vectors = await embedder.embed(texts);

    expect(vectors).toEqual(texts.map((text) => expected(text)));
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.url).toBe('/v1/embeddings');
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.body).toEqual({
      model: 'text-embedding-3-small',
      input: texts,
      encoding_format: 'base64',
    });
    expect(embedder).toMatchObject({ model: 'text-embedding-3-small', dimensions: 1536 });
    expect(embedder.minSemanticSimilarity).toBe(0.8);
  });

  it('decodes float arrays sent in answer to a base64 request to the same vectors, not zeros', async () => {
    const texts = ['Sodium Lactate', 'Lactic Acid'];
    const fromBase64 = await setUp().embedder.embed(texts);
    server.script({ floatDespiteBase64: true });

    const fromFloats = await setUp().embedder.embed(texts);

    expect(fromFloats).toEqual(fromBase64);
    expect(fromFloats).toEqual(texts.map((text) => expected(text)));
    expect(fromFloats[0]?.some((value) => value !== 0)).toBe(true);
  });

  it('places each vector by its index, not by its position in the answer', async () => {
    const texts = ['Aqua', 'Glycerin', 'Citric Acid'];
    server.script({ alter: (response) => void response.data.reverse() });

    const vectors = await setUp().embedder.embed(texts);

    expect(vectors).toEqual(texts.map((text) => expected(text)));
  });

  it('asks for the configured dimensions and returns vectors of that length', async () => {
    const { embedder } = setUp({ dimensions: 256 });

    const [vector] = await embedder.embed(['Panthenol']);

    expect(server.requests[0]?.body).toMatchObject({ dimensions: 256 });
    expect(vector).toEqual(expected('Panthenol', 256));
  });
});

describe('OpenAI embedder: cache', () => {
  it('answers texts it has embedded before without a request', async () => {
    const { embedder } = setUp();
    const first = await embedder.embed(['Aqua', 'Glycerin']);

    const second = await embedder.embed(['Glycerin', 'Aqua']);

    expect(server.requests).toHaveLength(1);
    expect(second).toEqual([first[1], first[0]]);
    expect(embedder.cacheStats()).toEqual({ hits: 2, misses: 2, size: 2 });
  });

  it('sends only the texts missing from the cache, each once, and answers in the caller order', async () => {
    const { embedder } = setUp();
    await embedder.embed(['Aqua', 'Glycerin']);
    const texts = ['Xanthan Gum', 'Aqua', 'Xanthan Gum', 'Glycerin', 'Tocopherol'];

    const vectors = await embedder.embed(texts);

    expect(sentInputs()).toEqual([
      ['Aqua', 'Glycerin'],
      ['Xanthan Gum', 'Tocopherol'],
    ]);
    expect(vectors).toEqual(texts.map((text) => expected(text)));
  });

  it('evicts the least recently used embedding beyond cacheSize', async () => {
    const { embedder } = setUp({ cacheSize: 2 });
    await embedder.embed(['A']);
    await embedder.embed(['B']);
    await embedder.embed(['A']); // A is now more recent than B
    await embedder.embed(['C']); // evicts B

    await embedder.embed(['A']);
    await embedder.embed(['B']);

    expect(sentInputs()).toEqual([['A'], ['B'], ['C'], ['B']]);
    expect(embedder.cacheStats().size).toBe(2);
  });

  it('returns copies, so a caller changing a vector does not change the cached one', async () => {
    const { embedder } = setUp();
    const [vector] = await embedder.embed(['Aloe Vera']);
    vector?.fill(42);

    const [again] = await embedder.embed(['Aloe Vera']);

    expect(again).toEqual(expected('Aloe Vera'));
  });
});

describe('OpenAI embedder: retries', () => {
  it('retries a 429 with Retry-After: 1 once, after waiting the second the server asked for', async () => {
    const { embedder, waits } = setUp();
    server.script({ status: 429, headers: { 'retry-after': '1' }, body: RATE_LIMITED });

    const [vector] = await embedder.embed(['Aqua']);

    expect(vector).toEqual(expected('Aqua'));
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([1_000]);
  });

  it('prefers retry-after-ms to Retry-After', async () => {
    const { embedder, waits } = setUp();
    server.script({
      status: 429,
      headers: { 'retry-after-ms': '250', 'retry-after': '1' },
      body: RATE_LIMITED,
    });

    await embedder.embed(['Aqua']);

    expect(waits).toEqual([250]);
  });

  it('fails fast with the server Retry-After when waiting it out would pass the deadline', async () => {
    const { embedder, waits } = setUp();
    server.script({ status: 429, headers: { 'retry-after': '20' }, body: RATE_LIMITED });
    const started = Date.now();

    const error = await rejection(embedder.embed(['Aqua'], undefined, started + 5_000));

    expect(error.retryAfterSeconds).toBe(20);
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('does not retry a 429 that says the quota is exhausted', async () => {
    const { embedder, waits } = setUp();
    server.script({
      status: 429,
      body: {
        error: {
          message: 'You exceeded your current quota',
          type: 'insufficient_quota',
          code: 'insufficient_quota',
        },
      },
    });

    const error = await rejection(embedder.embed(['Aqua']));

    expect(error.message).toMatch(/quota/);
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('retries a 500 after a backoff of about 200 ms', async () => {
    const { embedder, waits } = setUp();
    server.script({ status: 500 });

    const [vector] = await embedder.embed(['Aqua']);

    expect(vector).toEqual(expected('Aqua'));
    expect(server.requests).toHaveLength(2);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(150);
    expect(waits[0]).toBeLessThanOrEqual(250);
  });

  it('gives up after maxAttempts when the server keeps failing, backing off longer each time', async () => {
    const { embedder, waits } = setUp({ maxAttempts: 3 });
    server.script({ status: 500 }, { status: 502 }, { status: 503 }, { status: 500 });

    const error = await rejection(embedder.embed(['Aqua']));

    expect(error.message).toMatch(/3 attempts/);
    expect(server.requests).toHaveLength(3);
    expect(waits).toHaveLength(2);
    expect(waits[1]).toBeGreaterThan(waits[0] ?? Number.POSITIVE_INFINITY);
  });

  it('retries when the connection drops without an answer', async () => {
    const { embedder } = setUp();
    server.script({ destroy: true });

    const [vector] = await embedder.embed(['Aqua']);

    expect(vector).toEqual(expected('Aqua'));
    expect(server.requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404])('does not retry HTTP %i', async (status) => {
    const { embedder, waits } = setUp();
    server.script({ status, body: { error: { message: 'Refused', type: 'invalid_request_error' } } });

    await rejection(embedder.embed(['Aqua']));

    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });
});

describe('OpenAI embedder: timeouts and the deadline', () => {
  it('ends a hanging attempt at attemptTimeoutMs and retries it', async () => {
    const { embedder } = setUp({ attemptTimeoutMs: 300 });
    server.script({ hang: true });
    const started = Date.now();

    const [vector] = await embedder.embed(['Aqua']);

    expect(vector).toEqual(expected('Aqua'));
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops retrying hanging attempts before the deadline', async () => {
    const { embedder } = setUp({ attemptTimeoutMs: 300, maxAttempts: 10 });
    server.script(...Array.from({ length: 10 }, () => ({ hang: true as const })));
    const deadlineAt = Date.now() + 1_500;

    await rejection(embedder.embed(['Aqua'], undefined, deadlineAt));

    // We keep 100 ms back from the deadline; the slack is for late timers on a busy machine.
    expect(Date.now()).toBeLessThan(deadlineAt + 100);
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    expect(server.requests.length).toBeLessThan(10);
  });

  it('shortens an attempt to the time left before the deadline', async () => {
    const { embedder } = setUp({ attemptTimeoutMs: 10_000 });
    server.script({ hang: true });
    const deadlineAt = Date.now() + 800;

    await rejection(embedder.embed(['Aqua'], undefined, deadlineAt));

    expect(Date.now()).toBeLessThan(deadlineAt + 100);
    expect(server.requests).toHaveLength(1);
  });

  it('sends nothing when the deadline leaves no time for an attempt', async () => {
    const { embedder } = setUp();

    await rejection(embedder.embed(['Aqua'], undefined, Date.now() + 50));

    expect(server.requests).toHaveLength(0);
  });
});

describe('OpenAI embedder: invalid answers', () => {
  it('turns a truncated JSON body into a DependencyUnavailableError without retrying', async () => {
    const { embedder } = setUp();
    server.script({ malformed: true });

    await rejection(embedder.embed(['Aqua']));

    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['one embedding too few', (response) => void response.data.pop()],
    [
      'the wrong number of dimensions',
      (response) => {
        const [first] = response.data;
        if (first) first.embedding = toBase64Float32([0.6, 0.8]);
      },
    ],
    [
      'an index out of range',
      (response) => {
        const [first] = response.data;
        if (first) first.index = 7;
      },
    ],
    [
      'a repeated index',
      (response) => {
        const [first] = response.data;
        if (first) first.index = 1;
      },
    ],
    [
      'NaN values',
      (response) => {
        const [first] = response.data;
        if (first) first.embedding = toBase64Float32(new Array(1536).fill(Number.NaN));
      },
    ],
    ['a body without a data list', () => ({ object: 'list' })],
  ] satisfies [string, (response: EmbeddingsResponse) => unknown][])(
    'rejects an answer with %s and caches nothing from it',
    async (_, alter) => {
      const { embedder } = setUp();
      server.script({ alter });

      const error = await rejection(embedder.embed(['Aqua', 'Glycerin']));

      expect(error.message).toMatch(/invalid answer/);
      expect(embedder.cacheStats().size).toBe(0);
    },
  );
});

describe('OpenAI embedder: cancellation', () => {
  it('stops a pending request when the caller signal aborts', async () => {
    const { embedder } = setUp({ attemptTimeoutMs: 10_000 });
    server.script({ hang: true });
    const started = Date.now();

    const error = await rejection(embedder.embed(['Aqua'], AbortSignal.timeout(200)));

    expect(error.message).toMatch(/cancelled/);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(server.requests).toHaveLength(1);
  });

  it('stops a pending Retry-After wait when the caller signal aborts', async () => {
    const { embedder } = setUp({ sleep: undefined });
    server.script({ status: 429, headers: { 'retry-after': '20' }, body: RATE_LIMITED });
    const started = Date.now();

    const error = await rejection(embedder.embed(['Aqua'], AbortSignal.timeout(300)));

    expect(error.message).toMatch(/cancelled/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.requests).toHaveLength(1);
  });

  it('sends nothing for an already aborted signal', async () => {
    const { embedder } = setUp();

    await rejection(embedder.embed(['Aqua'], AbortSignal.abort()));

    expect(server.requests).toHaveLength(0);
  });
});

describe('OpenAI embedder: what it shows and logs', () => {
  it('never shows the key, even when the server quotes it back in a 401', async () => {
    const wrongKey = 'sk-wrong-7d1e0c4b9a8f2e36';
    const { embedder, logLines } = setUp({ apiKey: wrongKey });

    const error = await rejection(embedder.embed(['Aqua']));

    expect(server.requests).toHaveLength(1);
    expect(error.message).toMatch(/credentials/);
    expect(describeError(error)).not.toContain(wrongKey);
    expect(logLines.join('\n')).not.toContain(wrongKey);
  });

  it('logs each failed attempt with its number and status, without the key or the texts', async () => {
    const { embedder, logLines } = setUp();
    server.script({ status: 500 }, { status: 429, headers: { 'retry-after': '1' }, body: RATE_LIMITED });

    await embedder.embed(['Secret Sauce Extract']);

    const warnings = logLines.map((line) => JSON.parse(line)).filter((entry) => entry.level === 'warn');
    expect(warnings.map((entry) => entry.extra[0])).toMatchObject([
      { attempt: 1, status: 500 },
      { attempt: 2, status: 429, retryInMs: 1_000 },
    ]);
    const log = logLines.join('\n');
    expect(log).not.toContain(API_KEY);
    expect(log).not.toContain('Secret Sauce');
  });
});

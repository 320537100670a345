import { setTimeout as delay } from 'node:timers/promises';
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { DependencyUnavailableError } from '../domain/errors.ts';
import type { Embedder } from '../domain/ports.ts';
import type { Logger } from '../observability/logger.ts';

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
const DEFAULT_MODEL = 'text-embedding-3-small';
const DEFAULT_DIMENSIONS = 1536;
/** Kept back from the caller's deadline: it still has to match, score and answer after we return. */
const DEADLINE_MARGIN_MS = 100;
/** An attempt with less time than this left cannot get an answer from a remote API. */
const MIN_ATTEMPT_MS = 100;
const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 2_000;
/** Without a deadline, a longer `Retry-After` is still not worth waiting for: the caller gives up instead. */
const MAX_RETRY_WAIT_MS = 60_000;
/** The API refuses a request of more inputs than this. */
const MAX_BATCH_INPUTS = 2_048;
/**
 * The API also refuses a request of more than 300,000 tokens. Its tokenizers are byte-level BPE, where
 * every token is at least one byte of UTF-8, so this many bytes of input are at most this many tokens.
 */
const MAX_BATCH_BYTES = 250_000;
/**
 * Below this norm a vector has no direction to compare: a zero vector's cosine is NaN, which Postgres
 * ranks above every threshold. The model's vectors have norm 1.
 */
const MIN_NORM = 1e-6;

export interface OpenAiEmbedderOptions {
  readonly apiKey: string;
  /** @default 'https://api.openai.com/v1' (never read from the environment here; config passes it) */
  readonly baseURL?: string;
  /** @default 'text-embedding-3-small' */
  readonly model?: string;
  /**
   * Length of every vector. Sent to the API only when given, since older models reject the field.
   * @default 1536
   */
  readonly dimensions?: number;
  /**
   * Cosine similarity from which a nearest neighbour counts as the same ingredient.
   *
   * Provisional: 0.8 is an unmeasured guess. It must be calibrated against the real API (the label
   * fixtures, true synonyms such as "Aqua"/"Water" versus distinct ingredients) before semantic matches
   * are trusted; it cannot be measured offline, where only the local n-gram embedder runs.
   * @default 0.8
   */
  readonly minSemanticSimilarity?: number;
  /** Upper bound of one HTTP attempt; the time left before the caller's deadline may shorten it. @default 4000 */
  readonly attemptTimeoutMs?: number;
  /** @default 3 */
  readonly maxAttempts?: number;
  /** Query embeddings kept per warm container (least recently used evicted first). 0 disables. @default 2000 */
  readonly cacheSize?: number;
  /** Receives one line per failed attempt (attempt number, status, wait) — never the key or the texts. */
  readonly logger?: Pick<Logger, 'debug' | 'warn'>;
  /** Waits between attempts; rejects when `signal` aborts. Tests inject one that records the wait. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface EmbeddingCacheStats {
  /** Distinct texts of a call that were already cached. */
  readonly hits: number;
  /** Distinct texts of a call that had to be sent. */
  readonly misses: number;
  readonly size: number;
}

export interface OpenAiEmbedder extends Embedder {
  cacheStats(): EmbeddingCacheStats;
}

/** How one failed attempt is handled. */
interface Failure {
  readonly retryable: boolean;
  /** For logs: HTTP status, or the kind of transport failure. */
  readonly status: number | 'timeout' | 'connection' | 'unreadable';
  /** The user-safe message if this failure ends the call. */
  readonly message: string;
  /** The server's `Retry-After`, when it sent one. */
  readonly retryAfterMs?: number;
  /** What went wrong, without the upstream body (which may quote the key or the input). */
  readonly cause: Error;
}

/**
 * The OpenAI embeddings adapter: the texts of an `embed` call not already in the in-memory LRU cache are
 * sent in batched requests (one, unless they exceed what one request may carry: then one after another,
 * in order), with our own retries (the SDK's are off), all bounded by the caller's deadline and signal.
 *
 * `embed` throws {@link DependencyUnavailableError} (dependency `'embeddings'`) when the API refuses, is
 * out of quota, keeps failing, would answer too late, answers something that is not one valid vector
 * per text (of the right length, finite, with a direction), or when the caller's signal aborts. Its
 * message is safe to show to a user; when the server asked to be left alone for a while,
 * `retryAfterSeconds` says for how long. Batches answered before a failure stay cached.
 */
export function makeOpenAiEmbedder(options: OpenAiEmbedderOptions): OpenAiEmbedder {
  const model = options.model ?? DEFAULT_MODEL;
  const dimensions = options.dimensions ?? DEFAULT_DIMENSIONS;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 4_000;
  const maxAttempts = options.maxAttempts ?? 3;
  const logger = options.logger;
  const sleep = options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
  const cache = new LruCache<Float32Array>(options.cacheSize ?? 2_000);
  const stats = { hits: 0, misses: 0 };

  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? DEFAULT_BASE_URL,
    // Explicit so that the SDK reads nothing from the environment: configuration is parsed in one place.
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: attemptTimeoutMs,
  });

  async function request(
    texts: string[],
    signal?: AbortSignal,
    deadlineAt?: number,
  ): Promise<Float32Array[]> {
    const timeLeft = () =>
      deadlineAt === undefined ? Number.POSITIVE_INFINITY : deadlineAt - DEADLINE_MARGIN_MS - Date.now();
    let lastRetryAfterMs: number | undefined;
    for (let attempt = 1; ; attempt++) {
      const left = timeLeft();
      if (left < MIN_ATTEMPT_MS) throw outOfTime(lastRetryAfterMs);
      let response: unknown;
      try {
        response = await client.embeddings.create(
          {
            model,
            input: texts,
            encoding_format: 'base64',
            ...(options.dimensions === undefined ? {} : { dimensions }),
          },
          { signal, timeout: Math.max(1, Math.ceil(Math.min(attemptTimeoutMs, left))) },
        );
      } catch (error) {
        if (signal?.aborted) throw cancelled(signal);
        const failure = classify(error);
        const wait = failure.retryAfterMs ?? backoff(attempt);
        const willRetry =
          failure.retryable &&
          attempt < maxAttempts &&
          wait <= MAX_RETRY_WAIT_MS &&
          wait + MIN_ATTEMPT_MS <= timeLeft();
        logger?.warn('embeddings attempt failed', {
          attempt,
          maxAttempts,
          status: failure.status,
          ...(willRetry ? { retryInMs: Math.round(wait) } : {}),
          requestId: error instanceof APIError ? (error.requestID ?? undefined) : undefined,
        });
        if (!failure.retryable) {
          throw new DependencyUnavailableError('embeddings', failure.message, {
            cause: failure.cause,
            ...retryAfter(failure.retryAfterMs),
          });
        }
        lastRetryAfterMs = failure.retryAfterMs ?? lastRetryAfterMs;
        if (attempt >= maxAttempts) {
          throw new DependencyUnavailableError(
            'embeddings',
            `The embeddings service did not answer after ${maxAttempts} attempts.`,
            { cause: failure.cause, ...retryAfter(lastRetryAfterMs) },
          );
        }
        if (!willRetry) throw outOfTime(lastRetryAfterMs, failure.cause);
        try {
          await sleep(wait, signal);
        } catch (sleepError) {
          if (signal?.aborted) throw cancelled(signal);
          throw sleepError;
        }
        continue;
      }
      if (attempt > 1) logger?.debug('embeddings answered after a retry', { attempt });
      return parseResponse(response, texts.length, dimensions);
    }
  }

  return {
    model,
    dimensions,
    minSemanticSimilarity: options.minSemanticSimilarity ?? 0.8,
    async embed(texts, signal, deadlineAt) {
      if (signal?.aborted) throw cancelled(signal);
      const vectors = new Map<string, Float32Array>();
      const missing: string[] = [];
      for (const text of new Set(texts)) {
        const cached = cache.get(cacheKey(model, text));
        if (cached) {
          stats.hits++;
          vectors.set(text, cached);
        } else {
          stats.misses++;
          missing.push(text);
        }
      }
      // One batch after another, all within the caller's deadline and signal; a label's names fit in one.
      for (const batch of batches(missing)) {
        const fetched = await request(batch, signal, deadlineAt);
        for (const [index, text] of batch.entries()) {
          const vector = fetched[index] as Float32Array;
          vectors.set(text, vector);
          cache.set(cacheKey(model, text), vector);
        }
      }
      // Fresh arrays: callers may mutate what they get without touching the cache.
      return texts.map((text) => Array.from(vectors.get(text) as Float32Array));
    },
    cacheStats: () => ({ ...stats, size: cache.size }),
  };
}

function cacheKey(model: string, text: string): string {
  return `${model}\u0000${text}`;
}

/** The texts in order, cut into requests of at most {@link MAX_BATCH_INPUTS} and {@link MAX_BATCH_BYTES}. */
function batches(texts: readonly string[]): string[][] {
  const result: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const text of texts) {
    const size = Buffer.byteLength(text, 'utf8');
    if (current.length > 0 && (current.length >= MAX_BATCH_INPUTS || bytes + size > MAX_BATCH_BYTES)) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(text);
    bytes += size;
  }
  if (current.length > 0) result.push(current);
  return result;
}

/** Exponential from {@link FIRST_BACKOFF_MS}, ±25 % jitter so that concurrent containers spread out. */
function backoff(attempt: number): number {
  const base = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (attempt - 1));
  return base * (0.75 + Math.random() * 0.5);
}

function retryAfter(ms: number | undefined): { retryAfterSeconds?: number } {
  return ms === undefined ? {} : { retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
}

function outOfTime(retryAfterMs: number | undefined, cause?: Error): DependencyUnavailableError {
  return new DependencyUnavailableError(
    'embeddings',
    'The embeddings service is busy and could not answer in time.',
    { ...(cause ? { cause } : {}), ...retryAfter(retryAfterMs) },
  );
}

function cancelled(signal: AbortSignal): DependencyUnavailableError {
  return new DependencyUnavailableError('embeddings', 'The embeddings request was cancelled.', {
    cause: signal.reason,
  });
}

function classify(error: unknown): Failure {
  // Timeout first: it is a subclass of the connection error.
  if (error instanceof APIConnectionTimeoutError) {
    return {
      retryable: true,
      status: 'timeout',
      message: 'The embeddings service timed out.',
      cause: new Error('OpenAI embeddings: attempt timed out'),
    };
  }
  if (error instanceof APIConnectionError) {
    return {
      retryable: true,
      status: 'connection',
      message: 'The embeddings service could not be reached.',
      cause: new Error(`OpenAI embeddings: connection failed (${describeCause(error.cause)})`),
    };
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const { status } = error;
    const code = error.code ?? error.type;
    const cause = new Error(
      `OpenAI embeddings: HTTP ${status}${code ? ` ${code}` : ''}${error.requestID ? ` (request ${error.requestID})` : ''}`,
    );
    if (status === 429 && (error.code === 'insufficient_quota' || error.type === 'insufficient_quota')) {
      return { retryable: false, status, message: 'The embeddings service quota is exhausted.', cause };
    }
    if (status === 408 || status === 429 || status >= 500) {
      const retryAfterMs = parseRetryAfter(error.headers);
      return {
        retryable: true,
        status,
        message:
          status === 429
            ? 'The embeddings service is rate-limiting requests.'
            : 'The embeddings service is failing.',
        cause,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    }
    if (status === 401 || status === 403) {
      return { retryable: false, status, message: 'The embeddings service refused our credentials.', cause };
    }
    return {
      retryable: false,
      status,
      message: `The embeddings service refused the request (HTTP ${status}).`,
      cause,
    };
  }
  // The SDK could not parse the body, or something else that retrying will not fix.
  return {
    retryable: false,
    status: 'unreadable',
    message: 'The embeddings service sent an unreadable answer.',
    cause: new Error(`OpenAI embeddings: unreadable answer (${describeCause(error)})`),
  };
}

/** The error's class name only: SDK and parser messages can quote the response body. */
function describeCause(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** RFC 9110's IMF-fixdate, the one HTTP-date form servers send. */
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * `retry-after-ms` (OpenAI's) first, then the standard `Retry-After` as delta-seconds or an HTTP date;
 * anything else is ignored, and the backoff applies. Only these forms: `Date.parse` alone reads "-5" as a
 * date in 2001, a wait of 0 that would retry at once; an absurd wait is refused by the retry loop.
 */
function parseRetryAfter(headers: Headers | undefined): number | undefined {
  const ms = headers?.get('retry-after-ms')?.trim() ?? '';
  if (/^\d+(\.\d+)?$/.test(ms)) return Number(ms);
  const value = headers?.get('retry-after')?.trim() ?? '';
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!HTTP_DATE.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * One vector per input, in input order, whatever the wire encoding: we ask for base64 but accept float
 * arrays, because a server or proxy that ignores the field would otherwise decode to garbage.
 */
function parseResponse(response: unknown, count: number, dimensions: number): Float32Array[] {
  const invalid = (reason: string) =>
    new DependencyUnavailableError('embeddings', `The embeddings service sent an invalid answer: ${reason}.`);
  const data = isRecord(response) ? response.data : undefined;
  if (!Array.isArray(data)) throw invalid('no embeddings list');
  if (data.length !== count) throw invalid(`${data.length} embeddings for ${count} texts`);
  const vectors: (Float32Array | undefined)[] = new Array(count).fill(undefined);
  for (const item of data) {
    const index: unknown = isRecord(item) ? item.index : undefined;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) {
      throw invalid('an embedding index out of range');
    }
    if (vectors[index]) throw invalid('a repeated embedding index');
    const vector = decodeEmbedding(isRecord(item) ? item.embedding : undefined);
    if (!vector) throw invalid('an embedding that is neither base64 nor a list of numbers');
    if (vector.length !== dimensions) throw invalid(`${vector.length} dimensions instead of ${dimensions}`);
    if (!vector.every(Number.isFinite)) throw invalid('an embedding with non-finite values');
    if (!(norm(vector) >= MIN_NORM)) throw invalid('an embedding without direction (a zero vector)');
    vectors[index] = vector;
  }
  return vectors as Float32Array[];
}

function norm(vector: Float32Array): number {
  let sum = 0;
  for (const value of vector) sum += value * value;
  return Math.sqrt(sum);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeEmbedding(embedding: unknown): Float32Array | null {
  if (typeof embedding === 'string') {
    if (!BASE64.test(embedding)) return null;
    const bytes = Buffer.from(embedding, 'base64');
    if (bytes.length % 4 !== 0) return null;
    // The API sends little-endian float32 whatever the host's byte order.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return Float32Array.from({ length: bytes.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
  }
  if (Array.isArray(embedding) && embedding.every((value) => typeof value === 'number')) {
    return Float32Array.from(embedding);
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A Map keeps insertion order: re-inserting on every read makes its first key the least recently used. */
class LruCache<V> {
  readonly #entries = new Map<string, V>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    if (this.#capacity <= 0) return;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#capacity) break;
      this.#entries.delete(oldest);
    }
  }
}

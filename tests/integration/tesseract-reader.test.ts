import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTesseractReader, type TesseractReader } from '../../lambdas/src/adapters/tesseract-reader.ts';
import { DependencyUnavailableError, InvalidRequestError } from '../../lambdas/src/domain/errors.ts';
import { makeLogger } from '../../lambdas/src/observability/logger.ts';
import { renderLabel } from '../support/label-render.ts';

const logger = makeLogger({ LOG_LEVEL: 'SILENT', ENVIRONMENT: 'test' });
const LINES = ['INGREDIENTS: Cotton, Rayon, Polyester,', 'Glycerin, Citric Acid, Phenoxyethanol.'];

/** Resolves once every worker of the reader is up (the second starts after the first is warm). */
async function allWorkersUp(reader: TesseractReader, workers: number): Promise<void> {
  await reader.ready();
  while (reader.stats().workersUp < workers) await new Promise((resolve) => setTimeout(resolve, 25));
}

describe('the tesseract.js label reader (offline)', () => {
  let reader: TesseractReader;
  let label: Buffer;

  beforeAll(async () => {
    reader = await createTesseractReader({ logger, workers: 2 });
    label = await renderLabel(LINES, { degrees: 2.5 });
    await allWorkersUp(reader, 2);
  });
  afterAll(() => reader.close());

  it('reads the ingredient list of a slightly rotated label', async () => {
    const result = await reader.read(label);

    for (const word of [
      'INGREDIENTS',
      'Cotton',
      'Rayon',
      'Polyester',
      'Glycerin',
      'Citric Acid',
      'Phenoxyethanol',
    ]) {
      expect(result.text).toContain(word);
    }
    expect(result.confidence).toBeGreaterThan(0.7);
  });

  it('reads a label cut into two bands by its two workers: every line, in order', async () => {
    const lines = [
      'INGREDIENTS: Cotton, Rayon, Polyester, Polypropylene,',
      'Sodium Polyacrylate, Titanium Dioxide, Fragrance,',
      'Glycerin, Citric Acid, Phenoxyethanol, Tocopherol,',
      'Aloe Barbadensis Leaf Juice, Sodium Benzoate, Water.',
    ];
    const before = reader.stats().jobs;

    const { text } = await reader.read(await renderLabel(lines));

    expect(reader.stats().jobs.map((jobs, index) => jobs - (before[index] ?? 0))).toEqual([1, 1]);
    const words = [
      'INGREDIENTS',
      'Polypropylene',
      'Sodium Polyacrylate',
      'Fragrance',
      'Glycerin',
      'Tocopherol',
    ];
    const positions = [...words, 'Aloe Barbadensis', 'Water'].map((word) => text.indexOf(word));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('reuses its warm workers across scans', async () => {
    const before = reader.stats().workersCreated;
    for (let i = 0; i < 3; i++) await reader.read(label);
    expect(reader.stats().workersCreated).toBe(before);
  });

  it('keeps serving after a corrupt image in the middle of the queue', async () => {
    const corrupt = Buffer.concat([label.subarray(0, 200), Buffer.alloc(200)]);
    const [first, broken, next] = await Promise.allSettled([
      reader.read(label),
      reader.read(corrupt),
      reader.read(label),
    ]);

    expect(first.status).toBe('fulfilled');
    expect(broken.status === 'rejected' && broken.reason).toBeInstanceOf(InvalidRequestError);
    expect(next.status === 'fulfilled' && next.value.text).toContain('Polyester');
  });
});

describe('a reader whose files are missing', () => {
  it('fails at creation, instead of hanging (language data) or crashing the process (worker script)', async () => {
    await expect(createTesseractReader({ logger, langPath: '/nonexistent/lang' })).rejects.toThrow(
      /language data not found/,
    );
    await expect(
      createTesseractReader({ logger, workerPath: '/nonexistent/tesseract-worker.cjs' }),
    ).rejects.toThrow(/worker script not found/);
  });
});

describe('the reader under load and over time', () => {
  it('refuses scans beyond its queue with a retryable 503 instead of piling them up', async () => {
    const reader = await createTesseractReader({ logger, maxQueue: 2 });
    try {
      const label = await renderLabel(LINES);
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => reader.read(label)));

      const refused = results.filter((result) => result.status === 'rejected');
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(2);
      expect(refused).toHaveLength(3);
      for (const result of refused) {
        const reason = (result as PromiseRejectedResult).reason as DependencyUnavailableError;
        expect(reason).toBeInstanceOf(DependencyUnavailableError);
        expect(reason.retryAfterSeconds).toBeGreaterThan(0);
        // Expected load: answered 503, never logged as an error or sent to Sentry.
        expect(reason.overloaded).toBe(true);
      }
    } finally {
      await reader.close();
    }
  });

  it('answers a photo whose deadline passes in the queue at that deadline, with a retryable 503, and never reads it', async () => {
    const reader = await createTesseractReader({ logger, workers: 1 });
    try {
      await reader.ready();
      const dense = await renderLabel(
        Array.from({ length: 12 }, (_, index) => `Line ${index}: Cotton, Rayon, Polyester, Glycerin,`),
      );
      const order: string[] = [];
      const first = reader.read(dense).then(() => order.push('first read'));
      const queued = reader.read(await renderLabel(LINES), AbortSignal.timeout(100)).then(
        () => null,
        (reason: unknown) => {
          order.push('queued answered');
          return reason;
        },
      );

      const error = await queued;
      expect(error).toBeInstanceOf(DependencyUnavailableError);
      expect(error).toMatchObject({ dependency: 'ocr', overloaded: true });
      expect((error as DependencyUnavailableError).retryAfterSeconds).toBeGreaterThan(0);
      await first;
      expect(order).toEqual(['queued answered', 'first read']);
      // One job per band of the dense photo only: the abandoned photo never reached the engine.
      const jobsAfterFirst = reader.stats().jobs[0];
      expect((await reader.read(await renderLabel(LINES))).text).toContain('Cotton');
      expect(reader.stats().jobs[0]).toBeGreaterThan(jobsAfterFirst ?? 0);
      expect(reader.stats().queued).toBe(0);
    } finally {
      await reader.close();
    }
  });

  it('refuses a photo that needs more than its budget of engine time, and keeps serving', async () => {
    const reader = await createTesseractReader({ logger, workers: 1, photoBudgetMs: 1 });
    try {
      await reader.ready();
      const error = await reader.read(await renderLabel(LINES)).then(
        () => null,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(DependencyUnavailableError);
      expect((error as DependencyUnavailableError).message).toMatch(/took too long/);
      expect(reader.stats().queued).toBe(0);
    } finally {
      await reader.close();
    }
  });

  it('recycles its workers for memory once, not on every photo, while the rest of the process holds the memory', async () => {
    // Over the bound from the start, as after a heavy text scan grew the embedded database's heap.
    const reader = await createTesseractReader({ logger, workers: 1, maxRssBytes: 1 });
    try {
      const label = await renderLabel(LINES);
      for (let i = 0; i < 4; i++) expect((await reader.read(label)).text).toContain('Cotton');

      expect(reader.stats().workersCreated).toBeLessThanOrEqual(2);
    } finally {
      await reader.close();
    }
  });

  it('replaces its worker after the configured number of jobs, and still reads', async () => {
    const reader = await createTesseractReader({ logger, workers: 1, maxJobsPerWorker: 2 });
    try {
      const label = await renderLabel(LINES);
      for (let i = 0; i < 3; i++) expect((await reader.read(label)).text).toContain('Cotton');

      expect(reader.stats().workersCreated).toBe(2);
    } finally {
      await reader.close();
    }
  });

  it('answers 503 for a photo past its deadline, replaces the workers it held, and reads the next one', async () => {
    const reader = await createTesseractReader({ logger, workers: 2 });
    try {
      await allWorkersUp(reader, 2);
      const lines = Array.from(
        { length: 8 },
        (_, index) => `Line ${index}: Cotton, Rayon, Polyester, Glycerin,`,
      );
      const deadline = new AbortController();
      const reading = reader.read(await renderLabel(lines), deadline.signal);
      // Abort once both workers are reading their band.
      while (reader.stats().jobs.reduce((sum, jobs) => sum + jobs, 0) < 2) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      deadline.abort();

      const error = await reading.then(
        () => null,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(DependencyUnavailableError);
      expect((error as DependencyUnavailableError).message).toMatch(/took too long/);
      expect((await reader.read(await renderLabel(LINES))).text).toContain('Cotton');
      await allWorkersUp(reader, 2);
      expect(reader.stats().workersCreated).toBe(4);
    } finally {
      await reader.close();
    }
  });

  it('reads a photo handed over while its first worker is still starting (no wait for ready)', async () => {
    const reader = await createTesseractReader({ logger, workers: 2 });
    try {
      const result = await reader.read(await renderLabel(LINES));

      // The first worker read it alone, and the second had not started beside it: it starts once the
      // first is warm and the photos queued then are read.
      expect(reader.stats()).toMatchObject({ workersCreated: 1, jobs: [1, 0] });
      expect(result.text).toContain('Cotton');
      await expect(reader.ready()).resolves.toBeUndefined();
    } finally {
      await reader.close();
    }
  });

  it('fails fast, instead of hanging, when the language data is missing', async () => {
    await expect(createTesseractReader({ logger, langPath: '/nonexistent' })).rejects.toThrow(
      /language data/,
    );
  });
});

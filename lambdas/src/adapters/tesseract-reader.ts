import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { DependencyUnavailableError } from '../domain/errors.ts';
import type { LabelReader, OcrResult } from '../domain/ports.ts';
import type { Logger } from '../observability/logger.ts';
import { untilAborted } from '../shared/abort.ts';
import { prepareForOcr } from './label-image.ts';

export interface TesseractReaderOptions {
  readonly logger: Logger;
  /** Folder holding `eng.traineddata.gz`; default: the `4.0.0_best_int` data of `@tesseract.js-data/eng`. */
  readonly langPath?: string;
  /** The worker script, for bundles that ship it beside the handler; default: resolved from the package. */
  readonly workerPath?: string;
  /** Scans waiting or running beyond which new ones are refused with 503 + Retry-After. */
  readonly maxQueue?: number;
  /** A worker is replaced after this many jobs... */
  readonly maxJobsPerWorker?: number;
  /** ...or once the process RSS passes this many bytes (tesseract's wasm heap only grows). */
  readonly maxRssBytes?: number;
  readonly pageSegmentation?: PSM;
}

export interface TesseractReader extends LabelReader {
  /**
   * Resolves once the first worker is up and warm. The reader is usable before: a first photo is
   * preprocessed while the worker starts (a cold Lambda overlaps the two), then waits for it.
   * @throws {Error} when the worker cannot start.
   */
  ready(): Promise<void>;
  /** Workers created so far and jobs run by the current one (for tests and metrics). */
  stats(): { workersCreated: number; jobsOnWorker: number; queued: number };
  close(): Promise<void>;
}

/** Locates the LSTM-only "best_int" English model shipped by `@tesseract.js-data/eng`. */
export function defaultLangPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

/**
 * One warm tesseract.js worker per process, fully offline: the language data comes from npm, nothing is
 * downloaded or cached to disk. Scans run one at a time through a bounded queue (OCR is CPU-bound: more
 * at once only makes each slower); the worker is recycled after N jobs or past an RSS bound, and after a
 * job that timed out (it may still be busy). The first worker starts at once, without being waited for
 * ({@link TesseractReader.ready}).
 * @throws {Error} when the language data is missing (a worker without it would never become ready) or the
 *   worker script is.
 */
export async function createTesseractReader(options: TesseractReaderOptions): Promise<TesseractReader> {
  const {
    logger,
    langPath = defaultLangPath(),
    workerPath,
    maxQueue = 4,
    maxJobsPerWorker = 500,
    maxRssBytes = 1_536 * 1024 * 1024,
    // Automatic layout (PSM 3) keeps lines whose margin holds background junk, which "single block"
    // (PSM 6) dropped or merged: hard-style recall 0.920 against 0.824 (label-image.ts has the table).
    pageSegmentation = PSM.AUTO,
  } = options;
  if (!existsSync(path.join(langPath, 'eng.traineddata.gz'))) {
    throw new Error(`OCR language data not found: ${path.join(langPath, 'eng.traineddata.gz')}`);
  }
  // A missing script fails inside the worker thread, where tesseract.js listens for no error: the
  // process would die on the first start.
  if (workerPath !== undefined && !existsSync(workerPath)) {
    throw new Error(`OCR worker script not found: ${workerPath}`);
  }

  let workersCreated = 0;
  let jobsOnWorker = 0;
  let queued = 0;
  let replaceWorker = false;
  let tail: Promise<unknown> = Promise.resolve();

  const startWorker = async (): Promise<Worker> => {
    const created = await createWorker('eng', OEM.LSTM_ONLY, {
      langPath,
      gzip: true,
      cacheMethod: 'none',
      ...(workerPath ? { workerPath } : {}),
      // Without a handler, an error inside the worker (a corrupt image) is thrown outside any promise and
      // takes the whole process down; with it, the job's promise rejects and the next job runs.
      errorHandler: (error: unknown) => logger.warn('tesseract worker error', { error: String(error) }),
    });
    await created.setParameters({
      tessedit_pageseg_mode: pageSegmentation,
      preserve_interword_spaces: '1',
      // Our PNGs carry no resolution; without one tesseract guesses (and prints a warning per image).
      user_defined_dpi: '300',
    });
    workersCreated++;
    jobsOnWorker = 0;
    // The first recognize of a worker is about 3x slower than the next: pay it now, not on a user's scan.
    const warmUp = await sharp({
      create: { width: 240, height: 60, channels: 3, background: '#ffffff' },
    })
      .composite([
        {
          input: Buffer.from(
            '<svg width="240" height="60"><text x="10" y="40" font-size="28" font-family="sans-serif">Water</text></svg>',
          ),
        },
      ])
      .png()
      .toBuffer();
    await created.recognize(warmUp);
    return created;
  };

  let worker: Promise<Worker> = startWorker();
  // Not awaited here (see `ready`); a failed start is seen by the first job, which replaces the worker.
  worker.catch(() => undefined);

  const currentWorker = async (): Promise<Worker> => {
    if (replaceWorker || jobsOnWorker >= maxJobsPerWorker || process.memoryUsage.rss() > maxRssBytes) {
      replaceWorker = false;
      const old = await worker.catch(() => undefined);
      logger.info('recycling the OCR worker', {
        jobs: jobsOnWorker,
        rss_mb: Math.round(process.memoryUsage.rss() / 2 ** 20),
      });
      await old?.terminate().catch(() => undefined);
      worker = startWorker();
    }
    return worker;
  };

  const run = async (image: Uint8Array, signal?: AbortSignal): Promise<OcrResult> => {
    const prepared = await prepareForOcr(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
    signal?.throwIfAborted();
    let active: Worker;
    try {
      active = await currentWorker();
    } catch (error) {
      replaceWorker = true;
      throw new DependencyUnavailableError('ocr', 'The OCR engine could not start.', { cause: error });
    }
    jobsOnWorker++;
    try {
      const { data } = await untilAborted(active.recognize(prepared.pgm), signal);
      return { text: data.text, confidence: Math.max(0, Math.min(1, data.confidence / 100)) };
    } catch (error) {
      // A timed-out job may still occupy the worker; a failed one may have left it broken.
      replaceWorker = true;
      if (signal?.aborted)
        throw new DependencyUnavailableError('ocr', 'Reading the photo took too long.', { cause: error });
      throw new DependencyUnavailableError('ocr', 'The OCR engine failed to read the photo.', {
        cause: error,
      });
    }
  };

  return {
    read(image, signal) {
      if (queued >= maxQueue) {
        return Promise.reject(
          new DependencyUnavailableError(
            'ocr',
            'Too many photos are being read right now; try again shortly.',
            {
              retryAfterSeconds: 2,
            },
          ),
        );
      }
      queued++;
      const job = tail.then(() => run(image, signal));
      tail = job.catch(() => undefined);
      return job.finally(() => {
        queued--;
      });
    },
    async ready() {
      await worker;
    },
    stats: () => ({ workersCreated, jobsOnWorker, queued }),
    async close() {
      await tail;
      await (await worker.catch(() => undefined))?.terminate();
    },
  };
}

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { DependencyUnavailableError, LotusError } from '../domain/errors.ts';
import type { LabelReader, OcrResult } from '../domain/ports.ts';
import type { Logger } from '../observability/logger.ts';
import { untilAborted } from '../shared/abort.ts';
import { describeError } from '../shared/describe-error.ts';
import type { PreparedImage } from './label-image.ts';
import { readPage } from './page-reader.ts';
import { readPhoto } from './photo-readings.ts';

/** How much RSS must grow after a recycle for memory before another one can help. */
const RSS_REGROWTH_BYTES = 256 * 1024 * 1024;

export interface TesseractReaderOptions {
  readonly logger: Logger;
  /** Folder holding `eng.traineddata.gz`; default: the `4.0.0_best_int` data of `@tesseract.js-data/eng`. */
  readonly langPath?: string;
  /** The worker script, for bundles that ship it beside the handler; default: resolved from the package. */
  readonly workerPath?: string;
  /** Scans waiting or running beyond which new ones are refused with 503 + Retry-After. */
  readonly maxQueue?: number;
  /**
   * The longest one photo may hold the engine: a dense page is refused (503) past it rather than making
   * every photo queued behind it miss its deadline. @default 12000
   */
  readonly photoBudgetMs?: number;
  /**
   * OCR workers, one CPU core each: a photo is cut into as many bands, read side by side. The first
   * worker starts at once, each next one when the previous is up and the scans then queued are done (a
   * cold first photo is read by the first worker alone).
   * @default 2 where the process has two cores or more, else 1
   */
  readonly workers?: number;
  /** A worker is replaced after this many jobs (one per band it reads)... */
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
  /**
   * Workers created so far, how many are up, the jobs (photo bands) each current worker has read, and the
   * scans waiting or running (for tests and metrics).
   */
  stats(): { workersCreated: number; workersUp: number; jobs: readonly number[]; queued: number };
  close(): Promise<void>;
}

/** Locates the LSTM-only "best_int" English model shipped by `@tesseract.js-data/eng`. */
export function defaultLangPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

/** A worker and what the pool knows of it. */
interface Slot {
  worker: Promise<Worker>;
  /** Warm and taking jobs. */
  up: boolean;
  /** Its start failed: the next scan starts it again. */
  failed: boolean;
  jobs: number;
  /** Set after a failed or timed-out job: the worker may be broken or still busy. */
  replace: boolean;
}

/**
 * Warm tesseract.js workers, fully offline: the language data comes from npm, nothing is downloaded or
 * cached to disk. Scans run one at a time through a bounded queue (OCR is CPU-bound: more scans at once
 * only make each slower); within a scan, each worker that is up reads one band of the photo, so a scan
 * uses every core it was given. A worker is recycled after N jobs or past an RSS bound, and after a job
 * that failed or timed out. The first worker starts at once, without being waited for
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
    photoBudgetMs = 12_000,
    workers = Math.min(2, os.availableParallelism()),
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
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`OCR workers must be ≥ 1, got ${workers}`);

  let workersCreated = 0;
  /** RSS when workers were last recycled for memory. */
  let rssAtRecycle = 0;
  let queued = 0;
  let closed = false;
  let tail: Promise<unknown> = Promise.resolve();

  const startWorker = async (): Promise<Worker> => {
    const created = await createWorker('eng', OEM.LSTM_ONLY, {
      langPath,
      gzip: true,
      cacheMethod: 'none',
      ...(workerPath ? { workerPath } : {}),
      // Without a handler, an error inside the worker (a corrupt image) is thrown outside any promise and
      // takes the whole process down; with it, the job's promise rejects and the next job runs.
      errorHandler: (error: unknown) =>
        logger.warn('tesseract worker error', { error: describeError(error) }),
    });
    await created.setParameters({
      tessedit_pageseg_mode: pageSegmentation,
      preserve_interword_spaces: '1',
      // Our PNGs carry no resolution; without one tesseract guesses (and prints a warning per image).
      user_defined_dpi: '300',
      // Tesseract drops a text row it takes for noise (many small blobs): on speckled photos that was
      // sometimes a line of ingredients, above all the first line of a band. Hard-style recall with two
      // bands: 0.880 with the check, 0.904-0.912 without (bench:accuracy).
      textord_noise_rejrows: '0',
    });
    workersCreated++;
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

  /** Hands the slot a starting worker; the slot is up once it is warm, or marked to retry if it fails. */
  const boot = (slot: Slot, starting: Promise<Worker>): void => {
    Object.assign(slot, { worker: starting, up: false, failed: false, jobs: 0, replace: false });
    starting.then(
      () => {
        if (slot.worker === starting) slot.up = true;
      },
      (error: unknown) => {
        if (slot.worker !== starting || closed) return;
        slot.failed = true;
        logger.warn('an OCR worker failed to start', { error: describeError(error) });
      },
    );
  };

  const recycle = (slot: Slot): void => {
    const old = slot.worker;
    logger.info('recycling an OCR worker', {
      jobs: slot.jobs,
      rss_mb: Math.round(process.memoryUsage.rss() / 2 ** 20),
    });
    boot(
      slot,
      old
        .then((worker) => worker.terminate())
        .catch(() => undefined)
        .then(startWorker),
    );
  };

  // Each worker starts when the previous one is up and the scans then queued are done: a cold first photo
  // needs one worker, and a second one booting beside it (wasm compilation runs on several threads) would
  // slow it down.
  const slots: Slot[] = [];
  for (let index = 0; index < workers; index++) {
    const previous = slots.at(-1)?.worker;
    const slot = {} as Slot;
    boot(
      slot,
      (previous ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => (index > 0 ? tail : undefined))
        .then(() => {
          if (closed) throw new Error('The OCR reader was closed.');
          return startWorker();
        }),
    );
    slots.push(slot);
  }
  const first = slots[0] as Slot;

  /** Before each scan: workers that failed to start are started again, worn or broken ones replaced. */
  const refresh = (): void => {
    // Memory other parts of the process hold (the embedded database's heap only grows too) is not freed
    // by new workers: recycling again is worth it only once RSS has grown since the last time.
    const rss = process.memoryUsage.rss();
    const overMemory = rss > maxRssBytes && rss > rssAtRecycle + RSS_REGROWTH_BYTES;
    if (overMemory) rssAtRecycle = rss;
    for (const slot of slots) {
      if (slot.failed) boot(slot, startWorker());
      else if (slot.up && (slot.replace || slot.jobs >= maxJobsPerWorker || overMemory)) recycle(slot);
    }
  };

  /** Reads a prepared page with the workers that are up (or the first one, waited for). */
  const readWithWorkers = async (prepared: PreparedImage, signal?: AbortSignal): Promise<OcrResult> => {
    const up = slots.filter((slot) => slot.up);
    const used = up.length > 0 ? up : [first];
    let active: Worker[];
    try {
      active = await Promise.all(used.map((slot) => slot.worker));
    } catch (error) {
      throw new DependencyUnavailableError('ocr', 'The OCR engine could not start.', { cause: error });
    }
    const engines = used.map((slot, index) => async (pgm: Buffer) => {
      slot.jobs++;
      try {
        const { data } = await (active[index] as Worker).recognize(pgm, {}, { text: true, tsv: true });
        return { text: data.text, confidence: data.confidence, tsv: data.tsv ?? '' };
      } catch (error) {
        // A failed job may have left its worker broken.
        slot.replace = true;
        throw error;
      }
    });
    try {
      return await readPage(prepared, engines, signal);
    } catch (error) {
      if (signal?.aborted) {
        // A timed-out job may still occupy its worker.
        for (const slot of used) slot.replace = true;
        throw new DependencyUnavailableError('ocr', 'Reading the photo took too long.', { cause: error });
      }
      throw new DependencyUnavailableError('ocr', 'The OCR engine failed to read the photo.', {
        cause: error,
      });
    }
  };

  const run = async (image: Uint8Array, signal: AbortSignal): Promise<OcrResult> => {
    // On glibc, libvips runs each image operation on one thread (against heap fragmentation). A photo is
    // prepared while the workers that are up wait for it, so it may use as many threads: 123 -> 84 ms per
    // photo with two (bench:accuracy's 200-scan memory run checks that RSS stays flat). A worker still
    // booting needs its core: one thread then.
    sharp.concurrency(Math.max(1, slots.filter((slot) => slot.up).length));
    const bytes = Buffer.from(image.buffer, image.byteOffset, image.byteLength);
    try {
      return await readPhoto(bytes, (prepared) => {
        signal.throwIfAborted();
        refresh();
        return readWithWorkers(prepared, signal);
      });
    } catch (error) {
      if (error instanceof DependencyUnavailableError || !signal.aborted) throw error;
      throw new DependencyUnavailableError('ocr', 'Reading the photo took too long.', { cause: error });
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
              overloaded: true,
            },
          ),
        );
      }
      queued++;
      // A photo whose caller gave up while it waited never takes the engine.
      let started = false;
      const job = tail.then(() => {
        if (signal?.aborted) throw waitedTooLong(signal.reason);
        started = true;
        // The budget counts the photo's own time on the engine, not its wait in the queue.
        const budget = AbortSignal.timeout(photoBudgetMs);
        return run(image, signal ? AbortSignal.any([signal, budget]) : budget);
      });
      tail = job.catch(() => undefined);
      void job.catch(() => undefined).finally(() => queued--);
      // The caller is answered at its deadline even while its photo is still queued behind others.
      return untilAborted(job, signal).catch((error: unknown) => {
        if (error instanceof LotusError || !signal?.aborted) throw error;
        if (!started) throw waitedTooLong(error);
        throw new DependencyUnavailableError('ocr', 'Reading the photo took too long.', { cause: error });
      });
    },
    async ready() {
      await first.worker;
    },
    stats: () => ({
      workersCreated,
      workersUp: slots.filter((slot) => slot.up).length,
      jobs: slots.map((slot) => slot.jobs),
      queued,
    }),
    async close() {
      closed = true;
      await tail;
      await Promise.all(slots.map(async (slot) => (await slot.worker.catch(() => undefined))?.terminate()));
    },
  };
}

/** The answer for a photo that ran out of time waiting for the engine: load, not a failure. */
function waitedTooLong(cause: unknown): DependencyUnavailableError {
  return new DependencyUnavailableError(
    'ocr',
    'Other photos were being read and this one ran out of time waiting; try again in a moment.',
    { cause, retryAfterSeconds: 5, overloaded: true },
  );
}

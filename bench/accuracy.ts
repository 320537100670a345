/**
 * `npm run bench:accuracy [-- --quick | --memory]`: how well photo scans read generated label photos.
 *
 * - Generates the label set (bench/label-images.ts: 14 labels per style, seed 1) into bench/.labels/ when
 *   it is missing, and starts the local API over the shared embedded library as `bench:text` does, with
 *   the tesseract.js reader.
 * - Accuracy per style: every image POSTed as raw bytes to /api/scan (a first pass over one image per
 *   style warms up, then two measured rounds, which must agree); the labels' exact printed text POSTed
 *   as JSON gives the ceiling of the text pipeline.
 * - Latency: warm p50/p95 of POST /api/scan over all images (2 rounds), the reader with its default OCR
 *   workers (two on two cores: a photo is read in two bands side by side). When the native `tesseract` CLI
 *   is on PATH, `tesseract <img> stdout --psm 3` (OMP_THREAD_LIMIT=1, the reader's segmentation) is timed on the same images,
 *   interleaved with the first round (one API scan, then the CLI runs, per image), and its text is scored
 *   through the same text pipeline (POST {"text": cliOutput}), so the two OCR engines compare fairly.
 *   The CLI also runs with its default OpenMP threads (one per core), which on this machine is slower:
 *   one thread is the native engine at its fastest, the yardstick of the ratio.
 * - Memory (default; `--memory` runs only this, `--quick` skips it): RSS of this process (which serves
 *   the API and runs the OCR worker thread) over 200 consecutive photo scans.
 * Writes every figure to bench/results-accuracy.json. Prints figures; asserts nothing.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { prepareForOcr } from '../lambdas/src/adapters/label-image.ts';
import { createTesseractReader, defaultLangPath } from '../lambdas/src/adapters/tesseract-reader.ts';
import { libraryDatabase } from '../tests/support/databases.ts';
import { libraryDataRuntime, startLocalApi, testRuntime } from '../tests/support/local-api.ts';
import {
  DEFAULT_PER_STYLE,
  DEFAULT_SEED,
  type GeneratedLabel,
  generateLabelSet,
  type LabelStyle,
  STYLES,
} from './label-images.ts';

const LABEL_DIR = path.join('bench', '.labels');
const RESULTS_FILE = path.join('bench', 'results-accuracy.json');
const ROUNDS = 2;
const MEMORY_SCANS = 200;
const MEMORY_WARM_UP = 20;
const MEMORY_CHECKPOINTS = [50, 100, 150, 200];
const OCR_TEXT_PREVIEW = 220;
/** The page segmentation our reader uses (automatic, tesseract-reader.ts), so both engines do the same work. */
const CLI_PSM = '3';

const args = new Set(process.argv.slice(2));
const memoryOnly = args.has('--memory');
const runMemory = memoryOnly || !args.has('--quick');
const benchStarted = performance.now();

// ---------------------------------------------------------------------------------------------------------
// Scoring

const DEFINITIONS = {
  truth: 'distinct canonical names printed on the label (by name or alias)',
  matched: 'distinct library entries the report matched (ingredients[].match.name, non-null)',
  found: 'truth names among the matched names',
  recall: 'Σ found / Σ truth over the style (a non-200 answer finds nothing)',
  precision: 'Σ found / Σ matched over the style (wrong = matched entries not on the label)',
  'ingredient-match':
    'mean over labels of the per-label recall (found / truth), every label weighing the same',
  perfect: 'labels whose matched names are exactly the truth',
  unknown: 'names the report read but matched to nothing (OCR garbage or misread names)',
};

const reportSchema = z.object({
  ingredients: z.array(z.object({ name: z.string(), match: z.object({ name: z.string() }).nullable() })),
  ocr: z.object({ text: z.string(), confidence: z.number() }).nullable().optional(),
  warnings: z.array(z.string()).optional(),
  timings_ms: z.record(z.string(), z.number()).optional(),
});
type Report = z.infer<typeof reportSchema>;
const errorSchema = z.object({ error: z.object({ code: z.string() }) });

interface ScanAnswer {
  readonly status: number;
  readonly ms: number;
  readonly report: Report | null;
  readonly errorCode: string | null;
}

interface LabelScore {
  readonly file: string;
  readonly style: LabelStyle;
  readonly status: number;
  readonly errorCode: string | null;
  readonly truth: number;
  readonly found: number;
  readonly matched: number;
  /** Truth ingredients not matched, with the name the label printed. */
  readonly missed: { canonical: string; printed: string }[];
  /** Matched entries that are not on the label, with the name read. */
  readonly wrong: { read: string; matched: string }[];
  /** Names read that matched nothing. */
  readonly unknown: string[];
  readonly confidence: number | null;
  readonly ocrMs: number | null;
  /** Round trip of the request, client side. */
  readonly ms: number;
  readonly warnings: string[];
  readonly ocrText: string | null;
}

function scoreLabel(label: GeneratedLabel, answer: ScanAnswer): LabelScore {
  const truth = new Set(label.ingredients);
  const report = answer.report;
  const matched = new Map<string, string>();
  const unknown: string[] = [];
  for (const ingredient of report?.ingredients ?? []) {
    if (ingredient.match === null) unknown.push(ingredient.name);
    else if (!matched.has(ingredient.match.name)) matched.set(ingredient.match.name, ingredient.name);
  }
  const missed = label.ingredients.flatMap((canonical, index) =>
    matched.has(canonical) ? [] : [{ canonical, printed: label.printed[index] ?? canonical }],
  );
  const wrong = [...matched].flatMap(([name, read]) => (truth.has(name) ? [] : [{ read, matched: name }]));
  return {
    file: label.file,
    style: label.style,
    status: answer.status,
    errorCode: answer.errorCode,
    truth: truth.size,
    found: truth.size - missed.length,
    matched: matched.size,
    missed,
    wrong,
    unknown,
    confidence: report?.ocr?.confidence ?? null,
    ocrMs: report?.timings_ms?.ocr ?? null,
    ms: Math.round(answer.ms),
    warnings: report?.warnings ?? [],
    ocrText: report?.ocr?.text ?? null,
  };
}

interface StyleSummary {
  readonly labels: number;
  readonly truth: number;
  readonly found: number;
  readonly matched: number;
  readonly wrong: number;
  readonly unknown: number;
  readonly recall: number;
  readonly precision: number;
  readonly ingredientMatch: number;
  readonly perfect: number;
  readonly status422: number;
  readonly status503: number;
  readonly otherNon200: number;
  readonly meanConfidence: number | null;
}

function summarize(scores: readonly LabelScore[]): StyleSummary {
  const sum = (value: (score: LabelScore) => number) =>
    scores.reduce((total, score) => total + value(score), 0);
  const truth = sum((score) => score.truth);
  const found = sum((score) => score.found);
  const matched = sum((score) => score.matched);
  const confidences = scores.flatMap((score) => (score.confidence === null ? [] : [score.confidence]));
  return {
    labels: scores.length,
    truth,
    found,
    matched,
    wrong: sum((score) => score.wrong.length),
    unknown: sum((score) => score.unknown.length),
    recall: truth === 0 ? 0 : found / truth,
    precision: matched === 0 ? 0 : found / matched,
    ingredientMatch: scores.length === 0 ? 0 : sum((score) => score.found / score.truth) / scores.length,
    perfect: scores.filter((score) => score.found === score.truth && score.matched === score.truth).length,
    status422: scores.filter((score) => score.status === 422).length,
    status503: scores.filter((score) => score.status === 503).length,
    otherNon200: scores.filter((score) => ![200, 422, 503].includes(score.status)).length,
    meanConfidence:
      confidences.length === 0 ? null : confidences.reduce((a, b) => a + b, 0) / confidences.length,
  };
}

function byStyle(scores: readonly LabelScore[]): Record<LabelStyle | 'overall', StyleSummary> {
  return {
    clean: summarize(scores.filter((score) => score.style === 'clean')),
    photo: summarize(scores.filter((score) => score.style === 'photo')),
    hard: summarize(scores.filter((score) => score.style === 'hard')),
    overall: summarize(scores),
  };
}

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;

function printTable(title: string, table: Record<LabelStyle | 'overall', StyleSummary>): void {
  console.log(title);
  console.log(
    '  style    labels  truth  found  recall  matched  wrong  precision  ingr-match  perfect  unknown  422  503  other  mean conf',
  );
  for (const style of [...STYLES, 'overall'] as const) {
    const row = table[style];
    console.log(
      `  ${style.padEnd(8)} ${String(row.labels).padStart(6)} ${String(row.truth).padStart(6)} ${String(row.found).padStart(6)} ${percent(row.recall).padStart(7)} ${String(row.matched).padStart(8)} ${String(row.wrong).padStart(6)} ${percent(row.precision).padStart(10)} ${percent(row.ingredientMatch).padStart(11)} ${`${row.perfect}/${row.labels}`.padStart(8)} ${String(row.unknown).padStart(8)} ${String(row.status422).padStart(4)} ${String(row.status503).padStart(4)} ${String(row.otherNon200).padStart(6)} ${(row.meanConfidence === null ? '—' : row.meanConfidence.toFixed(2)).padStart(10)}`,
    );
  }
}

function printFailures(title: string, scores: readonly LabelScore[]): void {
  const failures = scores.filter(
    (score) => score.status !== 200 || score.missed.length + score.wrong.length > 0,
  );
  if (failures.length === 0) return;
  console.log(title);
  for (const score of failures) {
    const head = `  ${score.file.padEnd(13)}`;
    if (score.status !== 200) {
      console.log(`${head}${score.status} ${score.errorCode ?? ''}`);
    } else {
      const missed = score.missed.map((miss) =>
        miss.printed === miss.canonical ? miss.canonical : `${miss.canonical} (printed "${miss.printed}")`,
      );
      const wrong = score.wrong.map((item) => `"${item.read}" → ${item.matched}`);
      const parts = [
        missed.length > 0 ? `missed ${missed.join('; ')}` : '',
        wrong.length > 0 ? `wrong ${wrong.join('; ')}` : '',
        score.unknown.length > 0 ? `unknown read ${score.unknown.map((name) => `"${name}"`).join(', ')}` : '',
      ].filter((part) => part !== '');
      console.log(`${head}${parts.join(' | ')}`);
    }
    if (score.ocrText !== null) {
      const preview = score.ocrText.replaceAll(/\s+/g, ' ').slice(0, OCR_TEXT_PREVIEW);
      console.log(`  ${''.padEnd(13)}ocr (conf ${score.confidence?.toFixed(2) ?? '?'}): ${preview}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Timing helpers

interface Latency {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

function latency(durations: readonly number[]): Latency {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { n: sorted.length, p50: round1(at(0.5)), p95: round1(at(0.95)), max: round1(at(1)) };
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const rssMb = () => round1(process.memoryUsage().rss / 1024 / 1024);

// ---------------------------------------------------------------------------------------------------------
// The native tesseract CLI, for comparison

function tesseractVersion(): string | null {
  const probe = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) return null;
  return `${probe.stdout}${probe.stderr}`.split('\n')[0]?.trim() ?? 'tesseract';
}

/**
 * The reader's own language data (`4.0.0_best_int`), unpacked for the CLI, so that one comparison
 * differs only in the engine (native vs wasm) and the preprocessing; the system model (usually the
 * smaller "fast" one) gives the other.
 */
function unpackReaderModel(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lotus-tessdata-'));
  const packed = readFileSync(path.join(defaultLangPath(), 'eng.traineddata.gz'));
  writeFileSync(path.join(dir, 'eng.traineddata'), gunzipSync(packed));
  return dir;
}

function runTesseract(
  file: string,
  tessdataDir?: string,
  extraArgs: readonly string[] = [],
  threads: 'one' | 'default' = 'one',
): Promise<{ text: string; ms: number }> {
  const env = { ...process.env };
  if (threads === 'one') env.OMP_THREAD_LIMIT = '1';
  else delete env.OMP_THREAD_LIMIT;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      'tesseract',
      [
        file,
        'stdout',
        '--psm',
        CLI_PSM,
        ...(tessdataDir ? ['--tessdata-dir', tessdataDir] : []),
        ...extraArgs,
      ],
      { env, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout) => {
        if (error) reject(error);
        else resolve({ text: stdout, ms: performance.now() - started });
      },
    );
  });
}

// ---------------------------------------------------------------------------------------------------------
// Run

const labels = await generateLabelSet(LABEL_DIR, { seed: DEFAULT_SEED, perStyle: DEFAULT_PER_STYLE });
const images = new Map(labels.map((label) => [label.file, readFileSync(path.join(LABEL_DIR, label.file))]));
console.log(
  `Label set: ${labels.length} images (${DEFAULT_PER_STYLE} per style, seed ${DEFAULT_SEED}) in ${LABEL_DIR}; ` +
    `${labels.reduce((sum, label) => sum + label.ingredients.length, 0)} ingredients, ` +
    `${labels.reduce((sum, label) => sum + label.printed.filter((name, index) => name !== label.ingredients[index]).length, 0)} printed by an alias`,
);

const readerStarted = performance.now();
const reader = await createTesseractReader({ logger: testRuntime().logger });
const ocrWorkers = reader.stats().jobs.length;
// The first worker is enough to serve; the figures are for all of them (each starts after the previous).
while (reader.stats().workersUp < ocrWorkers) await new Promise((resolve) => setTimeout(resolve, 25));
console.log(
  `OCR reader ready in ${((performance.now() - readerStarted) / 1000).toFixed(1)} s: ${ocrWorkers} worker(s)`,
);
const data = await libraryDataRuntime(reader);
const api = await startLocalApi(async () => data);

async function post(body: Buffer | string, contentType: string): Promise<ScanAnswer> {
  const started = performance.now();
  let status = 0;
  let payload: unknown = null;
  try {
    const response = await fetch(`${api.url}/api/scan`, {
      method: 'POST',
      headers: { 'Content-Type': contentType },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    status = response.status;
    payload = await response.json().catch(() => null);
  } catch {
    status = 0; // the request itself failed: counted as "other"
  }
  const ms = performance.now() - started;
  const report = status === 200 ? reportSchema.safeParse(payload) : null;
  if (report && !report.success) {
    console.warn(`  a 200 answer did not have the contract's shape: ${report.error.issues[0]?.message}`);
  }
  const error = errorSchema.safeParse(payload);
  return {
    status,
    ms,
    report: report?.success ? report.data : null,
    errorCode: error.success ? error.data.error.code : null,
  };
}

const scanImage = (label: GeneratedLabel) => {
  const bytes = images.get(label.file);
  if (bytes === undefined) throw new Error(`${label.file} was not loaded`);
  return post(bytes, label.file.endsWith('.png') ? 'image/png' : 'image/jpeg');
};
/** Round trips of photo-style scans in the measured rounds: the memory phase's cost per scan. */
const photoScanDurations: number[] = [];
const scanText = (text: string) => post(JSON.stringify({ text }), 'application/json');

const firstLabel = labels[0];
if (firstLabel === undefined) throw new Error('the label set is empty');
const probe = await scanImage(firstLabel);
const imagesServed = probe.status !== 415;
if (!imagesServed) {
  console.log(
    'POST /api/scan answers 415 to images: photo scans are not served yet; API accuracy, latency and memory are skipped.',
  );
} else if (probe.status !== 200) {
  console.log(`The first photo scan answered ${probe.status} ${probe.errorCode ?? ''}; measuring anyway.`);
}
const cliVersion = memoryOnly ? null : tesseractVersion();

const results: Record<string, unknown> = {
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '?', node: process.version },
  set: { dir: LABEL_DIR, seed: DEFAULT_SEED, perStyle: DEFAULT_PER_STYLE, images: labels.length },
  definitions: DEFINITIONS,
  imagesServed,
};

if (!memoryOnly) {
  console.log('Definitions:');
  for (const [name, meaning] of Object.entries(DEFINITIONS)) console.log(`  ${name.padEnd(17)} ${meaning}`);

  // The text pipeline's ceiling: the exact printed text, no OCR.
  const ceiling: LabelScore[] = [];
  for (const label of labels) ceiling.push(scoreLabel(label, await scanText(label.text)));
  const ceilingTable = byStyle(ceiling);
  printTable(
    'Printed text as JSON (no OCR: the ceiling of the text pipeline on these labels):',
    ceilingTable,
  );
  printFailures('  Misses on the exact text:', ceiling);
  results.printedText = {
    byStyle: ceilingTable,
    failures: ceiling.filter((score) => score.found < score.truth),
  };

  if (imagesServed) {
    // The reader warms its worker up when it is created; this pass warms every other path (PNG and JPEG
    // decoding, each style's preprocessing, the 422 path) without spending the time budget twice.
    const warmUp = STYLES.flatMap((style) => labels.find((label) => label.style === style) ?? []);
    process.stdout.write(`Warm-up pass over ${warmUp.length} images (one per style)… `);
    const warmStarted = performance.now();
    for (const label of warmUp) await scanImage(label);
    console.log(`${((performance.now() - warmStarted) / 1000).toFixed(1)} s`);
  }

  const apiDurations: { style: LabelStyle; round: number; ms: number }[] = [];
  const serverOcr: number[] = [];
  const cliDurations: { style: LabelStyle; ms: number }[] = [];
  const cliThreadedDurations: { style: LabelStyle; ms: number }[] = [];
  const cliSameModelDurations: { style: LabelStyle; ms: number }[] = [];
  // Where the time goes: our preprocessing alone, and the native engine (same model) on the image our
  // preprocessing hands to tesseract.js — so the engines compare on identical input.
  const prepareDurations: { style: LabelStyle; ms: number }[] = [];
  const cliPreparedDurations: { style: LabelStyle; ms: number }[] = [];
  const readerModelDir = cliVersion !== null ? unpackReaderModel() : null;
  const rounds: LabelScore[][] = [];
  const cliTexts = new Map<string, string>();
  if (imagesServed || cliVersion !== null) {
    process.stdout.write(
      `Measuring ${imagesServed ? `${ROUNDS} rounds of API scans` : ''}${imagesServed && cliVersion !== null ? ', the first interleaved with ' : ''}${cliVersion !== null ? 'four tesseract CLI runs per image (system model on one thread and on its default threads, reader model on the photo and on our prepared image)' : ''}… `,
    );
    const measureStarted = performance.now();
    for (let round = 0; round < (imagesServed ? ROUNDS : 1); round++) {
      const scores: LabelScore[] = [];
      for (const label of labels) {
        if (imagesServed) {
          const answer = await scanImage(label);
          apiDurations.push({ style: label.style, round, ms: answer.ms });
          if (label.style === 'photo') photoScanDurations.push(answer.ms);
          const score = scoreLabel(label, answer);
          if (score.ocrMs !== null) serverOcr.push(score.ocrMs);
          scores.push(score);
        }
        if (cliVersion !== null && round === 0) {
          const cli = await runTesseract(path.join(LABEL_DIR, label.file));
          cliDurations.push({ style: label.style, ms: cli.ms });
          const threaded = await runTesseract(path.join(LABEL_DIR, label.file), undefined, [], 'default');
          cliThreadedDurations.push({ style: label.style, ms: threaded.ms });
          if (readerModelDir !== null) {
            const sameModel = await runTesseract(path.join(LABEL_DIR, label.file), readerModelDir);
            cliSameModelDurations.push({ style: label.style, ms: sameModel.ms });
            const prepareStarted = performance.now();
            const prepared = await prepareForOcr(images.get(label.file) ?? Buffer.alloc(0));
            prepareDurations.push({ style: label.style, ms: performance.now() - prepareStarted });
            const preparedFile = path.join(readerModelDir, 'prepared.pgm');
            writeFileSync(preparedFile, prepared.pgm);
            // The reader sets 300 dpi too (the PGM carries no resolution).
            const onPrepared = await runTesseract(preparedFile, readerModelDir, ['--dpi', '300']);
            cliPreparedDurations.push({ style: label.style, ms: onPrepared.ms });
          }
          cliTexts.set(label.file, cli.text);
        }
      }
      rounds.push(scores);
    }
    console.log(`${((performance.now() - measureStarted) / 1000).toFixed(1)} s`);
  }

  if (imagesServed) {
    const first = rounds[0] ?? [];
    const table = byStyle(first);
    printTable('Photo scans (POST image bytes to /api/scan, first measured round):', table);
    // The same label must give the same report: compare the rounds.
    const unstable = first.flatMap((score, index) => {
      const again = rounds[1]?.[index];
      return again &&
        (again.status !== score.status || again.found !== score.found || again.matched !== score.matched)
        ? [score.file]
        : [];
    });
    console.log(
      `  rounds agree on ${first.length - unstable.length}/${first.length} labels${unstable.length > 0 ? ` (differ: ${unstable.join(', ')})` : ''}`,
    );
    printFailures('  Misses and wrong matches (photo scans):', first);
    results.api = { byStyle: table, unstable, labels: first };
  }

  if (cliVersion !== null) {
    const cliScores: LabelScore[] = [];
    for (const label of labels) {
      const text = cliTexts.get(label.file) ?? '';
      const answer = await scanText(text);
      cliScores.push({ ...scoreLabel(label, answer), ocrText: text });
    }
    const cliTable = byStyle(cliScores);
    printTable(`Native ${cliVersion} (--psm ${CLI_PSM}), its text through our text pipeline:`, cliTable);
    printFailures('  Misses and wrong matches (tesseract CLI text):', imagesServed ? [] : cliScores);
    results.cli = { version: cliVersion, byStyle: cliTable, labels: cliScores };
  }

  const perStyle = (durations: readonly { style: LabelStyle; ms: number }[]) =>
    Object.fromEntries(
      STYLES.map((style) => [
        style,
        latency(durations.filter((item) => item.style === style).map((item) => item.ms)),
      ]),
    ) as Record<LabelStyle, Latency>;
  const styleLine = (table: Record<LabelStyle, Latency>) =>
    STYLES.map((style) => `${style} ${table[style].p50}/${table[style].p95}`).join(', ');
  const latencyResults: Record<string, unknown> = {};
  if (imagesServed) {
    const apiLatency = latency(apiDurations.map((item) => item.ms));
    const apiByStyle = perStyle(apiDurations);
    const byRound = Array.from(
      { length: ROUNDS },
      (_, round) => latency(apiDurations.filter((item) => item.round === round).map((item) => item.ms)).p50,
    );
    const non200 = rounds.flat().filter((score) => score.status !== 200).length;
    latencyResults.api = {
      ...apiLatency,
      byStyle: apiByStyle,
      p50ByRound: byRound,
      serverOcr: latency(serverOcr),
    };
    console.log(
      `Warm POST /api/scan (image bytes), ${apiLatency.n} requests over ${ROUNDS} rounds (every answer counts; ${non200} were not 200):`,
    );
    console.log(
      `  p50 ${apiLatency.p50} ms   p95 ${apiLatency.p95} ms   max ${apiLatency.max} ms   server ocr p50 ${latency(serverOcr).p50} ms`,
    );
    console.log(`  p50/p95 by style: ${styleLine(apiByStyle)}; p50 by round: ${byRound.join(', ')} ms`);
  }
  if (cliVersion !== null) {
    const cliLatency = latency(cliDurations.map((item) => item.ms));
    const cliByStyle = perStyle(cliDurations);
    latencyResults.cli = { ...cliLatency, byStyle: cliByStyle };
    console.log(
      `Native tesseract CLI (OMP_THREAD_LIMIT=1, --psm ${CLI_PSM}), ${cliLatency.n} runs${imagesServed ? ', interleaved with the first round' : ''}:`,
    );
    console.log(`  p50 ${cliLatency.p50} ms   p95 ${cliLatency.p95} ms   max ${cliLatency.max} ms`);
    console.log(`  p50/p95 by style: ${styleLine(cliByStyle)}`);
    if (imagesServed && apiDurations.length > 0) {
      const ratio = latency(apiDurations.map((item) => item.ms)).p50 / cliLatency.p50;
      latencyResults.ratioP50 = Math.round(ratio * 100) / 100;
      console.log(`  API p50 / CLI p50 = ${ratio.toFixed(2)}`);
    }
    const threaded = latency(cliThreadedDurations.map((item) => item.ms));
    latencyResults.cliThreaded = { ...threaded, byStyle: perStyle(cliThreadedDurations) };
    console.log(
      `Native tesseract CLI with its default OpenMP threads (${os.availableParallelism()} cores), same flags, ${threaded.n} runs:`,
    );
    console.log(`  p50 ${threaded.p50} ms   p95 ${threaded.p95} ms   max ${threaded.max} ms`);
    if (cliSameModelDurations.length > 0) {
      const sameModel = latency(cliSameModelDurations.map((item) => item.ms));
      const sameModelByStyle = perStyle(cliSameModelDurations);
      latencyResults.cliSameModel = { ...sameModel, byStyle: sameModelByStyle };
      console.log(
        `Native tesseract CLI with the reader's language data (4.0.0_best_int), same flags, ${sameModel.n} runs:`,
      );
      console.log(`  p50 ${sameModel.p50} ms   p95 ${sameModel.p95} ms   max ${sameModel.max} ms`);
      console.log(`  p50/p95 by style: ${styleLine(sameModelByStyle)}`);
      if (imagesServed && apiDurations.length > 0) {
        const ratio = latency(apiDurations.map((item) => item.ms)).p50 / sameModel.p50;
        latencyResults.ratioP50SameModel = Math.round(ratio * 100) / 100;
        console.log(`  API p50 / CLI (same model) p50 = ${ratio.toFixed(2)}`);
      }
    }
    if (cliPreparedDurations.length > 0) {
      const prepare = latency(prepareDurations.map((item) => item.ms));
      const onPrepared = latency(cliPreparedDurations.map((item) => item.ms));
      latencyResults.prepare = prepare;
      latencyResults.cliOnPrepared = onPrepared;
      console.log(
        `Our preprocessing alone (prepareForOcr, in this process): p50 ${prepare.p50} ms, p95 ${prepare.p95} ms`,
      );
      console.log(
        `Native CLI (same model) on the image our preprocessing makes: p50 ${onPrepared.p50} ms, p95 ${onPrepared.p95} ms`,
      );
      if (imagesServed && apiDurations.length > 0) {
        const engineRatio = (latency(apiDurations.map((item) => item.ms)).p50 - prepare.p50) / onPrepared.p50;
        latencyResults.engineRatioP50 = Math.round(engineRatio * 100) / 100;
        console.log(
          `  (API p50 − preprocessing p50) / CLI on the prepared image p50 = ${engineRatio.toFixed(2)}: tesseract.js (${ocrWorkers} worker(s), a band each) against one native process on identical input`,
        );
      }
    }
  } else {
    console.log('The native tesseract CLI is not on PATH: no engine comparison.');
  }
  results.latency = { ...latencyResults, ocrWorkers };
}

/** The whole default run must fit in 10 minutes on 2 cores; the memory phase is the one that can wait. */
const BUDGET_SECONDS = 580;
const photoScanMs = latency(photoScanDurations).p50;
const projectedSeconds =
  (performance.now() - benchStarted) / 1000 +
  (MEMORY_SCANS * (Number.isNaN(photoScanMs) ? 0 : photoScanMs)) / 1000;
if (runMemory && imagesServed && !memoryOnly && projectedSeconds > BUDGET_SECONDS) {
  console.log(
    `Memory: skipped — ${MEMORY_SCANS} photo scans at p50 ${photoScanMs} ms would end the run after ${projectedSeconds.toFixed(0)} s (budget ${BUDGET_SECONDS} s); run \`npm run bench:accuracy -- --memory\`.`,
  );
  results.memory = { skipped: `projected ${Math.round(projectedSeconds)} s > ${BUDGET_SECONDS} s` };
} else if (runMemory && imagesServed) {
  const photos = labels.filter((label) => label.style === 'photo');
  process.stdout.write(`Memory: ${MEMORY_SCANS} consecutive photo scans… `);
  const memoryStarted = performance.now();
  const samples: { scans: number; rssMb: number }[] = [];
  let failed = 0;
  for (let scan = 1; scan <= MEMORY_SCANS; scan++) {
    const label = photos[(scan - 1) % photos.length];
    if (label === undefined) break;
    if ((await scanImage(label)).status !== 200) failed++;
    samples.push({ scans: scan, rssMb: rssMb() });
  }
  console.log(`${((performance.now() - memoryStarted) / 1000).toFixed(1)} s`);
  const base = samples.find((sample) => sample.scans === MEMORY_WARM_UP)?.rssMb ?? Number.NaN;
  const after = samples.filter((sample) => sample.scans >= MEMORY_WARM_UP);
  const deviation = Math.max(...after.map((sample) => (100 * Math.abs(sample.rssMb - base)) / base));
  const checkpoints = Object.fromEntries(
    MEMORY_CHECKPOINTS.map((scans) => [
      scans,
      samples.find((sample) => sample.scans === scans)?.rssMb ?? null,
    ]),
  );
  console.log(
    `  RSS after ${MEMORY_WARM_UP} scans ${base} MB; ${MEMORY_CHECKPOINTS.map((scans) => `${scans}: ${checkpoints[scans]} MB`).join(', ')}`,
  );
  console.log(
    `  max deviation from the post-warm-up value ${deviation.toFixed(1)}% (max RSS ${Math.max(...after.map((sample) => sample.rssMb))} MB); non-200 answers ${failed}`,
  );
  results.memory = {
    scans: MEMORY_SCANS,
    warmUpScans: MEMORY_WARM_UP,
    rssAfterWarmUpMb: base,
    checkpointsMb: checkpoints,
    maxDeviationPercent: round1(deviation),
    maxRssMb: Math.max(...after.map((sample) => sample.rssMb)),
    non200: failed,
  };
}

const elapsed = (performance.now() - benchStarted) / 1000;
results.elapsedSeconds = round1(elapsed);
writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
console.log(`Total ${elapsed.toFixed(0)} s; figures written to ${RESULTS_FILE}`);

await api.close();
await data.close();
await reader.close();
await (await libraryDatabase()).db.close();
// An OCR worker the data runtime does not own would keep the process alive after the figures are out.
process.exit(process.exitCode ?? 0);

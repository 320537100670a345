/**
 * `npm run bench:accuracy [-- --quick | --memory | --rounds=N | --per-condition=N | --dev | --dev-seed=N | --only=C,… | --no-cli]`: how well photo scans
 * read photos we did not tune on.
 *
 * - The field-photo set (bench/photos: 12 conditions — clean, photo, hard, small print, two and three
 *   columns, Drug Facts boxes, inverted panels, small in frame, low light, curved with glare, angled — in
 *   nine typefaces) is drawn for two seeds (bench/photos/seeds.json) into bench/.photos/{dev,held-out}.
 *   **Only the held-out figures count**; failures are printed for the dev half alone.
 * - Every photo is POSTed as raw bytes to the local API (embedded library, the tesseract.js reader) after
 *   a warm-up pass; the labels' exact text POSTed as JSON gives the text pipeline's ceiling.
 * - When the native `tesseract` CLI is on PATH (Debian `tesseract-ocr`), it reads the same photos
 *   (`--psm 3`, one thread; the system model and the reader's own model), interleaved with the API scans,
 *   and its text goes through the same text pipeline: latency ratio and accuracy per condition.
 * - Memory (default; `--memory` runs only this, `--quick` skips it): RSS over 200 consecutive photo scans.
 * Writes every figure to bench/results-accuracy.json. Prints figures; asserts nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTesseractReader } from '../lambdas/src/adapters/tesseract-reader.ts';
import { libraryDatabase } from '../tests/support/databases.ts';
import { libraryDataRuntime, startLocalApi, testRuntime } from '../tests/support/local-api.ts';
import {
  byCondition,
  DEFINITIONS,
  errorSchema,
  type LabelScore,
  printFailures,
  printTable,
  reportSchema,
  type ScanAnswer,
  scoreLabel,
} from './lib/photo-score.ts';
import { runTesseract, tesseractVersion, unpackReaderModel } from './lib/tesseract-cli.ts';
import { CONDITIONS, type Condition } from './photos/conditions.ts';
import { DEFAULT_PER_CONDITION, type FieldPhoto, generateFieldSet, SEEDS } from './photos/field-set.ts';

const PHOTO_DIR = path.join('bench', '.photos');
const RESULTS_FILE = path.join('bench', 'results-accuracy.json');
const MEMORY_SCANS = 200;
const MEMORY_WARM_UP = 20;
const MEMORY_CHECKPOINTS = [50, 100, 150, 200];

const argv = process.argv.slice(2);
const option = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const memoryOnly = argv.includes('--memory');
const runMemory = memoryOnly || !argv.includes('--quick');
const rounds = Number(option('rounds') ?? 1);
const perCondition = Number(option('per-condition') ?? DEFAULT_PER_CONDITION);
const benchStarted = performance.now();

/** The two halves: tune on dev; read only the held-out figures. `--dev` runs the dev half alone. */
const ALL_HALVES = [
  // `--dev-seed=N` draws another development set (to check a choice on photos it was not made on).
  { name: 'dev', seed: Number(option('dev-seed') ?? SEEDS.dev) },
  { name: 'held-out', seed: SEEDS.heldOut },
] as const;
type HalfName = (typeof ALL_HALVES)[number]['name'];
const HALVES = argv.includes('--dev') ? ALL_HALVES.slice(0, 1) : ALL_HALVES;
const useCli = !argv.includes('--no-cli');
/** `--only=hard,low-light`: these conditions alone (a tuning loop on the conditions being worked on). */
const only = option('only')?.split(',');
const unknownCondition = only?.find((name) => !(CONDITIONS as readonly string[]).includes(name));
if (unknownCondition !== undefined) throw new Error(`--only: no condition named ${unknownCondition}`);
const conditions = (only ?? CONDITIONS) as readonly Condition[];
interface Photo extends FieldPhoto {
  readonly half: HalfName;
  readonly path: string;
}

const photos: Photo[] = [];
for (const half of HALVES) {
  const dir = path.join(
    PHOTO_DIR,
    half.seed === SEEDS.dev || half.name !== 'dev' ? half.name : `dev-${half.seed}`,
  );
  const set = await generateFieldSet(dir, half.seed, perCondition);
  photos.push(
    ...set
      .filter((photo) => only === undefined || only.includes(photo.condition))
      .map((photo) => ({ ...photo, half: half.name, path: path.join(dir, photo.file) })),
  );
}
const images = new Map(photos.map((photo) => [photo.path, readFileSync(photo.path)]));
console.log(
  `Field photos: ${photos.length} (${perCondition} per condition × ${conditions.length} conditions × ${HALVES.length} seed(s)) in ${PHOTO_DIR}; ` +
    `${photos.reduce((sum, photo) => sum + photo.ingredients.length, 0)} ingredients`,
);

const reader = await createTesseractReader({ logger: testRuntime().logger });
const ocrWorkers = reader.stats().jobs.length;
while (reader.stats().workersUp < ocrWorkers) await new Promise((resolve) => setTimeout(resolve, 25));
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
    status = 0;
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
const scanPhoto = (photo: Photo) =>
  post(images.get(photo.path) ?? Buffer.alloc(0), photo.file.endsWith('.png') ? 'image/png' : 'image/jpeg');
const scanText = (text: string) => post(JSON.stringify({ text }), 'application/json');

const results: Record<string, unknown> = {
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '?', node: process.version },
  set: { dir: PHOTO_DIR, seeds: SEEDS, perCondition, conditions, photos: photos.length },
  definitions: DEFINITIONS,
};
const half = (name: HalfName) => photos.filter((photo) => photo.half === name);
const p50 = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : Math.round(sorted[Math.floor(sorted.length / 2)] as number);
};
/** Round trips of `photo`-condition scans: the memory phase's cost per scan. */
const photoScanMs: number[] = [];

if (!memoryOnly) {
  console.log('Definitions:');
  for (const [name, meaning] of Object.entries(DEFINITIONS)) console.log(`  ${name.padEnd(10)} ${meaning}`);

  for (const { name } of HALVES) {
    const ceiling: LabelScore[] = [];
    for (const photo of half(name)) ceiling.push(scoreLabel(photo, await scanText(photo.text)));
    printTable(
      `Printed text as JSON, ${name} seed (no OCR: the text pipeline's ceiling):`,
      byCondition(ceiling, conditions),
    );
  }

  process.stdout.write('Warm-up pass (one photo per condition)… ');
  for (const condition of conditions) {
    const first = photos.find((photo) => photo.condition === condition);
    if (first) await scanPhoto(first);
  }
  console.log('done');

  const cliVersion = useCli ? tesseractVersion() : null;
  const readerModel = cliVersion === null ? null : unpackReaderModel();
  const scores = new Map<Photo, LabelScore[]>();
  const apiMs = new Map<string, number[]>();
  const cliMs = new Map<string, number[]>();
  const sameModelMs: number[] = [];
  const cliTexts = new Map<Photo, { system: string; same: string }>();
  process.stdout.write(
    `Measuring ${rounds} round(s) of API scans${cliVersion ? ' interleaved with the native CLI (system model, reader model)' : ''}… `,
  );
  const measureStarted = performance.now();
  for (let round = 0; round < rounds; round++) {
    for (const photo of photos) {
      const answer = await scanPhoto(photo);
      scores.set(photo, [...(scores.get(photo) ?? []), scoreLabel(photo, answer)]);
      apiMs.set(photo.condition, [...(apiMs.get(photo.condition) ?? []), answer.ms]);
      if (photo.condition === 'photo') photoScanMs.push(answer.ms);
      if (cliVersion !== null && readerModel !== null && round === 0) {
        const system = await runTesseract(photo.path);
        const same = await runTesseract(photo.path, readerModel);
        cliMs.set(photo.condition, [...(cliMs.get(photo.condition) ?? []), system.ms]);
        sameModelMs.push(same.ms);
        cliTexts.set(photo, { system: system.text, same: same.text });
      }
    }
  }
  console.log(`${((performance.now() - measureStarted) / 1000).toFixed(1)} s`);

  const api: Record<string, unknown> = {};
  for (const { name } of HALVES) {
    const firstRound = half(name).map((photo) => scores.get(photo)?.[0] as LabelScore);
    const table = byCondition(firstRound, conditions);
    printTable(`Photo scans, ${name} seed${name === 'held-out' ? ' (the figures that count)' : ''}:`, table);
    const unstable = half(name).filter((photo) => {
      const [first, ...rest] = scores.get(photo) ?? [];
      return rest.some((again) => again.found !== first?.found || again.matched !== first?.matched);
    });
    if (rounds > 1)
      console.log(`  rounds agree on ${firstRound.length - unstable.length}/${firstRound.length}`);
    // Held-out failures are never printed: reading them would be tuning on them.
    if (name === 'dev') printFailures('  Misses and wrong matches (dev seed):', firstRound);
    api[name] = { byCondition: table, ...(name === 'dev' ? { labels: firstRound } : {}) };
  }
  results.api = api;

  if (cliVersion !== null) {
    const cli: Record<string, unknown> = { version: cliVersion };
    for (const model of ['system', 'same'] as const) {
      for (const { name } of HALVES) {
        const cliScores: LabelScore[] = [];
        for (const photo of half(name)) {
          const text = cliTexts.get(photo)?.[model] ?? '';
          cliScores.push({ ...scoreLabel(photo, await scanText(text)), ocrText: text });
        }
        const table = byCondition(cliScores, conditions);
        printTable(
          `Native ${cliVersion} (--psm 3, ${model === 'system' ? 'system model' : "the reader's model"}), ${name} seed, its text through our text pipeline:`,
          table,
        );
        cli[`${model}/${name}`] = table;
      }
    }
    results.cli = cli;
  } else if (useCli) {
    console.log(
      'The native tesseract CLI is not on PATH (apt-get install tesseract-ocr): no engine comparison.',
    );
  }

  console.log(
    'Warm POST /api/scan p50 by condition (ms), and against the native CLI (system model, one thread):',
  );
  const latency: Record<string, unknown> = {};
  for (const condition of [...conditions, 'overall']) {
    const ours = condition === 'overall' ? [...apiMs.values()].flat() : (apiMs.get(condition) ?? []);
    const native = condition === 'overall' ? [...cliMs.values()].flat() : (cliMs.get(condition) ?? []);
    const ratio = native.length > 0 ? p50(ours) / p50(native) : null;
    latency[condition] = { api: p50(ours), cli: native.length > 0 ? p50(native) : null, ratio };
    console.log(
      `  ${condition.padEnd(16)} ${String(p50(ours)).padStart(6)}${native.length > 0 ? `  cli ${String(p50(native)).padStart(6)}  ratio ${ratio?.toFixed(2)}` : ''}`,
    );
  }
  // The overall figures in the shape bench/run.ts reads.
  const all = (map: Map<string, number[]>) => [...map.values()].flat();
  const summary = (values: readonly number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) =>
      Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
    return { n: sorted.length, p50: at(0.5), p95: at(0.95) };
  };
  const native = all(cliMs);
  results.latency = {
    byCondition: latency,
    ocrWorkers,
    api: summary(all(apiMs)),
    ...(native.length > 0
      ? {
          cli: summary(native),
          cliSameModel: summary(sameModelMs),
          ratioP50: Math.round((100 * p50(all(apiMs))) / p50(native)) / 100,
          ratioP50SameModel: Math.round((100 * p50(all(apiMs))) / p50(sameModelMs)) / 100,
        }
      : {}),
  };
}

/** The default run must fit in 15 minutes on 2 cores; the memory phase is the one that can wait. */
const BUDGET_SECONDS = 900;
const perScan = Number.isNaN(p50(photoScanMs)) ? 0 : p50(photoScanMs);
const projected = (performance.now() - benchStarted) / 1000 + (MEMORY_SCANS * perScan) / 1000;
if (runMemory && !memoryOnly && projected > BUDGET_SECONDS) {
  console.log(`Memory: skipped (would end after ${projected.toFixed(0)} s); run with --memory.`);
  results.memory = { skipped: `projected ${Math.round(projected)} s > ${BUDGET_SECONDS} s` };
} else if (runMemory) {
  const pool = photos.filter((photo) => photo.half === 'dev' && photo.condition === 'photo');
  process.stdout.write(`Memory: ${MEMORY_SCANS} consecutive photo scans… `);
  const samples: number[] = [];
  let failed = 0;
  for (let scan = 1; scan <= MEMORY_SCANS; scan++) {
    const photo = pool[(scan - 1) % pool.length];
    if (photo === undefined) break;
    if ((await scanPhoto(photo)).status !== 200) failed++;
    samples.push(Math.round(process.memoryUsage().rss / 2 ** 20));
  }
  const base = samples[MEMORY_WARM_UP - 1] ?? Number.NaN;
  const after = samples.slice(MEMORY_WARM_UP - 1);
  const deviation = Math.max(...after.map((rss) => (100 * Math.abs(rss - base)) / base));
  const checkpoints = Object.fromEntries(
    MEMORY_CHECKPOINTS.map((scans) => [scans, samples[scans - 1] ?? null]),
  );
  console.log(
    `RSS after ${MEMORY_WARM_UP} scans ${base} MB; ${MEMORY_CHECKPOINTS.map((scans) => `${scans}: ${checkpoints[scans]} MB`).join(', ')}; max deviation ${deviation.toFixed(1)}%; non-200 ${failed}`,
  );
  results.memory = {
    scans: MEMORY_SCANS,
    rssAfterWarmUpMb: base,
    checkpointsMb: checkpoints,
    maxDeviationPercent: Math.round(deviation * 10) / 10,
    non200: failed,
  };
}

const elapsed = (performance.now() - benchStarted) / 1000;
results.elapsedSeconds = Math.round(elapsed);
writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
console.log(`Total ${elapsed.toFixed(0)} s; figures written to ${RESULTS_FILE}`);

await api.close();
await data.close();
await reader.close();
await (await libraryDatabase()).db.close();
// An OCR worker the data runtime does not own would keep the process alive after the figures are out.
process.exit(process.exitCode ?? 0);

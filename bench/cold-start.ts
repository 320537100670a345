/**
 * Cold starts of the *bundled* handlers: the dev API stack is synthesised with real local esbuild
 * bundling (the code path of tests/infra/scan-bundle.test.ts), then, per run, a fresh `node` process
 * imports an asset's `index.mjs` as Lambda does and invokes the handler with one API Gateway event.
 * Measured: from spawning the process to its first response (as the parent sees it), and inside the
 * child, Node's own clock at that moment (time since its time origin). Runs are interleaved across
 * the cases, so a slow minute of the machine spreads over all of them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ENVIRONMENTS } from '../infra/config.ts';
import { OCR_ASSET_PATHS, ocrWorkersFor } from '../infra/constructs/lotus-function.ts';
import { repoRoot } from '../infra/paths.ts';
import { synthWithBundling } from '../tests/infra/synth.ts';
import { apiEvent } from '../tests/support/api-event.ts';
import { libraryDatabase } from '../tests/support/databases.ts';
import { bundledFunctionEnv } from '../tests/support/lambda-env.ts';
import { startPostgrestServer } from '../tests/support/postgrest-server.ts';
import { type Spread, spread } from './lib/stats.ts';

/** Imports the bundle, answers one event, prints one JSON line, exits (the OCR worker would linger). */
const RUNNER = `
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
const [assetDir, eventFile] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const { handler } = await import(pathToFileURL(path.join(assetDir, 'index.mjs')).href);
// Lambda may initialise a function before a request arrives (proactive initialisation, provisioned
// concurrency): BENCH_INVOKE_AFTER_MS leaves the init phase that long before invoking.
const after = Number(process.env.BENCH_INVOKE_AFTER_MS ?? 0);
if (after > 0) await new Promise((resolve) => setTimeout(resolve, after));
const context = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 25_000 };
const invoked = performance.now();
const response = await handler(event, context);
const now = performance.now();
process.stdout.write(JSON.stringify({ statusCode: response.statusCode, sinceOrigin: now, invokeMs: now - invoked, body: response.body.slice(0, 300) }) + '\\n');
process.exit(0);
`;

export type ColdCase = 'health' | 'ready' | 'scan text' | 'scan photo' | 'scan photo after init';

/** How long the "after init" case leaves between loading the handler and invoking it. */
export const INVOKE_AFTER_INIT_MS = 2_000;

export interface BundleSize {
  readonly route: string;
  readonly indexKb: number;
  readonly assetKb: number;
  readonly files: number;
}

export interface ColdStartResult {
  readonly runs: number;
  readonly bundleSeconds: number;
  readonly sizes: BundleSize[];
  /** Process spawn → first response, parent's clock (ms). */
  readonly firstResponseMs: Record<ColdCase, Spread>;
  /** The child's `performance.now()` at its first response (ms since Node's time origin). */
  readonly inProcessMs: Record<ColdCase, Spread>;
  /** Invocation → response inside the child: what the request waits once the handler is loaded (ms). */
  readonly invokeMs: Record<ColdCase, Spread>;
  /** Status codes seen per case (all runs). */
  readonly statuses: Record<ColdCase, number[]>;
}

interface ProxyEvent {
  readonly method: string;
  readonly path: string;
  readonly contentType?: string;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
}

async function directorySize(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
    files++;
  }
  return { bytes, files };
}

/** Spawns one cold process; resolves with both clocks once its first response line arrives. */
function coldRun(
  runner: string,
  asset: string,
  eventFile: string,
  env: Record<string, string>,
): Promise<{ ms: number; sinceOrigin: number; invokeMs: number; statusCode: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [runner, asset, eventFile], {
      cwd: asset,
      // As the function configuration sets NODE_OPTIONS (infra/constructs/lotus-function.ts).
      env: bundledFunctionEnv({ NODE_OPTIONS: '--enable-source-maps', ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let done = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n')[0];
      if (!done && stdout.includes('\n') && line !== undefined) {
        done = true;
        const ms = performance.now() - started;
        const parsed = JSON.parse(line) as { statusCode: number; sinceOrigin: number; invokeMs: number };
        resolve({
          ms,
          sinceOrigin: parsed.sinceOrigin,
          invokeMs: parsed.invokeMs,
          statusCode: parsed.statusCode,
        });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code) => {
      if (!done) reject(new Error(`cold run of ${asset} exited with ${code}: ${stderr.slice(0, 2000)}`));
    });
  });
}

/** Bundles the dev API stack, then measures `runs` cold starts of each case, interleaved. */
export async function measureColdStarts(runs: number): Promise<ColdStartResult> {
  const outdir = mkdtempSync(path.join(tmpdir(), 'lotus-bench-bundle-'));
  const postgrest = await startPostgrestServer({ db: (await libraryDatabase()).db });
  try {
    const bundleStarted = performance.now();
    const { template } = synthWithBundling('dev', outdir, {
      os: 'linux',
      cpu: process.arch === 'arm64' ? 'arm64' : 'x64',
    });
    const bundleSeconds = (performance.now() - bundleStarted) / 1000;
    const functions = template.findResources('AWS::Lambda::Function') as Record<
      string,
      { Metadata: Record<string, string>; Properties: { Description: string } }
    >;
    const assets = new Map(
      Object.values(functions).map((fn) => [
        fn.Properties.Description.split(':')[0] ?? '',
        path.join(outdir, fn.Metadata['aws:asset:path'] ?? 'missing'),
      ]),
    );
    const sizes: BundleSize[] = [];
    for (const [route, asset] of [...assets].sort(([a], [b]) => a.localeCompare(b))) {
      const whole = await directorySize(asset);
      sizes.push({
        route,
        indexKb: Math.round(statSync(path.join(asset, 'index.mjs')).size / 1024),
        assetKb: Math.round(whole.bytes / 1024),
        files: whole.files,
      });
    }
    const asset = (route: string) => {
      const found = assets.get(route);
      if (found === undefined) throw new Error(`no bundled function for ${route}`);
      return found;
    };
    const scanAsset = asset('POST /api/scan');
    const supabase = { SUPABASE_URL: postgrest.url, SUPABASE_SERVICE_ROLE_KEY: 'service-role-key-for-bench' };
    const ocr = {
      OCR: 'tesseract',
      OCR_LANG_PATH: path.join(scanAsset, OCR_ASSET_PATHS.lang),
      OCR_WORKER_PATH: path.join(scanAsset, OCR_ASSET_PATHS.worker),
      // As the prod function sets it: 3.5 GB buys two vCPUs, the cores of the machine this bench targets.
      OCR_WORKERS: String(ocrWorkersFor(ENVIRONMENTS.prod.scanFunction.memoryMiB)),
    };
    const photoEvent: ProxyEvent = {
      method: 'POST',
      path: '/api/scan',
      contentType: 'image/png',
      body: readFileSync(path.join(repoRoot, 'tests/fixtures/images/clean.png')).toString('base64'),
      isBase64Encoded: true,
    };
    const cases: Record<ColdCase, { asset: string; event: ProxyEvent; env: Record<string, string> }> = {
      health: { asset: asset('GET /health'), event: { method: 'GET', path: '/health' }, env: { OCR: 'off' } },
      ready: {
        asset: asset('GET /ready'),
        event: { method: 'GET', path: '/ready' },
        env: { OCR: 'off', ...supabase },
      },
      'scan text': {
        asset: scanAsset,
        event: {
          method: 'POST',
          path: '/api/scan',
          contentType: 'application/json',
          body: JSON.stringify({
            text: 'Ingredients: Rayon, Cotton, Polyester, Fragrance, Titanium Dioxide.',
          }),
        },
        env: { ...ocr, ...supabase },
      },
      'scan photo': {
        asset: scanAsset,
        event: photoEvent,
        env: { ...ocr, ...supabase },
      },
      'scan photo after init': {
        asset: scanAsset,
        event: photoEvent,
        env: { ...ocr, ...supabase, BENCH_INVOKE_AFTER_MS: String(INVOKE_AFTER_INIT_MS) },
      },
    };
    const runner = path.join(outdir, 'cold-runner.mjs');
    writeFileSync(runner, RUNNER);
    const names = Object.keys(cases) as ColdCase[];
    const eventFiles = new Map(
      names.map((name, index) => {
        const file = path.join(outdir, `event-${index}.json`);
        writeFileSync(file, JSON.stringify(apiEvent({ ...cases[name].event, requestId: 'bench' })));
        return [name, file];
      }),
    );
    const samples = new Map(
      names.map((name) => [
        name,
        { ms: [] as number[], origin: [] as number[], invoke: [] as number[], status: [] as number[] },
      ]),
    );
    for (let run = 0; run < runs; run++) {
      for (const name of names) {
        const { asset: dir, env } = cases[name];
        const result = await coldRun(runner, dir, eventFiles.get(name) ?? '', env);
        const sample = samples.get(name);
        sample?.ms.push(result.ms);
        sample?.origin.push(result.sinceOrigin);
        sample?.invoke.push(result.invokeMs);
        sample?.status.push(result.statusCode);
      }
    }
    const table = <T>(pick: (name: ColdCase) => T) =>
      Object.fromEntries(names.map((name) => [name, pick(name)])) as Record<ColdCase, T>;
    return {
      runs,
      bundleSeconds: Math.round(bundleSeconds * 10) / 10,
      sizes,
      firstResponseMs: table((name) => spread(samples.get(name)?.ms ?? [])),
      inProcessMs: table((name) => spread(samples.get(name)?.origin ?? [])),
      invokeMs: table((name) => spread(samples.get(name)?.invoke ?? [])),
      statuses: table((name) => samples.get(name)?.status ?? []),
    };
  } finally {
    await postgrest.close();
    rmSync(outdir, { recursive: true, force: true });
  }
}

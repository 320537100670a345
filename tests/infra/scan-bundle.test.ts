import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OCR_ASSET_PATHS } from '../../infra/constructs/lotus-function.ts';
import { repoRoot } from '../../infra/paths.ts';
import { apiEvent } from '../support/api-event.ts';
import { libraryDatabase } from '../support/databases.ts';
import { bundledFunctionEnv } from '../support/lambda-env.ts';
import { type PostgrestServer, startPostgrestServer } from '../support/postgrest-server.ts';
import { synthWithBundling } from './synth.ts';

/*
 * The one test that bundles for real: the dev API stack is synthesised with local esbuild into a temp
 * folder, then each handler is imported from its asset folder by a separate Node 22 process. The asset
 * folder sits outside the repository, so nothing can be resolved from the project's node_modules: if the
 * bundle, the worker, the wasm core, the language data or sharp were missing, these requests would fail.
 * sharp is installed for this machine's CPU (the deployed asset gets linux-arm64; all else is identical).
 */

const execFileAsync = promisify(execFile);

/** Imports `<asset>/index.mjs` as Lambda does and answers each event; prints the responses as JSON. */
const RUNNER = `
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
const [assetDir, eventsFile] = process.argv.slice(2);
const { handler } = await import(pathToFileURL(path.join(assetDir, 'index.mjs')).href);
const context = { awsRequestId: 'bundle-test', functionName: 'bundle-test', getRemainingTimeInMillis: () => 25_000 };
const responses = [];
for (const event of JSON.parse(readFileSync(eventsFile, 'utf8'))) responses.push(await handler(event, context));
process.stdout.write(JSON.stringify({ node: process.version, responses }));
process.exit(0); // the OCR worker thread would keep the process alive
`;

interface ProxyResponse {
  statusCode: number;
  headers?: Record<string, string>;
  body: string;
}

describe('the bundled dev functions, run from their asset folders with Node 22', () => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'lotus-bundle-'));
  let assets: Record<string, string> = {};
  let postgrest: PostgrestServer;

  beforeAll(async () => {
    const { template } = synthWithBundling('dev', outdir, {
      os: 'linux',
      cpu: process.arch === 'arm64' ? 'arm64' : 'x64',
    });
    const functions = template.findResources('AWS::Lambda::Function') as Record<
      string,
      { Metadata: Record<string, string>; Properties: { Description: string } }
    >;
    assets = Object.fromEntries(
      Object.values(functions).map((fn) => [
        fn.Properties.Description.split(':')[0] ?? '',
        path.join(outdir, fn.Metadata['aws:asset:path'] ?? 'missing'),
      ]),
    );
    postgrest = await startPostgrestServer({ db: (await libraryDatabase()).db });
  });

  afterAll(async () => {
    await postgrest?.close();
    rmSync(outdir, { recursive: true, force: true });
  });

  async function invoke(asset: string | undefined, events: unknown[], env: Record<string, string> = {}) {
    if (!asset) throw new Error('asset not found');
    const runner = path.join(outdir, 'run-handler.mjs');
    const eventsFile = path.join(outdir, `events-${Date.now()}.json`);
    writeFileSync(runner, RUNNER);
    writeFileSync(eventsFile, JSON.stringify(events));
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      ['--enable-source-maps', runner, asset, eventsFile],
      {
        cwd: asset,
        env: bundledFunctionEnv(env),
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const result = JSON.parse(stdout) as { node: string; responses: ProxyResponse[] };
    expect(result.node).toMatch(/^v22\./);
    // The function's own log lines (warnings and errors) explain a failed expectation.
    return result.responses.map((response) => ({
      ...response,
      json: JSON.parse(response.body),
      logs: stderr,
    }));
  }

  it('ships small bundles without the OCR stack for every function but scan', async () => {
    for (const route of [
      'GET /health',
      'GET /ready',
      'GET /api/ingredients[/{id}]',
      'GET /api/openapi.json',
    ]) {
      const asset = assets[route] ?? 'missing';
      expect(await readdir(asset), route).toEqual(['index.mjs', 'index.mjs.map']);
      expect(statSync(path.join(asset, 'index.mjs')).size, route).toBeLessThan(3 * 2 ** 20);
      expect(readFileSync(path.join(asset, 'index.mjs'), 'utf8'), route).not.toMatch(
        /tesseract-core|libvips/,
      );
    }
  });

  it('ships the OCR worker, the wasm cores it loads on Node 22, the best_int data and sharp beside the scan handler', () => {
    const asset = assets['POST /api/scan'] ?? 'missing';
    for (const file of [
      'index.mjs',
      OCR_ASSET_PATHS.worker,
      path.join(OCR_ASSET_PATHS.lang, 'eng.traineddata.gz'),
      path.join(OCR_ASSET_PATHS.core, 'tesseract-core-relaxedsimd.wasm'),
      path.join(OCR_ASSET_PATHS.core, 'tesseract-core-simd.wasm'),
      'node_modules/sharp/package.json',
      `node_modules/@img/sharp-linux-${process.arch}/package.json`,
    ]) {
      expect(existsSync(path.join(asset, file)), file).toBe(true);
    }
    // Never loaded by tesseract.js 7 in Node (see TESSERACT_CORE_FILES): 2.9 MB each, left out.
    expect(existsSync(path.join(asset, OCR_ASSET_PATHS.core, 'tesseract-core-relaxedsimd-lstm.wasm'))).toBe(
      false,
    );
    // node-fetch (tesseract.js's fallback without a global fetch) and the URL tables it brings stay out.
    const bundle = readFileSync(path.join(asset, 'index.mjs'), 'utf8');
    expect(bundle).not.toMatch(/xn--|punycode|whatwg-url/);
    expect(existsSync(path.join(asset, 'node_modules/node-fetch'))).toBe(false);
  });

  it('answers GET /health from the health bundle', async () => {
    const [health] = await invoke(assets['GET /health'], [apiEvent({ method: 'GET', path: '/health' })], {
      OCR: 'off',
    });
    expect(health?.statusCode).toBe(200);
    expect(health?.json).toMatchObject({ status: 'healthy', service: 'lotus-api', environment: 'dev' });
  });

  it('scans a text and a photo with the scan bundle: Supabase store, OCR worker from the shipped files', async () => {
    const asset = assets['POST /api/scan'] ?? 'missing';
    const truth = (
      JSON.parse(readFileSync(path.join(repoRoot, 'tests/fixtures/images/truth.json'), 'utf8')) as {
        file: string;
        ingredients: string[];
      }[]
    ).find((image) => image.file === 'clean.png');
    const photo = readFileSync(path.join(repoRoot, 'tests/fixtures/images/clean.png')).toString('base64');
    const [text, image] = await invoke(
      asset,
      [
        apiEvent({
          method: 'POST',
          path: '/api/scan',
          contentType: 'application/json',
          body: JSON.stringify({
            text: 'Ingredients: Rayon, Cotton, Polyester, Fragrance, Titanium Dioxide.',
          }),
        }),
        apiEvent({
          method: 'POST',
          path: '/api/scan',
          contentType: 'image/png',
          body: photo,
          isBase64Encoded: true,
        }),
      ],
      {
        OCR: 'tesseract',
        OCR_LANG_PATH: path.join(asset, OCR_ASSET_PATHS.lang),
        OCR_WORKER_PATH: path.join(asset, OCR_ASSET_PATHS.worker),
        SUPABASE_URL: postgrest.url,
        SUPABASE_SERVICE_ROLE_KEY: 'service-role-key-for-tests',
      },
    );

    expect(text?.statusCode, `${text?.body}\n${text?.logs}`).toBe(200);
    expect(text?.json.source).toBe('text');
    const matchedNames = (response: typeof text) =>
      ((response?.json.ingredients ?? []) as { match: { name: string } | null }[]).map((i) => i.match?.name);
    const textMatches = matchedNames(text);
    expect(textMatches).toEqual(expect.arrayContaining(['Rayon', 'Cotton', 'Polyester', 'Fragrance']));
    // The store answered over HTTP (the embedded database is not in the bundle).
    expect(
      postgrest.requests.some((request) => request.path === '/rest/v1/rpc/match_ingredients_with_sources'),
    ).toBe(true);

    expect(image?.statusCode, `${image?.body}\n${image?.logs}`).toBe(200);
    expect(image?.json.source).toBe('image');
    const read = matchedNames(image);
    const found = (truth?.ingredients ?? []).filter((name) => read.includes(name));
    expect(found.length, `read: ${read.join(', ')}`).toBeGreaterThanOrEqual(4);
  });

  it('answers a 5 MB photo with a 413 payload_too_large in JSON from the scan bundle', async () => {
    // A JPEG's first bytes, then filler: the size is checked before anything is decoded.
    const photo = Buffer.alloc(5 * 1024 * 1024, 0x20);
    photo.set([0xff, 0xd8, 0xff, 0xe0]);
    const [response] = await invoke(
      assets['POST /api/scan'],
      [
        apiEvent({
          method: 'POST',
          path: '/api/scan',
          contentType: 'image/jpeg',
          headers: { Origin: 'http://localhost:5173' },
          body: photo.toString('base64'),
          isBase64Encoded: true,
        }),
      ],
      { OCR: 'off', SUPABASE_URL: postgrest.url, SUPABASE_SERVICE_ROLE_KEY: 'service-role-key-for-tests' },
    );

    expect(response?.statusCode, `${response?.body}\n${response?.logs}`).toBe(413);
    expect(response?.headers).toMatchObject({
      'Content-Type': 'application/json',
      'Access-Control-Allow-Origin': 'http://localhost:5173',
    });
    expect(response?.json).toEqual({
      error: {
        code: 'payload_too_large',
        message: 'The request body is larger than 4 MB.',
        request_id: expect.any(String),
      },
    });
  });
});

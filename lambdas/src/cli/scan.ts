import { readFile } from 'node:fs/promises';
import { type Config, parseConfig } from '../config/config.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';
import { NoIngredientsFoundError } from '../domain/errors.ts';
import { detectImageType, SUPPORTED_IMAGE_TYPES } from '../domain/image-type.ts';
import type { EmbeddedLibrary } from '../local/embedded-library.ts';
import { type Logger, makeLogger } from '../observability/logger.ts';
import { describeError } from '../shared/describe-error.ts';
import type { ScanReport } from '../use-cases/scan-label.ts';
import { loadDotEnv } from './env.ts';

/** `npm run scan -- <image-or-text-file> [--json]`: one scan on this machine, printed as a table or JSON. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const file = args.find((arg) => !arg.startsWith('--'));
  if (!file) {
    console.error('Usage: npm run scan -- <label photo (JPEG/PNG/WebP) or text file> [--json]');
    process.exit(2);
  }
  loadDotEnv();
  // Logs would drown the table: only warnings and errors, on stderr's behalf of the runtime.
  const config = parseConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARN' });
  const logger = makeLogger(config);
  const bytes = await readFile(file);
  try {
    const report = await scan(config, logger, bytes);
    console.log(json ? JSON.stringify(report, null, 2) : table(report));
  } catch (error) {
    if (error instanceof NoIngredientsFoundError) {
      console.error(`${error.message}\n--- text read ---\n${error.text}`);
      process.exitCode = 3;
    } else {
      throw error;
    }
  }
}

/**
 * Scans in this process on the embedded library; when `npm start` holds the data dir (two processes
 * would corrupt it), through that server instead.
 */
async function scan(config: Config, logger: Logger, bytes: Buffer): Promise<ScanReport> {
  const isImage = SUPPORTED_IMAGE_TYPES.includes(detectImageType(bytes));
  const { makeLocalEmbedder } = await import('../adapters/local-embedder.ts');
  const { openEmbeddedLibrary } = await import('../local/embedded-library.ts');
  const { assembleDataRuntime } = await import('../runtime.ts');
  const embedder = makeLocalEmbedder();
  let library: EmbeddedLibrary;
  try {
    library = await openEmbeddedLibrary({ dataDir: config.LOTUS_DATA_DIR, embedder, logger });
  } catch (error) {
    if (!(error instanceof DataDirLockedError) || error.holder.url === undefined) throw error;
    const { command, pid, url } = error.holder;
    // On stderr: the report on stdout stays the same as a local scan's.
    console.error(`The data dir is in use by ${command} (process ${pid}): scanning through ${url}.`);
    return scanThroughServer(url, bytes);
  }
  const reader = isImage
    ? await (await import('../adapters/tesseract-reader.ts')).createTesseractReader({ logger })
    : undefined;
  try {
    const { scanLabel } = assembleDataRuntime(
      { store: library.store, embedder, ...(reader ? { reader } : {}) },
      logger,
    );
    return await scanLabel(
      isImage ? { source: 'image', image: bytes } : { source: 'text', text: bytes.toString('utf8') },
    );
  } finally {
    await reader?.close();
    await library.close();
  }
}

/**
 * `POST /api/scan` on the running server: a photo as its bytes, text as JSON. The answer comes back as the
 * report a local scan gives (without the response's scan and request ids), its errors as a local scan's.
 */
async function scanThroughServer(url: string, bytes: Buffer): Promise<ScanReport> {
  const type = detectImageType(bytes);
  const isImage = SUPPORTED_IMAGE_TYPES.includes(type);
  let response: Response;
  try {
    response = await fetch(`${url}/api/scan`, {
      method: 'POST',
      headers: { 'Content-Type': isImage ? `image/${type}` : 'application/json' },
      body: isImage ? new Uint8Array(bytes) : JSON.stringify({ text: bytes.toString('utf8') }),
    });
  } catch (error) {
    throw new Error(`The server at ${url} holding the data dir did not answer`, { cause: error });
  }
  const body = (await response.json().catch(() => ({}))) as ServerAnswer;
  if (response.ok) {
    const { scan_id: _scanId, request_id: _requestId, error: _error, ...report } = body;
    return report as ScanReport;
  }
  const { error } = body;
  if (error?.code === 'no_ingredients_found') {
    throw new NoIngredientsFoundError(error.message ?? '', error.text ?? '');
  }
  throw new Error(
    `The server at ${url} answered ${response.status}: ${error?.message ?? response.statusText}`,
  );
}

/** `POST /api/scan`'s body: the report with the response's ids, or an error. */
type ServerAnswer = Partial<ScanReport> & {
  scan_id?: string;
  request_id?: string;
  error?: { code?: string; message?: string; text?: string };
};

function table(report: ScanReport): string {
  const rows = report.ingredients.map((item) => [
    String(item.position),
    item.name,
    item.match ? `${item.match.name} (${item.match.method} ${item.match.similarity})` : '—',
    item.risk_level,
  ]);
  const header = ['#', 'on the label', 'library match', 'risk'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  const { summary } = report;
  return [
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    '',
    `Overall: ${summary.overall_risk_level} (score ${summary.risk_score}/100) — high ${summary.counts.high}, medium ${summary.counts.medium}, low ${summary.counts.low}, unknown ${summary.counts.unknown}`,
    ...(report.ocr ? [`OCR confidence: ${report.ocr.confidence.toFixed(2)}`] : []),
    ...(report.warnings.length > 0 ? [`Warnings: ${report.warnings.join(', ')}`] : []),
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(describeError(error));
  process.exit(1);
});

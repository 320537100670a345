import { readFile } from 'node:fs/promises';
import { parseConfig } from '../config/config.ts';
import { NoIngredientsFoundError } from '../domain/errors.ts';
import { detectImageType, SUPPORTED_IMAGE_TYPES } from '../domain/image-type.ts';
import { makeLogger } from '../observability/logger.ts';
import { describeError } from '../shared/describe-error.ts';
import type { ScanInput, ScanReport } from '../use-cases/scan-label.ts';
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
  const isImage = SUPPORTED_IMAGE_TYPES.includes(detectImageType(bytes));
  const input: ScanInput = isImage
    ? { source: 'image', image: bytes }
    : { source: 'text', text: bytes.toString('utf8') };

  const { makeLocalEmbedder } = await import('../adapters/local-embedder.ts');
  const { openEmbeddedLibrary } = await import('../local/embedded-library.ts');
  const { assembleDataRuntime } = await import('../runtime.ts');
  const embedder = makeLocalEmbedder();
  const library = await openEmbeddedLibrary({ dataDir: config.LOTUS_DATA_DIR, embedder, logger });
  const reader = isImage
    ? await (await import('../adapters/tesseract-reader.ts')).createTesseractReader({ logger })
    : undefined;
  try {
    const { scanLabel } = assembleDataRuntime(
      { store: library.store, embedder, ...(reader ? { reader } : {}) },
      logger,
    );
    const report = await scanLabel(input);
    console.log(json ? JSON.stringify(report, null, 2) : table(report));
  } catch (error) {
    if (error instanceof NoIngredientsFoundError) {
      console.error(`${error.message}\n--- text read ---\n${error.text}`);
      process.exitCode = 3;
    } else {
      throw error;
    }
  } finally {
    await reader?.close();
    await library.close();
  }
}

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

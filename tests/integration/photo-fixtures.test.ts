import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTesseractReader, type TesseractReader } from '../../lambdas/src/adapters/tesseract-reader.ts';
import { repoRoot } from '../../lambdas/src/config/config.ts';
import { makeLogger } from '../../lambdas/src/observability/logger.ts';
import type { ScanLabel } from '../../lambdas/src/use-cases/scan-label.ts';
import { libraryDataRuntime } from '../support/local-api.ts';

const DIR = path.join(repoRoot, 'tests', 'fixtures', 'images');
const truth = JSON.parse(readFileSync(path.join(DIR, 'truth.json'), 'utf8')) as {
  file: string;
  style: 'clean' | 'photo' | 'hard';
  ingredients: string[];
}[];

/** Share of the label's ingredients that must be identified, per style: the photo-scan issue's floor. */
const FLOOR = { clean: 1, photo: 1, hard: 0.85 };

describe('OCR end to end on the committed label photos (offline)', () => {
  let reader: TesseractReader;
  let scanLabel: ScanLabel;

  beforeAll(async () => {
    reader = await createTesseractReader({
      logger: makeLogger({ LOG_LEVEL: 'SILENT', ENVIRONMENT: 'test' }),
    });
    ({ scanLabel } = await libraryDataRuntime(reader));
  });
  afterAll(() => reader.close());

  it.each(truth)('identifies the ingredients of $file ($style)', async ({ file, style, ingredients }) => {
    const report = await scanLabel({ source: 'image', image: readFileSync(path.join(DIR, file)) });

    const matched = new Set(report.ingredients.flatMap((item) => (item.match ? [item.match.name] : [])));
    const found = ingredients.filter((name) => matched.has(name));
    expect(found.length / ingredients.length, report.ocr?.text).toBeGreaterThanOrEqual(FLOOR[style]);
    // Nothing identified that is not on the label.
    expect(
      [...matched].filter((name) => !ingredients.includes(name)),
      report.ocr?.text,
    ).toEqual([]);
  });
});

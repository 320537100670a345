import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTesseractReader, type TesseractReader } from '../../lambdas/src/adapters/tesseract-reader.ts';
import { repoRoot } from '../../lambdas/src/config/config.ts';
import type { Box } from '../../lambdas/src/domain/ports.ts';
import { makeLogger } from '../../lambdas/src/observability/logger.ts';
import type { ScanLabel, ScanReport } from '../../lambdas/src/use-cases/scan-label.ts';
import { libraryDataRuntime } from '../support/local-api.ts';

const CLEAN = readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'images', 'clean.png'));

const centre = (box: Box) => [box[0] + box[2] / 2, box[1] + box[3] / 2] as const;

/** Each identified ingredient's box centre, by library name. */
function centres(report: ScanReport): Map<string, readonly [number, number]> {
  return new Map(
    report.ingredients.flatMap((item) =>
      item.match && item.bbox ? [[item.match.name, centre(item.bbox)]] : [],
    ),
  );
}

describe('boxes: where each ingredient was read, in the pixels of the photo as sent', () => {
  let reader: TesseractReader;
  let scanLabel: ScanLabel;
  let upright: ScanReport;
  let size: { width: number; height: number };

  beforeAll(async () => {
    reader = await createTesseractReader({
      logger: makeLogger({ LOG_LEVEL: 'SILENT', ENVIRONMENT: 'test' }),
    });
    ({ scanLabel } = await libraryDataRuntime(reader));
    upright = await scanLabel({ source: 'image', image: CLEAN });
    const metadata = await sharp(CLEAN).metadata();
    size = { width: metadata.width ?? 0, height: metadata.height ?? 0 };
  });
  afterAll(() => reader.close());

  it('boxes every ingredient and every line inside the photo, each line box around dark print', async () => {
    expect(upright.ingredients.length).toBeGreaterThan(0);
    for (const item of upright.ingredients) expect(item.bbox, item.name).toBeDefined();
    const lines = upright.ocr?.lines ?? [];
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const { data, info } = await sharp(CLEAN).greyscale().raw().toBuffer({ resolveWithObject: true });
    for (const { bbox } of lines) {
      const [x, y, width, height] = bbox;
      expect(x + width).toBeLessThanOrEqual(size.width);
      expect(y + height).toBeLessThanOrEqual(size.height);
      let ink = 0;
      for (let row = y; row < y + height; row++) {
        for (let col = x; col < x + width; col++) if ((data[row * info.width + col] as number) < 128) ink++;
      }
      expect(ink / (width * height)).toBeGreaterThan(0.05);
    }
  });

  it('a photo stored sideways with an EXIF orientation gets the boxes of the upright photo', async () => {
    // Stored turned a quarter anticlockwise; orientation 6 tells viewers to turn it back.
    const sideways = await sharp(CLEAN).rotate(270).withMetadata({ orientation: 6 }).png().toBuffer();
    const report = await scanLabel({ source: 'image', image: sideways });
    const expected = centres(upright);
    expect(expected.size).toBeGreaterThan(3);
    for (const [name, [x, y]] of centres(report)) {
      const want = expected.get(name);
      if (!want) continue;
      expect(Math.abs(x - want[0]), name).toBeLessThan(4);
      expect(Math.abs(y - want[1]), name).toBeLessThan(4);
    }
  });

  it('a photo taken at an angle gets boxes where its words are, not where the straightened image has them', async () => {
    const degrees = 4;
    const tilted = await sharp(CLEAN).rotate(degrees, { background: '#ffffff' }).png().toBuffer();
    const metadata = await sharp(tilted).metadata();
    const report = await scanLabel({ source: 'image', image: tilted });
    const radians = (degrees * Math.PI) / 180;
    // Where a point of the upright label lands once sharp turned it clockwise about the centre.
    const turn = ([x, y]: readonly [number, number]) => {
      const dx = x - size.width / 2;
      const dy = y - size.height / 2;
      return [
        dx * Math.cos(radians) - dy * Math.sin(radians) + (metadata.width ?? 0) / 2,
        dx * Math.sin(radians) + dy * Math.cos(radians) + (metadata.height ?? 0) / 2,
      ];
    };
    let compared = 0;
    for (const [name, [x, y]] of centres(report)) {
      const upright_ = centres(upright).get(name);
      if (!upright_) continue;
      const [wantX, wantY] = turn(upright_) as [number, number];
      expect(Math.abs(x - wantX), name).toBeLessThan(8);
      expect(Math.abs(y - wantY), name).toBeLessThan(8);
      compared++;
    }
    expect(compared).toBeGreaterThan(3);
  });

  it('a label small in a large frame is read again at full size, its boxes placed in the frame', async () => {
    const offset = [1700, 1300] as const;
    const frame = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#8a7a66' } })
      .composite([{ input: CLEAN, left: offset[0], top: offset[1] }])
      .jpeg({ quality: 90 })
      .toBuffer();
    const report = await scanLabel({ source: 'image', image: frame });
    let compared = 0;
    for (const [name, [x, y]] of centres(report)) {
      const want = centres(upright).get(name);
      if (!want) continue;
      expect(Math.abs(x - (want[0] + offset[0])), name).toBeLessThan(6);
      expect(Math.abs(y - (want[1] + offset[1])), name).toBeLessThan(6);
      compared++;
    }
    expect(compared).toBe(centres(upright).size);
  });
});

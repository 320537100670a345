import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTesseractReader, type TesseractReader } from '../../lambdas/src/adapters/tesseract-reader.ts';
import { errorSchema, scanReportSchema } from '../../lambdas/src/http/schemas.ts';
import { makeLogger } from '../../lambdas/src/observability/logger.ts';
import { pngHeaderOnly, renderLabel } from '../support/label-render.ts';
import { type LocalApi, libraryDataRuntime, startLocalApi } from '../support/local-api.ts';

const LINES = [
  'Soft Comfort Ultra Thin Pads',
  'INGREDIENTS: Polypropylene, Polyethylene, Cellulose,',
  'Sodium Polyacrylate, Titanium Dioxide, Fragrance.',
  'Directions: change every 4 to 8 hours. Made in USA.',
];
const EXPECTED = [
  'Polypropylene',
  'Polyethylene',
  'Cellulose',
  'Sodium Polyacrylate',
  'Titanium Dioxide',
  'Fragrance',
];

describe('photo scans through the local server', () => {
  let reader: TesseractReader;
  let api: LocalApi;
  let label: Buffer;

  beforeAll(async () => {
    reader = await createTesseractReader({
      logger: makeLogger({ LOG_LEVEL: 'SILENT', ENVIRONMENT: 'test' }),
    });
    const data = await libraryDataRuntime(reader);
    api = await startLocalApi(async () => data);
    label = await renderLabel(LINES, { degrees: -2 });
  });
  afterAll(async () => {
    await api.close();
    await reader.close();
  });

  const scan = (body: Buffer | string, contentType: string) =>
    fetch(`${api.url}/api/scan`, { method: 'POST', headers: { 'Content-Type': contentType }, body });

  async function expectError(response: Response, status: number, code: string) {
    expect(response.status).toBe(status);
    return errorSchema.parse(await response.json()).error.code === code;
  }

  it('reports every ingredient of a photographed label, with the OCR text and confidence', async () => {
    const response = await scan(label, 'image/png');

    expect(response.status).toBe(200);
    const report = scanReportSchema.parse(await response.json());
    expect(report.source).toBe('image');
    expect(report.ingredients.map((item) => item.match?.name)).toEqual(EXPECTED);
    expect(report.ocr?.text).toContain('INGREDIENTS');
    expect(report.ocr?.confidence).toBeGreaterThan(0.6);
    expect(report.timings_ms.ocr).toBeGreaterThan(0);
  });

  it('reads a JPEG photo sent as multipart field "image" and as JSON base64', async () => {
    const jpeg = await sharp(label).jpeg({ quality: 75 }).toBuffer();
    const form = new FormData();
    form.append('image', new Blob([jpeg], { type: 'image/jpeg' }), 'label.jpg');
    const multipart = await fetch(`${api.url}/api/scan`, { method: 'POST', body: form });
    const json = await scan(JSON.stringify({ image: jpeg.toString('base64') }), 'application/json');

    for (const response of [multipart, json]) {
      expect(response.status).toBe(200);
      const report = scanReportSchema.parse(await response.json());
      expect(report.ingredients.map((item) => item.match?.name)).toEqual(EXPECTED);
    }
  });

  it('applies the EXIF orientation of a phone photo', async () => {
    // Stored rotated a quarter turn, with EXIF orientation 6 saying "rotate 90° clockwise to view".
    const stored = await sharp(label).rotate(-90).withMetadata({ orientation: 6 }).jpeg().toBuffer();

    const report = scanReportSchema.parse(await (await scan(stored, 'image/jpeg')).json());
    expect(report.ingredients.map((item) => item.match?.name)).toEqual(EXPECTED);
  });

  it('answers 422 with what was read when a readable photo has no ingredient list', async () => {
    const front = await renderLabel(['Soft Comfort', 'Ultra thin pads with wings', '14 pads']);
    const response = await scan(front, 'image/png');

    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; text: string } };
    expect(body.error.code).toBe('no_ingredients_found');
    expect(body.error.text).toContain('Ultra thin');
  });

  it('answers 422 for a blank page and for a 1-pixel image', async () => {
    const blank = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const pixel = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
      .png()
      .toBuffer();

    expect(await expectError(await scan(blank, 'image/png'), 422, 'no_ingredients_found')).toBe(true);
    expect(await expectError(await scan(pixel, 'image/png'), 422, 'no_ingredients_found')).toBe(true);
  });

  it('answers 413 for a decompression bomb without decoding it, and 400 for a truncated photo', async () => {
    const jpeg = await sharp(label).jpeg().toBuffer();

    expect(
      await expectError(await scan(pngHeaderOnly(60_000, 60_000), 'image/png'), 413, 'payload_too_large'),
    ).toBe(true);
    expect(await expectError(await scan(jpeg.subarray(0, 400), 'image/jpeg'), 400, 'invalid_request')).toBe(
      true,
    );
  });

  it('answers 415 for GIF and HEIC whatever Content-Type claims, then still scans the next photo', async () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1');
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'),
    ]);

    expect(await expectError(await scan(gif, 'image/jpeg'), 415, 'unsupported_media_type')).toBe(true);
    expect(await expectError(await scan(heic, 'image/png'), 415, 'unsupported_media_type')).toBe(true);
    expect((await scan(label, 'image/png')).status).toBe(200);
  });
});

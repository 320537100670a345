import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { estimateSkew, prepareForOcr } from '../../lambdas/src/adapters/label-image.ts';
import {
  InvalidRequestError,
  NoIngredientsFoundError,
  PayloadTooLargeError,
} from '../../lambdas/src/domain/errors.ts';
import { pngHeaderOnly, renderLabel } from '../support/label-render.ts';

const LINES = [
  'INGREDIENTS: Cotton, Rayon, Polyester, Polypropylene,',
  'Sodium Polyacrylate, Titanium Dioxide, Fragrance,',
  'Glycerin, Citric Acid, Phenoxyethanol, Tocopherol.',
  'Directions: change every 4 to 8 hours.',
];

async function grayOf(png: Buffer) {
  const { data, info } = await sharp(png).grayscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('preparing a label photo for OCR', () => {
  it.each([3.2, -2.5, 6, -8.4])('measures a text rotated by %s° within 0.5°', async (degrees) => {
    const { data, width, height } = await grayOf(await renderLabel(LINES, { degrees }));

    expect(Math.abs(estimateSkew(data, width, height) - degrees)).toBeLessThanOrEqual(0.5);
  });

  it('straightens a rotated photo: the prepared image measures within 0.5° of level', async () => {
    const prepared = await prepareForOcr(await renderLabel(LINES, { degrees: 4 }));

    expect(Math.abs(prepared.skewDegrees - 4)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(estimateSkew(prepared.pixels, prepared.width, prepared.height))).toBeLessThanOrEqual(0.5);
  });

  it('enlarges small print and leaves large print at its size', async () => {
    const small = await prepareForOcr(await renderLabel(LINES, { fontSize: 12, width: 500 }));
    const large = await prepareForOcr(await renderLabel(LINES, { fontSize: 40, width: 1400 }));

    expect(small.scale).toBeGreaterThan(1.5);
    expect(large.scale).toBe(1);
  });

  it('reads nothing from a blank page (no angle, no crash)', async () => {
    const blank = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect((await prepareForOcr(blank)).skewDegrees).toBe(0);
  });

  it('flattens uneven lighting: a dark corner becomes paper white', async () => {
    const label = await renderLabel(LINES);
    const { width = 0, height = 0 } = await sharp(label).metadata();
    const shadow = Buffer.from(
      `<svg width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
       <stop offset="0" stop-color="#000" stop-opacity="0.6"/><stop offset="0.6" stop-color="#000" stop-opacity="0"/>
       </linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`,
    );
    const shaded = await sharp(label)
      .composite([{ input: shadow }])
      .png()
      .toBuffer();

    const prepared = await prepareForOcr(shaded);
    // The top-left margin (no text) was darkened by 60%; after flattening it reads as white paper.
    expect(prepared.pixels[5 * prepared.width + 5]).toBeGreaterThan(230);
  });

  it('refuses a decompression bomb from its header alone (413)', async () => {
    await expect(prepareForOcr(pngHeaderOnly(50_000, 50_000))).rejects.toBeInstanceOf(PayloadTooLargeError);
  });

  it('refuses damaged bytes with 400', async () => {
    const label = await renderLabel(LINES);
    const jpeg = await sharp(label).jpeg().toBuffer();
    await expect(prepareForOcr(jpeg.subarray(0, 300))).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it('answers 422 for a 1-pixel image', async () => {
    const pixel = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    await expect(prepareForOcr(pixel)).rejects.toBeInstanceOf(NoIngredientsFoundError);
  });
});

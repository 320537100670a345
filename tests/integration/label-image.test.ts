import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { BAND_PADDING, type ImageBand, splitIntoBands } from '../../lambdas/src/adapters/image-bands.ts';
import { type PreparedImage, prepareForOcr } from '../../lambdas/src/adapters/label-image.ts';
import { estimateSkew } from '../../lambdas/src/adapters/skew.ts';
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

/** The rows of a band's PGM, without the white rows added at its cut edges. */
function bandRows(band: ImageBand, prepared: PreparedImage): Buffer {
  const header = `P5\n${prepared.width} `;
  expect(band.pgm.subarray(0, header.length).toString('latin1')).toBe(header);
  const pixels = band.pgm.subarray(band.pgm.length - (band.pgm.length - band.pgm.indexOf('\n255\n') - 5));
  const above = band.top > 0 ? BAND_PADDING : 0;
  const below = band.bottom < prepared.height ? BAND_PADDING : 0;
  expect(pixels.length).toBe((band.bottom - band.top + above + below) * prepared.width);
  expect(pixels.subarray(0, above * prepared.width).every((value) => value === 255)).toBe(true);
  expect(pixels.subarray(pixels.length - below * prepared.width).every((value) => value === 255)).toBe(true);
  return pixels.subarray(above * prepared.width, pixels.length - below * prepared.width);
}

/** Rows holding print (any pixel darker than mid-gray), as runs: the text lines. */
function textLines(pixels: Buffer, width: number): number {
  let lines = 0;
  let inLine = false;
  for (let y = 0; y < pixels.length / width; y++) {
    const inked = pixels.subarray(y * width, (y + 1) * width).some((value) => value < 128);
    if (inked && !inLine) lines++;
    inLine = inked;
  }
  return lines;
}

describe('cutting a prepared label into bands for OCR workers', () => {
  const PARAGRAPH = [
    'INGREDIENTS: Cotton, Rayon, Polyester, Polypropylene,',
    'Sodium Polyacrylate, Titanium Dioxide, Fragrance,',
    'Glycerin, Citric Acid, Phenoxyethanol, Tocopherol,',
    'Aloe Barbadensis Leaf Juice, Sodium Benzoate, Water,',
    'Lactic Acid, Coco-Glucoside, Xanthan Gum, Parfum,',
    'Limonene, Linalool, Panthenol, Allantoin, Bisabolol.',
  ];

  it('puts every row in exactly one band, top to bottom, and cuts only through blank rows', async () => {
    const prepared = await prepareForOcr(await renderLabel(PARAGRAPH, { degrees: 3 }));

    const bands = splitIntoBands(prepared, 2);

    expect(bands).toHaveLength(2);
    const [top, bottom] = bands as [ImageBand, ImageBand];
    expect([top.top, top.bottom, bottom.bottom]).toEqual([0, bottom.top, prepared.height]);
    expect(Buffer.concat([bandRows(top, prepared), bandRows(bottom, prepared)])).toEqual(prepared.pixels);
    const cutRow = prepared.pixels.subarray(top.bottom * prepared.width, (top.bottom + 1) * prepared.width);
    expect(cutRow.every((value) => value > 128)).toBe(true);
  });

  it('gives each band half of the lines', async () => {
    const prepared = await prepareForOcr(await renderLabel(PARAGRAPH));

    const counts = splitIntoBands(prepared, 2).map((band) =>
      textLines(bandRows(band, prepared), prepared.width),
    );

    expect(counts).toEqual([3, 3]);
  });

  it('weighs a line by its length, not its ink: a large title counts as a short line', async () => {
    // By ink, the title (three times the size: nine times the ink per letter) would weigh as much as two
    // lines of the paragraph, and the cut would fall a line higher.
    let y = 0;
    const text = [{ line: 'Lotus Pads', size: 90 }, ...PARAGRAPH.map((line) => ({ line, size: 30 }))].map(
      ({ line, size }) => {
        y += size * 1.6;
        return `<text x="40" y="${y}" font-family="DejaVu Sans" font-size="${size}">${line}</text>`;
      },
    );
    const page = await sharp(
      Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="${y + 40}"><rect width="100%" height="100%" fill="#fff"/>${text.join('')}</svg>`,
      ),
    )
      .png()
      .toBuffer();
    const prepared = await prepareForOcr(page);

    const counts = splitIntoBands(prepared, 2).map((band) =>
      textLines(bandRows(band, prepared), prepared.width),
    );

    expect(counts).toEqual([4, 3]);
  });

  it('leaves a single line, or a request for one band, whole', async () => {
    const prepared = await prepareForOcr(await renderLabel(['INGREDIENTS: Cotton, Rayon.']));
    expect(splitIntoBands(prepared, 2)).toEqual([{ pgm: prepared.pgm, top: 0, bottom: prepared.height }]);

    const paragraph = await prepareForOcr(await renderLabel(PARAGRAPH));
    expect(splitIntoBands(paragraph, 1)).toEqual([{ pgm: paragraph.pgm, top: 0, bottom: paragraph.height }]);
  });
});

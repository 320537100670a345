import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { InvalidRequestError, NoIngredientsFoundError, PayloadTooLargeError } from '../domain/errors.ts';
import type { Box } from '../domain/ports.ts';
import { removeDotLeaders } from './dot-leaders.ts';
import { toPgm } from './pgm.ts';
import { clampBox, photoMapping } from './photo-mapping.ts';
import { measureLayout } from './skew.ts';

/** Decompression bombs are refused from the header, before a single pixel is decoded. */
export const MAX_INPUT_PIXELS = 40_000_000;
/** Larger photos are reduced to this long side first: slower to read, not better. */
const MAX_LONG_SIDE = 2000;
/*
 * The denoising blur, the line height small print is enlarged to, and the largest enlargement were chosen
 * on bench:accuracy's dev photos (the measurements, old and new, are in docs/ocr.md): in the nine typefaces
 * of the field-photo set, lines enlarged to 32 px read best (24 px had been best for DejaVu Sans alone).
 */
/** Text line height (ascender to descender, px) tesseract reads best; small print is enlarged to it. */
const TARGET_LINE_HEIGHT = 32;
/** Gaussian sigma of the denoising blur: removes speckle a median filter left, keeps thin strokes. */
const BLUR_SIGMA = 0.8;
const MAX_UPSCALE = 2.5;
/** A photo whose print is mostly light is read as a negative. */
const MOSTLY = 0.5;

export interface PreparedImage {
  /** What the OCR engine reads: 8-bit grayscale, lighting flattened, deskewed, as a binary PGM file. */
  readonly pgm: Buffer;
  /** The same pixels without the header, row by row. */
  readonly pixels: Buffer;
  readonly width: number;
  readonly height: number;
  /** The text angle that was measured and corrected, in degrees (positive: lines fall to the right). */
  readonly skewDegrees: number;
  /** How much the (at most 2000-px) photo was enlarged for small print. */
  readonly scale: number;
  /** Share of the print lighter than its background (lightPrintShare), before any inversion. */
  readonly lightPrint: number;
  /** The median text line height on these pixels (0 when no line was measured). */
  readonly lineHeight: number;
  /** Width and height of the photo as sent, after EXIF orientation. */
  readonly photoSize: readonly [number, number];
  /** Prepared pixels per photo pixel before the enlargement (below 1: a large photo was reduced). */
  readonly reduction: number;
  /** Maps a box on these pixels back to the photo as sent (after EXIF orientation). */
  readonly toPhoto: (box: Box) => Box;
}

export interface PrepareOptions {
  /** @default 32 */
  readonly targetLineHeight?: number;
  /** Gaussian denoising before the lighting is flattened. @default 0.8 */
  readonly blurSigma?: number;
  /**
   * Only this part of the photo (pixels after EXIF orientation), read at up to full resolution: where a
   * first reading found the text of a label small in a large frame.
   */
  readonly crop?: Box;
  /** Read the photo as a negative. @default when most of the print is light (lightPrintShare > 0.5) */
  readonly invert?: boolean;
}

/**
 * Reads the image header only, then prepares the photo for OCR: EXIF orientation, scale, grayscale,
 * uneven lighting divided out, skew measured by projection profiles and corrected.
 * @throws {PayloadTooLargeError} over 40 megapixels (read from the header, never decoded).
 * @throws {InvalidRequestError} when the bytes cannot be decoded as an image.
 * @throws {NoIngredientsFoundError} for an image too small to hold any text.
 */
export async function prepareForOcr(bytes: Buffer, options: PrepareOptions = {}): Promise<PreparedImage> {
  const { targetLineHeight = TARGET_LINE_HEIGHT, blurSigma = BLUR_SIGMA, crop } = options;
  let metadata: Metadata;
  try {
    // Header only: nothing is decoded here, so sharp's own pixel limit is lifted to let us say how large.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new InvalidRequestError('The image could not be read: the file is damaged or truncated.');
  }
  const width = metadata.width ?? 0;
  const height = metadata.height ?? 0;
  if (width * height > MAX_INPUT_PIXELS) {
    throw new PayloadTooLargeError(
      `The image is ${width} × ${height} pixels; at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels are accepted.`,
    );
  }
  if (width < 16 || height < 16) {
    throw new NoIngredientsFoundError(
      `The image is ${width} × ${height} pixels: too small to hold a label.`,
      '',
    );
  }

  // EXIF orientations 5-8 turn the photo a quarter: its width as shown is the stored height.
  const shownWidth = (metadata.orientation ?? 1) >= 5 ? height : width;
  const shownHeight = (metadata.orientation ?? 1) >= 5 ? width : height;
  const area = crop ? clampBox(crop, shownWidth, shownHeight) : ([0, 0, shownWidth, shownHeight] as const);

  let gray: { data: Buffer; info: OutputInfo };
  try {
    const longSide = Math.max(area[2], area[3]);
    const box = Math.round(Math.min(longSide, MAX_LONG_SIDE));
    let pipeline = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
    // Called after rotate(), sharp extracts from the oriented image.
    if (crop) pipeline = pipeline.extract({ left: area[0], top: area[1], width: area[2], height: area[3] });
    gray = await pipeline
      // A square box with fit "inside" sizes the long side, whatever the EXIF orientation made it.
      .resize({ width: box, height: box, fit: 'inside', withoutEnlargement: true })
      .grayscale()
      // Sensor noise goes first: flattening divides by the paper brightness, which would amplify it.
      .blur(blurSigma)
      .toColourspace('b-w')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw new InvalidRequestError('The image could not be decoded: the file is damaged or truncated.');
  }

  const { width: w, height: h } = gray.info;
  // Flattening takes the brightest pixels for paper: light print has to be turned dark first.
  const lightPrint = lightPrintShare(gray.data, w, h);
  if (options.invert ?? lightPrint > MOSTLY) invert(gray.data);
  const flat = await flattenLighting(gray.data, w, h);
  const layout = await measureLayout(flat, w, h);
  // Tesseract reads best with lines about this tall; small print is enlarged, never shrunk.
  const wanted = layout.lineHeight > 0 ? Math.min(MAX_UPSCALE, targetLineHeight / layout.lineHeight) : 1;
  // Within 10% of the target is close enough: resampling costs time and sharpness.
  const scale = wanted > 1.1 ? wanted : 1;
  const skew = Math.abs(layout.skewDegrees) >= 0.2 ? layout.skewDegrees : 0;
  // One pass: sharp rotates before it resizes, so the enlargement applies to the rotated canvas.
  let image = sharp(flat, { raw: { width: w, height: h, channels: 1 } });
  let outWidth = w;
  if (skew !== 0) {
    image = image.rotate(-skew, { background: { r: 255, g: 255, b: 255 } });
    const radians = (Math.abs(skew) * Math.PI) / 180;
    outWidth = Math.round(w * Math.cos(radians) + h * Math.sin(radians));
  }
  if (scale > 1) image = image.resize({ width: Math.round(outWidth * scale), kernel: 'cubic' });
  const { data, info } = await image.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  const lineHeight = layout.lineHeight * scale;
  removeDotLeaders(data, info.width, info.height, lineHeight || targetLineHeight);
  return {
    pgm: toPgm(data, info.width, info.height),
    pixels: data,
    width: info.width,
    height: info.height,
    skewDegrees: layout.skewDegrees,
    scale,
    lightPrint,
    lineHeight,
    photoSize: [shownWidth, shownHeight],
    reduction: w / area[2],
    toPhoto: photoMapping({
      photo: [shownWidth, shownHeight],
      area,
      reduced: [w, h],
      rotated: [info.width / scale, info.height / scale],
      degrees: -skew,
      scale,
    }),
  };
}

/**
 * Divides each pixel by the local paper brightness, then stretches the contrast: vignetting, shadows,
 * tinted paper and its grain become white, print stays dark. (A fixed threshold would instead erase low-contrast print.)
 * The paper brightness is the maximum of each 24-px block — print is darker than paper, so the block
 * maximum ignores it — smoothed and scaled back to full size.
 */
async function flattenLighting(gray: Buffer, width: number, height: number): Promise<Buffer> {
  const block = 24;
  const blocksX = Math.ceil(width / block);
  const blocksY = Math.ceil(height / block);
  // The pixel loops index typed arrays within their bounds: `as number` states it instead of a `?? 0`
  // fallback on every one of millions of reads.
  const maxima = new Uint8Array(blocksX * blocksY);
  for (let y = 0; y < height; y++) {
    const rowStart = y * width;
    const cellRow = Math.floor(y / block) * blocksX;
    for (let bx = 0; bx < blocksX; bx++) {
      let max = maxima[cellRow + bx] as number;
      const end = Math.min(width, (bx + 1) * block);
      for (let x = bx * block; x < end; x++) {
        const value = gray[rowStart + x] as number;
        if (value > max) max = value;
      }
      maxima[cellRow + bx] = max;
    }
  }
  const background = await sharp(maxima, { raw: { width: blocksX, height: blocksY, channels: 1 } })
    .blur(1.5)
    .resize({ width, height, fit: 'fill', kernel: 'linear' })
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  const out = Buffer.allocUnsafe(gray.length);
  const histogram = new Uint32Array(256);
  for (let i = 0; i < gray.length; i++) {
    const paperLevel = Math.max(1, background[i] as number);
    const value = Math.min(255, Math.round(((gray[i] as number) * 255) / paperLevel));
    out[i] = value;
    histogram[value] = (histogram[value] as number) + 1;
  }
  // Stretch from the darkest 0.5% (black) to the median pixel, which is paper (print covers far less than
  // half a label): faint print gains contrast and what is left of the paper's texture turns white.
  const low = percentile(histogram, gray.length, 0.005);
  const paper = percentile(histogram, gray.length, 0.5);
  const range = Math.max(1, paper - low);
  const stretch = new Uint8Array(256);
  for (let value = 0; value < 256; value++) {
    stretch[value] = Math.max(0, Math.min(255, Math.round(((value - low) * 255) / range)));
  }
  for (let i = 0; i < out.length; i++) out[i] = stretch[out[i] as number] as number;
  return out;
}

/**
 * Share of the print that is lighter than what it is printed on (white on a coloured panel), 0..1: in each
 * block with print in it, strokes are the minority of pixels, so a block whose mean lies nearer its darkest
 * pixel than its brightest holds light print. Blocks vote by their contrast.
 */
export function lightPrintShare(gray: Buffer, width: number, height: number): number {
  const block = 24;
  let light = 0;
  let total = 0;
  for (let top = 0; top + block <= height; top += block) {
    for (let left = 0; left + block <= width; left += block) {
      let min = 255;
      let max = 0;
      let sum = 0;
      for (let y = top; y < top + block; y++) {
        for (let x = left; x < left + block; x++) {
          const value = gray[y * width + x] as number;
          if (value < min) min = value;
          if (value > max) max = value;
          sum += value;
        }
      }
      const contrast = max - min;
      if (contrast < 48) continue;
      const mean = sum / (block * block);
      total += contrast;
      if (mean - min < max - mean) light += contrast;
    }
  }
  return total === 0 ? 0 : light / total;
}

function invert(gray: Buffer): void {
  for (let i = 0; i < gray.length; i++) gray[i] = 255 - (gray[i] as number);
}

function percentile(histogram: Uint32Array, total: number, fraction: number): number {
  let seen = 0;
  for (let value = 0; value < histogram.length; value++) {
    seen += histogram[value] ?? 0;
    if (seen >= total * fraction) return value;
  }
  return 255;
}

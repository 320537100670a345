import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { InvalidRequestError, NoIngredientsFoundError, PayloadTooLargeError } from '../domain/errors.ts';
import type { Box } from '../domain/ports.ts';
import { removeDotLeaders } from './dot-leaders.ts';
import { otsu } from './otsu.ts';

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
const MAX_SKEW_DEGREES = 10;
/** Width of the thumbnail the skew is measured on: enough lines, a few milliseconds. */
const SKEW_SAMPLE_WIDTH = 800;

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
 * Inverts the preparation's geometry for a box: the enlargement, the deskewing rotation (sharp turns
 * about the centre and grows the canvas to hold the corners) and the reduction to at most 2000 px. The
 * box's four corners are mapped and the box around them is kept, clamped to the photo.
 */
function photoMapping(geometry: {
  photo: readonly [number, number];
  /** The part of the photo that was prepared: all of it, or a crop. */
  area: Box;
  reduced: readonly [number, number];
  rotated: readonly [number, number];
  degrees: number;
  scale: number;
}): (box: Box) => Box {
  const { photo, area, reduced, rotated, degrees, scale } = geometry;
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const reduction = reduced[0] / area[2];
  return ([x, y, width, height]) => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const [u, v] of [
      [x, y],
      [x + width, y],
      [x, y + height],
      [x + width, y + height],
    ] as const) {
      // Undo the enlargement, then the rotation (a clockwise turn by `degrees` on screen).
      const dx = u / scale - rotated[0] / 2;
      const dy = v / scale - rotated[1] / 2;
      const rx = dx * cos + dy * sin + reduced[0] / 2;
      const ry = -dx * sin + dy * cos + reduced[1] / 2;
      xs.push(rx / reduction + area[0]);
      ys.push(ry / reduction + area[1]);
    }
    const clamp = (value: number, max: number) => Math.max(0, Math.min(max, Math.round(value)));
    const left = clamp(Math.min(...xs), photo[0]);
    const top = clamp(Math.min(...ys), photo[1]);
    return [left, top, clamp(Math.max(...xs), photo[0]) - left, clamp(Math.max(...ys), photo[1]) - top];
  };
}

/**
 * Wraps 8-bit gray pixels in a binary PGM header: the OCR engine reads it without decompressing, where
 * a PNG would cost an encode here and a decode in the engine.
 */
function toPgm(pixels: Buffer, width: number, height: number): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`, 'ascii'), pixels]);
}

/** White rows added at each cut edge of a band. */
export const BAND_PADDING = 16;
/** A row is blank when at most this share of its pixels is print (speckle on a hard photo is not). */
const BLANK_ROW_INK = 0.003;

/** A horizontal band of a prepared image, for one OCR worker. */
export interface ImageBand {
  /** Rows `top` (inclusive) to `bottom` (exclusive) of the prepared image, as a PGM file. */
  readonly pgm: Buffer;
  readonly top: number;
  readonly bottom: number;
}

/**
 * Cuts a prepared image into at most `count` horizontal bands holding about the same amount of text,
 * each cut through the middle of blank rows between two text lines, so that OCR workers can read them
 * side by side: every row is in exactly one band, top to bottom, and no line of text is cut. A band gets
 * white rows at its cut edges (tesseract misreads text that touches the border). Fewer bands come back
 * when no gap lies near a cut's share of the text (a single line, text with no blank row between lines).
 */
export function splitIntoBands(prepared: PreparedImage, count: number): ImageBand[] {
  const { pixels, width, height } = prepared;
  const whole = [{ pgm: prepared.pgm, top: 0, bottom: height }];
  if (count < 2) return whole;
  // A sample of 300,000 pixels sets the threshold as well as all of a photo's millions would.
  const threshold = otsu(pixels, Math.max(1, Math.floor(pixels.length / 300_000)));
  const blank = Math.max(2, width * BLANK_ROW_INK);
  // The work of reading a line grows with its length in characters, about its inked width over its
  // height (tesseract scales every line to one height): a large title costs no more than small print.
  const candidates: { row: number; workAbove: number }[] = [];
  const inked = new Uint8Array(width);
  let total = 0;
  let lineStart = -1;
  let blankStart = 0;
  for (let y = 0; y <= height; y++) {
    let ink = 0;
    if (y < height) {
      for (let x = 0, i = y * width; x < width; x++, i++) {
        if ((pixels[i] as number) <= threshold) {
          ink++;
          inked[x] = 1;
        }
      }
    }
    const isBlank = y === height || ink <= blank;
    if (!isBlank && lineStart < 0) {
      // A cut goes through the middle of the blank rows above a line (at least two, not the top margin).
      if (blankStart > 0 && y - blankStart >= 2) {
        candidates.push({ row: Math.floor((blankStart + y) / 2), workAbove: total });
      }
      lineStart = y;
    } else if (isBlank && lineStart >= 0) {
      let columns = 0;
      for (let x = 0; x < width; x++) columns += inked[x] as number;
      total += columns / (y - lineStart);
      inked.fill(0);
      lineStart = -1;
      blankStart = y;
    } else if (isBlank) {
      inked.fill(0);
    }
  }
  const cuts: number[] = [];
  for (let k = 1; k < count; k++) {
    const target = (total * k) / count;
    let best: { row: number; workAbove: number } | undefined;
    for (const candidate of candidates) {
      if (candidate.row <= (cuts.at(-1) ?? 0)) continue;
      if (!best || Math.abs(candidate.workAbove - target) < Math.abs(best.workAbove - target))
        best = candidate;
    }
    // A cut far from its share would leave one worker with most of the reading: not worth a band.
    if (best && Math.abs(best.workAbove - target) <= total / (4 * count)) cuts.push(best.row);
  }
  if (cuts.length === 0) return whole;
  const edges = [0, ...cuts, height];
  const padding = Buffer.alloc(BAND_PADDING * width, 255);
  return edges.slice(1).map((bottom, index) => {
    const top = edges[index] as number;
    const parts = [pixels.subarray(top * width, bottom * width)];
    if (top > 0) parts.unshift(padding);
    if (bottom < height) parts.push(padding);
    const rows = bottom - top + (top > 0 ? BAND_PADDING : 0) + (bottom < height ? BAND_PADDING : 0);
    return { pgm: toPgm(Buffer.concat(parts), width, rows), top, bottom };
  });
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

function percentile(histogram: Uint32Array, total: number, fraction: number): number {
  let seen = 0;
  for (let value = 0; value < histogram.length; value++) {
    seen += histogram[value] ?? 0;
    if (seen >= total * fraction) return value;
  }
  return 255;
}

/** Skew and typical text line height, measured on a thumbnail and given in full-size pixels. */
async function measureLayout(
  gray: Buffer,
  width: number,
  height: number,
): Promise<{ skewDegrees: number; lineHeight: number }> {
  const sampleWidth = Math.min(width, SKEW_SAMPLE_WIDTH);
  const { data, info } = await sharp(gray, { raw: { width, height, channels: 1 } })
    .resize({ width: sampleWidth })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { degrees, lineHeight } = analyseLines(data, info.width, info.height);
  return { skewDegrees: degrees, lineHeight: (lineHeight * width) / info.width };
}

/**
 * Estimates the angle of text lines by projection profiles: for each candidate angle the dark pixels are
 * projected onto the axis perpendicular to it; aligned lines give the most peaked profile (the largest sum
 * of squared bin counts). Coarse search over ±10° by 0.5°, then refined by 0.1°.
 * @returns degrees, positive when lines fall to the right (rotate by the negative to straighten).
 */
export function estimateSkew(gray: Uint8Array, width: number, height: number): number {
  return analyseLines(gray, width, height).degrees;
}

/**
 * Skew (see {@link estimateSkew}) and the median height of the text lines: the runs of rows of the
 * best profile that hold ink, in the sample's pixels (0 when there is no text).
 */
function analyseLines(
  gray: Uint8Array,
  width: number,
  height: number,
): { degrees: number; lineHeight: number } {
  const threshold = otsu(gray);
  let ink = 0;
  for (let i = 0; i < gray.length; i++) if ((gray[i] as number) < threshold) ink++;
  if (ink < 50) return { degrees: 0, lineHeight: 0 };
  const xs = new Int32Array(ink);
  const ys = new Int32Array(ink);
  for (let y = 0, n = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((gray[y * width + x] as number) < threshold) {
        xs[n] = x;
        ys[n] = y;
        n++;
      }
    }
  }
  const offset = width + 1;
  const profile = (degrees: number, stride = 1): Float64Array => {
    const radians = (degrees * Math.PI) / 180;
    const sin = Math.sin(radians);
    const cos = Math.cos(radians);
    const bins = new Float64Array(height + 2 * offset);
    for (let i = 0; i < xs.length; i += stride) {
      const bin = Math.round((ys[i] as number) * cos - (xs[i] as number) * sin) + offset;
      bins[bin] = (bins[bin] as number) + 1;
    }
    return bins;
  };
  const score = (degrees: number, stride: number): number => {
    let sum = 0;
    for (const count of profile(degrees, stride)) sum += count * count;
    return sum;
  };
  const best = (from: number, to: number, step: number, start: number, stride: number): number => {
    let bestAngle = start;
    let bestScore = score(start, stride);
    for (let angle = from; angle <= to + 1e-9; angle += step) {
      const value = score(angle, stride);
      if (value > bestScore) {
        bestScore = value;
        bestAngle = angle;
      }
    }
    return bestAngle;
  };
  // The coarse search looks at every fourth ink pixel (a line's peak stands out on a sample), the fine one at all.
  const coarse = best(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES, 0.5, 0, 4);
  const degrees = Math.round(best(coarse - 0.5, coarse + 0.5, 0.1, coarse, 1) * 10) / 10;
  return { degrees, lineHeight: medianRun(profile(degrees)) };
}

/** Median length of the runs of bins holding at least a tenth of the fullest bin's ink. */
function medianRun(bins: Float64Array): number {
  let peak = 0;
  for (const count of bins) peak = Math.max(peak, count);
  const runs: number[] = [];
  let run = 0;
  for (const count of bins) {
    if (count >= peak * 0.1) run++;
    else if (run > 0) {
      if (run >= 2) runs.push(run);
      run = 0;
    }
  }
  if (run >= 2) runs.push(run);
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)] ?? 0;
}

/** `box` moved and cut to lie inside a `width` × `height` image, at least 16 px each way. */
function clampBox(box: Box, width: number, height: number): Box {
  const left = Math.max(0, Math.min(width - 16, Math.round(box[0])));
  const top = Math.max(0, Math.min(height - 16, Math.round(box[1])));
  return [
    left,
    top,
    Math.max(16, Math.min(width - left, Math.round(box[2]))),
    Math.max(16, Math.min(height - top, Math.round(box[3]))),
  ];
}

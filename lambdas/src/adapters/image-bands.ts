import type { PreparedImage } from './label-image.ts';
import { otsu } from './otsu.ts';
import { toPgm } from './pgm.ts';

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

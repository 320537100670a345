import { otsu } from './otsu.ts';

/** A dot is at most this share of a line height across... */
const DOT_SIZE = 0.3;
/** ...and a leader is at least this many dots in a row, on one baseline, closely spaced. */
const MIN_DOTS = 6;
const MAX_GAP_LINES = 1;
const BASELINE_LINES = 0.2;
/** The distances between a leader's dots differ by at most this share of their mean (and 2 px). */
const SPACING_TOLERANCE = 0.5;

interface Blob {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  pixels: number[];
}

/**
 * Whitens dot leaders ("Miconazole nitrate 2% ........ Antifungal"), in place: the engine reads a run of
 * dots as letters and glues them to the name before it ("RESOICINO] 3% ©*° + + + sess"). A leader is six
 * or more specks no larger than a third of a line, evenly spaced in a row on one baseline with less than a
 * line between them; periods, commas and the dots of i and j do not form such a run.
 * @returns how many dots were removed.
 */
export function removeDotLeaders(pixels: Buffer, width: number, height: number, lineHeight: number): number {
  const threshold = otsu(pixels, Math.max(1, Math.floor(pixels.length / 300_000)));
  // The preparation's blur and enlargement grow a printed dot by a few pixels.
  const maxDot = DOT_SIZE * lineHeight + 3;
  const dots = smallBlobs(pixels, width, height, threshold, maxDot);
  dots.sort((a, b) => a.y1 - b.y1 || a.x0 - b.x0);
  // Group dots by baseline, then walk each group left to right cutting at gaps.
  const used = new Uint8Array(dots.length);
  let removed = 0;
  for (let i = 0; i < dots.length; i++) {
    if (used[i]) continue;
    const base = (dots[i] as Blob).y1;
    const row: number[] = [];
    for (let j = i; j < dots.length && (dots[j] as Blob).y1 - base <= BASELINE_LINES * lineHeight; j++) {
      if (!used[j]) row.push(j);
    }
    row.sort((a, b) => (dots[a] as Blob).x0 - (dots[b] as Blob).x0);
    let run: number[] = [];
    const flush = () => {
      if (run.length >= MIN_DOTS && evenlySpaced(run.map((index) => dots[index] as Blob))) {
        for (const index of run) {
          for (const pixel of (dots[index] as Blob).pixels) pixels[pixel] = 255;
          removed++;
        }
      }
      run = [];
    };
    for (const index of row) {
      used[index] = 1;
      const last = run.at(-1);
      if (
        last !== undefined &&
        (dots[index] as Blob).x0 - (dots[last] as Blob).x1 > MAX_GAP_LINES * lineHeight
      ) {
        flush();
      }
      run.push(index);
    }
    flush();
  }
  return removed;
}

/** Printed leaders are evenly spaced; dots of i and j or specks of noise along a line are not. */
function evenlySpaced(run: readonly Blob[]): boolean {
  const gaps = run.slice(1).map((blob, index) => blob.x0 - (run[index] as Blob).x0);
  const mean = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length;
  return Math.max(...gaps) - Math.min(...gaps) <= SPACING_TOLERANCE * mean + 2;
}

/** Connected dark specks no larger than `maxSize` each way (4-connected flood fill, iterative). */
function smallBlobs(
  pixels: Buffer,
  width: number,
  height: number,
  threshold: number,
  maxSize: number,
): Blob[] {
  const seen = new Uint8Array(width * height);
  const blobs: Blob[] = [];
  const stack: number[] = [];
  const visit = (next: number) => {
    if (seen[next] || (pixels[next] as number) > threshold) return;
    seen[next] = 1;
    stack.push(next);
  };
  for (let start = 0; start < pixels.length; start++) {
    if (seen[start] || (pixels[start] as number) > threshold) continue;
    seen[start] = 1;
    stack.push(start);
    const blob: Blob = { x0: width, y0: height, x1: -1, y1: -1, pixels: [] };
    let large = false;
    while (stack.length > 0) {
      const pixel = stack.pop() as number;
      const x = pixel % width;
      const y = (pixel - x) / width;
      if (!large) {
        blob.pixels.push(pixel);
        blob.x0 = Math.min(blob.x0, x);
        blob.x1 = Math.max(blob.x1, x);
        blob.y0 = Math.min(blob.y0, y);
        blob.y1 = Math.max(blob.y1, y);
        // A letter or a rule: keep filling to mark it seen, but stop recording it.
        if (blob.x1 - blob.x0 >= maxSize || blob.y1 - blob.y0 >= maxSize) large = true;
      }
      // The four neighbours, without allocating: left, right, up, down.
      if (x > 0) visit(pixel - 1);
      if (x < width - 1) visit(pixel + 1);
      if (y > 0) visit(pixel - width);
      if (y < height - 1) visit(pixel + width);
    }
    if (!large) blobs.push(blob);
  }
  return blobs;
}

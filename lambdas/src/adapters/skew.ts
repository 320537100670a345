import sharp from 'sharp';
import { otsu } from './otsu.ts';

const MAX_SKEW_DEGREES = 10;
/** Width of the thumbnail the skew is measured on: enough lines, a few milliseconds. */
const SKEW_SAMPLE_WIDTH = 800;

/** Skew and typical text line height, measured on a thumbnail and given in full-size pixels. */
export async function measureLayout(
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

import type { Box, OcrResult } from '../domain/ports.ts';
import { type PreparedImage, type PrepareOptions, prepareForOcr } from './label-image.ts';
import { textFocus, wordCount } from './text-focus.ts';

/** Reads one prepared page with the OCR engines. */
export type PreparedReader = (prepared: PreparedImage) => Promise<OcrResult>;

/** A reading less confident than this is tried again with the lighter denoising. */
const RETRY_BELOW = 0.9;
/**
 * The lighter denoising: it keeps the strokes of small print that the default blur merges, and reads
 * noisy photos worse (docs/ocr.md, "Further readings").
 */
const LIGHT_BLUR = 0.5;
/**
 * A photo with at least this share of its print light, and as much dark, is read as a negative too: a
 * label printed dark with a light-on-colour panel (the whole photo's negative is read when most print is
 * light). On the field-photo dev sets, panels measure 0.40-0.41 and photos without one at most 0.34.
 */
const PANEL_SHARE = 0.35;
/** The closer reading replaces the first unless it lost more than this share of the words. */
const KEEP_WORDS = 0.7;

/**
 * Reads a photo as many times as it needs: once prepared as usual; again from the full-size pixels around
 * the text when the label is small in a large frame (kept unless it lost most of the words); and again
 * with the lighter denoising when the reading is unsure; and as a negative when part of the print is light
 * on a dark panel. All readings are returned, the most confident first.
 * @throws whatever preparing the photo or reading it throws.
 */
export async function readPhoto(bytes: Buffer, read: PreparedReader): Promise<OcrResult> {
  const prepared = await prepareForOcr(bytes);
  let best = await read(prepared);
  // A label small in a large frame was read reduced: read its text again from the full-size pixels.
  const focus = textFocus(best, prepared);
  let crop: Box | undefined;
  if (focus) {
    const closer = await readWith(bytes, read, { crop: focus });
    if (wordCount(closer) >= KEEP_WORDS * wordCount(best)) [best, crop] = [closer, focus];
  }
  const readings = [best];
  if (best.confidence < RETRY_BELOW) {
    readings.push(await readWith(bytes, read, { crop, blurSigma: LIGHT_BLUR }));
  }
  // A panel of light print on a label printed dark, or the reverse: the negative reads the panel.
  if (Math.min(prepared.lightPrint, 1 - prepared.lightPrint) >= PANEL_SHARE) {
    readings.push(await readWith(bytes, read, { crop, invert: prepared.lightPrint <= 0.5 }));
  }
  // The engine cannot tell which reading is right; the scan can (ports.ts: OcrResult.alternatives).
  const [first, ...others] = readings.sort((a, b) => b.confidence - a.confidence) as [OcrResult];
  return others.length === 0 ? first : { ...first, alternatives: others };
}

async function readWith(
  bytes: Buffer,
  read: PreparedReader,
  options: PrepareOptions & { crop?: Box | undefined },
): Promise<OcrResult> {
  const { crop, ...rest } = options;
  return read(await prepareForOcr(bytes, crop ? { ...rest, crop } : rest));
}

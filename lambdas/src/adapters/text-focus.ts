import type { Box, OcrResult } from '../domain/ports.ts';
import type { PreparedImage } from './label-image.ts';

/** Below this many prepared pixels per photo pixel, a photo was reduced enough to lose small print. */
const REDUCED = 0.8;
/** The text must fill less than this share of the photo's long side for a second, closer reading. */
const SMALL_SHARE = 0.7;

/** Lines that look like text, not texture read as letters: two words of three letters or more. */
function isTextLine(line: OcrResult['lines'][number]): boolean {
  return line.words.filter((word) => /\p{L}{3}/u.test(word.text)).length >= 2;
}

/**
 * Where the text of a label small in a large frame lies (a phone held back from a table): the box around
 * the lines read as text, with a margin, when the photo was reduced to be read and that box is much
 * smaller than the photo — reading it alone keeps up to every pixel the camera took. Null otherwise.
 */
export function textFocus(read: OcrResult, prepared: PreparedImage): Box | null {
  if (prepared.reduction >= REDUCED) return null;
  const lines = read.lines.filter(isTextLine);
  if (lines.length === 0) return null;
  const left = Math.min(...lines.map((line) => line.bbox[0]));
  const top = Math.min(...lines.map((line) => line.bbox[1]));
  const right = Math.max(...lines.map((line) => line.bbox[0] + line.bbox[2]));
  const bottom = Math.max(...lines.map((line) => line.bbox[1] + line.bbox[3]));
  const heights = lines.map((line) => line.bbox[3]).sort((a, b) => a - b);
  // Lines missed at the edges (a heading, the last line) are within a few line heights of those read.
  const margin = 3 * (heights[Math.floor(heights.length / 2)] as number);
  const [photoWidth, photoHeight] = prepared.photoSize;
  const box: Box = [
    Math.max(0, left - margin),
    Math.max(0, top - margin),
    Math.min(photoWidth, right + margin) - Math.max(0, left - margin),
    Math.min(photoHeight, bottom + margin) - Math.max(0, top - margin),
  ];
  const small = Math.max(box[2], box[3]) < SMALL_SHARE * Math.max(photoWidth, photoHeight);
  return small ? box : null;
}

export function wordCount(read: OcrResult): number {
  return read.lines.reduce((sum, line) => sum + line.words.length, 0);
}

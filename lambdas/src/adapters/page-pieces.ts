import { BAND_PADDING, splitIntoBands } from './image-bands.ts';
import type { PreparedImage } from './label-image.ts';
import { cropRegion, findTextRegions } from './text-regions.ts';

/** A part of the prepared page that one OCR job reads. */
export interface PagePiece {
  readonly pgm: Buffer;
  /** Where the piece's pixel (0, 0) lies on the prepared image. */
  readonly left: number;
  readonly top: number;
}

/**
 * How a prepared page is read: a page in columns is read column by column in reading order (their texts
 * are separate paragraphs); a page in one column is cut into as many horizontal bands as there are
 * workers (splitIntoBands), whose texts continue one another.
 */
export function pagePieces(
  prepared: PreparedImage,
  workers: number,
): { pieces: PagePiece[]; columns: boolean } {
  const regions = findTextRegions(
    prepared.pixels,
    prepared.width,
    prepared.height,
    prepared.lineHeight || 32,
  );
  if (regions.length > 1) {
    return {
      pieces: regions.map((region) => cropRegion(prepared.pixels, prepared.width, region)),
      columns: true,
    };
  }
  const bands = splitIntoBands(prepared, workers).map((band) => ({
    pgm: band.pgm,
    left: 0,
    top: band.top - (band.top > 0 ? BAND_PADDING : 0),
  }));
  return { pieces: bands, columns: false };
}

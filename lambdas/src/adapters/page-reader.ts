import type { OcrResult } from '../domain/ports.ts';
import { untilAborted } from '../shared/abort.ts';
import type { PreparedImage } from './label-image.ts';
import { pagePieces } from './page-pieces.ts';
import { tsvLines } from './tsv-lines.ts';

/** One OCR engine as the page reader uses it: a PGM in, text, mean confidence (0-100) and TSV out. */
export type PieceReader = (pgm: Buffer) => Promise<{ text: string; confidence: number; tsv: string }>;

/**
 * Reads a prepared page with the given engines side by side: the page's pieces (its columns, or bands of
 * a page in one column) go to whichever engine is free next, and come back in reading order with their
 * lines and words boxed in the photo's pixels.
 * @throws whatever an engine throws, or the signal's reason once it aborts.
 */
export async function readPage(
  prepared: PreparedImage,
  engines: readonly PieceReader[],
  signal?: AbortSignal,
): Promise<OcrResult> {
  const { pieces, columns } = pagePieces(prepared, Math.max(1, engines.length));
  const read: OcrResult[] = new Array(pieces.length);
  let next = 0;
  const work = engines.slice(0, pieces.length).map(async (engine) => {
    for (let index = next++; index < pieces.length; index = next++) {
      const piece = pieces[index];
      if (piece === undefined) break;
      const result = await engine(piece.pgm);
      read[index] = {
        text: result.text,
        confidence: result.confidence,
        lines: tsvLines(result.tsv, piece.left, piece.top, prepared.toPhoto),
      };
    }
  });
  await untilAborted(Promise.all(work), signal);
  // Columns are paragraphs of their own; bands continue one another.
  return joinPieces(read, columns ? '\n\n' : '\n');
}

/**
 * One text from the pieces of a photo, in reading order: each piece ends a line, so they join with a line
 * break (tesseract ends every text with one), or a blank line between columns. The confidence is the mean
 * over the pieces, weighted by how much text each read.
 */
function joinPieces(pieces: readonly OcrResult[], separator: string): OcrResult {
  const texts = pieces.map((piece) => piece.text.replace(/\s+$/, ''));
  const weights = texts.map((text) => Math.max(1, text.length));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const confidence =
    pieces.reduce((sum, piece, index) => sum + piece.confidence * (weights[index] as number), 0) / total;
  return {
    text: `${texts.filter((text) => text !== '').join(separator)}\n`,
    confidence: Math.max(0, Math.min(1, confidence / 100)),
    lines: pieces.flatMap((piece) => piece.lines),
  };
}

import type { Box, OcrLine, OcrWord } from '../domain/ports.ts';

/**
 * The lines and words of tesseract's TSV output (one row per page, block, paragraph, line and word:
 * `level page block par line word left top width height conf text`), boxed in the photo's pixels. The
 * piece read has its pixel (0, 0) at (`left`, `top`) of the prepared image; `toPhoto` maps from there.
 * TSV carries what the boxes need at a fraction of the cost of the `blocks` tree (which holds every
 * symbol and its alternatives).
 */
export function tsvLines(tsv: string, left: number, top: number, toPhoto: (box: Box) => Box): OcrLine[] {
  const lines: { bbox: Box; words: OcrWord[] }[] = [];
  for (const row of tsv.split('\n')) {
    const cells = row.split('\t');
    if (cells.length < 12) continue;
    const [level, , , , , , x, y, width, height] = cells.map(Number);
    const box = (): Box =>
      toPhoto([(x as number) + left, (y as number) + top, width as number, height as number]);
    if (level === 4) {
      lines.push({ bbox: box(), words: [] });
    } else if (level === 5) {
      const text = cells.slice(11).join('\t').trim();
      if (text !== '') lines.at(-1)?.words.push({ text, bbox: box() });
    }
  }
  return lines
    .filter((line) => line.words.length > 0)
    .map((line) => ({
      text: line.words.map((word) => word.text).join(' '),
      bbox: line.bbox,
      words: line.words,
    }));
}

import { describe, expect, it } from 'vitest';
import type { PreparedImage } from '../../lambdas/src/adapters/label-image.ts';
import { textFocus } from '../../lambdas/src/adapters/text-focus.ts';
import type { Box, OcrResult } from '../../lambdas/src/domain/ports.ts';

const prepared = (reduction: number, photoSize: [number, number]) =>
  ({ reduction, photoSize }) as unknown as PreparedImage;

const line = (text: string, bbox: Box) => ({
  text,
  bbox,
  words: text.split(' ').map((word) => ({ text: word, bbox })),
});

describe('textFocus: where to read a label small in a large frame again', () => {
  const read: OcrResult = {
    text: '',
    confidence: 0.8,
    lines: [
      line('Ingredients: Aqua, Glycerin', [1600, 1200, 500, 20]),
      line('Sodium Benzoate, Citric Acid', [1600, 1230, 480, 20]),
      // Texture of the table read as letters: no two words of three letters.
      line('~ i| ,', [100, 2800, 60, 20]),
    ],
  };

  it('boxes the lines read as text with three line heights of margin', () => {
    expect(textFocus(read, prepared(0.5, [4000, 3000]))).toEqual([1540, 1140, 620, 170]);
  });

  it('does nothing for a photo read at nearly full size, or whose text fills the frame', () => {
    expect(textFocus(read, prepared(0.9, [4000, 3000]))).toBeNull();
    const wide = { ...read, lines: [...read.lines, line('Made in Portugal', [100, 2600, 3800, 30])] };
    expect(textFocus(wide, prepared(0.5, [4000, 3000]))).toBeNull();
  });

  it('does nothing when nothing was read as text', () => {
    expect(textFocus({ ...read, lines: read.lines.slice(2) }, prepared(0.5, [4000, 3000]))).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { findTextRegions, type Region } from '../../lambdas/src/adapters/text-regions.ts';

const LINE = 24;

/** A white page with "text lines": dark blocks 16 px tall every 24 px, between x0 and x1. */
function page(width: number, height: number) {
  const pixels = new Uint8Array(width * height).fill(255);
  const text = (x0: number, x1: number, y0: number, lines: number) => {
    for (let line = 0; line < lines; line++) {
      for (let y = y0 + line * LINE; y < y0 + line * LINE + 16; y++) {
        // Words of 40 px with 8-px spaces, so a line is not one solid bar.
        for (let x = x0; x < x1; x++) if ((x - x0) % 48 < 40) pixels[y * width + x] = 20;
      }
    }
  };
  const rule = (x: number, y0: number, y1: number) => {
    for (let y = y0; y < y1; y++) pixels[y * width + x] = pixels[y * width + x + 1] = 30;
  };
  return { pixels, width, height, text, rule };
}

const centreX = (region: Region) => region.left + region.width / 2;

describe('findTextRegions: the columns of a label, in reading order', () => {
  it('reads a page of one column as one region', () => {
    const p = page(800, 400);
    p.text(40, 760, 40, 12);
    expect(findTextRegions(p.pixels, p.width, p.height, LINE)).toHaveLength(1);
  });

  it('keeps two columns apart, left before right, under a full-width title', () => {
    const p = page(1200, 500);
    p.text(40, 1160, 30, 1);
    p.text(40, 560, 90, 14);
    p.text(620, 1160, 90, 9);
    const regions = findTextRegions(p.pixels, p.width, p.height, LINE);
    expect(regions).toHaveLength(3);
    expect(regions[0]?.width).toBeGreaterThan(1000);
    expect(centreX(regions[1] as Region)).toBeLessThan(600);
    expect(centreX(regions[2] as Region)).toBeGreaterThan(600);
  });

  it('treats a ruled line in the gutter as the gutter, where the paper beside it alone is too narrow', () => {
    const p = page(1200, 400);
    p.text(40, 560, 40, 12);
    p.text(590, 1160, 40, 12);
    // 14 px of paper on each side of the rule: less than a gutter, which the rule makes up.
    p.rule(574, 30, 340);
    expect(findTextRegions(p.pixels, p.width, p.height, LINE)).toHaveLength(2);
  });

  it('does not split a short table row (a name and its purpose) nor a page at word spaces', () => {
    const p = page(1200, 300);
    p.text(40, 500, 40, 3);
    p.text(900, 1160, 40, 3);
    p.text(40, 1160, 130, 6);
    expect(findTextRegions(p.pixels, p.width, p.height, LINE)).toHaveLength(1);
  });
});

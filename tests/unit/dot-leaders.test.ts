import { describe, expect, it } from 'vitest';
import { removeDotLeaders } from '../../lambdas/src/adapters/dot-leaders.ts';

const LINE = 32;

function page(width = 800, height = 120) {
  const pixels = Buffer.alloc(width * height, 255);
  const square = (x0: number, y0: number, size: number) => {
    for (let y = y0; y < y0 + size; y++) for (let x = x0; x < x0 + size; x++) pixels[y * width + x] = 10;
  };
  const ink = () => pixels.filter((value) => value < 128).length;
  return { pixels, width, height, square, ink };
}

describe('removeDotLeaders: the dots between an active and its purpose', () => {
  it('whitens a row of evenly spaced dots and leaves the letters beside it', () => {
    const p = page();
    // "Letters": 14-px blocks; a leader of 20 dots of 4 px every 12 px on their baseline.
    for (let x = 20; x < 200; x += 18) p.square(x, 40, 14);
    const letters = p.ink();
    for (let i = 0; i < 20; i++) p.square(220 + i * 12, 50, 4);
    expect(removeDotLeaders(p.pixels, p.width, p.height, LINE)).toBe(20);
    expect(p.ink()).toBe(letters);
  });

  it('leaves a few periods, and dots spaced unevenly (the dots of i and j, speckle)', () => {
    const p = page();
    for (const x of [40, 300, 600]) p.square(x, 50, 4);
    for (const x of [100, 110, 135, 150, 185, 190, 230]) p.square(x, 20, 4);
    const before = p.ink();
    expect(removeDotLeaders(p.pixels, p.width, p.height, LINE)).toBe(0);
    expect(p.ink()).toBe(before);
  });
});

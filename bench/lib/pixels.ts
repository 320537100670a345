/** Pixel and colour helpers shared by the label-photo generators. */
import { int, type Rng } from './random.ts';

/** Adds independent Gaussian noise of standard deviation `sigma` to every channel of every pixel. */
export function addNoise(pixels: Buffer, sigma: number, rng: Rng): void {
  for (let index = 0; index < pixels.length; index += 2) {
    // Box–Muller: two independent normal samples per pair of uniforms.
    const radius = sigma * Math.sqrt(-2 * Math.log(1 - rng()));
    const theta = 2 * Math.PI * rng();
    pixels[index] = clampByte((pixels[index] ?? 0) + radius * Math.cos(theta));
    if (index + 1 < pixels.length) {
      pixels[index + 1] = clampByte((pixels[index + 1] ?? 0) + radius * Math.sin(theta));
    }
  }
}

export function clampByte(value: number): number {
  return value < 0 ? 0 : value > 255 ? 255 : Math.round(value);
}

export function parseHex(colour: string): [number, number, number] {
  const value = Number.parseInt(colour.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** A colour near `base`, each channel moved by the same random amount within ±`spread`. */
export function grey(rng: Rng, base: [number, number, number], spread: number): string {
  const shift = int(rng, -spread, spread);
  return `#${base
    .map((channel) =>
      clampByte(channel + shift)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** Seeded randomness for the benchmark generators: the same seed gives the same labels. */
import { createHash } from 'node:crypto';

export type Rng = () => number;

/** An independent seed per image, so adding images to one style leaves the others unchanged. */
export function hashSeed(seed: number, style: string, index: number): number {
  return createHash('sha256').update(`${seed}/${style}/${index}`).digest().readUInt32LE(0);
}

export function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng();
}

/** Integer in [min, max], both included. */
export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(rng() * (index + 1));
    const a = copy[index] as T;
    copy[index] = copy[other] as T;
    copy[other] = a;
  }
  return copy;
}
